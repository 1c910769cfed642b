/**
 * Regression to the mean in the WhatsApp estimator (issue 13, item 3): how often the verdict reads
 * "aangetoond" when groups start in the more burgled of two candidate neighbourhoods (last 12 months)
 * and there is no effect, before and after the guard (src/lib/measures/rtm.ts); and how often a
 * planted effect with random starts is still detected after the guard. Figures in docs/methods.md.
 *
 *   npx tsx bench/rtm-selection.bench.ts [--runs 60] [--areas 185] [--months 60] [--replicates 499]
 *                                        [--effect -0.3] [--rate 3] [--save out.json] [--baseline out.json]
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {seededRng} from "../src/lib/random.js";
import {selectionRun, plantedRun, type RtmRunOptions} from "../src/lib/measures/rtm-simulation.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = +arg("runs", "60");
const options: RtmRunOptions = {areas: +arg("areas", "185"), months: +arg("months", "60"), replicates: +arg("replicates", "499"), ratePerThousand: +arg("rate", "3")};
const effect = +arg("effect", "-0.3");
const savePath = arg("save", ""), baselinePath = arg("baseline", "");
if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${runs}`);

const t0 = performance.now();
let before = 0, after = 0, meanNull = 0;
for (let s = 1; s <= runs; s++) {
  const r = selectionRun(seededRng(s), options);
  meanNull += r.percent / runs;
  if (r.verdict === "aangetoond") before++;
  if (r.guarded === "aangetoond") after++;
}
const tNull = (performance.now() - t0) / 1000;
const t1 = performance.now();
let detectedBefore = 0, detectedAfter = 0;
for (let s = 1; s <= runs; s++) {
  const r = plantedRun(seededRng(100_000 + s), {...options, effect});
  if (r.verdict === "aangetoond") detectedBefore++;
  if (r.guarded === "aangetoond") detectedAfter++;
}
const tEffect = (performance.now() - t1) / 1000;
const result = {
  runs, ...options, effect,
  nullMeanPercent: Math.round(meanNull * 10) / 10,
  falseBefore: before / runs, falseAfter: after / runs,
  powerBefore: detectedBefore / runs, powerAfter: detectedAfter / runs,
  secondsPerRun: (tNull + tEffect) / (2 * runs)
};
const rows: [string, number, string][] = [
  ["no effect, wave-selected: mean estimate (%)", result.nullMeanPercent, ""],
  ["no effect, wave-selected: 'aangetoond' without the guard", result.falseBefore, ""],
  ["no effect, wave-selected: 'aangetoond' with the guard", result.falseAfter, "<= 7%"],
  [`planted ${100 * effect}%, random starts: 'aangetoond' without the guard`, result.powerBefore, ""],
  [`planted ${100 * effect}%, random starts: 'aangetoond' with the guard`, result.powerAfter, "most runs"],
  ["seconds per run", result.secondsPerRun, ""]
];
const baseline = baselinePath && existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, "utf8")) : null;
const keys = ["nullMeanPercent", "falseBefore", "falseAfter", "powerBefore", "powerAfter", "secondsPerRun"] as const;
console.log(`${runs} runs at ${options.areas} x ${options.months}, ${options.replicates} bootstrap replicates`);
rows.forEach(([name, v, target], i) => {
  const b = baseline?.[keys[i]];
  console.log(`${name.padEnd(70)} ${v.toFixed(3).padStart(8)} ${target.padEnd(10)}${typeof b === "number" ? ` baseline ${b.toFixed(3)} ratio ${(v / b).toFixed(2)}` : ""}`);
});
if (savePath) writeFileSync(savePath, JSON.stringify(result, null, 2));
