/**
 * Forecasts of next month's burglaries per cell (500 m square, neighbourhood or postcode area) by
 * four methods, and their rolling-origin evaluation by hit rate and the Predictive Accuracy Index
 * (PAI, Chainey, Tompson & Uhlig 2008: (n/N) / (a/A)). Everything a forecast for month m uses lies
 * before month m: the 12-month window, the kernel bandwidth and the blend weights (chosen on the
 * months before m). Pure and browser-safe; the cells are built in loaders/analyses/forecast.ts.
 * Methods and choices: docs/methods.md, "Voorspellen".
 */
import {studentTQuantile} from "./stats/distributions.js";

export const FORECAST_METHODS = ["simple_count", "kde", "prospective", "blend"] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Dutch names of the methods, for pages. */
export const FORECAST_METHOD_LABEL: Readonly<Record<ForecastMethod, string>> = {
  simple_count: "telling vorige 12 maanden",
  kde: "kerndichtheid (hotspotkaart)",
  prospective: "prospectief (near repeats)",
  blend: "combinatie"
};

/**
 * The cells a forecast is made for: their areas and a sparse list of neighbours per cell (CSR: the
 * links of cell i are `linkStart[i]` .. `linkStart[i + 1] - 1`; every cell links to itself at
 * distance 0). Links are symmetric: i links to j at distance d exactly when j links to i at d.
 * Distances are in the unit of `spacing` (metres for squares and centroids).
 */
export interface ForecastCells {
  area: Float64Array;
  linkStart: Int32Array;
  linkTo: Int32Array;
  linkDistance: Float64Array;
  /** The typical distance between neighbouring cells (the square size; 1 for cells without geometry). */
  spacing: number;
}

/** Incidents as cell index and civil day (days since 1970-01-01). */
export interface ForecastEvents {
  cell: Int32Array;
  day: Int32Array;
}

export interface ForecastOptions {
  /** Months evaluated, the most recent ones (default 24). */
  months?: number;
  /** Months of history each forecast uses (default 12). */
  window?: number;
  /** Earlier months on which the bandwidth and the blend weights are chosen (default 6). */
  validation?: number;
  /** The area share at which bandwidth and weights are chosen (default 0.05). */
  selectFraction?: number;
  /** Area shares of the PAI curve (default {@link CURVE_FRACTIONS}). */
  fractions?: readonly number[];
  /** Candidate kernel bandwidths as multiples of the spacing (default 0.25, 0.5, 1, 2, 3). */
  bandwidths?: readonly number[];
  /** Prospective weighting: neighbours up to `reach` spacings, incidents of the last `weeks` weeks (default 1.5, 8). */
  prospective?: {reach: number; weeks: number};
  /** Step of the blend weight grid (default 0.1). */
  blendStep?: number;
  /** The last month evaluated, as months since 1970-01 (default: the last complete month of the events). */
  lastMonth?: number;
}

/** The area shares of the PAI curve. */
export const CURVE_FRACTIONS: readonly number[] = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5];

/** The area shares reported as headline figures. */
export const HEADLINE_FRACTIONS = [0.01, 0.05, 0.1] as const;

/** Months since January 1970 of a civil day. */
export function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** The civil day of the first of a month (months since January 1970). */
export function firstDayOfMonth(month: number): number {
  return Math.round(Date.UTC(1970 + Math.floor(month / 12), ((month % 12) + 12) % 12, 1) / 86_400_000);
}

/** Hit rate and PAI of one forecast at one area share. */
export interface Capture {
  fraction: number;
  /** Incidents in the cells taken (fractional where a block of tied cells straddles the cut). */
  hits: number;
  /** All incidents of the month in the cells. */
  total: number;
  /** hits / total (NaN without incidents). */
  hitRate: number;
  /** (hits / total) / fraction: the area taken is exactly `fraction` of the total area. */
  pai: number;
}

/**
 * Hit rate and PAI of a forecast at each area share: cells are ranked by score per unit of area and
 * taken from the top until the share of the total area is reached. A block of cells with equal
 * scores that straddles the cut counts with the share of its area taken (the expected value when
 * ties are broken at random), so the area taken is always exactly the share asked.
 * @example capture(Float64Array.of(3, 1, 0, 0), Float64Array.of(1, 1, 1, 1), Float64Array.of(2, 0, 1, 1), [0.25])[0].pai // 2
 */
export function capture(scores: ArrayLike<number>, area: ArrayLike<number>, actual: ArrayLike<number>, fractions: readonly number[]): Capture[] {
  const n = area.length;
  if (scores.length !== n || actual.length !== n) throw new Error(`invalid capture input: ${n} areas, ${scores.length} scores, ${actual.length} actual counts`);
  for (const f of fractions) if (!(f > 0 && f <= 1)) throw new Error(`invalid area fraction: ${f}`);
  let totalArea = 0, total = 0;
  const positive: number[] = [];
  const density = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(area[i] > 0)) throw new Error(`invalid area of cell ${i}: ${area[i]}`);
    if (!(scores[i] >= 0)) throw new Error(`invalid score of cell ${i}: ${scores[i]}`);
    totalArea += area[i];
    total += actual[i];
    density[i] = scores[i] / area[i];
    if (density[i] > 0) positive.push(i);
  }
  positive.sort((a, b) => density[b] - density[a]);
  // Blocks of tied cells: the positive ones in rank order, then one block of all zero scores.
  const blocks: {area: number; hits: number}[] = [];
  for (let k = 0; k < positive.length; ) {
    const d = density[positive[k]];
    let a = 0, h = 0;
    for (; k < positive.length && density[positive[k]] === d; k++) (a += area[positive[k]]), (h += actual[positive[k]]);
    blocks.push({area: a, hits: h});
  }
  let zeroArea = 0, zeroHits = 0;
  for (let i = 0; i < n; i++) if (density[i] === 0) (zeroArea += area[i]), (zeroHits += actual[i]);
  if (zeroArea > 0) blocks.push({area: zeroArea, hits: zeroHits});
  return fractions.map((fraction) => {
    const target = fraction * totalArea;
    let taken = 0, hits = 0;
    for (const b of blocks) {
      if (taken + b.area <= target) {
        taken += b.area;
        hits += b.hits;
        continue;
      }
      hits += (b.hits * (target - taken)) / b.area;
      break;
    }
    const hitRate = total > 0 ? hits / total : NaN;
    return {fraction, hits, total, hitRate, pai: hitRate / fraction};
  });
}

/**
 * The hit rate of a forecast at one area share, as {@link capture} computes it (same ranking, same
 * tied-block rule; inputs are not re-checked), by weighted selection instead of a sort: expected
 * time linear in the cells. The rolling evaluation calls it for every candidate bandwidth and blend.
 * @example hitRateAt(Float64Array.of(3, 1, 0, 0), Float64Array.of(1, 1, 1, 1), Float64Array.of(2, 0, 1, 1), 0.25) // 0.5
 */
export function hitRateAt(scores: ArrayLike<number>, area: ArrayLike<number>, actual: ArrayLike<number>, fraction: number): number {
  const n = area.length;
  let totalArea = 0, total = 0, m = 0;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    totalArea += area[i];
    total += actual[i];
    if (scores[i] > 0) idx[m++] = i;
  }
  if (!(total > 0)) return NaN;
  let target = fraction * totalArea, hits = 0;
  // Weighted quickselect over idx[lo, hi) by density, highest first.
  let lo = 0, hi = m;
  while (lo < hi && target > 0) {
    const p = idx[lo + ((hi - lo) >> 1)];
    const pivot = scores[p] / area[p];
    // Three-way partition: [lo, a) above the pivot, [a, b) equal, [b, hi) below.
    let a = lo, b = lo, c = hi;
    while (b < c) {
      const i = idx[b], d = scores[i] / area[i];
      if (d > pivot) (idx[b] = idx[a]), (idx[a] = i), a++, b++;
      else if (d < pivot) c--, (idx[b] = idx[c]), (idx[c] = i);
      else b++;
    }
    let aboveArea = 0, aboveHits = 0;
    for (let k = lo; k < a; k++) (aboveArea += area[idx[k]]), (aboveHits += actual[idx[k]]);
    if (aboveArea >= target) {
      hi = a;
      continue;
    }
    target -= aboveArea;
    hits += aboveHits;
    let tieArea = 0, tieHits = 0;
    for (let k = a; k < b; k++) (tieArea += area[idx[k]]), (tieHits += actual[idx[k]]);
    if (tieArea >= target) return (hits + (tieHits * target) / tieArea) / total;
    target -= tieArea;
    hits += tieHits;
    lo = b;
  }
  if (target > 0 && lo >= hi) {
    // The positive cells are exhausted: the rest comes from the block of zero scores.
    let zeroArea = 0, zeroHits = 0;
    for (let i = 0; i < n; i++) if (!(scores[i] > 0)) (zeroArea += area[i]), (zeroHits += actual[i]);
    if (zeroArea > 0) hits += (zeroHits * Math.min(target, zeroArea)) / zeroArea;
  }
  return hits / total;
}

/** Mean of the finite values and a t-interval across them (NaN when fewer than two). */
export function meanInterval(values: readonly number[], level = 0.95): {mean: number; low: number; high: number; n: number} {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  if (!n) return {mean: NaN, low: NaN, high: NaN, n};
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return {mean, low: NaN, high: NaN, n};
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return {mean, low: mean - half, high: mean + half, n};
}

/** Gaussian kernel weights of every link for bandwidth `h`, 0 beyond 3h. */
export function kernelWeights(cells: ForecastCells, h: number): Float64Array {
  if (!(h > 0)) throw new Error(`invalid bandwidth: ${h}`);
  return cells.linkDistance.map((d) => (d > 3 * h ? 0 : Math.exp(-0.5 * (d / h) ** 2)));
}

/**
 * The kernel estimate of cell counts: a Gaussian of bandwidth `h` over the links up to 3h. Each
 * cell with a count spreads it over its links (links are symmetric, so this equals gathering).
 */
export function kernelSmooth(cells: ForecastCells, counts: ArrayLike<number>, h: number, weights = kernelWeights(cells, h)): Float64Array {
  const n = cells.area.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const c = counts[j];
    if (!c) continue;
    for (let k = cells.linkStart[j]; k < cells.linkStart[j + 1]; k++) out[cells.linkTo[k]] += c * weights[k];
  }
  return out;
}

/**
 * Prospective near-repeat weighting (Bowers, Johnson & Pease 2004) at the start of a forecast
 * period `origin` (a civil day): each incident of the `weeks` weeks before adds 1/(1 + d) x 1/(1 + w)
 * to every cell within `reach` spacings, d the distance in spacings, w the whole weeks since it.
 * `order` lists the events by day (see {@link eventsByDay}).
 */
export function prospectiveScores(cells: ForecastCells, events: ForecastEvents, order: Int32Array, origin: number, {reach, weeks}: {reach: number; weeks: number}): Float64Array {
  const n = cells.area.length;
  const out = new Float64Array(n);
  const from = origin - 7 * weeks;
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events.day[order[mid]] < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < order.length; k++) {
    const e = order[k];
    const age = origin - events.day[e];
    if (age <= 0) break;
    const time = 1 / (1 + Math.floor((age - 1) / 7));
    const c = events.cell[e];
    for (let l = cells.linkStart[c]; l < cells.linkStart[c + 1]; l++) {
      const d = cells.linkDistance[l] / cells.spacing;
      if (d <= reach) out[cells.linkTo[l]] += time / (1 + d);
    }
  }
  return out;
}

/** Event indices sorted by day. */
export function eventsByDay(events: ForecastEvents): Int32Array {
  const order = Int32Array.from(events.day.keys());
  return order.sort((a, b) => events.day[a] - events.day[b]);
}

/** One evaluated month. */
export interface MonthEvaluation {
  /** Months since 1970-01. */
  month: number;
  incidents: number;
  /** Kernel bandwidth chosen on the months before (in the unit of the spacing). */
  bandwidth: number;
  /** Blend weights of simple_count, kde, prospective, chosen on the months before. */
  weights: [number, number, number];
  capture: Record<ForecastMethod, Capture[]>;
}

export interface MethodSummary {
  method: ForecastMethod;
  fraction: number;
  /** Mean over the months with incidents, and a 95% t-interval across them. */
  pai: number;
  paiLow: number;
  paiHigh: number;
  hitRate: number;
  hitRateLow: number;
  hitRateHigh: number;
  months: number;
}

export interface ForecastEvaluation {
  months: MonthEvaluation[];
  /** One row per method and curve fraction. */
  summary: MethodSummary[];
  fractions: readonly number[];
}

/**
 * The last complete month of a set of days: the month of the last day when that day lies in the
 * month's last week (a delivery cut at a month's end has an incident in its last week), else the
 * month before.
 */
export function lastCompleteMonth(days: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < days.length; i++) if (days[i] > max) max = days[i];
  if (!Number.isFinite(max)) throw new Error("invalid events: none");
  const m = monthOfDay(max);
  return firstDayOfMonth(m + 1) - max <= 7 ? m : m - 1;
}

/** The blend weight grid: (a, b, c) with a + b + c = 1 in steps of `step`, equal weights first. */
function weightGrid(step: number): [number, number, number][] {
  const k = Math.round(1 / step);
  if (!(k >= 1 && Math.abs(k * step - 1) < 1e-9)) throw new Error(`invalid blend step: ${step}`);
  const grid: [number, number, number][] = [[1 / 3, 1 / 3, 1 / 3]];
  for (let a = 0; a <= k; a++) for (let b = 0; a + b <= k; b++) grid.push([a / k, b / k, (k - a - b) / k]);
  return grid;
}

function normalised(scores: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < scores.length; i++) s += scores[i];
  return s > 0 ? scores.map((x) => x / s) : scores;
}

/**
 * Rolling-origin evaluation: each of the last `months` months is forecast from the data before it
 * by the four methods, and the forecast is scored against the month's incidents (hit rate and PAI
 * at each curve fraction). The kernel bandwidth and the blend weights for month m are those with
 * the highest mean hit rate at `selectFraction` over the `validation` months before m (defaults
 * when there are none: bandwidth 1 spacing, equal weights).
 */
export function evaluateForecasts(cells: ForecastCells, events: ForecastEvents, options: ForecastOptions = {}): ForecastEvaluation {
  const n = cells.area.length;
  const {months: evaluated = 24, window = 12, validation = 6, selectFraction = 0.05, fractions = CURVE_FRACTIONS, bandwidths = [0.25, 0.5, 1, 2, 3], prospective = {reach: 1.5, weeks: 8}, blendStep = 0.1} = options;
  if (cells.linkStart.length !== n + 1) throw new Error(`invalid cells: ${n} areas, ${cells.linkStart.length} link offsets`);
  if (events.cell.length !== events.day.length) throw new Error(`invalid events: ${events.cell.length} cells, ${events.day.length} days`);
  if (!(Number.isInteger(evaluated) && evaluated >= 1)) throw new Error(`invalid months: ${evaluated}`);
  if (!(Number.isInteger(window) && window >= 1)) throw new Error(`invalid window: ${window}`);
  if (!events.day.length || !n) return {months: [], summary: [], fractions};
  for (let i = 0; i < events.cell.length; i++) {
    if (!(events.cell[i] >= 0 && events.cell[i] < n)) throw new Error(`invalid event ${i}: cell ${events.cell[i]} (${n} cells)`);
  }
  let firstMonth = Infinity;
  for (let i = 0; i < events.day.length; i++) firstMonth = Math.min(firstMonth, monthOfDay(events.day[i]));
  const last = options.lastMonth ?? lastCompleteMonth(events.day);
  const counts = new Map<number, Float64Array>();
  for (let i = 0; i < events.day.length; i++) {
    const m = monthOfDay(events.day[i]);
    if (m > last) continue;
    let c = counts.get(m);
    if (!c) counts.set(m, (c = new Float64Array(n)));
    c[events.cell[i]]++;
  }
  const monthCounts = (m: number) => counts.get(m) ?? new Float64Array(n);
  const firstForecastable = firstMonth + window;
  const start = Math.max(firstForecastable, last - evaluated + 1);
  if (start > last) return {months: [], summary: [], fractions};
  const order = eventsByDay(events);
  const hs = bandwidths.map((b) => b * cells.spacing);
  const grid = weightGrid(blendStep);

  const memo = <T>(f: (m: number) => T) => {
    const cache = new Map<number, T>();
    return (m: number) => (cache.has(m) ? cache.get(m)! : (cache.set(m, f(m)), cache.get(m)!));
  };
  const simple = memo((m) => {
    const s = new Float64Array(n);
    for (let k = m - window; k < m; k++) {
      const c = counts.get(k);
      if (c) for (let i = 0; i < n; i++) s[i] += c[i];
    }
    return s;
  });
  const weights = hs.map((h) => kernelWeights(cells, h));
  const kdeAt = memo((m) => hs.map((h, k) => kernelSmooth(cells, simple(m), h, weights[k])));
  const prospectiveAt = memo((m) => prospectiveScores(cells, events, order, firstDayOfMonth(m), prospective));
  const rate = (scores: Float64Array, m: number) => hitRateAt(scores, cells.area, monthCounts(m), selectFraction);
  const kdeRates = memo((m) => kdeAt(m).map((s) => rate(s, m)));
  const validationMonths = (m: number) => {
    const out: number[] = [];
    for (let v = Math.max(firstForecastable, m - validation); v < m; v++) if (monthCounts(v).some((x) => x > 0)) out.push(v);
    return out;
  };
  const bestIndex = (score: (k: number) => number, count: number, fallback: number) => {
    let best = fallback, bestScore = -Infinity;
    for (let k = 0; k < count; k++) {
      const s = score(k);
      if (s > bestScore + 1e-12) (best = k), (bestScore = s);
    }
    return Number.isFinite(bestScore) ? best : fallback;
  };
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const defaultH = Math.max(0, bandwidths.indexOf(1));
  const bandwidthIndex = memo((m) => {
    const vs = validationMonths(m);
    return vs.length ? bestIndex((k) => mean(vs.map((v) => kdeRates(v)[k])), hs.length, defaultH) : defaultH;
  });
  const components = memo((m) => [normalised(simple(m)), normalised(kdeAt(m)[bandwidthIndex(m)]), normalised(prospectiveAt(m))]);
  const blendOf = (m: number, w: readonly number[]) => {
    const [a, b, c] = components(m);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = w[0] * a[i] + w[1] * b[i] + w[2] * c[i];
    return out;
  };
  const blendRates = memo((m) => grid.map((w) => rate(blendOf(m, w), m)));
  const weightIndex = (m: number) => {
    const vs = validationMonths(m);
    return vs.length ? bestIndex((k) => mean(vs.map((v) => blendRates(v)[k])), grid.length, 0) : 0;
  };

  const results: MonthEvaluation[] = [];
  for (let m = start; m <= last; m++) {
    const actual = monthCounts(m);
    const h = bandwidthIndex(m);
    const w = grid[weightIndex(m)];
    const forecasts: Record<ForecastMethod, Float64Array> = {simple_count: simple(m), kde: kdeAt(m)[h], prospective: prospectiveAt(m), blend: blendOf(m, w)};
    const cap = {} as Record<ForecastMethod, Capture[]>;
    for (const method of FORECAST_METHODS) cap[method] = capture(forecasts[method], cells.area, actual, fractions);
    results.push({month: m, incidents: actual.reduce((s, x) => s + x, 0), bandwidth: hs[h], weights: [...w] as [number, number, number], capture: cap});
  }
  const summary: MethodSummary[] = [];
  for (const method of FORECAST_METHODS) {
    fractions.forEach((fraction, k) => {
      const pai = meanInterval(results.map((r) => r.capture[method][k].pai));
      const hit = meanInterval(results.map((r) => r.capture[method][k].hitRate));
      summary.push({method, fraction, pai: pai.mean, paiLow: pai.low, paiHigh: pai.high, hitRate: hit.mean, hitRateLow: hit.low, hitRateHigh: hit.high, months: pai.n});
    });
  }
  return {months: results, summary, fractions};
}
