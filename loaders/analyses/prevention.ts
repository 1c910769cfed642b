/**
 * Prevention advice visits: dose-response (src/lib/measures/dose.ts) of visits per 1,000 dwellings in
 * a dose window against the change in burglary rate from the window before it to the window after it.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import type {Table} from "apache-arrow";
import {doseResponse, type DoseResult} from "../../src/lib/measures/dose.js";
import {seededRng} from "../../src/lib/random.js";
import type {Delivery} from "../delivery/read.js";
import {EFFECT_SCHEMA, findingOf, notDelivered, num, safeCount, spec, tableOf, verdictOf, waldP, type Direction, type EffectRow} from "./measures/effects.js";
import {buurtPanel, dayOfMonth, longPanel, monthOfDay} from "./measures/panel.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";

const {d, f64, i32, day} = spec;

export const PREVENTION_SCHEMAS = {
  prevention_effects: EFFECT_SCHEMA,
  prevention_dose_groups: [
    d("dose_group", "group of neighbourhoods by visits per 1,000 dwellings in the dose window (Dutch label)"),
    i32("order", "sort order of the group"),
    i32("areas", "neighbourhoods in the group"),
    f64("dose", "mean visits per 1,000 dwellings in the group"),
    i32("before", "burglaries in the before window; null when suppressed", true),
    i32("after", "burglaries in the after window; null when suppressed", true),
    f64("rate_ratio", "pooled rate after / rate before", true),
    f64("fitted_ratio", "rate ratio of the fitted dose-response line at the group's mean dose", true)
  ],
  prevention_windows: [
    d("window", "voor (before), dosis (dose) or na (after)"),
    day("from", "first month of the window"),
    day("to", "last month of the window")
  ]
} as const;

const QUESTION = (t: Theme) => `Daalt het ${t.risk} sterker in buurten die meer preventieadviezen kregen?`;
/** The question asks whether more visits go with a stronger fall: a negative slope. */
const DIRECTION: Direction = "decrease";
const METHOD = (t: Theme) => `dosis-respons: verandering in ${t.risk} (na vs. voor) tegen bezoeken per 1.000 woningen, gewogen regressie, bootstrap over buurten`;
const LABEL = (t: Theme) => `Verandering van het ${t.risk} per 10 bezoeken per 1.000 woningen`;

export interface PreventionResult {
  tables: Record<keyof typeof PREVENTION_SCHEMAS, Table>;
  findings: Finding[];
  effects: EffectRow[];
  dose: DoseResult | null;
}

function unavailable(verdict: string, warning: string | null, theme: Theme): PreventionResult {
  const row = {...notDelivered("dose", LABEL(theme), "percent_per_10"), verdict, warning};
  return {
    tables: {
      prevention_effects: tableOf(EFFECT_SCHEMA, [row]),
      prevention_dose_groups: tableOf(PREVENTION_SCHEMAS.prevention_dose_groups, []),
      prevention_windows: tableOf(PREVENTION_SCHEMAS.prevention_windows, [])
    },
    findings: [findingOf(row, "measure.prevention_advice.dose", QUESTION(theme), METHOD(theme), DIRECTION)], effects: [row], dose: null
  };
}

/** Runs the prevention-advice analysis on a delivery. */
export function runPrevention(delivery: Delivery, {replicates = 499, seed = 20_250_602, threshold = 0, truth = null, theme = THEMES.woninginbraak}: {replicates?: number; seed?: number; threshold?: number; truth?: Record<string, unknown> | null; theme?: Theme} = {}): PreventionResult {
  if (!delivery.preventie) return unavailable("niet geleverd", null, theme);
  const panel = buurtPanel(delivery);
  if (!panel) return unavailable("onvoldoende gegevens", `Geen ${theme.plural} met een buurt in de levering.`, theme);
  // Windows of w months each: before, dose, after, ending at the last month of the data.
  const w = Math.min(24, Math.floor(panel.months / 3 / 12) * 12);
  if (w < 12) return unavailable("onvoldoende gegevens", `Te weinig maanden (${panel.months}): nodig zijn minstens drie jaar (voor, dosis, na).`, theme);
  const last = panel.firstMonth + panel.months - 1;
  const after: [number, number] = [last - w + 1, last], dose: [number, number] = [last - 2 * w + 1, last - w], before: [number, number] = [last - 3 * w + 1, last - 2 * w];
  const inDose = new Map<string, number>(), outside = new Set<string>();
  let unplaced = 0;
  for (const p of delivery.preventie) {
    if (!p.buurtcode) {
      unplaced += p.aantal;
      continue;
    }
    const m = monthOfDay(p.day);
    if (m >= dose[0] && m <= dose[1]) inDose.set(p.buurtcode, (inDose.get(p.buurtcode) ?? 0) + p.aantal);
    else if ((m >= before[0] && m <= before[1]) || (m >= after[0] && m <= after[1])) outside.add(p.buurtcode);
  }
  // Neighbourhoods with visits in the before or after window are left out: their change mixes doses.
  const keep = panel.areas.filter((a) => !outside.has(a));
  const keepSet = new Set(keep);
  const long = longPanel(panel);
  const rows = long.area.map((a, i) => (keepSet.has(a) ? i : -1)).filter((i) => i >= 0);
  const sub = {area: rows.map((i) => long.area[i]), month: rows.map((i) => long.month[i]), count: rows.map((i) => long.count[i]), exposure: rows.map((i) => long.exposure[i])};
  const visits = Object.fromEntries(keep.map((a) => [a, inDose.get(a) ?? 0]));
  let result: DoseResult;
  try {
    result = doseResponse(sub, {visits, before, after, rng: seededRng(seed), replicates, missingAsZero: true});
  } catch (error) {
    return unavailable("onvoldoende gegevens", `Geen schatting mogelijk: ${(error as Error).message}.`, theme);
  }
  const doseTruth = (truth as {effects?: {prevention?: {dosePerVisitPer1000?: number}}} | null)?.effects?.prevention?.dosePerVisitPer1000;
  const planted = typeof doseTruth === "number" ? num(100 * (Math.exp(10 * doseTruth) - 1)) : null;
  const treated = result.areas.filter((a) => a.dose > 0).length;
  const warnings: string[] = [];
  if (result.flags.tooFewAreas) warnings.push(`Te weinig buurten (${result.areas.length}, minimaal 20): de schatting is onbetrouwbaar.`);
  if (treated < 10) warnings.push(`Slechts ${treated} buurten kregen bezoeken in de dosisperiode: de schatting is onbetrouwbaar.`);
  if (outside.size) warnings.push(`${outside.size} buurten met bezoeken vóór of na de dosisperiode tellen niet mee.`);
  if (unplaced) warnings.push(`${unplaced} bezoeken zonder buurtcode zijn niet te plaatsen.`);
  if (panel.exposureSource === "gelijk") warnings.push("Geen woningvoorraad per buurt geleverd: de dosis is per buurt in plaats van per 1.000 woningen.");
  const row: EffectRow = {
    effect: "dose", area_code: "regio", label: LABEL(theme),
    estimate: num(result.perUnit.percent), ci_low: num(result.perUnit.percentLower), ci_high: num(result.perUnit.percentUpper), p_value: waldP(result.slope.estimate, result.slope.se),
    unit: "percent_per_10", observed: null, expected: null, areas: treated, months: 3 * w, planted,
    verdict: verdictOf(result.perUnit.percentLower, result.perUnit.percentUpper, {direction: DIRECTION, thin: result.flags.tooFewAreas || treated < 10}),
    warning: warnings.length ? warnings.join(" | ") : null
  };
  // Dose groups: none, then quartiles of the positive doses.
  const positive = result.areas.filter((a) => a.dose > 0).map((a) => a.dose).sort((a, b) => a - b);
  const cuts = [0.25, 0.5, 0.75].map((q) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))] ?? Infinity);
  const fmt = (v: number) => v.toLocaleString("nl-NL", {maximumFractionDigits: 1});
  const groupOf = (dose: number) => (dose === 0 ? 0 : dose <= cuts[0] ? 1 : dose <= cuts[1] ? 2 : dose <= cuts[2] ? 3 : 4);
  const labels = ["geen bezoeken", `tot ${fmt(cuts[0])}`, `${fmt(cuts[0])}–${fmt(cuts[1])}`, `${fmt(cuts[1])}–${fmt(cuts[2])}`, `meer dan ${fmt(cuts[2])}`];
  const areaIndex = new Map(panel.areas.map((a, i) => [a, i]));
  const groups = labels.map((label, g) => ({label, g, areas: 0, dose: 0, before: 0, after: 0, xb: 0, xa: 0}));
  for (const a of result.areas) {
    const grp = groups[groupOf(a.dose)];
    const i = areaIndex.get(a.area)!;
    grp.areas++, grp.dose += a.dose, grp.before += a.before, grp.after += a.after;
    for (let t = before[0]; t <= before[1]; t++) grp.xb += panel.exposure[i * panel.months + t - panel.firstMonth];
    for (let t = after[0]; t <= after[1]; t++) grp.xa += panel.exposure[i * panel.months + t - panel.firstMonth];
  }
  const doseRows = groups.filter((g) => g.areas > 0).map((g) => {
    const shown = {before: safeCount(g.before, threshold), after: safeCount(g.after, threshold)};
    // The rate ratio beside one shown count would give the other, hidden one back.
    const hidden = shown.before === null || shown.after === null;
    return {
      dose_group: g.label, order: g.g, areas: g.areas, dose: num(g.dose / g.areas, 2) ?? 0,
      before: shown.before, after: shown.after,
      rate_ratio: !hidden && g.before > 0 && g.xa > 0 ? num((g.after / g.xa) / (g.before / g.xb)) : null,
      fitted_ratio: num(Math.exp(result.intercept + result.slope.estimate * (g.dose / g.areas)))
    };
  });
  const windows = [["voor", before], ["dosis", dose], ["na", after]].map(([name, [a, b]]) => ({window: name, from: dayOfMonth(a as number), to: dayOfMonth(b as number)}));
  return {
    tables: {
      prevention_effects: tableOf(EFFECT_SCHEMA, [row]),
      prevention_dose_groups: tableOf(PREVENTION_SCHEMAS.prevention_dose_groups, doseRows),
      prevention_windows: tableOf(PREVENTION_SCHEMAS.prevention_windows, windows)
    },
    findings: [findingOf(row, "measure.prevention_advice.dose", QUESTION(theme), METHOD(theme), DIRECTION)],
    effects: [row], dose: result
  };
}

export const preventionAnalysis: Analysis = {
  name: "prevention",
  schemas: PREVENTION_SCHEMAS,
  run(context: AnalysisContext) {
    const {tables, findings} = runPrevention(context.delivery, {threshold: thresholdOf(context, "prevention_dose_groups"), truth: context.truth, theme: context.theme});
    return {tables, findings};
  }
};
