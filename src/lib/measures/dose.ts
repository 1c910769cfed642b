/**
 * Dose-response of prevention-advice visits against the later change in burglary rate, and a
 * displacement check (the staggered DiD applied to untreated neighbours of treated areas).
 *
 * Dose-response: per area a, dose x_a = 1000 * visits_a / dwellings_a (dwellings = mean exposure in
 * the before window) and outcome
 *
 *   y_a = log((O_a,after + k) / X_a,after) - log((O_a,before + k) / X_a,before),
 *
 * with O counts, X dwelling-months and k = 0.5 (small-count smoothing). The slope comes from
 * weighted least squares of y on x with weights 1 / (1/X_before + 1/X_after) (proportional to the
 * inverse Poisson variance of y at a common rate, free of the outcome), with a percentile bootstrap
 * over areas.
 */
import type {Rng} from "../random.js";
import {panelMatrix, staggeredDid, type DidOptions, type DidResult, type Panel, type Starts} from "./did.js";
import {quantileSorted} from "../stats/distributions.js";

export interface DoseOptions {
  /** Prevention-advice visits per area in the dose period (areas missing here count as 0 visits only when `missingAsZero`). */
  visits: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Inclusive month-index ranges [from, to] of the before and after windows. */
  before: readonly [number, number];
  after: readonly [number, number];
  rng: Rng;
  /** Bootstrap replicates (default 499). */
  replicates?: number;
  /** Added to both counts before taking logs (default 0.5). */
  smoothing?: number;
  /** The slope is also reported as the percentage change per `unit` visits per 1,000 dwellings (default 10). */
  unit?: number;
  /** Treat areas without an entry in `visits` as 0 visits (default false: throw). */
  missingAsZero?: boolean;
  level?: number;
  /** Fewer areas than this raises `tooFewAreas` (default 20). */
  minAreas?: number;
}

export interface DoseResult {
  /** Change in log rate ratio (after / before) per 1 visit per 1,000 dwellings. */
  slope: {estimate: number; lower: number; upper: number; se: number};
  /** The same per `unit` visits per 1,000 dwellings, as a percentage change in the rate. */
  perUnit: {unit: number; percent: number; percentLower: number; percentUpper: number};
  /** Log rate ratio at dose 0 (the common change). */
  intercept: number;
  areas: {area: string; dose: number; before: number; after: number; logRatio: number}[];
  flags: {tooFewAreas: boolean};
  replicates: number;
  level: number;
}

/**
 * Regresses the smoothed log change in burglary rate (after vs before) on visits per 1,000 dwellings.
 * @example doseResponse(panel, {visits, before: [a, b], after: [c, d], rng: seededRng(1)}).slope.estimate; // < 0 if visits help
 */
export function doseResponse(panel: Panel, options: DoseOptions): DoseResult {
  const m = panelMatrix(panel);
  const {visits, before, after, rng, replicates = 499, smoothing = 0.5, unit = 10, missingAsZero = false, level = 0.95, minAreas = 20} = options;
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (!visits || typeof visits !== "object") throw new Error(`invalid visits: ${visits}`);
  for (const [name, w] of [["before", before], ["after", after]] as const) {
    if (!Array.isArray(w) || w.length !== 2 || !Number.isInteger(w[0]) || !Number.isInteger(w[1]) || w[0] > w[1]) throw new Error(`invalid ${name}: ${w}`);
    if (w[0] < m.firstMonth || w[1] >= m.firstMonth + m.months) throw new Error(`invalid ${name}: ${w} outside the panel months ${m.firstMonth}-${m.firstMonth + m.months - 1}`);
  }
  if (before[1] >= after[0]) throw new Error(`invalid windows: before ${before} overlaps or follows after ${after}`);
  if (!Number.isInteger(replicates) || replicates < 19) throw new Error(`invalid replicates: ${replicates}`);
  if (!(smoothing > 0)) throw new Error(`invalid smoothing: ${smoothing}`);
  if (!(unit > 0)) throw new Error(`invalid unit: ${unit}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  const get = visits instanceof Map ? (a: string) => visits.get(a) : (a: string) => (visits as Record<string, number>)[a];
  const rows: DoseResult["areas"] = [];
  const x: number[] = [], y: number[] = [], w: number[] = [];
  m.areas.forEach((area, i) => {
    let v = get(area);
    if (v === undefined || v === null) {
      if (!missingAsZero) throw new Error(`invalid visits: no entry for area ${area}`);
      v = 0;
    }
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`invalid visits for area ${area}: ${v}`);
    const [ob, xb] = windowSums(m.count, m.exposure, i * m.months, before[0] - m.firstMonth, before[1] - m.firstMonth);
    const [oa, xa] = windowSums(m.count, m.exposure, i * m.months, after[0] - m.firstMonth, after[1] - m.firstMonth);
    if (!(xb > 0 && xa > 0)) return; // no dwellings: no rate
    const dose = (1000 * v) / (xb / (before[1] - before[0] + 1));
    const logRatio = Math.log((oa + smoothing) / xa) - Math.log((ob + smoothing) / xb);
    rows.push({area, dose, before: ob, after: oa, logRatio});
    x.push(dose);
    y.push(logRatio);
    w.push(1 / (1 / xb + 1 / xa));
  });
  const n = x.length;
  if (n < 3 || Math.max(...x) === Math.min(...x)) {
    throw new Error(`invalid visits: the dose does not vary over the ${n} areas with dwellings`);
  }
  const point = wls(x, y, w, null);
  const boot: number[] = [];
  const counts = new Float64Array(n);
  for (let r = 0; r < replicates; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rng() * n)]++;
    const b = wls(x, y, w, counts);
    if (Number.isFinite(b.slope)) boot.push(b.slope);
  }
  boot.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  const mean = boot.reduce((s, v) => s + v, 0) / boot.length;
  const se = Math.sqrt(boot.reduce((s, v) => s + (v - mean) ** 2, 0) / (boot.length - 1));
  const lower = quantileSorted(boot, alpha), upper = quantileSorted(boot, 1 - alpha);
  const pct = (v: number) => 100 * (Math.exp(v * unit) - 1);
  return {
    slope: {estimate: point.slope, lower, upper, se},
    perUnit: {unit, percent: pct(point.slope), percentLower: pct(lower), percentUpper: pct(upper)},
    intercept: point.intercept,
    areas: rows,
    flags: {tooFewAreas: n < minAreas},
    replicates,
    level
  };
}

function windowSums(count: Float64Array, exposure: Float64Array, row: number, from: number, to: number): [number, number] {
  let o = 0, x = 0;
  for (let t = from; t <= to; t++) o += count[row + t], x += exposure[row + t];
  return [o, x];
}

/** Weighted least squares of y on x; `times` multiplies the weights (bootstrap draw counts). */
function wls(x: number[], y: number[], w: number[], times: Float64Array | null): {slope: number; intercept: number} {
  let sw = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i] * (times ? times[i] : 1);
    sw += wi, sx += wi * x[i], sy += wi * y[i];
  }
  const mx = sx / sw, my = sy / sw;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i] * (times ? times[i] : 1);
    sxx += wi * (x[i] - mx) ** 2;
    sxy += wi * (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return {slope, intercept: my - slope * mx};
}

/**
 * Estimates displacement: the staggered DiD with never-treated neighbours of treated areas as the
 * "treated" group (from their first neighbour's start) and the other never-treated areas as controls.
 * Treated areas themselves are left out.
 * @param neighbours area -> adjacent areas (either direction suffices; unknown names are ignored)
 * @example displacementCheck(panel, starts, neighbours, {rng: seededRng(2)}).overall.percent; // ~0 without displacement
 */
export function displacementCheck(
  panel: Panel,
  starts: Starts,
  neighbours: Readonly<Record<string, readonly string[]>> | ReadonlyMap<string, readonly string[]>,
  options: DidOptions
): DidResult & {exposedAreas: number} {
  const m = panelMatrix(panel);
  if (!starts || typeof starts !== "object") throw new Error(`invalid starts: ${starts}`);
  if (!neighbours || typeof neighbours !== "object") throw new Error(`invalid neighbours: ${neighbours}`);
  const startOf = (a: string): number | null | undefined => (starts instanceof Map ? starts.get(a) : (starts as Record<string, number | null>)[a]);
  const lastMonth = m.firstMonth + m.months - 1;
  const treated = new Map<string, number>();
  for (const a of m.areas) {
    const s = startOf(a);
    if (s === undefined) throw new Error(`invalid starts: no entry for area ${a}`);
    if (s !== null && !Number.isInteger(s)) throw new Error(`invalid start for area ${a}: ${s}`);
    if (s !== null && s <= lastMonth) treated.set(a, s);
  }
  const entries = neighbours instanceof Map ? [...neighbours.entries()] : Object.entries(neighbours);
  const exposedStart = new Map<string, number>();
  const mark = (area: string, s: number) => {
    if (treated.has(area)) return;
    const cur = exposedStart.get(area);
    if (cur === undefined || s < cur) exposedStart.set(area, s);
  };
  for (const [area, list] of entries) {
    if (!Array.isArray(list)) throw new Error(`invalid neighbours for area ${area}: ${list}`);
    const own = treated.get(area);
    for (const other of list) {
      if (own !== undefined) mark(other, own);
      const theirs = treated.get(other);
      if (theirs !== undefined) mark(area, theirs);
    }
  }
  const keep = new Set(m.areas.filter((a) => !treated.has(a)));
  const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
  for (let i = 0; i < panel.area.length; i++) {
    if (!keep.has(panel.area[i])) continue;
    area.push(panel.area[i]);
    month.push(panel.month[i]);
    count.push(panel.count[i]);
    exposure.push(panel.exposure[i]);
  }
  if (exposedStart.size === 0) throw new Error("invalid neighbours: no untreated area borders a treated area");
  const exposed: Record<string, number | null> = {};
  for (const a of keep) exposed[a] = exposedStart.get(a) ?? null;
  return {...staggeredDid({area, month, count, exposure}, exposed, options), exposedAreas: exposedStart.size};
}
