/**
 * The quarantine: rejected rows with their line, column, value and reason, one CSV per delivered
 * file, in a gitignored folder. Never published.
 *
 * The tool touches only its own folders: a quarantine folder's name is derived from the resolved
 * delivery path (a sanitised last component plus a short hash; never `..`, `.`, a separator or an
 * absolute path), a folder is marked as the tool's by a marker file, an existing folder is
 * replaced only when it carries that marker, and only after the new quarantine is complete (it is
 * written to a temporary sibling and renamed into place).
 */
import {createHash} from "node:crypto";
import {existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {csvRow} from "../../src/lib/csv.js";
import type {Delivery} from "./read.js";
import {REJECT_REASONS} from "./reject.js";
import {MAX_FIELD_LENGTH} from "./templates.js";

/** The file that marks a folder as a quarantine written by Inbraaklab (and so replaceable by it). */
export const QUARANTINE_MARKER = ".inbraaklab-quarantaine";

/**
 * The quarantine folder name of a delivery: the last component of its resolved path reduced to
 * letters, digits, `_` and `-` (at most 40 characters; `levering` when nothing is left, as for `/`),
 * a `-`, and the first 8 hex digits of the SHA-256 of the resolved path. So `data/x/..` gives
 * `data-…`, `/` gives `levering-…`, and two deliveries with one folder name do not share a quarantine.
 */
export function quarantineName(deliveryDir: string): string {
  const full = resolve(deliveryDir);
  const last = basename(full).normalize("NFKD").replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[_-]+|[_-]+$/g, "").slice(0, 40) || "levering";
  return `${last}-${createHash("sha256").update(full).digest("hex").slice(0, 8)}`;
}

/** A cell as the quarantine keeps it: cut after MAX_FIELD_LENGTH characters (a 50 MB field stays out). */
function kept(cell: string): string {
  return cell.length > MAX_FIELD_LENGTH ? `${cell.slice(0, MAX_FIELD_LENGTH)}… (ingekort, ${cell.length} tekens)` : cell;
}

/** Whether `dir` is a quarantine folder this tool wrote (a real folder holding the marker). */
function isOurs(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory() && existsSync(join(dir, QUARANTINE_MARKER));
  } catch {
    return false;
  }
}

/**
 * Writes `<dir>/<file>` for every file with rejects; returns the paths written. An existing `dir`
 * is replaced only when this tool made it (it carries the marker), and only after the new
 * quarantine is written; any other existing file or folder at `dir` stops with an error and is
 * left as it was. With no rejects an earlier quarantine of ours is removed and nothing is written.
 */
export function writeQuarantine(delivery: Delivery, dir: string): string[] {
  dir = resolve(dir);
  const exists = existsSync(dir) || (() => {
    try {
      return lstatSync(dir).isSymbolicLink();
    } catch {
      return false;
    }
  })();
  if (exists && !isOurs(dir)) {
    throw new Error(`de quarantainemap ${dir} bestaat al en is niet door Inbraaklab gemaakt (er ontbreekt ${QUARANTINE_MARKER}); ze blijft onaangeroerd. Kies een andere map (--quarantaine) of ruim ze zelf op.`);
  }
  const byFile = new Map<string, typeof delivery.rejects>();
  for (const r of delivery.rejects) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  if (!byFile.size) {
    if (exists) rmSync(dir, {recursive: true, force: true});
    return [];
  }
  mkdirSync(dirname(dir), {recursive: true});
  const suffix = `${process.pid}-${createHash("sha256").update(`${Date.now()}-${Math.random()}`).digest("hex").slice(0, 6)}`;
  const temp = `${dir}.tmp-${suffix}`;
  mkdirSync(temp);
  writeFileSync(join(temp, QUARANTINE_MARKER), `Quarantaine van de levering ${resolve(delivery.dir)}, geschreven door Inbraaklab (check-data of prepare).\n`);
  const files: string[] = [];
  for (const [file, rejects] of byFile) {
    const name = basename(file); // file names are the templates' own; never a path
    const header = delivery.headers[file] ?? [];
    const rows = [
      ["regel", "kolom", "waarde", "reden", "melding", ...header],
      ...rejects.map((r) => [String(r.line), r.column, r.value, r.reason, REJECT_REASONS[r.reason], ...(r.raw ?? [])].map(kept))
    ];
    // Formula-safe (src/lib/csv.ts): rejected cells like =cmd|' /C calc'!A0 open as text.
    writeFileSync(join(temp, name), rows.map((row) => csvRow(row)).join("\n") + "\n");
    files.push(name);
  }
  if (exists) {
    const old = `${dir}.old-${suffix}`;
    renameSync(dir, old);
    renameSync(temp, dir);
    rmSync(old, {recursive: true, force: true});
  } else renameSync(temp, dir);
  return files.map((name) => join(dir, name));
}
