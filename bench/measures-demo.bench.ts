/**
 * End-to-end coverage and false-positive rates of the measure analyses on demo deliveries: for each
 * seed the demo generator (loaders/demo/generate.ts) writes a delivery with the planted effects, the
 * delivery is read and validated as in a build, and the pipeline's analyses (loaders/analyses/) run
 * on it. A second delivery per seed has the WhatsApp effect switched off (`plant: {whatsapp: false}`;
 * geography and measure files are byte-identical, only the incidents change), a third (fewer seeds)
 * the DOR effect.
 *
 *   npx tsx bench/measures-demo.bench.ts [--seeds 50] [--dor-null-seeds 20] [--replicates 499]
 *                                        [--from 2012] [--to 2025] [--incidents N]
 *                                        [--only whatsapp,prevention,dor,campaigns]
 *                                        [--save out.json] [--baseline out.json]
 *
 * Prints each rate with its target and, with --baseline, the ratio to a saved run.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeDemoDelivery, type DemoOptions} from "../loaders/demo/generate.js";
import {readDelivery} from "../loaders/delivery/read.js";
import {runCampaigns} from "../loaders/analyses/campaigns.js";
import {runDor} from "../loaders/analyses/dor.js";
import {runPrevention} from "../loaders/analyses/prevention.js";
import {runWhatsapp} from "../loaders/analyses/whatsapp.js";
import type {EffectRow} from "../loaders/analyses/measures/effects.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const seeds = +arg("seeds", "50");
const dorNullSeeds = +arg("dor-null-seeds", "20");
const replicates = +arg("replicates", "499");
const fromYear = +arg("from", "2012"), toYear = +arg("to", "2025");
const incidents = arg("incidents", "") ? +arg("incidents", "") : undefined;
const savePath = arg("save", ""), baselinePath = arg("baseline", "");
const only = new Set(arg("only", "whatsapp,prevention,dor,campaigns").split(","));
for (const [k, v] of [["seeds", seeds], ["dor-null-seeds", dorNullSeeds], ["replicates", replicates]] as const) {
  if (!Number.isInteger(v) || v < 0) throw new Error(`invalid --${k}: ${v}`);
}

function deliver(options: DemoOptions) {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-bench-"));
  try {
    const truth = writeDemoDelivery(dir, {fromYear, toYear, incidents, ...options});
    return {delivery: readDelivery(dir), truth: truth as unknown as Record<string, unknown>};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const covers = (r: EffectRow, v: number) => r.ci_low !== null && r.ci_high !== null && r.ci_low <= v && v <= r.ci_high;
const excludesZero = (r: EffectRow) => r.ci_low !== null && r.ci_high !== null && (r.ci_low > 0 || r.ci_high < 0);

const tallies = new Map<string, {hits: number; runs: number; target: string}>();
const tally = (name: string, target: string, hit: boolean | null) => {
  if (hit === null) return;
  const t = tallies.get(name) ?? (tallies.set(name, {hits: 0, runs: 0, target}), tallies.get(name)!);
  t.runs++;
  if (hit) t.hits++;
};
const estimates: Record<string, number[]> = {};
const keep = (name: string, v: number | null) => v !== null && (estimates[name] ??= []).push(v);

const t0 = performance.now();
for (let seed = 1; seed <= seeds; seed++) {
  const planted = deliver({seed});
  let log = `seed ${seed}/${seeds}:`;
  if (only.has("whatsapp")) {
  const w = runWhatsapp(planted.delivery, {replicates, truth: planted.truth});
  const [overall, displacement] = w.effects;
  const pw = overall.planted!;
  tally("WhatsApp: 95% interval covers the planted effect", ">= 90%", covers(overall, pw));
  tally("WhatsApp: planted effect found (interval excludes 0)", "power", excludesZero(overall));
  tally("WhatsApp: pre-trend flag raised (planted)", "~5%", w.did ? w.did.flags.preTrendDiffers : null);
  tally("Displacement: declared where none planted (planted run)", "<= ~7%", excludesZero(displacement));
  keep("whatsapp", overall.estimate);
  log += ` WhatsApp ${overall.estimate?.toFixed(1)} [${overall.ci_low?.toFixed(1)}, ${overall.ci_high?.toFixed(1)}] (planted ${pw});`;
  }
  if (only.has("dor")) {
  const dor = runDor(planted.delivery, {truth: planted.truth});
  const pooled = dor.effects.find((e) => e.effect === "level" && e.area_code === "regio")!;
  tally("DOR: pooled 95% interval covers the planted level change", ">= 90%", covers(pooled, pooled.planted!));
  for (const e of dor.effects.filter((r) => r.effect === "level" && r.area_code !== "regio" && r.estimate !== null)) {
    tally("DOR: per-municipality interval covers the planted level change", ">= 90%", covers(e, e.planted!));
  }
  tally("DOR: pooled placebo declares an effect", "<= ~7%", excludesZero(dor.effects.find((e) => e.effect === "placebo_level" && e.area_code === "regio")!));
  keep("dor", pooled.estimate);
  log += ` DOR ${pooled.estimate?.toFixed(1)} [${pooled.ci_low?.toFixed(1)}, ${pooled.ci_high?.toFixed(1)}];`;
  }
  if (only.has("prevention")) {
  const prevention = runPrevention(planted.delivery, {replicates, truth: planted.truth}).effects[0];
  tally("Prevention: 95% interval covers the planted dose slope", ">= 90%", prevention.estimate === null ? null : covers(prevention, prevention.planted!));
  tally("Prevention: slope has the planted sign", "power", prevention.estimate === null ? null : Math.sign(prevention.estimate) === Math.sign(prevention.planted!));
  tally("Prevention: planted slope found (interval excludes 0)", "power", prevention.estimate === null ? null : excludesZero(prevention));
  keep("prevention", prevention.estimate);
  }
  if (only.has("campaigns")) for (const c of runCampaigns(planted.delivery, {truth: planted.truth}).effects) {
    tally("Campaigns: declared where none planted (effect 0)", "<= ~7%", c.estimate === null ? null : excludesZero(c));
  }

  if (only.has("whatsapp")) {
  const none = deliver({seed, plant: {whatsapp: false}});
  const n = runWhatsapp(none.delivery, {replicates, truth: none.truth});
  tally("WhatsApp: declares an effect when none planted", "<= ~7%", excludesZero(n.effects[0]));
  tally("WhatsApp: verdict 'aangetoond' when none planted", "<= ~7%", n.effects[0].verdict === "aangetoond");
  tally("WhatsApp: 95% interval covers 0 when none planted", ">= 90%", covers(n.effects[0], 0));
  tally("WhatsApp: pre-trend flag raised (none planted)", "~5%", n.did ? n.did.flags.preTrendDiffers : null);
  tally("Displacement: declared where none planted (null run)", "<= ~7%", excludesZero(n.effects[1]));
  keep("whatsapp-null", n.effects[0].estimate);
  log += ` null ${n.effects[0].estimate?.toFixed(1)} [${n.effects[0].ci_low?.toFixed(1)}, ${n.effects[0].ci_high?.toFixed(1)}];`;
  }

  if (only.has("dor") && seed <= dorNullSeeds) {
    const dorNone = deliver({seed, plant: {dor: false}});
    const d = runDor(dorNone.delivery, {truth: dorNone.truth}).effects.find((e) => e.effect === "level" && e.area_code === "regio")!;
    tally("DOR: pooled level change declared when none planted", "<= ~7%", excludesZero(d));
  }
  const s = (performance.now() - t0) / 1000;
  console.error(`${log} ${s.toFixed(0)} s`);
}
const seconds = (performance.now() - t0) / 1000;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
const rows = [...tallies].map(([name, t]) => ({name, rate: t.hits / t.runs, target: t.target, runs: t.runs}));
const baseline = baselinePath && existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, "utf8")) : null;
console.log(`\nDemo deliveries ${fromYear}-${toYear}${incidents ? `, ${incidents} incidents` : ""}; ${seeds} seeds, ${replicates} bootstrap replicates; ${seconds.toFixed(0)} s\n`);
console.log("| check | rate | target | runs |" + (baseline ? " baseline | ratio |" : ""));
console.log("|---|---:|---|---:|" + (baseline ? "---:|---:|" : ""));
for (const r of rows) {
  const b = baseline?.rows?.find((x: {name: string}) => x.name === r.name);
  console.log(`| ${r.name} | ${(100 * r.rate).toFixed(1)}% | ${r.target} | ${r.runs} |` + (baseline ? ` ${b ? (100 * b.rate).toFixed(1) + "%" : "-"} | ${b && b.rate ? (r.rate / b.rate).toFixed(2) : "-"} |` : ""));
}
console.log("\n| estimate (percent) | mean | sd | runs |\n|---|---:|---:|---:|");
for (const [k, v] of Object.entries(estimates)) if (v.length > 1) console.log(`| ${k} | ${mean(v).toFixed(2)} | ${sd(v).toFixed(2)} | ${v.length} |`);
if (savePath) writeFileSync(savePath, JSON.stringify({fromYear, toYear, incidents, seeds, replicates, seconds, rows, estimates}, null, 2) + "\n");
