/**
 * Callaway & Sant'Anna's (2021) own estimator, as a sensitivity estimate beside the ratio estimator of
 * did.ts: group-time effects on the rate per 1,000 dwellings with the base month g-1,
 *
 *   ATT(g,t) = mean over cohort g of (Y_t - Y_{g-1}) - mean over controls of (Y_t - Y_{g-1}),  t >= g,
 *
 * controls the areas not yet treated at t (start > t) and the never-treated (unweighted means over
 * areas, as with unit-level data), and their "simple" aggregation: the average of all post ATT(g,t)
 * weighted by cohort size. To compare with the page's percentages the average is divided by the
 * counterfactual level of the same cells: 100 · θ / (Ȳ − θ), Ȳ the same-weighted treated mean.
 * Area-months without dwellings are left out of the means. Percentile bootstrap over areas
 * (resampled within ever-treated and control areas, as in did.ts).
 */
import type {Rng} from "../random.js";
import {quantileSorted} from "../stats/distributions.js";
import {panelMatrix, type Panel, type Starts} from "./did.js";

export interface CsOptions {
  rng: Rng;
  /** Bootstrap replicates (default 499). */
  replicates?: number;
  /** Interval level (default 0.95). */
  level?: number;
}

export interface CsResult {
  /** Simple aggregation θ (rate per 1,000 dwellings per month) and its interval. */
  att: number;
  attLower: number;
  attUpper: number;
  /** θ as a percentage of the counterfactual level, and its interval. */
  percent: number;
  percentLower: number;
  percentUpper: number;
  /** The post group-time cells: cohort start and month (panel months), ATT and cohort size. */
  cells: {start: number; month: number; att: number; areas: number}[];
  replicates: number;
}

interface CsDesign {
  T: number;
  firstMonth: number;
  /** Rate per 1,000 dwellings per area-month, NaN without dwellings. */
  y: Float64Array;
  /** Cohort index per area (0..K-1), K for controls, -1 left out. */
  cohortOf: Int32Array;
  starts: number[];
  members: number[][];
  controls: number[];
  treated: number[];
}

/**
 * Estimates CS's simple aggregated ATT with base g-1 and not-yet-treated controls.
 * @example callawaySantAnna(panel, starts, {rng: seededRng(1)}).percent // e.g. -21.4
 */
export function callawaySantAnna(panel: Panel, starts: Starts, {rng, replicates = 499, level = 0.95}: CsOptions): CsResult {
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (!Number.isInteger(replicates) || replicates < 19) throw new Error(`invalid replicates: ${replicates}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  const design = csDesign(panel, starts);
  if (!design.starts.length) throw new Error("invalid starts: no area starts inside the panel after its first month");
  if (!design.controls.length && design.starts.length < 2) throw new Error("invalid starts: no control areas");
  const ones = new Float64Array(design.cohortOf.length).fill(1);
  const point = aggregate(design, ones, true);
  const w = new Float64Array(design.cohortOf.length);
  const atts: number[] = [], pcts: number[] = [];
  for (let r = 0; r < replicates; r++) {
    w.fill(0);
    for (const set of [design.treated, design.controls]) for (let i = 0; i < set.length; i++) w[set[Math.floor(rng() * set.length)]]++;
    const b = aggregate(design, w, false);
    if (Number.isFinite(b.att)) atts.push(b.att);
    if (Number.isFinite(b.percent)) pcts.push(b.percent);
  }
  atts.sort((a, b) => a - b);
  pcts.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return {
    att: point.att, attLower: quantileSorted(atts, alpha), attUpper: quantileSorted(atts, 1 - alpha),
    percent: point.percent, percentLower: quantileSorted(pcts, alpha), percentUpper: quantileSorted(pcts, 1 - alpha),
    cells: point.cells, replicates
  };
}

function csDesign(panel: Panel, starts: Starts): CsDesign {
  const m = panelMatrix(panel);
  if (!starts || typeof starts !== "object") throw new Error(`invalid starts: ${starts}`);
  const get = starts instanceof Map ? (a: string) => starts.get(a) : (a: string) => (starts as Record<string, number | null>)[a];
  const T = m.months;
  const y = new Float64Array(m.count.length);
  for (let k = 0; k < y.length; k++) y[k] = m.exposure[k] > 0 ? (1000 * m.count[k]) / m.exposure[k] : NaN;
  const rel = m.areas.map((a) => {
    const s = get(a);
    if (s === undefined) throw new Error(`invalid starts: no entry for area ${a}`);
    if (s === null) return Infinity;
    if (!Number.isInteger(s)) throw new Error(`invalid start for area ${a}: ${s}`);
    return s - m.firstMonth;
  });
  const sorted = [...new Set(rel.filter((g) => g >= 1 && g < T))].sort((a, b) => a - b);
  const K = sorted.length, index = new Map(sorted.map((g, c) => [g, c]));
  const cohortOf = new Int32Array(m.areas.length);
  const members: number[][] = sorted.map(() => []), controls: number[] = [], treated: number[] = [];
  rel.forEach((g, a) => {
    if (g < 1) cohortOf[a] = -1;
    else if (g >= T) (cohortOf[a] = K), controls.push(a);
    else (cohortOf[a] = index.get(g)!), members[cohortOf[a]].push(a), treated.push(a);
  });
  return {T, firstMonth: m.firstMonth, y, cohortOf, starts: sorted, members, controls, treated};
}

/** θ, the percentage and the cells for area weights `w`. */
function aggregate(d: CsDesign, w: Float64Array, keepCells: boolean): {att: number; percent: number; cells: CsResult["cells"]} {
  const {T, y, cohortOf, starts, members} = d;
  const K = starts.length;
  // Weighted sums of rates (and weights with a rate) per bucket k (cohort k, or K: never treated),
  // as suffix sums over buckets: bucket >= k are the areas whose start is starts[k] or later.
  const SY = new Float64Array((K + 1) * T), SN = new Float64Array((K + 1) * T);
  for (let a = 0; a < cohortOf.length; a++) {
    const k = cohortOf[a];
    if (k < 0 || w[a] === 0) continue;
    for (let t = 0; t < T; t++) {
      const v = y[a * T + t];
      if (Number.isNaN(v)) continue;
      SY[k * T + t] += w[a] * v;
      SN[k * T + t] += w[a];
    }
  }
  for (let k = K - 1; k >= 0; k--) for (let t = 0; t < T; t++) (SY[k * T + t] += SY[(k + 1) * T + t]), (SN[k * T + t] += SN[(k + 1) * T + t]);
  let num = 0, den = 0, level = 0;
  const cells: CsResult["cells"] = [];
  for (let c = 0; c < K; c++) {
    const g = starts[c];
    let size = 0;
    for (const a of members[c]) size += w[a];
    if (!(size > 0)) continue;
    for (let t = g, k = c + 1; t < T; t++) {
      while (k < K && starts[k] <= t) k++; // controls: start > t
      const cn = SN[k * T + t], cb = SN[k * T + g - 1];
      if (!(cn > 0 && cb > 0)) continue;
      const controlChange = SY[k * T + t] / cn - SY[k * T + g - 1] / cb;
      let tw = 0, change = 0, now = 0;
      for (const a of members[c]) {
        const yt = y[a * T + t], yb = y[a * T + g - 1];
        if (w[a] === 0 || Number.isNaN(yt) || Number.isNaN(yb)) continue;
        tw += w[a];
        change += w[a] * (yt - yb);
        now += w[a] * yt;
      }
      if (!(tw > 0)) continue;
      const att = change / tw - controlChange;
      num += size * att;
      level += size * (now / tw);
      den += size;
      if (keepCells) cells.push({start: d.firstMonth + g, month: d.firstMonth + t, att, areas: members[c].length});
    }
  }
  const att = den > 0 ? num / den : NaN;
  const counterfactual = den > 0 ? level / den - att : NaN;
  return {att, percent: counterfactual > 0 ? (100 * att) / counterfactual : NaN, cells};
}
