/**
 * Staggered-adoption difference-in-differences on pooled rates, after Callaway & Sant'Anna (2021):
 * group-time effects ATT(g, t) with not-yet-treated and never-treated areas as controls, aggregated
 * to an overall effect and an event-study curve, with delete-one-area jackknife t intervals (or a
 * bootstrap over areas; see {@link IntervalMethod}) and a bootstrap pre-trend test.
 *
 * Estimator (see docs/methods.md): for cohort g (areas whose measure starts in month g), month t and
 * the control set C = {areas not treated by max(g, t)} (never-treated plus later cohorts), the
 * counterfactual count of cohort g in month t is
 *
 *   X(g,t) = sum over areas a of g of D_a(t) * R_a(B) * R_C(t) / R_C(B),
 *
 * where D is dwellings (exposure), R a rate sum(counts) / sum(dwelling-months) (pooled over the
 * control set for R_C) and B the base window of `baseMonths` months ending `baseGap` months before g
 * (default: the 12 months right before g; the regression-to-the-mean check moves it to -24..-13). Effects are ratios of pooled observed to pooled
 * counterfactual counts, log theta = log(sum O / sum X), summed over the cells being aggregated:
 * all post cells (overall), cells with the same months since start (event study), or one cohort.
 */
import {Matrix, pseudoInverse} from "ml-matrix";
import type {Rng} from "../random.js";
import {chiSquareUpper, normalCdf, normalQuantile, quantileSorted, studentTQuantile} from "../stats/distributions.js";

/** A balanced panel in long form: one row per area x month. */
export interface Panel {
  area: readonly string[];
  /** Month index, year * 12 + (month - 1); see {@link monthIndex}. */
  month: ArrayLike<number>;
  /** Burglaries in the area-month. */
  count: ArrayLike<number>;
  /** Dwellings in the area that month (the population at risk). */
  exposure: ArrayLike<number>;
}

/** The first treated month per area (same index as the panel), or null when never treated. */
export type Starts = Readonly<Record<string, number | null>> | ReadonlyMap<string, number | null>;

/** The panel as dense area x month matrices (row-major, `areas.length` x `months`). */
export interface PanelMatrix {
  areas: string[];
  firstMonth: number;
  months: number;
  count: Float64Array;
  exposure: Float64Array;
}

/**
 * Returns the month index year * 12 + (month - 1) of a "YYYY-MM" label.
 * @example monthIndex("2020-01"); // 24240
 */
export function monthIndex(label: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match || +match[2] < 1 || +match[2] > 12) throw new Error(`invalid month: ${label}`);
  return +match[1] * 12 + +match[2] - 1;
}

/**
 * Returns the "YYYY-MM" label of a month index.
 * @example monthLabel(24240); // "2020-01"
 */
export function monthLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`invalid month index: ${index}`);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Checks a panel already in dense form (areas named once, non-empty and distinct; `months` whole;
 * counts and exposures finite and >= 0, area-major) and returns it as it is: the entry point for a
 * caller that draws its panels dense (the planner), which would otherwise build a long panel only for
 * {@link panelMatrix} to take it apart again.
 * @example checkPanelMatrix({areas: ["a"], firstMonth: 0, months: 2, count: new Float64Array([1, 0]), exposure: new Float64Array([9, 9])}).months; // 2
 */
export function checkPanelMatrix(m: PanelMatrix): PanelMatrix {
  if (!Array.isArray(m.areas) || m.areas.length === 0) throw new Error("invalid panel: no areas");
  if (!Number.isInteger(m.firstMonth) || !Number.isInteger(m.months) || m.months < 1) throw new Error(`invalid panel: firstMonth ${m.firstMonth}, months ${m.months}`);
  const names = new Set<string>();
  for (const a of m.areas) {
    if (typeof a !== "string" || a === "") throw new Error(`invalid panel.areas: ${a}`);
    if (names.has(a)) throw new Error(`invalid panel.areas: ${a} twice`);
    names.add(a);
  }
  const n = m.areas.length * m.months;
  for (const key of ["count", "exposure"] as const) {
    const values = m[key];
    if (!(values instanceof Float64Array) || values.length !== n) throw new Error(`invalid panel.${key}: length ${values?.length}, expected ${n}`);
    for (let i = 0; i < n; i++) if (!(values[i] >= 0) || !Number.isFinite(values[i])) throw new Error(`invalid panel.${key}: ${values[i]} at cell ${i}`);
  }
  return m;
}

/**
 * Checks a long panel (equal lengths, integer months, counts >= 0, exposure >= 0, every area in
 * every month exactly once) and returns it as dense matrices.
 * @example panelMatrix({area: ["a", "a"], month: [0, 1], count: [1, 0], exposure: [900, 900]}).months; // 2
 */
export function panelMatrix(panel: Panel): PanelMatrix {
  if (!panel || !panel.area) throw new Error("invalid panel: missing area column");
  const n = panel.area.length;
  for (const key of ["month", "count", "exposure"] as const) {
    if (!panel[key] || panel[key].length !== n) throw new Error(`invalid panel.${key}: length ${panel[key]?.length}, expected ${n}`);
  }
  if (n === 0) throw new Error("invalid panel: no rows");
  const index = new Map<string, number>();
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = panel.area[i];
    if (typeof a !== "string" || a === "") throw new Error(`invalid panel.area: ${a} at row ${i}`);
    if (!index.has(a)) index.set(a, index.size);
    const m = panel.month[i];
    if (!Number.isInteger(m)) throw new Error(`invalid panel.month: ${m} at row ${i}`);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
    const c = panel.count[i];
    if (!(c >= 0) || !Number.isFinite(c)) throw new Error(`invalid panel.count: ${c} at row ${i}`);
    const e = panel.exposure[i];
    if (!(e >= 0) || !Number.isFinite(e)) throw new Error(`invalid panel.exposure: ${e} at row ${i}`);
  }
  const areas = [...index.keys()];
  const months = hi - lo + 1;
  if (areas.length * months !== n) {
    throw new Error(`invalid panel: not balanced (${areas.length} areas x ${months} months != ${n} rows)`);
  }
  const count = new Float64Array(n), exposure = new Float64Array(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = index.get(panel.area[i])! * months + (panel.month[i] - lo);
    if (seen[k]) throw new Error(`invalid panel: area ${panel.area[i]} has month ${panel.month[i]} twice`);
    seen[k] = 1;
    count[k] = panel.count[i];
    exposure[k] = panel.exposure[i];
  }
  return {areas, firstMonth: lo, months, count, exposure};
}

export interface DidOptions {
  /** Random source for the bootstrap. */
  rng: Rng;
  /** Bootstrap replicates (default 499); 0 gives the point estimates only (intervals, SEs and the pre-trend test NaN; no jackknife either). */
  replicates?: number;
  /** Months before the start that form the base window (default 12, a full seasonal cycle). */
  baseMonths?: number;
  /**
   * Months between the end of the base window and the start (default 0). With a gap, the base lies
   * before a wave that may have prompted the measure (12: months -24..-13), and a cohort without a
   * full base window in the panel is left out.
   */
  baseGap?: number;
  /** Event-study range in months since start (default -24..24). */
  eventMin?: number;
  eventMax?: number;
  /** Width of the event-study bins in months (1 = months, 3 = quarters; default 1). */
  binMonths?: number;
  /** Months before the base window used for the pre-trend Wald test, in quarters (default 12). */
  preTrendMonths?: number;
  /** Only post months up to this many months since start count in the overall effect (default all). */
  maxPostMonths?: number;
  /** Interval level (default 0.95). */
  level?: number;
  /** Fewer treated or never-treated areas than this raises `tooFewAreas` (default 10). */
  minAreas?: number;
  /** Pre-trend test p-value below this raises `preTrendDiffers` (default 0.05). */
  preTrendAlpha?: number;
  /** How the intervals are formed (default {@link DEFAULT_INTERVAL}); see {@link IntervalMethod}. */
  interval?: IntervalMethod;
}

/**
 * Interval methods for the effects (docs/methods.md, "Calibration at one delivery's size"):
 * - `percentile`: quantiles of the bootstrap replicates;
 * - `basic`: the percentile interval reflected about the estimate;
 * - `normal`: estimate ± z · bootstrap SD;
 * - `bca`: bias-corrected and accelerated percentile (Efron 1987), acceleration from the jackknife;
 * - `jackknife-t`: estimate ± t(n − 1) · delete-one-area jackknife SE (stratified by treated and
 *   control areas; n the treated areas the statistic rests on). No Monte Carlo noise in the limits.
 */
export type IntervalMethod = "percentile" | "basic" | "normal" | "bca" | "jackknife-t";
export const INTERVAL_METHODS: readonly IntervalMethod[] = ["percentile", "basic", "normal", "bca", "jackknife-t"];
/** The default, chosen by measurement (bench/did-calibration.bench.ts; docs/decisions.md). */
export const DEFAULT_INTERVAL: IntervalMethod = "jackknife-t";

/** An effect on the log scale with its interval ({@link IntervalMethod}), and the same as a percentage change. */
export interface Effect {
  /** log(observed / counterfactual). */
  estimate: number;
  lower: number;
  upper: number;
  /** Standard error of the log estimate: the jackknife SE with `jackknife-t`, else the bootstrap SD. */
  se: number;
  /** 100 * (exp(estimate) - 1), and the interval on that scale. */
  percent: number;
  percentLower: number;
  percentUpper: number;
  /** Observed and counterfactual burglaries pooled over the cells. */
  observed: number;
  expected: number;
}

export interface DidResult {
  overall: Effect;
  /** One row per bin of months since start; `eventTime` is the first month of the bin. */
  eventStudy: (Effect & {eventTime: number; cohorts: number})[];
  /** One row per cohort (start month in panel units), post months only. */
  cohorts: (Effect & {start: number; areas: number; postMonths: number})[];
  preTrend: {
    /** Wald statistic of the quarterly pre-period effects before the base window, bootstrap covariance. */
    wald: number;
    df: number;
    pValue: number;
    /** Share of event-study bins before the start whose interval excludes 0. */
    shareExcludingZero: number;
    bins: number;
  };
  /**
   * The treated areas' months before the base window (the pre-trend months, -24..-13 by default)
   * against what their base predicts, pooled like `overall`: clearly below 0 when the base was high
   * against the areas' own earlier history (relative to the controls), as when groups start after a
   * burglary wave; then a fall after the start is expected from regression to the mean alone.
   */
  history: Effect;
  flags: {tooFewAreas: boolean; tooFewMonths: boolean; preTrendDiffers: boolean};
  n: {areas: number; months: number; treatedAreas: number; neverTreatedAreas: number; excludedAreas: number; cohorts: number};
  replicates: number;
  level: number;
}

interface Design {
  m: PanelMatrix;
  /** Cohort per area: 0..K-1 treated, K control, -1 excluded. */
  cohortOf: Int32Array;
  /** Start (0-based month in the panel) per cohort, ascending. */
  starts: number[];
  /** firstAbove[h] = first cohort whose start > h (K if none). */
  firstAbove: Int32Array;
  treated: number[];
  controls: number[];
  excluded: number;
}

interface Layout {
  base: number;
  gap: number;
  eventMin: number;
  eventMax: number;
  bin: number;
  binOffset: number;
  bins: number;
  preTrendMonths: number;
  preBins: number;
  maxPost: number;
  /** Offsets into the statistics vector. */
  atBins: number;
  atCohorts: number;
  atPre: number;
  /** The pre-trend months pooled into one statistic ({@link DidResult.history}). */
  atHistory: number;
  size: number;
}

/**
 * Estimates the effect of a measure adopted by areas at different months (staggered DiD on pooled
 * rates; jackknife t intervals by default, bootstrap pre-trend test) and flags thin or suspect evidence.
 * @param panel balanced long panel of counts and dwellings per area-month, or the same already dense
 *   ({@link PanelMatrix}, checked by {@link checkPanelMatrix}); both give the same result
 * @param starts first treated month per area, null for never treated
 * @example staggeredDid(panel, starts, {rng: seededRng(1)}).overall.percent; // e.g. -24.1
 */
export function staggeredDid(panel: Panel | PanelMatrix, starts: Starts, options: DidOptions): DidResult {
  const {m, design, layout, point, reps, jack, replicates, level, minAreas, preTrendAlpha, interval} = staggeredDidCore(panel, starts, options);
  const {baseMonths, baseGap, maxPostMonths} = {baseMonths: layout.base, baseGap: layout.gap, maxPostMonths: layout.maxPost};
  const {bins, binOffset, bin: binMonths} = layout;
  const K = design.starts.length;
  const alpha = (1 - level) / 2;
  const effect = (j: number): Effect => summarize(point.obs[j], point.exp[j], column(reps, replicates, layout.size, j), jack && jackColumn(jack, j), interval, alpha);

  const eventStudy = Array.from({length: bins}, (_, b) => ({
    eventTime: (binOffset + b) * binMonths,
    cohorts: point.cohortsPerBin[b],
    ...effect(layout.atBins + b)
  })).filter((row) => row.expected > 0 || row.observed > 0);
  const postMonths = new Array<number>(K).fill(0);
  const areasPer = new Array<number>(K).fill(0);
  for (let a = 0; a < m.areas.length; a++) if (design.cohortOf[a] >= 0 && design.cohortOf[a] < K) areasPer[design.cohortOf[a]]++;
  for (let c = 0; c < K; c++) postMonths[c] = Math.min(m.months - design.starts[c], Number.isFinite(maxPostMonths) ? maxPostMonths + 1 : Infinity);
  const cohorts = design.starts.map((g, c) => ({
    start: m.firstMonth + g, areas: areasPer[c], postMonths: postMonths[c], ...effect(layout.atCohorts + c)
  }));
  const preTrend = preTrendTest(point, reps, replicates, layout, eventStudy);
  const treatedPost: number[] = [];
  for (const a of design.treated) treatedPost.push(m.months - design.starts[design.cohortOf[a]]);
  treatedPost.sort((x, y) => x - y);
  const medianPost = treatedPost[Math.floor(treatedPost.length / 2)];
  const neverTreated = design.controls.length;
  return {
    overall: effect(0),
    eventStudy,
    cohorts,
    preTrend,
    history: effect(layout.atHistory),
    flags: {
      tooFewAreas: design.treated.length < minAreas || neverTreated < minAreas,
      tooFewMonths: design.starts.some((g) => g < baseMonths + baseGap) || medianPost < 12,
      preTrendDiffers: preTrend.pValue < preTrendAlpha
    },
    n: {
      areas: m.areas.length, months: m.months, treatedAreas: design.treated.length, neverTreatedAreas: neverTreated,
      excludedAreas: design.excluded, cohorts: K
    },
    replicates,
    level
  };
}

function staggeredDidCore(panel: Panel | PanelMatrix, starts: Starts, options: DidOptions) {
  const m = "areas" in panel ? checkPanelMatrix(panel) : panelMatrix(panel);
  const {rng, replicates = 499, baseMonths = 12, baseGap = 0, eventMin = -24, eventMax = 24, binMonths = 1} = options;
  const {preTrendMonths = 12, maxPostMonths = Infinity, level = 0.95, minAreas = 10, preTrendAlpha = 0.05, interval = DEFAULT_INTERVAL} = options;
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (!Number.isInteger(replicates) || (replicates < 19 && replicates !== 0)) throw new Error(`invalid replicates: ${replicates}`);
  if (!Number.isInteger(baseMonths) || baseMonths < 1) throw new Error(`invalid baseMonths: ${baseMonths}`);
  if (!Number.isInteger(baseGap) || baseGap < 0) throw new Error(`invalid baseGap: ${baseGap}`);
  if (!Number.isInteger(eventMin) || eventMin > -1) throw new Error(`invalid eventMin: ${eventMin}`);
  if (!Number.isInteger(eventMax) || eventMax < 0) throw new Error(`invalid eventMax: ${eventMax}`);
  if (!Number.isInteger(binMonths) || binMonths < 1) throw new Error(`invalid binMonths: ${binMonths}`);
  if (!Number.isInteger(preTrendMonths) || preTrendMonths < 3) throw new Error(`invalid preTrendMonths: ${preTrendMonths}`);
  if (!(maxPostMonths >= 0)) throw new Error(`invalid maxPostMonths: ${maxPostMonths}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  if (!INTERVAL_METHODS.includes(interval)) throw new Error(`invalid interval: ${interval}`);
  const design = makeDesign(m, starts);
  if (design.treated.length === 0) throw new Error("invalid starts: no area starts inside the panel after its first month");
  if (design.treated.length + design.controls.length < 2) throw new Error("invalid panel: fewer than 2 usable areas");
  const binOffset = Math.floor(eventMin / binMonths);
  const bins = Math.floor(eventMax / binMonths) - binOffset + 1;
  const preBins = Math.ceil(preTrendMonths / 3);
  const K = design.starts.length;
  const layout: Layout = {
    base: baseMonths, gap: baseGap, eventMin, eventMax, bin: binMonths, binOffset, bins, preTrendMonths, preBins, maxPost: maxPostMonths,
    atBins: 1, atCohorts: 1 + bins, atPre: 1 + bins + K, atHistory: 1 + bins + K + preBins, size: 2 + bins + K + preBins
  };
  const ones = new Float64Array(m.areas.length).fill(1);
  const point = estimate(design, layout, ones);
  const reps = bootstrap(design, layout, rng, replicates);
  const jack = interval === "percentile" || replicates === 0 ? null : jackknife(design, layout);
  return {m, design, layout, point, reps, jack, replicates, level, minAreas, preTrendAlpha, interval};
}

function makeDesign(m: PanelMatrix, starts: Starts): Design {
  if (!starts || typeof starts !== "object") throw new Error(`invalid starts: ${starts}`);
  const get = starts instanceof Map ? (a: string) => starts.get(a) : (a: string) => (starts as Record<string, number | null>)[a];
  const has = starts instanceof Map ? (a: string) => starts.has(a) : (a: string) => Object.hasOwn(starts, a);
  const rel = new Int32Array(m.areas.length);
  const startSet = new Set<number>();
  let excluded = 0;
  m.areas.forEach((a, i) => {
    if (!has(a)) throw new Error(`invalid starts: no entry for area ${a}`);
    const s = get(a);
    if (s === null || s === undefined) return void (rel[i] = -1);
    if (!Number.isInteger(s)) throw new Error(`invalid start for area ${a}: ${s}`);
    const g = s - m.firstMonth;
    if (g <= 0) {
      rel[i] = -2; // treated from the first month: no pre-period, left out
      excluded++;
    } else if (g >= m.months) {
      rel[i] = -1; // starts after the panel: untreated throughout
    } else {
      rel[i] = g;
      startSet.add(g);
    }
  });
  const sorted = [...startSet].sort((x, y) => x - y);
  const K = sorted.length;
  const cohortIndex = new Map(sorted.map((g, c) => [g, c]));
  const cohortOf = new Int32Array(m.areas.length);
  const treated: number[] = [], controls: number[] = [];
  for (let i = 0; i < rel.length; i++) {
    if (rel[i] === -2) cohortOf[i] = -1;
    else if (rel[i] === -1) {
      cohortOf[i] = K;
      controls.push(i);
    } else {
      cohortOf[i] = cohortIndex.get(rel[i])!;
      treated.push(i);
    }
  }
  const firstAbove = new Int32Array(m.months);
  for (let h = 0, c = 0; h < m.months; h++) {
    while (c < K && sorted[c] <= h) c++;
    firstAbove[h] = c;
  }
  return {m, cohortOf, starts: sorted, firstAbove, treated, controls, excluded};
}

interface Sums {
  obs: Float64Array;
  exp: Float64Array;
  cohortsPerBin: Int32Array;
}

/** Per-cohort sums over areas: counts and exposure (Y, E; controls in row K), treated counts and base-rate exposure (TY, TX). */
interface Aggregates {
  Y: Float64Array;
  E: Float64Array;
  TY: Float64Array;
  TX: Float64Array;
}

/** Pooled observed and counterfactual counts for every statistic, with area weights `w`. */
function estimate(design: Design, layout: Layout, w: Float64Array): Sums {
  return cells(design, layout, aggregate(design, layout, w));
}

function aggregate(design: Design, layout: Layout, w: Float64Array): Aggregates {
  const T = design.m.months, K = design.starts.length, R = K + 1;
  const agg = {Y: new Float64Array(R * T), E: new Float64Array(R * T), TY: new Float64Array(K * T), TX: new Float64Array(K * T)};
  for (let a = 0; a < design.m.areas.length; a++) addArea(design, layout, agg, a, w[a]);
  return agg;
}

/** Adds area a with weight wa to the aggregates (wa = -1 takes it out again, for the jackknife). */
function addArea(design: Design, layout: Layout, {Y, E, TY, TX}: Aggregates, a: number, wa: number): void {
  const {m, cohortOf, starts} = design;
  const T = m.months, K = starts.length;
  // The treated side per area: each area's own base-period rate times its own exposure, summed over
  // the cohort (TX), beside the counts of the same areas (TY). A pooled cohort base rate would turn
  // a change in the cohort's make-up (an area whose group ends leaves the panel) into an "effect".
  const c = cohortOf[a];
  if (c < 0 || wa === 0) return;
  const src = a * T, dst = c * T;
  for (let t = 0; t < T; t++) {
    Y[dst + t] += wa * m.count[src + t];
    E[dst + t] += wa * m.exposure[src + t];
  }
  if (c === K) return;
  const [b0, b1] = baseWindow(starts[c], layout);
  let yb = 0, eb = 0;
  for (let t = b0; t < b1; t++) {
    yb += m.count[src + t];
    eb += m.exposure[src + t];
  }
  if (!(eb > 0)) return; // no base period to compare with: the area does not count on the treated side
  const rate = yb / eb;
  for (let t = 0; t < T; t++) {
    TY[dst + t] += wa * m.count[src + t];
    TX[dst + t] += wa * m.exposure[src + t] * rate;
  }
}

/** The statistics from the aggregates: control rates per cell, counterfactuals, sums over cells. */
function cells(design: Design, layout: Layout, {Y, E, TY, TX}: Aggregates): Sums {
  const {m, starts, firstAbove} = design;
  const T = m.months, K = starts.length, R = K + 1;
  // Suffix sums over cohorts (controls with start > h) and their prefix sums over time.
  const PY = new Float64Array(R * (T + 1)), PE = new Float64Array(R * (T + 1));
  const SY = new Float64Array(R * T), SE = new Float64Array(R * T);
  for (let k = K; k >= 0; k--) {
    for (let t = 0; t < T; t++) {
      SY[k * T + t] = Y[k * T + t] + (k < K ? SY[(k + 1) * T + t] : 0);
      SE[k * T + t] = E[k * T + t] + (k < K ? SE[(k + 1) * T + t] : 0);
      PY[k * (T + 1) + t + 1] = PY[k * (T + 1) + t] + SY[k * T + t];
      PE[k * (T + 1) + t + 1] = PE[k * (T + 1) + t] + SE[k * T + t];
    }
  }
  const obs = new Float64Array(layout.size), exp = new Float64Array(layout.size);
  const cohortsPerBin = new Int32Array(layout.bins);
  const preStart = -(layout.gap + layout.base + layout.preTrendMonths), preEnd = -layout.gap - layout.base - 1;
  for (let c = 0; c < K; c++) {
    const g = starts[c], [b0, b1] = baseWindow(g, layout);
    let teb = 0;
    for (let s = b0; s < b1; s++) teb += E[c * T + s];
    if (!(teb > 0)) continue;
    let lastBin = -1;
    for (let t = 0; t < T; t++) {
      const e = t - g;
      const inPost = e >= 0 && e <= layout.maxPost;
      const inEvent = e >= layout.eventMin && e <= layout.eventMax;
      const inPre = e >= preStart && e <= preEnd;
      if (!inPost && !inEvent && !inPre) continue;
      const k = firstAbove[Math.max(g, t)];
      const cet = SE[k * T + t];
      const cyb = PY[k * (T + 1) + b1] - PY[k * (T + 1) + b0];
      const ceb = PE[k * (T + 1) + b1] - PE[k * (T + 1) + b0];
      if (!(cet > 0 && cyb > 0 && ceb > 0)) continue;
      const x = TX[c * T + t] * (SY[k * T + t] / cet) / (cyb / ceb);
      const o = TY[c * T + t];
      if (inPost) {
        obs[0] += o;
        exp[0] += x;
        obs[layout.atCohorts + c] += o;
        exp[layout.atCohorts + c] += x;
      }
      if (inEvent) {
        const b = Math.floor(e / layout.bin) - layout.binOffset;
        obs[layout.atBins + b] += o;
        exp[layout.atBins + b] += x;
        if (b !== lastBin && E[c * T + t] > 0) cohortsPerBin[b]++, (lastBin = b);
      }
      if (inPre) {
        const b = Math.floor((e - preStart) / 3);
        obs[layout.atPre + b] += o;
        exp[layout.atPre + b] += x;
        obs[layout.atHistory] += o;
        exp[layout.atHistory] += x;
      }
    }
  }
  return {obs, exp, cohortsPerBin};
}

/**
 * The base window [b0, b1) of a cohort starting in panel month g: `base` months ending `gap` months
 * before g. Without a gap a window cut off by the panel's start is used as far as it goes; with a gap
 * a cut-off window is empty (the cohort is left out), so the check never mixes bases of other lengths.
 */
function baseWindow(g: number, layout: Layout): [number, number] {
  const b1 = g - layout.gap, b0 = b1 - layout.base;
  if (b0 >= 0) return [b0, b1];
  return layout.gap > 0 ? [0, 0] : [0, b1];
}

/** Log effects for `replicates` bootstrap panels (areas resampled within treated and control sets), row-major. */
function bootstrap(design: Design, layout: Layout, rng: Rng, replicates: number): Float64Array {
  const out = new Float64Array(replicates * layout.size);
  const w = new Float64Array(design.m.areas.length);
  for (let r = 0; r < replicates; r++) {
    w.fill(0);
    for (const set of [design.treated, design.controls]) {
      const n = set.length;
      for (let i = 0; i < n; i++) w[set[Math.floor(rng() * n)]]++;
    }
    const {obs, exp} = estimate(design, layout, w);
    for (let j = 0; j < layout.size; j++) out[r * layout.size + j] = logRatio(obs[j], exp[j]);
  }
  return out;
}

function logRatio(o: number, x: number): number {
  return x > 0 ? Math.log(o / x) : NaN;
}

/** The draws of statistic j: its bootstrap replicates (NaN dropped, ascending). */
function column(reps: Float64Array, replicates: number, size: number, j: number): number[] {
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const v = reps[r * size + j];
    if (!Number.isNaN(v)) values.push(v);
  }
  return values.sort((a, b) => a - b);
}

/** Delete-one-area estimates of every statistic, per stratum (treated, control areas). */
interface Jackknife {
  size: number;
  /** strata[h] = row-major (areas in stratum h) x size. */
  strata: Float64Array[];
}

function jackknife(design: Design, layout: Layout): Jackknife {
  // Each area is taken out of the full aggregates and its cohort's rows restored afterwards: the cost
  // per area is the cell loop, not a pass over every area.
  const agg = aggregate(design, layout, new Float64Array(design.m.areas.length).fill(1));
  const T = design.m.months, K = design.starts.length;
  const saved = {Y: new Float64Array(T), E: new Float64Array(T), TY: new Float64Array(T), TX: new Float64Array(T)};
  const strata = [design.treated, design.controls].map((set) => {
    const out = new Float64Array(set.length * layout.size);
    set.forEach((a, i) => {
      const c = design.cohortOf[a], rows = (["Y", "E", "TY", "TX"] as const).filter((k) => c < K || k === "Y" || k === "E");
      for (const k of rows) saved[k].set(agg[k].subarray(c * T, (c + 1) * T));
      addArea(design, layout, agg, a, -1);
      for (const k of rows) {
        // What the other areas sum to exactly 0 (a cohort's last area gone, base rates of 0) stays 0, not a rounding residue.
        const row = agg[k];
        for (let t = 0; t < T; t++) if (Math.abs(row[c * T + t]) <= 1e-12 * Math.abs(saved[k][t])) row[c * T + t] = 0;
      }
      const {obs, exp} = cells(design, layout, agg);
      for (const k of rows) agg[k].set(saved[k], c * T);
      for (let j = 0; j < layout.size; j++) out[i * layout.size + j] = logRatio(obs[j], exp[j]);
    });
    return out;
  });
  return {size: layout.size, strata};
}

/** The jackknife values of statistic j per stratum (treated first; NaN where deleting the area leaves no counterfactual). */
function jackColumn(jack: Jackknife, j: number): number[][] {
  return jack.strata.map((values) => {
    const out: number[] = [];
    for (let i = j; i < values.length; i += jack.size) out.push(values[i]);
    return out;
  });
}

/**
 * A two-sided interval for `estimate` on the log scale by `method` from its sorted bootstrap draws
 * and (for `bca` and `jackknife-t`) its delete-one jackknife values per stratum; `alpha` per tail.
 * @example intervalOf("percentile", 0, [-1, 0, 1], null, 0.025) // [-0.95, 0.95]
 */
export function intervalOf(method: IntervalMethod, estimate: number, sorted: readonly number[], jack: readonly (readonly number[])[] | null, alpha: number): [number, number] {
  const finite = sorted.filter(Number.isFinite);
  if (!Number.isFinite(estimate) || finite.length < 2) return [NaN, NaN];
  const q = (p: number) => quantileSorted(sorted, p);
  switch (method) {
    case "percentile":
      return [q(alpha), q(1 - alpha)];
    case "basic":
      return [2 * estimate - q(1 - alpha), 2 * estimate - q(alpha)];
    case "normal": {
      const z = normalQuantile(1 - alpha), se = sd(finite);
      return [estimate - z * se, estimate + z * se];
    }
    case "jackknife-t": {
      if (!jack) throw new Error("jackknife-t needs jackknife values");
      // Degrees of freedom: the treated areas the statistic rests on (those whose deletion moves it), less 1.
      const contributing = jack[0].filter((v) => !(Math.abs(v - estimate) <= 1e-12 * Math.max(1, Math.abs(estimate)))).length;
      const se = jackknifeSe(jack).se;
      if (!(contributing >= 2 && se >= 0)) return [NaN, NaN];
      const t = studentTQuantile(1 - alpha, contributing - 1);
      return [estimate - t * se, estimate + t * se];
    }
    case "bca": {
      if (!jack) throw new Error("bca needs jackknife values");
      const below = sorted.filter((v) => v < estimate).length + sorted.filter((v) => v === estimate).length / 2;
      const p0 = below / sorted.length;
      if (!(p0 > 0 && p0 < 1)) return [q(alpha), q(1 - alpha)];
      const z0 = normalQuantile(p0);
      let num = 0, den = 0;
      for (const all of jack) {
        const values = all.filter(Number.isFinite), n = values.length;
        if (n < 2) continue;
        const mean = values.reduce((s, v) => s + v, 0) / n;
        for (const v of values) {
          const u = (n - 1) * (mean - v);
          num += u ** 3;
          den += u ** 2;
        }
      }
      const a = den > 0 ? num / (6 * den ** 1.5) : 0;
      const adj = (z: number) => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
      return [q(adj(normalQuantile(alpha))), q(adj(normalQuantile(1 - alpha)))];
    }
  }
}

/**
 * The stratified delete-one jackknife SE, sqrt(Σ_h (n_h − 1)/n_h Σ_i (θ_(hi) − θ̄_h)²) over the finite
 * values, and the number of areas used (Efron & Stein 1981; the CV3 cluster-robust variance).
 * @example jackknifeSe([[1, 2, 3]]).se // sqrt(2/3 * 2) = 1.1547
 */
export function jackknifeSe(jack: readonly (readonly number[])[]): {se: number; areas: number} {
  let v = 0, areas = 0;
  for (const all of jack) {
    const values = all.filter(Number.isFinite), n = values.length;
    areas += n;
    if (n < 2) continue;
    const mean = values.reduce((s, x) => s + x, 0) / n;
    v += ((n - 1) / n) * values.reduce((s, x) => s + (x - mean) ** 2, 0);
  }
  return {se: Math.sqrt(v), areas};
}

function sd(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : NaN;
}

function summarize(o: number, x: number, sorted: number[], jack: number[][] | null, method: IntervalMethod, alpha: number): Effect {
  const se = method === "jackknife-t" && jack ? jackknifeSe(jack).se : sd(sorted.filter(Number.isFinite));
  const estimate = logRatio(o, x);
  const [lower, upper] = intervalOf(method, estimate, sorted, jack, alpha);
  const pct = (v: number) => 100 * (Math.exp(v) - 1);
  return {estimate, lower, upper, se, percent: pct(estimate), percentLower: pct(lower), percentUpper: pct(upper), observed: o, expected: x};
}

/**
 * The overall effect's draws for the calibration bench (bench/did-calibration.bench.ts): the
 * estimate, its sorted bootstrap replicates and its jackknife values per stratum, so that every
 * {@link IntervalMethod} can be formed from one bootstrap.
 */
/** Delete-one estimates recomputed from scratch, for the test that checks the fast {@link jackknife} against them. */
export function jackknifeCheck(panel: Panel, starts: Starts, options: DidOptions): {fast: number[][]; slow: number[][]} {
  const r = staggeredDidCore(panel, starts, {...options, interval: "jackknife-t"});
  const fast = [0, 1].map((h) => Array.from(r.jack!.strata[h]));
  const w = new Float64Array(r.m.areas.length).fill(1);
  const slow = [r.design.treated, r.design.controls].map((set) => set.flatMap((a) => {
    w[a] = 0;
    const {obs, exp} = estimate(r.design, r.layout, w);
    w[a] = 1;
    return Array.from(obs, (o, j) => logRatio(o, exp[j]));
  }));
  return {fast, slow};
}

export function overallDraws(panel: Panel, starts: Starts, options: DidOptions): {estimate: number; sorted: number[]; jack: number[][]; areas: {treated: number; controls: number}} {
  const r = staggeredDidCore(panel, starts, {...options, interval: "bca"});
  return {estimate: logRatio(r.point.obs[0], r.point.exp[0]), sorted: column(r.reps, r.replicates, r.layout.size, 0), jack: jackColumn(r.jack!, 0),
    areas: {treated: r.design.treated.length, controls: r.design.controls.length}};
}

function preTrendTest(point: Sums, reps: Float64Array, replicates: number, layout: Layout, eventStudy: DidResult["eventStudy"]): DidResult["preTrend"] {
  const pre = eventStudy.filter((row) => row.eventTime + layout.bin - 1 < 0 && Number.isFinite(row.lower) && Number.isFinite(row.upper));
  const shareExcludingZero = pre.length ? pre.filter((row) => row.lower > 0 || row.upper < 0).length / pre.length : NaN;
  const idx: number[] = [];
  const theta: number[] = [];
  for (let b = 0; b < layout.preBins; b++) {
    const v = logRatio(point.obs[layout.atPre + b], point.exp[layout.atPre + b]);
    if (Number.isFinite(v)) idx.push(layout.atPre + b), theta.push(v);
  }
  const rows: number[][] = [];
  for (let r = 0; r < replicates; r++) {
    const row = idx.map((j) => reps[r * layout.size + j]);
    if (row.every(Number.isFinite)) rows.push(row);
  }
  const df = idx.length;
  if (df === 0 || rows.length <= df + 1) return {wald: NaN, df, pValue: NaN, shareExcludingZero, bins: pre.length};
  const means = theta.map((_, j) => rows.reduce((s, row) => s + row[j], 0) / rows.length);
  const cov = Matrix.zeros(df, df);
  for (const row of rows) {
    for (let i = 0; i < df; i++) for (let j = 0; j < df; j++) cov.set(i, j, cov.get(i, j) + (row[i] - means[i]) * (row[j] - means[j]) / (rows.length - 1));
  }
  const inv = pseudoInverse(cov);
  const t = Matrix.columnVector(theta);
  const wald = t.transpose().mmul(inv).mmul(t).get(0, 0);
  return {wald, df, pValue: chiSquareUpper(wald, df), shareExcludingZero, bins: pre.length};
}
