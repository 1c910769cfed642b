/**
 * `npm test`: runs the stages one after another (lint, typecheck, unit tests, the offline build of
 * dist/, the browser tests with their extra sites, the workshop), stops at the first that fails, and
 * ends with a table of each stage's wall time, so that a slow stage shows (figures in
 * docs/performance.md). `npm test -- unit e2e` runs only the named stages.
 */
import {spawnSync} from "node:child_process";
import {realpathSync} from "node:fs";
import {loadavg} from "node:os";

/** The stages of `npm test`, in order: name and the npm script it runs. */
export const STAGES = [
  ["lint", "lint"],
  ["typecheck", "typecheck"],
  ["unit", "test:unit"],
  ["build:offline", "build:offline"],
  ["e2e", "test:e2e"],
  ["workshop", "test:workshop"]
] as const;

/** Formats seconds as "m:ss". @example clock(83.4) // "1:23" */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The closing table: one line per stage run, then the total. */
export function timeTable(times: readonly {stage: string; seconds: number; ok: boolean}[]): string {
  const width = Math.max(5, ...times.map((t) => t.stage.length));
  const lines = times.map((t) => `${t.stage.padEnd(width)}  ${clock(t.seconds).padStart(6)}${t.ok ? "" : "  MISLUKT"}`);
  const total = times.reduce((a, t) => a + t.seconds, 0);
  return [...lines, `${"total".padEnd(width)}  ${clock(total).padStart(6)}`].join("\n");
}

if (process.argv[1] && import.meta.filename === realpathSync(process.argv[1])) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !STAGES.some(([name]) => name === w));
  if (unknown.length) {
    console.error(`onbekende stap: ${unknown.join(", ")} (kies uit ${STAGES.map(([name]) => name).join(", ")})`);
    process.exit(2);
  }
  const times: {stage: string; seconds: number; ok: boolean}[] = [];
  let status = 0;
  for (const [stage, script] of STAGES) {
    if (wanted.length && !wanted.includes(stage)) continue;
    const started = performance.now();
    const run = spawnSync("npm", ["run", script], {stdio: "inherit"});
    const ok = run.status === 0;
    times.push({stage, seconds: (performance.now() - started) / 1000, ok});
    if (!ok) {
      status = run.status ?? 1;
      break;
    }
  }
  console.log(`\nnpm test: time per stage (load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")})\n${timeTable(times)}`);
  process.exit(status);
}
