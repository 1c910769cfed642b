/**
 * Seeded simulators with planted effects, for tests, benchmarks and the methods page: a panel of
 * neighbourhoods with staggered adoption (plus optional displacement and dose effects) and a single
 * municipality series with a start date.
 */
import {normal, poisson, type Rng} from "../random.js";
import {monthIndex, type Panel} from "./did.js";
import type {Series} from "./its.js";

/** Police-registration seasonality, January..December (November-February peak). */
export const SEASON = [1.25, 1.15, 1.0, 0.85, 0.8, 0.75, 0.8, 0.8, 0.85, 1.0, 1.3, 1.45];

export interface SimulatePanelOptions {
  /** Number of areas (default 500), laid out on a grid for the neighbour lists. */
  areas?: number;
  /** Number of months (default 120) from `firstMonth` (default 2015-01). */
  months?: number;
  firstMonth?: number;
  /** Areas that adopt the measure (default 100). */
  treatedAreas?: number;
  /** Adoption starts are uniform over months [adoptionFrom, adoptionFrom + adoptionMonths) of the panel (default 36, 36). */
  adoptionFrom?: number;
  adoptionMonths?: number;
  /** Planted multiplicative effect as a fraction, e.g. -0.25 for -25% (default -0.25). */
  effect?: number;
  /** Planted effect on never-treated neighbours of treated areas, from the first neighbour's start (default 0). */
  displacement?: number;
  /** Burglaries per 1,000 dwellings per year (default 3). */
  ratePerThousand?: number;
  /** Dwellings per area, uniform between these (default 300, 3000). */
  dwellingsMin?: number;
  dwellingsMax?: number;
  /** Dwelling growth per year as a fraction (default 0.005). */
  growthPerYear?: number;
  /** Standard deviation of the log baseline rate between areas (default 0.3). */
  areaSd?: number;
  /** Common trend in the log rate per year (default -0.05). */
  trendPerYear?: number;
  /** Extra-Poisson variation: variance of a gamma frailty per area-month (0 = Poisson; default 0). */
  dispersion?: number;
  /** Prevention visits: dose per 1,000 dwellings is 0 for half the areas, else uniform on [0, maxPerThousand]; the rate from `month` on is multiplied by exp(slope * dose). */
  dose?: {month: number; slope: number; maxPerThousand: number};
}

export interface SimulatedPanel {
  panel: Panel;
  starts: Record<string, number | null>;
  /** Rook neighbours on the grid. */
  neighbours: Record<string, string[]>;
  /** Prevention visits per area (all 0 without `dose`). */
  visits: Record<string, number>;
  /** Dwellings per area in the first month. */
  dwellings: Record<string, number>;
}

/**
 * Simulates monthly burglary counts for a panel of areas with staggered adoption and a planted effect.
 * @example simulatePanel(seededRng(1), {effect: -0.25}).panel.area.length; // 60000
 */
export function simulatePanel(rng: Rng, options: SimulatePanelOptions = {}): SimulatedPanel {
  const {areas: n = 500, months = 120, firstMonth = monthIndex("2015-01"), treatedAreas = 100} = options;
  const {adoptionFrom = 36, adoptionMonths = 36, effect = -0.25, displacement = 0, ratePerThousand = 3} = options;
  const {dwellingsMin = 300, dwellingsMax = 3000, growthPerYear = 0.005, areaSd = 0.3, trendPerYear = -0.05, dispersion = 0, dose} = options;
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (!Number.isInteger(n) || n < 2) throw new Error(`invalid areas: ${n}`);
  if (!Number.isInteger(months) || months < 2) throw new Error(`invalid months: ${months}`);
  if (!Number.isInteger(treatedAreas) || treatedAreas < 0 || treatedAreas > n) throw new Error(`invalid treatedAreas: ${treatedAreas}`);
  if (!Number.isInteger(adoptionFrom) || adoptionFrom < 1 || !Number.isInteger(adoptionMonths) || adoptionMonths < 1 || adoptionFrom + adoptionMonths > months) {
    throw new Error(`invalid adoption window: ${adoptionFrom} + ${adoptionMonths} in ${months} months`);
  }
  if (!(effect > -1) || !(displacement > -1)) throw new Error(`invalid effect: ${effect} (displacement ${displacement})`);
  if (!(ratePerThousand > 0)) throw new Error(`invalid ratePerThousand: ${ratePerThousand}`);
  if (!(dwellingsMin > 0 && dwellingsMax >= dwellingsMin)) throw new Error(`invalid dwellings range: ${dwellingsMin}-${dwellingsMax}`);
  if (!(areaSd >= 0) || !(dispersion >= 0)) throw new Error(`invalid areaSd/dispersion: ${areaSd}/${dispersion}`);
  const names = Array.from({length: n}, (_, i) => `A${String(i + 1).padStart(4, "0")}`);
  const cols = Math.ceil(Math.sqrt(n));
  const neighbours: Record<string, string[]> = {};
  names.forEach((name, i) => {
    const x = i % cols, y = Math.floor(i / cols);
    const list: string[] = [];
    for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const nx = x + dx, ny = y + dy, j = ny * cols + nx;
      if (nx >= 0 && nx < cols && ny >= 0 && j < n) list.push(names[j]);
    }
    neighbours[name] = list;
  });
  const dwellings = names.map(() => Math.round(dwellingsMin + rng() * (dwellingsMax - dwellingsMin)));
  const level = names.map(() => Math.exp(areaSd * normal(rng) - areaSd ** 2 / 2));
  const order = names.map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const start = new Array<number | null>(n).fill(null);
  for (let k = 0; k < treatedAreas; k++) start[order[k]] = adoptionFrom + Math.floor(rng() * adoptionMonths);
  const position = new Map(names.map((name, i) => [name, i]));
  const neighbourStart = names.map((name, i) => {
    if (start[i] !== null) return null;
    let first: number | null = null;
    for (const other of neighbours[name]) {
      const s = start[position.get(other)!];
      if (s !== null && (first === null || s < first)) first = s;
    }
    return first;
  });
  const doses = names.map(() => (dose && rng() < 0.5 ? rng() * dose.maxPerThousand : 0));
  const visits = names.map((_, i) => Math.round((doses[i] * dwellings[i]) / 1000));
  const seasonMean = SEASON.reduce((a, b) => a + b) / 12;
  const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
  for (let i = 0; i < n; i++) {
    const realizedDose = dwellings[i] > 0 ? (visits[i] * 1000) / dwellings[i] : 0;
    for (let t = 0; t < months; t++) {
      const d = dwellings[i] * Math.exp((growthPerYear * t) / 12);
      const moy = (firstMonth + t) % 12;
      let lambda = (d / 1000) * (ratePerThousand / 12) * level[i] * (SEASON[moy] / seasonMean) * Math.exp((trendPerYear * t) / 12);
      if (start[i] !== null && t >= start[i]!) lambda *= 1 + effect;
      if (neighbourStart[i] !== null && t >= neighbourStart[i]!) lambda *= 1 + displacement;
      if (dose && firstMonth + t >= dose.month) lambda *= Math.exp(dose.slope * realizedDose);
      if (dispersion > 0) lambda *= gamma(rng, 1 / dispersion) * dispersion;
      area.push(names[i]);
      month.push(firstMonth + t);
      count.push(poisson(rng, lambda));
      exposure.push(d);
    }
  }
  return {
    panel: {area, month, count, exposure},
    starts: Object.fromEntries(names.map((name, i) => [name, start[i] === null ? null : firstMonth + start[i]!])),
    neighbours,
    visits: Object.fromEntries(names.map((name, i) => [name, visits[i]])),
    dwellings: Object.fromEntries(names.map((name, i) => [name, dwellings[i]]))
  };
}

export interface SimulateSeriesOptions {
  /** Number of months (default 120) from `firstMonth` (default 2015-01). */
  months?: number;
  firstMonth?: number;
  /** Start of the measure as a month offset into the series (default 72). */
  startOffset?: number;
  /** Dwellings (default 77,059, Enschede 2024). */
  dwellings?: number;
  /** Burglaries per 1,000 dwellings per year (default 3). */
  ratePerThousand?: number;
  /** Planted level change at the start as a fraction (default -0.2). */
  level?: number;
  /** Planted change of the log-rate slope per month after the start (default 0). */
  slope?: number;
  /** Common trend in the log rate per year (default -0.05). */
  trendPerYear?: number;
  /** Extra-Poisson variation: variance of a monthly gamma frailty (default 0). */
  dispersion?: number;
}

/**
 * Simulates one municipality's monthly series with a measure starting at a known month.
 * @example simulateSeries(seededRng(1), {level: -0.2}).series.count.length; // 120
 */
export function simulateSeries(rng: Rng, options: SimulateSeriesOptions = {}): {series: Series; start: number} {
  const {months = 120, firstMonth = monthIndex("2015-01"), startOffset = 72, dwellings = 77059, ratePerThousand = 3} = options;
  const {level = -0.2, slope = 0, trendPerYear = -0.05, dispersion = 0} = options;
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (!Number.isInteger(months) || months < 2) throw new Error(`invalid months: ${months}`);
  if (!Number.isInteger(startOffset) || startOffset < 1 || startOffset >= months) throw new Error(`invalid startOffset: ${startOffset}`);
  if (!(dwellings > 0) || !(ratePerThousand > 0) || !(level > -1) || !(dispersion >= 0)) {
    throw new Error(`invalid series settings: dwellings ${dwellings}, rate ${ratePerThousand}, level ${level}, dispersion ${dispersion}`);
  }
  const seasonMean = SEASON.reduce((a, b) => a + b) / 12;
  const month: number[] = [], count: number[] = [], exposure: number[] = [];
  for (let t = 0; t < months; t++) {
    const moy = (firstMonth + t) % 12;
    let lambda = (dwellings / 1000) * (ratePerThousand / 12) * (SEASON[moy] / seasonMean) * Math.exp((trendPerYear * t) / 12);
    if (t >= startOffset) lambda *= (1 + level) * Math.exp(slope * (t - startOffset));
    if (dispersion > 0) lambda *= gamma(rng, 1 / dispersion) * dispersion;
    month.push(firstMonth + t);
    count.push(poisson(rng, lambda));
    exposure.push(dwellings);
  }
  return {series: {month, count, exposure}, start: firstMonth + startOffset};
}

/** A gamma draw with the given shape and scale 1 (Marsaglia-Tsang). */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export interface WaveSelectionOptions {
  /** Groups to start (default: half the areas). */
  groups?: number;
  /** Starts are uniform over panel months [from, from + span) (default 24, 24: 24 months of history, 12 or more after). */
  from?: number;
  span?: number;
  /** Candidate areas per group; the group starts in the one with the most burglaries in the 12 months before (default 2). */
  candidates?: number;
  /** Months before the start that decide between the candidates (default 12). */
  window?: number;
}

/**
 * Start months chosen after a burglary wave, on a panel simulated without an effect: each group draws
 * a start month and `candidates` areas without a group, and starts in the candidate with the most
 * burglaries in the `window` months before the start (ties: the first drawn). With no effect planted
 * any "effect" an estimator finds is regression to the mean.
 * @example waveSelectedStarts(seededRng(2), simulatePanel(seededRng(1), {areas: 185, months: 60, treatedAreas: 0, effect: 0}).panel) // {A0001: null, A0002: 24278, ...}
 */
export function waveSelectedStarts(rng: Rng, panel: Panel, options: WaveSelectionOptions = {}): Record<string, number | null> {
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  const names: string[] = [];
  const row = new Map<string, number>();
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < panel.area.length; i++) {
    if (!row.has(panel.area[i])) row.set(panel.area[i], names.push(panel.area[i]) - 1);
    first = Math.min(first, panel.month[i]);
    last = Math.max(last, panel.month[i]);
  }
  const months = last - first + 1, n = names.length;
  const {groups = Math.floor(n / 2), from = 24, span = 24, candidates = 2, window = 12} = options;
  if (!Number.isInteger(groups) || groups < 1 || groups > n) throw new Error(`invalid groups: ${groups} for ${n} areas`);
  if (!Number.isInteger(candidates) || candidates < 1) throw new Error(`invalid candidates: ${candidates}`);
  if (!Number.isInteger(window) || window < 1 || !Number.isInteger(from) || from < window || !Number.isInteger(span) || span < 1 || from + span > months) {
    throw new Error(`invalid start window: from ${from}, span ${span}, window ${window} in ${months} months`);
  }
  const counts = new Float64Array(n * months);
  for (let i = 0; i < panel.area.length; i++) counts[row.get(panel.area[i])! * months + panel.month[i] - first] = panel.count[i];
  const starts: Record<string, number | null> = Object.fromEntries(names.map((a) => [a, null]));
  const free = names.map((_, i) => i);
  for (let k = 0; k < groups; k++) {
    const start = from + Math.floor(rng() * span);
    let best = -1, bestCount = -1;
    const drawn = Math.min(candidates, free.length);
    for (let c = 0; c < drawn; c++) {
      const j = c + Math.floor(rng() * (free.length - c));
      [free[c], free[j]] = [free[j], free[c]];
      let sum = 0;
      for (let t = start - window; t < start; t++) sum += counts[free[c] * months + t];
      if (sum > bestCount) (best = c), (bestCount = sum);
    }
    starts[names[free[best]]] = first + start;
    free.splice(best, 1);
  }
  return starts;
}
