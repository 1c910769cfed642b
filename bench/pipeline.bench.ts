/**
 * Benchmark: inbraken.csv -> validated, Arrow-ready columns, ours against DuckDB with validation
 * in SQL, side by side in the same run. Generates (or reuses, keyed by seed and size) a demo
 * delivery, plants ~1% bad rows with a seeded Rng, then runs each side in its own child process
 * (interleaved, median of --runs) and prints rows/s, wall time, peak RSS and ours/DuckDB ratios.
 * It also checks that both sides accept and reject the same rows.
 *
 * Run: npx tsx bench/pipeline.bench.ts [--incidents 1000000] [--seed 1] [--runs 3]
 */
import {execFileSync, spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {seededRng} from "../src/lib/random.js";
import {plantErrors} from "./pipeline.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const {values} = parseArgs({strict: false, options: {incidents: {type: "string", default: "1000000"}, seed: {type: "string", default: "1"}, runs: {type: "string", default: "3"}}});
const incidents = Number(values.incidents), seed = Number(values.seed), runs = Number(values.runs);
// (strict: false lets `npm run bench -- --quick` reach the other benchmarks without failing here.)
for (const [name, v] of Object.entries({incidents, seed, runs})) if (!Number.isInteger(v) || v < 1) throw new Error(`invalid ${name}: ${v}`);

function prepare(): string {
  const dir = join(tmpdir(), "inbraaklab-bench", `demo-seed${seed}-n${incidents}`);
  const path = join(dir, "inbraken-met-fouten.csv");
  if (existsSync(path)) return path;
  mkdirSync(dir, {recursive: true});
  console.log(`Demolevering maken in ${dir} (eenmalig)...`);
  execFileSync(process.execPath, ["--import", "tsx", join(root, "loaders/cli/demo.ts"), "--out", dir, "--seed", String(seed), "--incidents", String(incidents)], {cwd: root, stdio: "inherit"});
  writeFileSync(path + ".tmp", plantErrors(readFileSync(join(dir, "inbraken.csv"), "utf8"), seededRng(seed)));
  renameSync(path + ".tmp", path);
  return path;
}

interface Run {
  side: string;
  read: number;
  accepted: number;
  rejected: number;
  ms: number;
  maxRssMb: number;
  ipcBytes: number;
  fingerprint: string;
}

function runSide(side: string, path: string): Run {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench/pipeline-worker.ts"), side, path], {cwd: root, encoding: "utf8", maxBuffer: 1 << 20});
  if (child.status !== 0) throw new Error(`${side} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, digits = 0) => x.toLocaleString("nl-NL", {maximumFractionDigits: digits, minimumFractionDigits: digits});

const path = prepare();
const sides = ["ours", "duckdb"];
const results = new Map<string, Run[]>(sides.map((s) => [s, []]));
console.log(`inbraken.csv: ${path} (${fmt(readFileSync(path).byteLength / 1e6, 1)} MB); belasting van de machine bij start: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
for (let r = 0; r < runs; r++) for (const side of sides) results.get(side)!.push(runSide(side, path));

const summary = sides.map((side) => {
  const rs = results.get(side)!;
  const ms = median(rs.map((x) => x.ms));
  return {side, read: rs[0].read, accepted: rs[0].accepted, rejected: rs[0].rejected, ms, rowsPerS: rs[0].read / (ms / 1000), rss: median(rs.map((x) => x.maxRssMb)), fingerprint: rs[0].fingerprint, ipc: rs[0].ipcBytes};
});
const duck = summary.find((s) => s.side === "duckdb")!;
console.log(`\nmediaan van ${runs} runs, elk in een eigen proces; CSV -> gevalideerde kolommen -> Arrow IPC`);
console.log(["pijplijn".padEnd(28), "rijen/s".padStart(10), "wand (s)".padStart(9), "piek RSS (MB)".padStart(14), "x DuckDB".padStart(9), "gelezen".padStart(9), "goed".padStart(9), "afgekeurd".padStart(10)].join(" "));
const label: Record<string, string> = {"ours": "ours (1 thread)", "duckdb": "DuckDB read_csv + SQL"};
for (const s of summary) {
  console.log([label[s.side].padEnd(28), fmt(s.rowsPerS).padStart(10), fmt(s.ms / 1000, 2).padStart(9), fmt(s.rss).padStart(14), fmt(duck.ms / s.ms, 2).padStart(9), fmt(s.read).padStart(9), fmt(s.accepted).padStart(9), fmt(s.rejected).padStart(10)].join(" "));
}
const same = summary.every((s) => s.read === duck.read && s.accepted === duck.accepted && s.fingerprint === duck.fingerprint);
console.log(`\nzelfde rijen goedgekeurd en afgekeurd als DuckDB: ${same ? "ja" : "NEE"}; belasting bij einde: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
if (!same) process.exitCode = 1;
