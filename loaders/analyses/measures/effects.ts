/**
 * What the measure analyses share: the schema of their effect tables (one row per estimate), the
 * verdict vocabulary, and the privacy rule for the pooled counts they publish.
 */
import type {EffectRecord} from "../../../src/lib/measure-text.js";
import type {Table} from "apache-arrow";
import {col, buildTable, type ColumnSpec, type ColumnValues} from "../../arrow.js";
import {completeLines} from "../../pipeline/suppression.js";
import type {Finding} from "../types.js";
import {roundP} from "../common.js";
import {normalPValue} from "../../../src/lib/stats/distributions.js";
import {intervalVerdict, VERDICTS, type Direction, type Verdict} from "../../../src/lib/verdict.js";

export {VERDICTS, type Verdict, type Direction};

const {d, f64, i32, str} = col;

export const spec = {d, f64, i32, str, i16: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "int16", description, nullable}),
  day: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "date", description, nullable})};

/** Schema of `<measure>_effects`: one row per estimate (overall effect, displacement, level change, ...). */
export const EFFECT_SCHEMA: readonly ColumnSpec[] = [
  d("effect", "estimate id: overall, displacement, pre_trend, robust_base (base at months -24..-13), base_history (base against the months -24..-13), cs_simple (Callaway & Sant'Anna), level, slope, placebo_level, dose, campaign"),
  d("area_code", "regio, a GM code, or the campaign slug"),
  str("label", "what the row estimates, in Dutch"),
  f64("estimate", "estimate in `unit` (percent change; p-value rows: the test statistic)", true),
  f64("ci_low", "lower bound of the 95% interval", true),
  f64("ci_high", "upper bound of the 95% interval", true),
  f64("p_value", "p-value where the method gives one", true),
  d("unit", "percent, percent_per_10 (per 10 visits per 1,000 dwellings) or wald"),
  i32("observed", "burglaries pooled over the cells of the estimate; null when suppressed (openbaar: 1..threshold-1)", true),
  f64("expected", "counterfactual burglaries pooled over the same cells", true),
  i32("areas", "areas with the measure in the estimate", true),
  i32("months", "months in the estimate", true),
  f64("planted", "demo delivery only: the effect the generator planted, in `unit`", true),
  d("verdict", "aangetoond (on the side the question asks), tegengesteld (on the other side), niet aangetoond, onzeker, onvoldoende gegevens or niet geleverd"),
  str("warning", "plain Dutch warnings (pre-trend, too few areas or months), ' | '-separated", true)
];

/** One row of an effect table (the same shape the measure pages read). */
export type EffectRow = EffectRecord;

/**
 * The verdict on a percentage interval for a question that asks `direction` (src/lib/verdict.ts):
 * "onvoldoende gegevens" when the data are too thin, "niet aangetoond" when the interval contains 0,
 * "onzeker" when it does not but a check failed (pre-trend, placebo), "aangetoond" when it lies
 * wholly on the asked side, "tegengesteld" on the other side.
 */
export function verdictOf(low: number | null, high: number | null, {direction, thin = false, doubtful = false}: {direction: Direction; thin?: boolean; doubtful?: boolean}): Verdict {
  return intervalVerdict(low, high, {direction, thin, doubtful});
}

/** A finite number or null (NaN and infinities become null), rounded to `digits` decimals. */
export function num(v: number | null | undefined, digits = 4): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** A p-value as published (roundP: never rounded to 0), or null when not finite. */
export function pValueOf(p: number | null | undefined): number | null {
  return p === null || p === undefined || !Number.isFinite(p) ? null : roundP(p);
}

/**
 * The two-sided Wald p-value of a log effect with its (bootstrap) standard error, as published; null
 * without a usable se. It puts the interval-based measures into the Holm adjustment of the overview
 * (src/lib/findings.ts adjustFindings); the interval shown stays the percentile interval.
 * @example waldP(-0.3, 0.1) // 0.002699796063
 */
export function waldP(estimate: number | null | undefined, se: number | null | undefined): number | null {
  if (estimate === null || estimate === undefined || se === null || se === undefined || !Number.isFinite(estimate) || !(se > 0) || !Number.isFinite(se)) return null;
  return pValueOf(normalPValue(estimate / se));
}

/** A count as published: null when 1..threshold-1 (threshold 0: never). */
export function safeCount(n: number | null | undefined, threshold: number): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const k = Math.round(n);
  return k > 0 && k < threshold ? null : k;
}

/** The numbers of an effect row that, beside its counts, could give a hidden count back. */
export interface RatioNumbers {
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/**
 * Hides a ratio effect with its observed count. Beside the expected count X, an estimate
 * 100·(O/X − 1) gives O back (and so does a Poisson model's rate ratio, whose fitted total equals O),
 * and the interval around it narrows O down; so a row whose observed count is hidden (null) also
 * loses its estimate, interval and p-value.
 * @example withHiddenRatio({observed: null, expected: 1.7, estimate: -41.4, ci_low: -80, ci_high: 20}) // estimate, ci null
 */
export function withHiddenRatio<T extends RatioNumbers & {observed: number | null}>(row: T): T {
  if (row.observed !== null) return row;
  return {...row, estimate: null, ci_low: null, ci_high: null, ...("p_value" in row ? {p_value: null} : {})};
}

/**
 * Observed counts of parts whose sum is also published (cohorts or event times beside the overall
 * observed count) as published: primary suppression (1..threshold-1), then secondary suppression on
 * the line (parts + total) so that no single hidden part can be recovered by subtracting the shown
 * parts from the total. The total itself is never chosen as the secondary cell.
 * @returns the published count per part (null = hidden)
 * @example protectParts([2, 30, 40], 72, 5) // [null, null, 40]: 2 is hidden, 30 hides it from 72 − 40
 */
export function protectParts(parts: readonly number[], total: number, threshold: number): (number | null)[] {
  const counts = [...parts, total].map((n) => Math.round(n));
  const hidden = counts.map((k) => k > 0 && k < threshold);
  completeLines(hidden, counts, [counts.map((_, i) => i)], (i) => i < parts.length, true);
  return parts.map((_, i) => (hidden[i] ? null : counts[i]));
}

/** Builds a table from row objects with a spec (column order from the spec). */
export function tableOf(columns: readonly ColumnSpec[], rows: readonly object[]): Table {
  const out: Record<string, unknown[]> = {};
  for (const c of columns) out[c.name] = rows.map((r) => (r as Record<string, unknown>)[c.name] ?? null);
  return buildTable(columns, out as Record<string, ColumnValues>);
}

/** An effect row for a measure that was not delivered. */
export function notDelivered(effect: string, label: string, unit = "percent"): EffectRow {
  return {
    effect, area_code: "regio", label, estimate: null, ci_low: null, ci_high: null, p_value: null, unit,
    observed: null, expected: null, areas: null, months: null, planted: null, verdict: "niet geleverd", warning: null
  };
}

/** The finding of an effect row. */
export function findingOf(row: EffectRow, id: string, question: string, method: string, direction: Direction): Finding {
  return {
    id, question, method, estimate: row.estimate, ci_low: row.ci_low, ci_high: row.ci_high, p_value: row.p_value,
    unit: row.unit === "percent_per_10" ? "percent" : row.unit, direction, verdict: row.verdict
  };
}

/** Percentage of a relative effect (-0.25 -> -25), or null. */
export function percentOf(relative: unknown): number | null {
  return typeof relative === "number" && Number.isFinite(relative) ? num(100 * relative, 4) : null;
}
