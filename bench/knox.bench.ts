/**
 * Benchmark of the Knox test: the fast version (grid near pairs + permutation-invariant far pairs),
 * on one thread and spread over worker threads (loaders/knox-threads.ts), against the naive
 * all-pairs baseline, on seeded clustered incidents over a Twente-sized region. Each case runs in
 * its own child process so that its peak RSS is its own.
 *
 * Run: npx tsx bench/knox.bench.ts            (all cases, about 2 minutes on 2 cores)
 *      npx tsx bench/knox.bench.ts --quick    (fewer permutations, for a smoke run)
 */
import {fork} from "node:child_process";
import {cpus, loadavg} from "node:os";
import {fileURLToPath} from "node:url";
import {knoxTestThreads} from "../loaders/knox-threads.js";
import {knoxNaive, knoxTest, type KnoxPoints} from "../src/lib/knox.js";
import {normal, seededRng, type Rng} from "../src/lib/random.js";

const SPACE = [0, 1, 100, 200, 300, 400];
const TIME = [0, 7, 14, 21, 28];
const PERMUTATIONS = 999;
/** Permutations timed for the naive baseline before extrapolating to the full run. */
const NAIVE_SAMPLE = 3;
/** Worker threads of the "threads" cases (the goal allows both cores at 200,000 incidents). */
const THREADS = 2;

/** Town centres (metres, relative to the south-west corner of a 45 x 40 km box) and weights. */
const TOWNS: [number, number, number][] = [
  [33000, 14000, 0.25], [24000, 18000, 0.13], [17000, 25000, 0.12], [36000, 23000, 0.05],
  [29000, 20000, 0.04], [40000, 22000, 0.04], [23000, 8000, 0.04], [9000, 27000, 0.05],
  [6000, 20000, 0.06], [13000, 26000, 0.04], [15000, 35000, 0.05], [25000, 33000, 0.03],
  [12000, 14000, 0.05], [38000, 30000, 0.05]
];

/**
 * Returns n seeded incidents: 80% around town centres (normal, sd 0.8-2.5 km), 20% spread over the
 * region, one in five of all a near repeat of an earlier one (within ~150 m and ~10 days); dates
 * over four years, coordinates rounded to whole metres (addresses repeat).
 */
export function benchIncidents(n: number, rng: Rng): KnoxPoints {
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, , w] of TOWNS) cumulative.push((total += w));
  for (let i = 0; i < n; i++) {
    if (i > 10 && rng() < 0.2) {
      const parent = Math.floor(rng() * i);
      x[i] = Math.round(x[parent] + 100 * normal(rng));
      y[i] = Math.round(y[parent] + 100 * normal(rng));
      t[i] = t[parent] + Math.floor(rng() * 14);
      continue;
    }
    if (rng() < 0.2) {
      x[i] = Math.round(rng() * 45000);
      y[i] = Math.round(rng() * 40000);
    } else {
      const u = rng() * total;
      let k = 0;
      while (cumulative[k] < u) k++;
      const [cx, cy, w] = TOWNS[k];
      const sd = 800 + 6000 * w;
      x[i] = Math.round(cx + sd * normal(rng));
      y[i] = Math.round(cy + sd * normal(rng));
    }
    t[i] = Math.floor(rng() * 4 * 365.25);
  }
  return {x, y, t};
}

interface CaseResult {
  name: string;
  n: number;
  /** fast: knoxTest on one thread; threads: knoxTestThreads on THREADS threads; naive: knoxNaive. */
  algorithm: "fast" | "naive" | "threads";
  permutationsRun: number;
  seconds: number;
  /** CPU seconds of the run (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  /** Seconds for the full 999 permutations (measured, or extrapolated for the naive sample). */
  fullSeconds: number;
  /** CPU seconds for the full 999 permutations. */
  fullCpuSeconds: number;
  nearPairs: number;
  peakRssMb: number;
}

async function runCase(name: string): Promise<CaseResult> {
  const [algorithm, size] = name.split("-") as [CaseResult["algorithm"], string];
  const n = Number(size);
  const quick = process.argv.includes("--quick");
  const points = benchIncidents(n, seededRng(20240101));
  const permutations = algorithm === "naive" ? NAIVE_SAMPLE : quick ? 99 : PERMUTATIONS;
  const options = {spaceBands: SPACE, timeBands: TIME, distance: "manhattan" as const, permutations, rng: seededRng(1)};
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = algorithm === "naive" ? knoxNaive(points, options)
    : algorithm === "threads" ? await knoxTestThreads(points, {...options, threads: THREADS}) : knoxTest(points, options);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // The naive run costs (1 + permutations) all-pair sweeps (plus one near-pair count): scale per sweep.
  const scale = algorithm === "naive" ? (PERMUTATIONS + 2) / (permutations + 2) : PERMUTATIONS / permutations;
  return {
    name, n, algorithm, permutationsRun: permutations, seconds, cpuSeconds,
    fullSeconds: seconds * scale, fullCpuSeconds: cpuSeconds * scale,
    nearPairs: result.nearPairs, peakRssMb: process.resourceUsage().maxRSS / 1024
  };
}

function runChild(name: string): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--case", name, ...process.argv.slice(2)], {execArgv: process.execArgv});
    child.on("message", (message) => resolve(message as CaseResult));
    child.on("error", reject);
    child.on("exit", (code) => { if (code !== 0) reject(new Error(`case ${name} exited with ${code}`)); });
  });
}

async function main(): Promise<void> {
  const caseIndex = process.argv.indexOf("--case");
  if (caseIndex >= 0) {
    process.send!(await runCase(process.argv[caseIndex + 1]));
    return;
  }
  const quick = process.argv.includes("--quick");
  console.log(`load average at the start: ${loadavg().map((v) => v.toFixed(2)).join(" ")} on ${cpus().length} cores`);
  const cases = ["fast-10000", "naive-10000", "fast-50000", "fast-200000", "threads-200000"];
  console.log(`Knox benchmark: bands ${SPACE.join(",")} m x ${TIME.join(",")} d, manhattan, ` +
    `${quick ? 99 : PERMUTATIONS} permutations (naive: ${NAIVE_SAMPLE} timed, extrapolated to ${PERMUTATIONS}); Node ${process.version}`);
  const results: CaseResult[] = [];
  for (const name of cases) {
    const result = await runChild(name);
    results.push(result);
    console.log(`  done ${name}: ${result.seconds.toFixed(2)} s`);
  }
  const fast10k = results.find((r) => r.name === "fast-10000")!;
  const naive10k = results.find((r) => r.name === "naive-10000")!;
  const rows = results.map((r) => [
    r.name, r.n.toLocaleString("en"), String(r.permutationsRun), r.seconds.toFixed(2), r.cpuSeconds.toFixed(2),
    r.fullSeconds.toFixed(2) + (r.algorithm === "naive" ? " (extrapolated)" : ""), r.fullCpuSeconds.toFixed(2),
    r.nearPairs.toLocaleString("en"),
    r.algorithm !== "naive" && r.nearPairs > 0 ? ((r.fullCpuSeconds / PERMUTATIONS / r.nearPairs) * 1e9).toFixed(1) : "-",
    r.peakRssMb.toFixed(0)
  ]);
  const header = ["case", "incidents", "perms run", "wall s", "cpu s", "wall s, 999 perms", "cpu s, 999 perms", "near pairs",
    "cpu ns/pair/perm", "peak RSS MB"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c])).join("  ");
  console.log("\n" + line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\nnaive / fast at 10,000 incidents (999 permutations): ${(naive10k.fullSeconds / fast10k.fullSeconds).toFixed(0)}x wall, ` +
    `${(naive10k.fullCpuSeconds / fast10k.fullCpuSeconds).toFixed(0)}x cpu  (target >= 1000x)`);
  const at = (name: string) => results.find((r) => r.name === name)!;
  const times = (r: CaseResult) => `${r.fullSeconds.toFixed(2)} s wall, ${r.fullCpuSeconds.toFixed(2)} s cpu`;
  console.log(`fast at 50,000, one thread: ${times(at("fast-50000"))} (target < 3 s on one core)`);
  console.log(`at 200,000 on ${THREADS} threads: ${times(at("threads-200000"))} (target < 30 s; cpu is summed over the threads); ` +
    `one thread: ${times(at("fast-200000"))}`);
  console.log(`load average at the end: ${loadavg().map((v) => v.toFixed(2)).join(" ")} on ${cpus().length} cores ` +
    `(wall time grows with load; cpu time much less)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
