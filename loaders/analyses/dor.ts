/**
 * Digitaal Opkopersregister: an interrupted time series per municipality at its connection date
 * (src/lib/measures/its.ts), comparative: the municipality's rate against the rest of the region
 * (the region's trend and season are taken out through the offset), on the 48 months before and after
 * the connection, with a placebo start a year earlier, and a random-effects pooled level change across municipalities.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import type {Table} from "apache-arrow";
import {interruptedTimeSeries, type ItsResult} from "../../src/lib/measures/its.js";
import type {Delivery} from "../delivery/read.js";
import {EFFECT_SCHEMA, findingOf, notDelivered, num, percentOf, pValueOf, safeCount, spec, tableOf, verdictOf, waldP, type Direction, type EffectRow} from "./measures/effects.js";
import {dayOfMonth, gemeentePanel, monthOfDay, type AreaMonths} from "./measures/panel.js";
import {poolRandomEffects} from "./measures/pool.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";

const {d, f64, i32, day, bool} = {...spec, bool: (name: string, description: string) => ({name, kind: "bool" as const, description})};

export const DOR_SCHEMAS = {
  dor_effects: EFFECT_SCHEMA,
  dor_series: [
    d("area_code", "GM code"),
    day("month", "first day of the month"),
    bool("post", "whether the municipality was connected in this month"),
    i32("observed", "registered burglaries; null when suppressed", true),
    f64("fitted", "burglaries fitted by the segmented regression"),
    f64("counterfactual", "burglaries the model expects without the connection")
  ]
} as const;

const pct = (v: number) => 100 * (Math.exp(v) - 1);
const QUESTION = (t: Theme) => `Daalt het aantal ${t.plural} in een gemeente nadat die is aangesloten op het Digitaal Opkopersregister?`;
/** The question asks whether burglary falls after the connection. */
const DIRECTION: Direction = "decrease";
const METHOD = "onderbroken tijdreeks per gemeente (segmented quasi-Poisson, t.o.v. de rest van de regio), random-effects gepoold";

export interface DorResult {
  tables: Record<keyof typeof DOR_SCHEMAS, Table>;
  findings: Finding[];
  effects: EffectRow[];
  fits: Map<string, ItsResult>;
}

/** Dutch warnings of one ITS fit. */
export function itsWarnings(r: ItsResult): string[] {
  const w: string[] = [];
  if (r.flags.tooFewMonths) w.push(`Te weinig maanden: ${r.n.pre} vóór en ${r.n.post} na de start (minimaal 36 en 12); de schatting is onbetrouwbaar.`);
  if (r.flags.placeboFindsEffect) w.push("De placebotoets (een nepstart een jaar eerder) vindt ook een effect: de reeks schommelt sterker dan het model aanneemt.");
  if (r.placebo === null) w.push("Te weinig maanden vóór de start voor een placebotoets.");
  if (r.flags.autocorrelated) w.push("De maanden hangen onderling samen (autocorrelatie): het interval is mogelijk te smal.");
  return w;
}

/**
 * The reference exposure of area i: its dwellings times the rate of the other areas of the panel,
 * so that the regression models the area's rate relative to the rest of the region.
 */
export function referenceExposure(p: AreaMonths, i: number): number[] {
  const out: number[] = [];
  let meanRate = 0, n = 0;
  const rates: number[] = [];
  for (let t = 0; t < p.months; t++) {
    let c = 0, e = 0;
    for (let j = 0; j < p.areas.length; j++) if (j !== i) c += p.count[j * p.months + t], e += p.exposure[j * p.months + t];
    const r = e > 0 ? c / e : NaN;
    rates.push(r);
    if (r > 0) meanRate += r, n++;
  }
  meanRate /= n || 1;
  for (let t = 0; t < p.months; t++) {
    const r = rates[t] > 0 ? rates[t] / meanRate : 1;
    out.push(p.exposure[i * p.months + t] * r);
  }
  return out;
}

function unavailable(verdict: string, warning: string | null, theme: Theme): DorResult {
  const row = {...notDelivered("level", "Gepoolde niveauverandering bij aansluiting op het DOR"), verdict, warning};
  return {
    tables: {dor_effects: tableOf(EFFECT_SCHEMA, [row]), dor_series: tableOf(DOR_SCHEMAS.dor_series, [])},
    findings: [findingOf(row, "measure.dor.level", QUESTION(theme), METHOD, DIRECTION)], effects: [row], fits: new Map()
  };
}

/**
 * Runs the DOR analysis on a delivery. Each municipality's series is cut to `window` months before
 * and after its connection (default 48; null = all months): the region's trend relative to a
 * municipality is not linear over a decade (the rest of the region connects too, step by step), and
 * the full series attenuated a planted -20% to about -18% on the demo (docs/methods.md).
 */
export function runDor(delivery: Delivery, {threshold = 0, truth = null, window = 48, theme = THEMES.woninginbraak}: {threshold?: number; truth?: Record<string, unknown> | null; window?: number | null; theme?: Theme} = {}): DorResult {
  if (!delivery.dor) return unavailable("niet geleverd", null, theme);
  const panel = gemeentePanel(delivery);
  if (!panel) return unavailable("onvoldoende gegevens", `Geen ${theme.plural} in de levering.`, theme);
  const planted = percentOf((truth as {effects?: {dor?: {relative?: number}}} | null)?.effects?.dor?.relative);
  const effects: EffectRow[] = [];
  const series: Record<string, unknown>[] = [];
  const fits = new Map<string, ItsResult>();
  const connected = new Map<string, number>();
  for (const r of delivery.dor) {
    const m = monthOfDay(r.day);
    connected.set(r.gemeentecode, Math.min(connected.get(r.gemeentecode) ?? Infinity, m));
  }
  const pooled = {level: [[], []] as number[][], slope: [[], []] as number[][], placebo: [[], []] as number[][]};
  for (const [code, start] of [...connected].sort((a, b) => a[0].localeCompare(b[0]))) {
    const i = panel.areas.indexOf(code);
    if (i < 0) continue;
    const base = {area_code: code, p_value: null, unit: "percent", observed: null, expected: null, areas: 1, planted};
    let fit: ItsResult;
    try {
      const reference = referenceExposure(panel, i);
      const t0 = window === null ? 0 : Math.max(0, start - panel.firstMonth - window);
      const t1 = window === null ? panel.months : Math.min(panel.months, start - panel.firstMonth + window);
      fit = interruptedTimeSeries({
        month: Array.from({length: t1 - t0}, (_, t) => panel.firstMonth + t0 + t),
        count: panel.count.subarray(i * panel.months + t0, i * panel.months + t1),
        exposure: reference.slice(t0, t1)
      }, {start});
    } catch (error) {
      effects.push({...base, effect: "level", label: "Niveauverandering bij aansluiting", estimate: null, ci_low: null, ci_high: null, months: panel.months,
        verdict: "onvoldoende gegevens", warning: `Geen schatting mogelijk: ${(error as Error).message}.`});
      continue;
    }
    fits.set(code, fit);
    const warnings = itsWarnings(fit);
    const warning = warnings.length ? warnings.join(" | ") : null;
    const thin = fit.flags.tooFewMonths;
    effects.push({...base, effect: "level", label: "Niveauverandering bij aansluiting", estimate: num(fit.levelChange.percent), ci_low: num(fit.levelChange.percentLower),
      ci_high: num(fit.levelChange.percentUpper), p_value: pValueOf(fit.levelChange.pValue), months: fit.n.months,
      verdict: verdictOf(fit.levelChange.percentLower, fit.levelChange.percentUpper, {direction: "decrease", thin, doubtful: fit.flags.placeboFindsEffect}), warning});
    effects.push({...base, effect: "slope", label: "Verandering van de trend per jaar na aansluiting", estimate: num(fit.slopeChange.percent), ci_low: num(fit.slopeChange.percentLower),
      ci_high: num(fit.slopeChange.percentUpper), p_value: pValueOf(fit.slopeChange.pValue), months: fit.n.months, planted: planted === null ? null : 0,
      verdict: verdictOf(fit.slopeChange.percentLower, fit.slopeChange.percentUpper, {direction: "decrease", thin}), warning: null});
    pooled.level[0].push(fit.levelChange.estimate), pooled.level[1].push(fit.levelChange.se);
    pooled.slope[0].push(fit.slopeChange.estimate), pooled.slope[1].push(fit.slopeChange.se);
    if (fit.placebo) {
      effects.push({...base, effect: "placebo_level", label: "Placebo: niveauverandering bij een nepstart een jaar eerder", estimate: num(fit.placebo.levelChange.percent),
        ci_low: num(fit.placebo.levelChange.percentLower), ci_high: num(fit.placebo.levelChange.percentUpper), p_value: pValueOf(fit.placebo.levelChange.pValue),
        months: fit.placebo.n.months, planted: planted === null ? null : 0,
        verdict: verdictOf(fit.placebo.levelChange.percentLower, fit.placebo.levelChange.percentUpper, {direction: "any"}), warning: null});
      pooled.placebo[0].push(fit.placebo.levelChange.estimate), pooled.placebo[1].push(fit.placebo.levelChange.se);
    }
    fit.month.forEach((m, k) => {
      series.push({area_code: code, month: dayOfMonth(m), post: m >= start,
        observed: safeCount(panel.count[i * panel.months + m - panel.firstMonth], threshold), fitted: num(fit.fitted[k], 3), counterfactual: num(fit.counterfactual[k], 3)});
    });
  }
  const level = poolRandomEffects(pooled.level[0], pooled.level[1]);
  const slope = poolRandomEffects(pooled.slope[0], pooled.slope[1]);
  const placebo = poolRandomEffects(pooled.placebo[0], pooled.placebo[1]);
  const placeboFinds = placebo !== null && (placebo.lower > 0 || placebo.upper < 0);
  const k = level?.k ?? 0;
  const poolWarnings: string[] = [];
  if (k < 3) poolWarnings.push(`Slechts ${k} gemeente(n) met een schatting: te weinig om te poolen.`);
  if (placeboFinds) poolWarnings.push("De gepoolde placebotoets vindt een effect bij een nepstart een jaar eerder: wees voorzichtig.");
  if (level && level.pHeterogeneity < 0.05) poolWarnings.push("De gemeenten verschillen onderling meer dan toeval verklaart (heterogeniteit): het gepoolde getal is een gemiddelde van uiteenlopende effecten.");
  const pooledRow = (effect: string, label: string, p: typeof level, plantedValue: number | null, direction: Direction, doubtful = false): EffectRow => ({
    effect, area_code: "regio", label, estimate: p ? num(pct(p.estimate)) : null, ci_low: p ? num(pct(p.lower)) : null, ci_high: p ? num(pct(p.upper)) : null,
    p_value: p ? waldP(p.estimate, p.se) : null, unit: "percent", observed: null, expected: null, areas: p?.k ?? 0, months: panel.months, planted: plantedValue,
    verdict: p ? verdictOf(pct(p.lower), pct(p.upper), {direction, thin: k < 3, doubtful}) : "onvoldoende gegevens",
    warning: effect === "level" && poolWarnings.length ? poolWarnings.join(" | ") : null
  });
  const levelRow = pooledRow("level", "Gepoolde niveauverandering bij aansluiting op het DOR", level, planted, DIRECTION, placeboFinds);
  effects.unshift(
    levelRow,
    pooledRow("slope", "Gepoolde trendverandering per jaar na aansluiting", slope, planted === null ? null : 0, "decrease"),
    pooledRow("placebo_level", "Gepoolde placebo: nepstart een jaar eerder", placebo, planted === null ? null : 0, "any")
  );
  return {
    tables: {dor_effects: tableOf(EFFECT_SCHEMA, effects), dor_series: tableOf(DOR_SCHEMAS.dor_series, series)},
    findings: [findingOf(levelRow, "measure.dor.level", QUESTION(theme), METHOD, DIRECTION)],
    effects, fits
  };
}

export const dorAnalysis: Analysis = {
  name: "dor",
  schemas: DOR_SCHEMAS,
  run(context: AnalysisContext) {
    const {tables, findings} = runDor(context.delivery, {threshold: thresholdOf(context, "dor_series"), truth: context.truth, theme: context.theme});
    return {tables, findings};
  }
};
