/**
 * Interrupted time series for a measure with one start date over a whole municipality (segmented
 * quasi-Poisson regression, Bernal, Cummins & Gasparrini 2017):
 *
 *   log E[y_t] = log(D_t) + b0 + b1 (t - s)/12 + season(month of year) + b2 post_t + b3 post_t (t - s)/12,
 *
 * with D dwellings, s the start month and post_t = [t >= s]. exp(b2) - 1 is the level change at the
 * start, b3 the change of the yearly log-rate slope. Standard errors are scaled by max(1, Pearson
 * chi2 / df) and intervals use t quantiles on the residual df when scaled.
 */
import {monthLabel} from "./did.js";
import {normalPValue, normalQuantile, studentTQuantile, studentTUpper} from "../stats/distributions.js";
import {fitPoisson, quasiPoisson} from "../stats/glm.js";

/** A monthly series for one region: month index (year * 12 + month - 1), counts and dwellings. */
export interface Series {
  month: ArrayLike<number>;
  count: ArrayLike<number>;
  exposure: ArrayLike<number>;
}

export interface ItsOptions {
  /** First month of the measure (month index). */
  start: number;
  /** "months": 11 month-of-year dummies (default); "fourier": two harmonics (4 terms). */
  seasonality?: "months" | "fourier";
  /** Interval level (default 0.95). */
  level?: number;
  /** Placebo start this many months before the real one, fitted on pre-period data only (default 12). */
  placeboOffset?: number;
  /** Scale errors for overdispersion (quasi-Poisson; default true). */
  quasi?: boolean;
}

/** A coefficient with its interval, on the log scale and as a percentage change. */
export interface ItsEffect {
  estimate: number;
  lower: number;
  upper: number;
  se: number;
  /** Two-sided p-value (normal, or t on the residual df when scaled). */
  pValue: number;
  percent: number;
  percentLower: number;
  percentUpper: number;
}

export interface ItsFit {
  /** Level change at the start (percent = immediate relative change). */
  levelChange: ItsEffect;
  /** Change of the log-rate slope per year after the start (percent = extra change per year). */
  slopeChange: ItsEffect;
  /** Pre-existing trend of the log rate per year. */
  trend: ItsEffect;
  /** Pearson chi2 / residual df; above 1 means overdispersion. */
  dispersion: number;
  /** Lag-1 autocorrelation of the Pearson residuals. */
  autocorrelation: number;
  /** Fitted counts, and the counts the model expects without the measure. */
  fitted: number[];
  counterfactual: number[];
  month: number[];
  n: {months: number; pre: number; post: number};
}

export interface ItsResult extends ItsFit {
  /** The same model with a fake start `placeboOffset` months earlier on pre-period data; null when too short. */
  placebo: (ItsFit & {start: number; findsEffect: boolean}) | null;
  flags: {tooFewMonths: boolean; overdispersed: boolean; autocorrelated: boolean; placeboFindsEffect: boolean};
}

/**
 * Fits a segmented (quasi-)Poisson regression around a start date and a placebo start before it.
 * @param series monthly counts and dwellings, consecutive months
 * @example interruptedTimeSeries(series, {start: monthIndex("2021-01")}).levelChange.percent; // e.g. -18.7
 */
export function interruptedTimeSeries(series: Series, options: ItsOptions): ItsResult {
  if (!series) throw new Error(`invalid series: ${series}`);
  const n = series.month?.length;
  for (const key of ["count", "exposure"] as const) {
    if (!series[key] || series[key].length !== n) throw new Error(`invalid series.${key}: length ${series[key]?.length}, expected ${n}`);
  }
  const {start, seasonality = "months", level = 0.95, placeboOffset = 12, quasi = true} = options ?? ({} as ItsOptions);
  if (!Number.isInteger(start)) throw new Error(`invalid start: ${start}`);
  if (seasonality !== "months" && seasonality !== "fourier") throw new Error(`invalid seasonality: ${seasonality}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  if (!Number.isInteger(placeboOffset) || placeboOffset < 1) throw new Error(`invalid placeboOffset: ${placeboOffset}`);
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => series.month[a] - series.month[b]);
  const month = order.map((i) => series.month[i]);
  const count = order.map((i) => series.count[i]);
  const exposure = order.map((i) => series.exposure[i]);
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(month[i]) || month[i] < 0) throw new Error(`invalid series.month: ${month[i]}`);
    if (i > 0 && month[i] !== month[i - 1] + 1) throw new Error(`invalid series.month: gap or repeat after ${monthLabel(month[i - 1])}`);
    if (!(count[i] >= 0) || !Number.isFinite(count[i])) throw new Error(`invalid series.count: ${count[i]} in ${monthLabel(month[i])}`);
    if (!(exposure[i] > 0) || !Number.isFinite(exposure[i])) throw new Error(`invalid series.exposure: ${exposure[i]} in ${monthLabel(month[i])}`);
  }
  const pre = month.filter((m) => m < start).length;
  const seasonTerms = seasonality === "months" ? 11 : 4;
  const label = start >= 0 ? monthLabel(start) : String(start);
  if (pre < seasonTerms + 3) throw new Error(`invalid start: ${label} leaves ${pre} months before it, need at least ${seasonTerms + 3}`);
  if (n - pre < 2) throw new Error(`invalid start: ${label} leaves ${n - pre} months after it, need at least 2`);
  const main = fitSegmented(month, count, exposure, start, seasonality, level, quasi);
  let placebo: ItsResult["placebo"] = null;
  const fakeStart = start - placeboOffset;
  const preMonth = month.slice(0, pre);
  const placeboPre = preMonth.filter((m) => m < fakeStart).length;
  if (placeboPre >= seasonTerms + 3 && pre - placeboPre >= 2) {
    const fit = fitSegmented(preMonth, count.slice(0, pre), exposure.slice(0, pre), fakeStart, seasonality, level, quasi);
    placebo = {...fit, start: fakeStart, findsEffect: fit.levelChange.lower > 0 || fit.levelChange.upper < 0};
  }
  return {
    ...main,
    placebo,
    flags: {
      tooFewMonths: pre < 36 || n - pre < 12,
      overdispersed: main.dispersion > 1.5,
      autocorrelated: Math.abs(main.autocorrelation) > 2 / Math.sqrt(n),
      placeboFindsEffect: placebo?.findsEffect ?? false
    }
  };
}

function fitSegmented(
  month: number[], count: number[], exposure: number[], start: number,
  seasonality: "months" | "fourier", level: number, quasi: boolean
): ItsFit {
  const x = month.map((m) => designRow(m, start, seasonality));
  const offset = exposure.map(Math.log);
  const p = x[0].length;
  const fit = fitPoisson({y: count, X: x, names: x[0].map((_, j) => `x${j}`), offset, intercept: false}, {integerCounts: false});
  const coef = fit.coefficients.map((c) => c.estimate);
  const {scale, se: scaledSe} = quasiPoisson(fit);
  const scaled = quasi && scale > 1;
  const ses = scaled ? scaledSe : fit.coefficients.map((c) => c.se);
  const crit = scaled ? studentTQuantile(1 - (1 - level) / 2, fit.dfResidual) : normalQuantile(1 - (1 - level) / 2);
  const effect = (j: number, unit = 1): ItsEffect => {
    const estimate = coef[j] * unit, se = ses[j] * unit;
    const lower = estimate - crit * se, upper = estimate + crit * se;
    const z = Math.abs(estimate / se);
    const pValue = scaled ? 2 * studentTUpper(z, fit.dfResidual) : normalPValue(z);
    const pct = (v: number) => 100 * (Math.exp(v) - 1);
    return {estimate, lower, upper, se, pValue, percent: pct(estimate), percentLower: pct(lower), percentUpper: pct(upper)};
  };
  const residuals = count.map((y, i) => (y - fit.fitted[i]) / Math.sqrt(fit.fitted[i]));
  const counterfactual = x.map((row, i) => {
    let eta = offset[i];
    for (let j = 0; j < p - 2; j++) eta += row[j] * coef[j];
    return Math.exp(eta);
  });
  const pre = month.filter((m) => m < start).length;
  return {
    trend: effect(1),
    levelChange: effect(p - 2),
    slopeChange: effect(p - 1),
    dispersion: fit.dispersion,
    autocorrelation: lag1(residuals),
    fitted: fit.fitted,
    counterfactual,
    month: [...month],
    n: {months: month.length, pre, post: month.length - pre}
  };
}

/** Intercept, years since start, seasonal terms, post, post x years since start. */
function designRow(m: number, start: number, seasonality: "months" | "fourier"): number[] {
  const years = (m - start) / 12;
  const moy = m % 12;
  const row = [1, years];
  if (seasonality === "months") for (let k = 1; k < 12; k++) row.push(moy === k ? 1 : 0);
  else for (const h of [1, 2]) row.push(Math.sin((2 * Math.PI * h * moy) / 12), Math.cos((2 * Math.PI * h * moy) / 12));
  const post = m >= start ? 1 : 0;
  row.push(post, post * years);
  return row;
}

function lag1(r: number[]): number {
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  let num = 0, den = 0;
  for (let i = 0; i < r.length; i++) {
    den += (r[i] - mean) ** 2;
    if (i > 0) num += (r[i] - mean) * (r[i - 1] - mean);
  }
  return den > 0 ? num / den : 0;
}

