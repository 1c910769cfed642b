/**
 * Calibration of the staggered DiD's 95% intervals at one delivery's size and at Twente scale (issue
 * 13, item 2): for each interval method, how often the interval covers a planted -30% and how often
 * it excludes 0 when nothing is planted, over simulated assignments of start months; beside them the
 * spread of the estimate against the mean bootstrap and jackknife standard errors. Every method is
 * formed from the same bootstrap replicates and jackknife values of a run (`overallDraws`).
 * Figures in docs/methods.md ("Calibration at one delivery's size").
 *
 *   npx tsx bench/did-calibration.bench.ts [--runs 200] [--replicates 499] [--sizes delivery,twente]
 *                                          [--effect -0.3] [--save out.json] [--baseline out.json]
 *
 * Sizes: delivery = 185 neighbourhoods x 60 months, 92 groups starting uniformly over months 24..47
 * (the design of bench/rtm-selection.bench.ts); twente = 640 neighbourhoods x 120 months, 320 groups
 * starting over months 36..71. Both: 3 burglaries per 1,000 dwellings a year, 300-3,000 dwellings.
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {seededRng} from "../src/lib/random.js";
import {INTERVAL_METHODS, intervalOf, jackknifeSe, overallDraws, type IntervalMethod} from "../src/lib/measures/did.js";
import {simulatePanel, type SimulatePanelOptions} from "../src/lib/measures/simulate.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = +arg("runs", "200");
const replicates = +arg("replicates", "499");
const effect = +arg("effect", "-0.3");
const sizeNames = arg("sizes", "delivery,twente").split(",");
const savePath = arg("save", ""), baselinePath = arg("baseline", "");
if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${runs}`);

const SIZES: Record<string, SimulatePanelOptions> = {
  delivery: {areas: 185, months: 60, treatedAreas: 92, adoptionFrom: 24, adoptionMonths: 24},
  twente: {areas: 640, months: 120, treatedAreas: 320, adoptionFrom: 36, adoptionMonths: 36}
};
for (const name of sizeNames) if (!SIZES[name]) throw new Error(`invalid --sizes: ${name} (delivery, twente)`);
// Harder variants for exploration: overdispersion, fewer distinct start months, spread of area levels.
const variant: SimulatePanelOptions = {};
if (args.includes("--dispersion")) variant.dispersion = +arg("dispersion", "0");
if (args.includes("--adoption-months")) variant.adoptionMonths = +arg("adoption-months", "24");
if (args.includes("--adoption-from")) variant.adoptionFrom = +arg("adoption-from", "24");
if (args.includes("--area-sd")) variant.areaSd = +arg("area-sd", "0.3");
if (args.includes("--dwellings-max")) variant.dwellingsMax = +arg("dwellings-max", "3000");
if (Object.keys(variant).length) console.error(`variant: ${JSON.stringify(variant)}`);

interface Row {
  size: string;
  scenario: string;
  method: IntervalMethod;
  /** Share of runs whose interval covers the planted value (planted) or excludes 0 (none planted). */
  rate: number;
  runs: number;
}
interface Spread {
  size: string;
  scenario: string;
  meanEstimate: number;
  sdEstimate: number;
  meanBootSe: number;
  meanJackSe: number;
  secondsPerRun: number;
}
const rows: Row[] = [], spreads: Spread[] = [];
const alpha = 0.025;

for (const size of sizeNames) {
  for (const [scenario, planted] of [[`planted ${100 * effect}%`, effect], ["none planted", 0]] as const) {
    const truth = Math.log(1 + planted);
    const hits = Object.fromEntries(INTERVAL_METHODS.map((m) => [m, 0])) as Record<IntervalMethod, number>;
    const estimates: number[] = [], bootSe: number[] = [], jackSe: number[] = [];
    const t0 = performance.now();
    for (let s = 1; s <= runs; s++) {
      const sim = simulatePanel(seededRng((planted ? 0 : 500_000) + s), {...SIZES[size], ...variant, effect: planted});
      const d = overallDraws(sim.panel, sim.starts, {rng: seededRng(10_000 + s), replicates});
      estimates.push(d.estimate);
      const finite = d.sorted.filter(Number.isFinite);
      const mean = finite.reduce((a, v) => a + v, 0) / finite.length;
      bootSe.push(Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (finite.length - 1)));
      jackSe.push(jackknifeSe(d.jack).se);
      for (const method of INTERVAL_METHODS) {
        const [lo, hi] = intervalOf(method, d.estimate, d.sorted, d.jack, alpha);
        const covers = lo <= truth && truth <= hi;
        if (planted ? covers : !covers) hits[method]++;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const mean = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length;
    const m = mean(estimates);
    spreads.push({
      size, scenario, meanEstimate: m, sdEstimate: Math.sqrt(estimates.reduce((a, v) => a + (v - m) ** 2, 0) / (runs - 1)),
      meanBootSe: mean(bootSe), meanJackSe: mean(jackSe), secondsPerRun: seconds / runs
    });
    for (const method of INTERVAL_METHODS) rows.push({size, scenario, method, rate: hits[method] / runs, runs});
    console.error(`${size}, ${scenario}: ${runs} runs in ${seconds.toFixed(0)} s`);
  }
}

const baseline: {rows: Row[]; spreads: Spread[]} | null = baselinePath && existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, "utf8")) : null;
const pct = (v: number | undefined) => (v === undefined ? "" : `${(100 * v).toFixed(1)}%`);
console.log(`\n${runs} runs per scenario, ${replicates} bootstrap replicates, 95% intervals${baselinePath ? `, baseline ${baselinePath}` : ""}\n`);
console.log("| size | scenario | method | rate | target | baseline rate |");
console.log("|---|---|---|---:|---|---:|");
for (const row of rows) {
  const old = baseline?.rows.find((b) => b.size === row.size && b.scenario === row.scenario && b.method === row.method);
  const target = row.scenario === "none planted" ? "excludes 0: <= 7%" : "covers: >= 93%";
  console.log(`| ${row.size} | ${row.scenario} | ${row.method} | ${pct(row.rate)} | ${target} | ${pct(old?.rate)} |`);
}
console.log("\n| size | scenario | mean estimate (log) | SD of estimate | mean bootstrap SE | mean jackknife SE | s per run | time ratio |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|");
for (const s of spreads) {
  const old = baseline?.spreads.find((b) => b.size === s.size && b.scenario === s.scenario);
  console.log(`| ${s.size} | ${s.scenario} | ${s.meanEstimate.toFixed(4)} | ${s.sdEstimate.toFixed(4)} | ${s.meanBootSe.toFixed(4)} | ${s.meanJackSe.toFixed(4)} | ${s.secondsPerRun.toFixed(2)} | ${old ? (s.secondsPerRun / old.secondsPerRun).toFixed(2) : ""} |`);
}
if (savePath) writeFileSync(savePath, JSON.stringify({rows, spreads}, null, 2));
