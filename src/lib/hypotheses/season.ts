/**
 * Seasonality and the clock-change natural experiment: browser-safe arithmetic on published
 * tables (season_dst, season_month), shared by the season analysis and the page.
 */

/** Two-sided p-value of a standard normal statistic (erfc by Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
export function twoSidedP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return Math.min(1, erfc);
}

const Z95 = 1.959963984540054;

/** One row of season_dst: aoristic weight per clock hour in the week before or after the change. */
export interface DstHourRow {
  week: string;
  hour: number;
  /** null when hidden by the privacy rule: a contrast that needs it cannot be computed. */
  weight: number | null;
}

/** A ratio with its interval and two-sided p-value. */
export interface RatioEstimate {
  estimate: number;
  low: number;
  high: number;
  p: number;
  /** The four weights it is computed from. */
  parts: {windowBefore: number; restBefore: number; windowAfter: number; restAfter: number};
}

/**
 * The clock-change contrast: (window / rest of the day) after the change divided by the same before,
 * i.e. how much the clock hours [fromHour, toHour) gain in share when evenings turn one hour darker.
 * The 95% interval treats the weights as Poisson counts (log odds ratio, Woolf). Null when a weight
 * is hidden (the published table is protected) or a part is 0.
 * @example dstContrast(rows, {fromHour: 17, toHour: 19}).estimate
 */
export function dstContrast(rows: readonly DstHourRow[], {fromHour, toHour}: {fromHour: number; toHour: number}): RatioEstimate | null {
  if (!(Number.isInteger(fromHour) && Number.isInteger(toHour) && fromHour >= 0 && toHour <= 24 && fromHour < toHour)) {
    throw new Error(`invalid hours: ${fromHour}..${toHour}`);
  }
  if (toHour - fromHour >= 24) throw new Error(`invalid hours: the window must leave a rest of the day`);
  const parts = {windowBefore: 0, restBefore: 0, windowAfter: 0, restAfter: 0};
  for (const r of rows) {
    if (r.weight === null) return null;
    const inside = r.hour >= fromHour && r.hour < toHour;
    if (r.week === "voor") inside ? (parts.windowBefore += r.weight) : (parts.restBefore += r.weight);
    else if (r.week === "na") inside ? (parts.windowAfter += r.weight) : (parts.restAfter += r.weight);
  }
  if (Object.values(parts).some((v) => !(v > 0))) return null;
  const log = Math.log((parts.windowAfter / parts.restAfter) / (parts.windowBefore / parts.restBefore));
  const se = Math.sqrt(1 / parts.windowBefore + 1 / parts.restBefore + 1 / parts.windowAfter + 1 / parts.restAfter);
  return {estimate: Math.exp(log), low: Math.exp(log - Z95 * se), high: Math.exp(log + Z95 * se), p: twoSidedP(log / se), parts};
}

/** One calendar month of season_month. */
export interface MonthRow {
  month: number;
  incidents: number;
  days: number;
}

/**
 * The monthly index: incidents per day in each calendar month relative to the average day (100 = average).
 * @example monthlyIndex([{month: 1, incidents: 62, days: 31}, {month: 7, incidents: 31, days: 31}]) // [133.3, 66.7]
 */
export function monthlyIndex(rows: readonly MonthRow[]): number[] {
  let incidents = 0, days = 0;
  for (const r of rows) incidents += r.incidents, (days += r.days);
  if (!(days > 0)) throw new Error(`invalid rows: no days`);
  const mean = incidents / days;
  return rows.map((r) => (r.days > 0 && mean > 0 ? (r.incidents / r.days / mean) * 100 : NaN));
}
