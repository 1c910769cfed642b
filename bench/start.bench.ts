/**
 * First start (issue 14, item 10): `npm start` on a fresh checkout, as after `npm ci`: no demo
 * delivery, no pipeline cache, no Framework cache. Measures the time from the command to the URL
 * line, and from opening the URL's Overzicht page to its first key figure in headless Chromium.
 * Baseline, side by side in the same run and from the same fresh state: the start before the
 * loaders were run in one process (`INBRAAKLAB_WARM=0`: Framework starts one process per loader
 * when the first page asks for its files). Runs alternate between the two, so machine noise hits
 * both alike. Prints medians and the ratios new / baseline.
 *
 * Usage: npx tsx bench/start.bench.ts [--runs 2]
 */
import {spawn, type ChildProcess} from "node:child_process";
import {rmSync} from "node:fs";
import {join} from "node:path";
import {launchBrowser} from "../test/e2e/browser.js";
import {copyProject} from "../test/e2e/build.js";

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1] || 2) || 2;

interface StartTiming {
  /** From the command to the URL line, seconds. */
  urlS: number;
  /** From opening Overzicht to its first key figure, seconds. */
  firstPageS: number;
  /** Lines printed before the URL (progress). */
  lines: number;
}

/** Kills a process group (npm, tsx and Framework's server). */
function stop(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

async function start(warm: boolean): Promise<StartTiming> {
  const copy = copyProject("inbraaklab-start-");
  // A fresh checkout: no demo delivery, no pipeline cache, no Framework cache.
  for (const dir of ["data/demo", "data/.cache", "src/.observablehq/cache"]) rmSync(join(copy, dir), {recursive: true, force: true});
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = {...process.env, INBRAAKLAB_WARM: warm ? "1" : "0"};
  delete env.INBRAAKLAB_DATA_DIR; // the built-in demo, as a newcomer starts it
  const child = spawn("npm", ["start"], {cwd: copy, detached: true, env});
  try {
    let lines = 0;
    const url = await new Promise<string>((resolve, reject) => {
      let text = "";
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        lines = text.split("\n").length - 1;
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
        if (match) resolve(match[0]);
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.on("exit", (code) => reject(new Error(`npm start stopped (code ${code}) before its URL:\n${text}`)));
    });
    const urlS = (performance.now() - t0) / 1000;
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const t1 = performance.now();
      await page.goto(`${url}overzicht`, {waitUntil: "commit", timeout: 600_000});
      await page.waitForSelector(".kpi-value", {timeout: 600_000});
      return {urlS, firstPageS: (performance.now() - t1) / 1000, lines};
    } finally {
      await browser.close();
    }
  } finally {
    stop(child);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(copy, {recursive: true, force: true});
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const results: Record<"new" | "baseline", StartTiming[]> = {new: [], baseline: []};
for (let run = 0; run < RUNS; run++) {
  // Alternate the order so that neither always runs first.
  for (const kind of run % 2 ? (["baseline", "new"] as const) : (["new", "baseline"] as const)) {
    const t = await start(kind === "new");
    results[kind].push(t);
    console.log(`${kind}: URL after ${t.urlS.toFixed(1)} s (${t.lines} lines before it), Overzicht's first figure ${t.firstPageS.toFixed(1)} s later`);
  }
}
const row = (kind: "new" | "baseline") => {
  const r = results[kind];
  return {url: median(r.map((t) => t.urlS)), page: median(r.map((t) => t.firstPageS))};
};
const a = row("new"), b = row("baseline");
console.log(`\nmedian over ${RUNS} runs  | URL (s) | first page (s) | URL + first page (s)`);
console.log(`new (loaders in one go) | ${a.url.toFixed(1)} | ${a.page.toFixed(1)} | ${(a.url + a.page).toFixed(1)}`);
console.log(`baseline (per loader)   | ${b.url.toFixed(1)} | ${b.page.toFixed(1)} | ${(b.url + b.page).toFixed(1)}`);
console.log(`ratio new / baseline    | ${(a.url / b.url).toFixed(2)} | ${(a.page / b.page).toFixed(2)} | ${((a.url + a.page) / (b.url + b.page)).toFixed(2)}`);
