/**
 * Benchmark of the forecast evaluation (loaders/analyses/forecast.ts: cells, then the rolling-origin
 * evaluation of the four methods over 24 months) on the default demo delivery (seed 11, 2012-2025,
 * about 27,500 incidents) and on a 1,000,000-incident demo delivery, each in its own child process,
 * side by side. Prints wall and CPU time per case and the ratio 1M / demo. Goals (issue 15): the
 * demo under 30 s, the 1M delivery within 5x the demo. Reading the delivery is not timed (see
 * bench/pipeline.bench.ts).
 *
 * Run: npx tsx bench/forecast.bench.ts [--incidents 1000000]
 */
import {execFileSync, spawnSync} from "node:child_process";
import {existsSync, mkdirSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const {values} = parseArgs({strict: false, options: {incidents: {type: "string", default: "1000000"}, case: {type: "string"}}});

/** A demo delivery folder, generated once per seed and size. */
function prepare(seed: number, incidents: number | null): string {
  const dir = join(tmpdir(), "inbraaklab-bench", `demo-seed${seed}-n${incidents ?? "default"}`);
  if (existsSync(join(dir, "inbraken.csv"))) return dir;
  mkdirSync(dir, {recursive: true});
  console.log(`Demolevering maken in ${dir} (eenmalig)...`);
  execFileSync(process.execPath, ["--import", "tsx", join(root, "loaders/cli/demo.ts"), "--out", dir, "--seed", String(seed), ...(incidents ? ["--incidents", String(incidents)] : [])], {cwd: root, stdio: "inherit"});
  return dir;
}

if (typeof values.case === "string") {
  // Child: one case, printed as one JSON line.
  const {readDelivery} = await import("../loaders/delivery/read.js");
  const {forecastInput} = await import("../loaders/analyses/forecast.js");
  const {evaluateForecasts} = await import("../src/lib/forecast.js");
  const delivery = readDelivery(values.case);
  const cpu0 = process.cpuUsage(), t0 = performance.now();
  const input = forecastInput(delivery);
  const t1 = performance.now();
  const evaluation = evaluateForecasts(input.cells, input.events);
  const t2 = performance.now(), cpu = process.cpuUsage(cpu0);
  const pai5 = Object.fromEntries(evaluation.summary.filter((s) => s.fraction === 0.05).map((s) => [s.method, Number(s.pai.toFixed(2))]));
  console.log(JSON.stringify({incidents: input.events.cell.length, cells: input.ids.length, links: input.cells.linkTo.length, cellsMs: t1 - t0, evalMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, pai5}));
} else {
  const big = Number(values.incidents);
  if (!Number.isInteger(big) || big < 1) throw new Error(`invalid incidents: ${values.incidents}`);
  const cases: [string, string][] = [["demo (seed 11)", prepare(11, null)], [`${big.toLocaleString("nl-NL")} incidenten`, prepare(1, big)]];
  console.log(`belasting bij start: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const results = cases.map(([label, dir]) => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--max-old-space-size=6000", fileURLToPath(import.meta.url), "--case", dir], {cwd: root, encoding: "utf8", maxBuffer: 1 << 20});
    if (child.status !== 0) throw new Error(`${label} failed: ${child.stderr}`);
    return {label, ...JSON.parse(child.stdout.trim().split("\n").pop()!)};
  });
  for (const r of results) {
    console.log(`${r.label.padEnd(22)} incidenten ${r.incidents.toLocaleString("nl-NL").padStart(9)}  cellen ${String(r.cells).padStart(6)}  cellen bouwen ${(r.cellsMs / 1000).toFixed(1)} s  evaluatie ${(r.evalMs / 1000).toFixed(1)} s  CPU ${(r.cpuMs / 1000).toFixed(1)} s  piek RSS ${Math.round(r.rssMb)} MB  PAI5 ${JSON.stringify(r.pai5)}`);
  }
  const [demo, large] = results;
  const ratio = (large.cellsMs + large.evalMs) / (demo.cellsMs + demo.evalMs);
  console.log(`verhouding groot / demo: ${ratio.toFixed(2)} (doel <= 5); demo ${((demo.cellsMs + demo.evalMs) / 1000).toFixed(1)} s (doel < 30 s); belasting bij einde: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (ratio > 5 || demo.cellsMs + demo.evalMs > 30_000) process.exitCode = 1;
}
