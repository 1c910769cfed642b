/**
 * Coverage and false-positive rates of the measure-evaluation methods on simulated data with planted
 * effects (the slow version of test/unit/measures/*.test.ts).
 *
 *   npx tsx bench/measures-coverage.bench.ts [--seeds 100] [--null-seeds 200] [--replicates 499]
 *                                            [--save out.json] [--baseline out.json]
 *
 * Prints each rate next to its target and, with --baseline, next to a saved earlier run with the
 * ratio now / baseline (rates, and seconds per run).
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {seededRng} from "../src/lib/random.js";
import {monthIndex, staggeredDid} from "../src/lib/measures/did.js";
import {displacementCheck, doseResponse} from "../src/lib/measures/dose.js";
import {interruptedTimeSeries} from "../src/lib/measures/its.js";
import {simulatePanel, simulateSeries} from "../src/lib/measures/simulate.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const seeds = +arg("seeds", "100");
const nullSeeds = +arg("null-seeds", "200");
const replicates = +arg("replicates", "499");
const savePath = arg("save", "");
const baselinePath = arg("baseline", "");
for (const [k, v] of [["seeds", seeds], ["null-seeds", nullSeeds], ["replicates", replicates]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`invalid --${k}: ${v}`);
}

interface Row {
  name: string;
  rate: number;
  target: string;
  runs: number;
  seconds: number;
}
const rows: Row[] = [];

function measure(name: string, target: string, runs: number, trial: (seed: number) => boolean): void {
  const t0 = performance.now();
  let hits = 0;
  for (let s = 1; s <= runs; s++) if (trial(s)) hits++;
  const row = {name, rate: hits / runs, target, runs, seconds: (performance.now() - t0) / 1000};
  rows.push(row);
  console.error(`${name}: ${(100 * row.rate).toFixed(1)}% (${runs} runs, ${row.seconds.toFixed(1)} s)`);
}

const covers = (lo: number, hi: number, v: number) => lo <= v && v <= hi;
const didOptions = (seed: number) => ({rng: seededRng(10_000 + seed), replicates});

// Staggered DiD at the scale of the issue: 500 areas, 100 adopting over 3 years, 10 years of months.
measure("DiD: 95% interval covers planted -25%", ">= 90%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: -0.25});
  const r = staggeredDid(sim.panel, sim.starts, didOptions(seed));
  return covers(r.overall.percentLower, r.overall.percentUpper, -25);
});
const preTrendFlags: boolean[] = [];
measure("DiD: declares an effect when none planted", "<= ~7%", nullSeeds, (seed) => {
  const sim = simulatePanel(seededRng(50_000 + seed), {effect: 0});
  const r = staggeredDid(sim.panel, sim.starts, didOptions(seed));
  preTrendFlags.push(r.flags.preTrendDiffers);
  return !covers(r.overall.percentLower, r.overall.percentUpper, 0);
});
rows.push({name: "DiD: preTrendDiffers raised under parallel trends", rate: preTrendFlags.filter(Boolean).length / preTrendFlags.length,
  target: "~5%", runs: preTrendFlags.length, seconds: 0});
measure("DiD, overdispersed (gamma var 0.5): covers -25%", ">= 90%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: -0.25, dispersion: 0.5});
  const r = staggeredDid(sim.panel, sim.starts, didOptions(seed));
  return covers(r.overall.percentLower, r.overall.percentUpper, -25);
});
measure("DiD, 35 areas adopting (Tilburg-like): covers -25%", ">= 90%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: -0.25, treatedAreas: 35, adoptionMonths: 24});
  const r = staggeredDid(sim.panel, sim.starts, didOptions(seed));
  return covers(r.overall.percentLower, r.overall.percentUpper, -25);
});

// Interrupted time series: an Enschede-sized municipality (77,059 dwellings), start after 6 years.
const itsSeeds = Math.max(seeds, 100);
const placeboHits: boolean[] = [];
measure("ITS: 95% interval covers planted -20%", "~95%", itsSeeds, (seed) => {
  const s = simulateSeries(seededRng(seed), {level: -0.2});
  const r = interruptedTimeSeries(s.series, {start: s.start});
  placeboHits.push(r.flags.placeboFindsEffect);
  return covers(r.levelChange.percentLower, r.levelChange.percentUpper, -20);
});
rows.push({name: "ITS: placebo start finds an effect", rate: placeboHits.filter(Boolean).length / placeboHits.length,
  target: "~5%", runs: placeboHits.length, seconds: 0});
measure("ITS, overdispersed (gamma var 0.05): covers -20%", "~95%", itsSeeds, (seed) => {
  const s = simulateSeries(seededRng(seed), {level: -0.2, dispersion: 0.05});
  const r = interruptedTimeSeries(s.series, {start: s.start});
  return covers(r.levelChange.percentLower, r.levelChange.percentUpper, -20);
});
measure("ITS: declares an effect when none planted", "~5%", itsSeeds, (seed) => {
  const s = simulateSeries(seededRng(70_000 + seed), {level: 0});
  const r = interruptedTimeSeries(s.series, {start: s.start});
  return !covers(r.levelChange.percentLower, r.levelChange.percentUpper, 0);
});

// Dose-response and displacement.
const doseMonth = monthIndex("2020-01");
measure("Dose: slope interval below 0 (planted -1% per visit per 1,000)", "high", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: 0, dose: {month: doseMonth, slope: -0.01, maxPerThousand: 40}});
  const r = doseResponse(sim.panel, {visits: sim.visits, before: [doseMonth - 36, doseMonth - 1], after: [doseMonth, doseMonth + 35], rng: seededRng(seed), replicates});
  return r.slope.upper < 0;
});
measure("Dose: slope interval excludes 0 when none planted", "~5%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(90_000 + seed), {effect: 0, dose: {month: doseMonth, slope: 0, maxPerThousand: 40}});
  const r = doseResponse(sim.panel, {visits: sim.visits, before: [doseMonth - 36, doseMonth - 1], after: [doseMonth, doseMonth + 35], rng: seededRng(seed), replicates});
  return r.slope.upper < 0 || r.slope.lower > 0;
});
measure("Displacement: declares displacement when none planted", "~5%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: -0.25, displacement: 0});
  const r = displacementCheck(sim.panel, sim.starts, sim.neighbours, didOptions(seed));
  return !covers(r.overall.percentLower, r.overall.percentUpper, 0);
});
measure("Displacement: covers planted +15% for neighbours", ">= 90%", seeds, (seed) => {
  const sim = simulatePanel(seededRng(seed), {effect: -0.25, displacement: 0.15});
  const r = displacementCheck(sim.panel, sim.starts, sim.neighbours, didOptions(seed));
  return covers(r.overall.percentLower, r.overall.percentUpper, 15);
});

const baseline: Row[] = baselinePath && existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, "utf8")) : [];
const pct = (v: number | undefined) => (v === undefined ? "" : `${(100 * v).toFixed(1)}%`);
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "");
console.log(`\nreplicates ${replicates}${baselinePath ? `, baseline ${baselinePath}` : ""}\n`);
console.log("| check | rate | target | runs | seconds | baseline rate | rate ratio | time-per-run ratio |");
console.log("|---|---:|---|---:|---:|---:|---:|---:|");
for (const row of rows) {
  const old = baseline.find((b) => b.name === row.name);
  console.log(`| ${row.name} | ${pct(row.rate)} | ${row.target} | ${row.runs} | ${row.seconds.toFixed(1)} | ${pct(old?.rate)} | ${ratio(row.rate, old?.rate)} | ${old && row.seconds ? ratio(row.seconds / row.runs, old.seconds / old.runs) : ""} |`);
}
if (savePath) writeFileSync(savePath, JSON.stringify(rows, null, 2));
