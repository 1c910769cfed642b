/**
 * Seasonality and the clock-change natural experiment: browser-safe arithmetic on published
 * tables (season_dst, season_month), shared by the season analysis and the page, and the rows of
 * the page's tables and downloads.
 */

import {MONTHS_SHORT} from "../nl-format.js";
import {nlNumber} from "./format.js";

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

/** The dark months of the hypothesis (November to February), as 1-based calendar months. */
export const DARK_MONTHS: readonly number[] = [11, 12, 1, 2];

/**
 * The month index table under the chart: short month name, incidents, days and the index to one
 * decimal (src/lib/nl-format MONTHS_SHORT, the same names as the chart's axis).
 */
export function monthIndexTable(rows: readonly MonthRow[]): {maand: string; inbraken: number; dagen: number; index: string}[] {
  const index = rows.length ? monthlyIndex(rows) : [];
  return rows.map((d, i) => ({maand: MONTHS_SHORT[d.month - 1], inbraken: d.incidents, dagen: d.days, index: nlNumber(index[i], 1)}));
}

/** One row of season_sunset: aoristic weight per hour relative to sunset, for one season. */
export interface SunsetRow {
  season: string;
  relative_hour: number;
  weight: number | null;
}

/** The table under the sunset chart: hour relative to sunset and its weight ("verborgen" if hidden). */
export function sunsetTable(rows: readonly SunsetRow[]): {"uur t.o.v. zonsondergang": number; gewicht: string}[] {
  return rows.map((d) => ({"uur t.o.v. zonsondergang": d.relative_hour, gewicht: d.weight === null ? "verborgen" : nlNumber(d.weight, 1)}));
}

/**
 * Each clock hour's share of its week's shown weight (hidden hours are gaps, so the shares are of
 * the shown hours), with the week named for the legend ("week vóór", "week na").
 */
export function dstShares(rows: readonly DstHourRow[]): {hour: number; week: string; aandeel: number | null}[] {
  const totals: Record<string, number> = {voor: 0, na: 0};
  for (const d of rows) totals[d.week] = (totals[d.week] ?? 0) + (d.weight ?? 0);
  return rows.map((d) => ({hour: d.hour, week: d.week === "voor" ? "week vóór" : "week na", aandeel: d.weight === null ? null : d.weight / totals[d.week]}));
}

/** The clock-change download: the week before, then the week after, each hour's weight to two decimals. */
export function dstTable(rows: readonly DstHourRow[]): {week: string; klokuur: number; gewicht: string}[] {
  return ["voor", "na"].flatMap((w) => rows.filter((d) => d.week === w).map((d) => ({week: w, klokuur: d.hour, gewicht: d.weight === null ? "verborgen" : nlNumber(d.weight, 2)})));
}
