/**
 * The quarantine: rejected rows with their line, column, value and reason, one CSV per delivered
 * file, in a gitignored folder. Never published.
 */
import {mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import type {Delivery} from "./read.js";
import {REJECT_REASONS} from "./reject.js";
import {MAX_FIELD_LENGTH} from "./templates.js";

/** A cell as the quarantine keeps it: cut after MAX_FIELD_LENGTH characters (a 50 MB field stays out). */
function kept(cell: string): string {
  return cell.length > MAX_FIELD_LENGTH ? `${cell.slice(0, MAX_FIELD_LENGTH)}… (ingekort, ${cell.length} tekens)` : cell;
}

/** Writes `<dir>/<file>` for every file with rejects; returns the paths written. */
export function writeQuarantine(delivery: Delivery, dir: string): string[] {
  rmSync(dir, {recursive: true, force: true});
  const byFile = new Map<string, typeof delivery.rejects>();
  for (const r of delivery.rejects) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const written: string[] = [];
  for (const [file, rejects] of byFile) {
    mkdirSync(dir, {recursive: true});
    const header = delivery.headers[file] ?? [];
    const rows = [
      ["regel", "kolom", "waarde", "reden", "melding", ...header],
      ...rejects.map((r) => [String(r.line), r.column, r.value, r.reason, REJECT_REASONS[r.reason], ...(r.raw ?? [])].map(kept))
    ];
    const path = join(dir, file);
    writeFileSync(path, dsvFormat(";").formatRows(rows) + "\n");
    written.push(path);
  }
  return written;
}
