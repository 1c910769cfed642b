/**
 * `npm test`: runs the stages (lint, typecheck, the offline build of dist/, unit tests, the browser
 * tests with their extra sites, the workshop), stops after the first group in which a stage fails,
 * and ends with a table of each stage's wall time and the total, so that a slow stage shows (figures
 * in docs/performance.md). Lint, typecheck and the build run side by side: each uses about one core
 * and none reads what another writes; their output is printed stage by stage as each ends. The
 * other stages use both cores and run alone. `npm test -- unit e2e` runs only the named stages.
 */
import {spawn} from "node:child_process";
import {realpathSync} from "node:fs";
import {loadavg} from "node:os";

/** The stages of `npm test`, in order: name and the npm script it runs. */
export const STAGES = [
  ["lint", "lint"],
  ["typecheck", "typecheck"],
  ["build:offline", "build:offline"],
  ["unit", "test:unit"],
  ["e2e", "test:e2e"],
  ["workshop", "test:workshop"]
] as const;

type Stage = (typeof STAGES)[number][0];

/** Stages that run side by side, in order; a stage not named here runs alone. */
export const GROUPS: readonly (readonly Stage[])[] = [["lint", "typecheck", "build:offline"], ["unit"], ["e2e"], ["workshop"]];

/** Formats seconds as "m:ss". @example clock(83.4) // "1:23" */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The closing table: one line per stage run, then the total, which is the wall time of the whole run
 * (stages side by side overlap, so it is less than their sum).
 */
export function timeTable(times: readonly {stage: string; seconds: number; ok: boolean}[], total: number): string {
  const width = Math.max(5, ...times.map((t) => t.stage.length));
  const lines = times.map((t) => `${t.stage.padEnd(width)}  ${clock(t.seconds).padStart(6)}${t.ok ? "" : "  MISLUKT"}`);
  return [...lines, `${"total".padEnd(width)}  ${clock(total).padStart(6)}`].join("\n");
}

/** Runs one npm script; alone it prints as it goes, beside others its output waits for its end. */
function runScript(script: string, alone: boolean): Promise<{status: number; output: string}> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", script], {stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"]});
    const chunks: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => chunks.push(b));
    child.stderr?.on("data", (b: Buffer) => chunks.push(b));
    child.on("close", (code) => resolve({status: code ?? 1, output: Buffer.concat(chunks).toString()}));
  });
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
  const started = performance.now();
  for (const group of GROUPS) {
    const stages = STAGES.filter(([name]) => group.includes(name) && (!wanted.length || wanted.includes(name)));
    if (!stages.length) continue;
    if (stages.length > 1) console.log(`npm test: ${stages.map(([name]) => name).join(", ")} side by side; each one's output follows when it ends`);
    await Promise.all(stages.map(async ([stage, script]) => {
      const begun = performance.now();
      const run = await runScript(script, stages.length === 1);
      const ok = run.status === 0;
      times.push({stage, seconds: (performance.now() - begun) / 1000, ok});
      if (stages.length > 1) process.stdout.write(`\n── ${stage} (${ok ? "klaar" : "MISLUKT"}) ──\n${run.output}`);
      if (!ok && !status) status = run.status;
    }));
    if (status) break;
  }
  times.sort((a, b) => STAGES.findIndex(([name]) => name === a.stage) - STAGES.findIndex(([name]) => name === b.stage));
  console.log(`\nnpm test: time per stage (load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")})\n${timeTable(times, (performance.now() - started) / 1000)}`);
  process.exit(status);
}
