/**
 * The planner: before a measure starts, how likely is it that the WhatsApp estimator
 * (src/lib/measures/did.ts with its verdict rule and regression-to-the-mean guard, rtm.ts) will find
 * an effect of a given size? Simulated on a delivery's own baseline: dwellings and relative rate per
 * neighbourhood, the pooled seasonal profile and the last year's level, with the delivery's
 * overdispersion (docs/methods.md, "Planner").
 *
 * A design: `treatedAreas` neighbourhoods drawn at random, split at random into `waves` waves
 * `waveGap` months apart, `preMonths` months of data before the first wave (the base, the robustness
 * base -24..-13 and the pre-trend months) and `followUp` months after the last wave. The other
 * neighbourhoods never start (the never-treated controls the estimator needs).
 *
 * Fast rule ({@link planPower}): the effect only changes the treated areas' counts after their start,
 * and those are exactly the observed count O of the overall estimate; the counterfactual X uses only
 * untreated cells. So each simulated panel is drawn once without an effect, the estimator's point
 * estimates (main, robustness base, base history) are computed once, and an effect e is planted by
 * binomial thinning of O with probability 1 + e (exact for Poisson and gamma-Poisson counts). The
 * 95% intervals are estimate +- 1.96 SE with the SEs of the same estimator (its default interval's
 * SE: the delete-one-area jackknife, see did.ts), measured on `seRuns` full runs of the design; with
 * dozens of treated areas t(n - 1) differs from 1.96 by a few per cent. The detection rule is the published one: "aangetoond"
 * needs the main and the robustness interval below 0 and the history interval not below 0; the
 * pre-trend test is left out (it rejects about 5% of designs at random, so the fast rule can
 * overstate by up to that much). {@link fullRulePower} runs the published rule itself, for checks.
 */
import type {Rng} from "../random.js";
import {normal} from "../random.js";
import {staggeredDid, type DidOptions, type Panel, type PanelMatrix} from "./did.js";
import {didVerdict, guardedVerdict, staggeredDidGuarded, RTM_GAP} from "./rtm.js";

/** The baseline a design is simulated on: one entry per neighbourhood. */
export interface PlanBaseline {
  /** Dwellings per neighbourhood (last month of the delivery). */
  dwellings: Float64Array;
  /** Relative rate per neighbourhood (pooled: 1). */
  relative: Float64Array;
  /** Burglaries per dwelling per month over the last 12 months, deseasonalised. */
  level: number;
  /** Seasonal factors January..December, mean 1. */
  season: number[];
  /** Variance of a gamma frailty per area-month (0: Poisson). */
  dispersion: number;
  /** Month index (year * 12 + month - 1) of the first simulated month. */
  firstMonth: number;
  /**
   * Replay only: the delivery's own pooled rate per dwelling for each of its months (season and
   * trend as they were), used instead of level x season; a design then runs over the delivery's months.
   */
  monthly?: Float64Array;
}

/** Dense area x month counts and dwellings (row-major), as loaders/analyses/measures/panel.ts builds them. */
export interface BaselineInput {
  areas: readonly string[];
  firstMonth: number;
  months: number;
  count: ArrayLike<number>;
  exposure: ArrayLike<number>;
}

/**
 * Fits the baseline of a delivery: monthly pooled rates f_t, each area's relative rate
 * r_a = sum y / sum(E f), the seasonal profile from the pooled rate per calendar month, the level of
 * the last 12 months, and the overdispersion sum((y - mu)^2 - mu) / sum(mu^2) (mu = E r f; at least 0).
 * The simulated months follow the delivery. With `replay`, they are the delivery's own months with
 * its pooled rates f_t (to replay a rollout that happened, such as the demo's WhatsApp groups).
 * @example planBaseline(buurtPanel(delivery)).level * 12000 // burglaries per 1,000 dwellings per year
 */
export function planBaseline(p: BaselineInput, {replay = false}: {replay?: boolean} = {}): PlanBaseline {
  const A = p.areas.length, T = p.months;
  if (!(A >= 1) || !(T >= 12) || p.count.length !== A * T || p.exposure.length !== A * T) {
    throw new Error(`invalid baseline panel: ${A} areas x ${T} months (at least 12 months), ${p.count.length} counts`);
  }
  const f = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let y = 0, e = 0;
    for (let a = 0; a < A; a++) (y += p.count[a * T + t]), (e += p.exposure[a * T + t]);
    f[t] = e > 0 ? y / e : 0;
  }
  const relative = new Float64Array(A), dwellings = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    let y = 0, x = 0;
    for (let t = 0; t < T; t++) (y += p.count[a * T + t]), (x += p.exposure[a * T + t] * f[t]);
    relative[a] = x > 0 ? y / x : 0;
    dwellings[a] = p.exposure[a * T + T - 1];
  }
  const sy = new Array<number>(12).fill(0), se = new Array<number>(12).fill(0);
  let lastY = 0, lastE = 0;
  for (let t = 0; t < T; t++) {
    let y = 0, e = 0;
    for (let a = 0; a < A; a++) (y += p.count[a * T + t]), (e += p.exposure[a * T + t]);
    const moy = (p.firstMonth + t) % 12;
    sy[moy] += y;
    se[moy] += e;
    if (t >= T - 12) (lastY += y), (lastE += e);
  }
  const raw = sy.map((y, m) => (se[m] > 0 ? y / se[m] : 0));
  const mean = raw.reduce((s, v) => s + v, 0) / 12;
  const season = raw.map((v) => (mean > 0 ? v / mean : 1));
  let num = 0, den = 0;
  for (let a = 0; a < A; a++) {
    for (let t = 0; t < T; t++) {
      const mu = p.exposure[a * T + t] * relative[a] * f[t], y = p.count[a * T + t];
      num += (y - mu) ** 2 - mu;
      den += mu * mu;
    }
  }
  const level = lastE > 0 ? lastY / lastE : 0;
  if (!(level > 0)) throw new Error("invalid baseline panel: no burglaries in the last 12 months");
  const dispersion = den > 0 ? Math.max(0, num / den) : 0;
  if (replay) return {dwellings, relative, level, season, dispersion, firstMonth: p.firstMonth, monthly: f};
  return {dwellings, relative, level, season, dispersion, firstMonth: p.firstMonth + T};
}

/** A rollout: which neighbourhoods start when. */
export interface PlanDesign {
  /** Neighbourhoods that get the measure (drawn at random). */
  treatedAreas: number;
  /** Waves the treated neighbourhoods are split into (1: all at once). */
  waves: number;
  /** Months between waves. */
  waveGap: number;
  /** Months of data after the last wave starts. */
  followUp: number;
  /** Months of data before the first wave (default 36: base, robustness base and pre-trend months). */
  preMonths?: number;
}

/** The estimator's settings, as in loaders/analyses/whatsapp.ts. */
const DID_SETTINGS: Omit<DidOptions, "rng" | "replicates"> = {binMonths: 3, eventMin: -24, eventMax: 35};
const Z = 1.959963984540054;

function checkDesign(b: PlanBaseline, d: PlanDesign): Required<PlanDesign> {
  const full = {preMonths: 36, ...d};
  const n = b.dwellings.length;
  if (!Number.isInteger(full.treatedAreas) || full.treatedAreas < 1 || full.treatedAreas >= n) throw new Error(`invalid treatedAreas: ${full.treatedAreas} of ${n} areas`);
  if (!Number.isInteger(full.waves) || full.waves < 1 || full.waves > full.treatedAreas) throw new Error(`invalid waves: ${full.waves}`);
  if (!Number.isInteger(full.waveGap) || full.waveGap < 0 || (full.waves > 1 && full.waveGap < 1)) throw new Error(`invalid waveGap: ${full.waveGap}`);
  if (!Number.isInteger(full.followUp) || full.followUp < 1) throw new Error(`invalid followUp: ${full.followUp}`);
  if (!Number.isInteger(full.preMonths) || full.preMonths < 13) throw new Error(`invalid preMonths: ${full.preMonths}`);
  return full;
}

/** Months of the simulated panel: before the first wave, the rollout, and the follow-up after the last wave. */
export function designMonths(d: PlanDesign): number {
  return (d.preMonths ?? 36) + (d.waves - 1) * d.waveGap + d.followUp;
}

/**
 * Draws one panel of the design in dense form: random treated areas and waves, counts without an
 * effect, or with `effect` planted in the treated areas from their start. Areas are named P0, P1, …
 */
export function drawPlanMatrix(rng: Rng, b: PlanBaseline, design: PlanDesign, effect = 0): {matrix: PanelMatrix; starts: Record<string, number | null>} {
  const d = checkDesign(b, design);
  const n = b.dwellings.length, T = designMonths(d);
  if (b.monthly && T > b.monthly.length) throw new Error(`invalid design: ${T} months, the replayed delivery has ${b.monthly.length}`);
  const order = Array.from({length: n}, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const start = new Int32Array(n).fill(-1);
  for (let k = 0; k < d.treatedAreas; k++) start[order[k]] = d.preMonths + (k % d.waves) * d.waveGap;
  const names = Array.from({length: n}, (_, i) => `P${i}`);
  const count = new Float64Array(n * T), exposure = new Float64Array(n * T);
  for (let a = 0, k = 0; a < n; a++) {
    const base = b.dwellings[a] * b.relative[a] * b.level;
    for (let t = 0; t < T; t++, k++) {
      let lambda = b.monthly ? b.dwellings[a] * b.relative[a] * b.monthly[t] : base * b.season[(b.firstMonth + t) % 12];
      if (start[a] >= 0 && t >= start[a]) lambda *= 1 + effect;
      count[k] = gammaPoisson(rng, lambda, b.dispersion);
      exposure[k] = b.dwellings[a];
    }
  }
  const starts = Object.fromEntries(names.map((name, a) => [name, start[a] >= 0 ? b.firstMonth + start[a] : null]));
  return {matrix: {areas: names, firstMonth: b.firstMonth, months: T, count, exposure}, starts};
}

/**
 * The same draw as {@link drawPlanMatrix} (the same random numbers in the same order), as a long
 * panel: one row per area and month.
 */
export function drawPlanPanel(rng: Rng, b: PlanBaseline, design: PlanDesign, effect = 0): {panel: Panel; starts: Record<string, number | null>} {
  const {matrix: m, starts} = drawPlanMatrix(rng, b, design, effect);
  const area: string[] = new Array(m.count.length), month = new Int32Array(m.count.length);
  for (let a = 0, k = 0; a < m.areas.length; a++) {
    for (let t = 0; t < m.months; t++, k++) {
      area[k] = m.areas[a];
      month[k] = m.firstMonth + t;
    }
  }
  return {panel: {area, month, count: m.count, exposure: m.exposure}, starts};
}

/**
 * A Poisson draw with mean `mean` and a gamma frailty of variance `dispersion` (a negative binomial;
 * Poisson at 0), by inversion: one uniform for most cells, where the means are small.
 */
function gammaPoisson(rng: Rng, mean: number, dispersion: number): number {
  if (!(mean > 0)) return 0;
  const u = rng();
  let k = 0, p: number, cdf: number;
  if (dispersion > 0) {
    const r = 1 / dispersion, q = (mean * dispersion) / (1 + mean * dispersion);
    p = Math.pow(1 - q, r);
    cdf = p;
    while (u > cdf && p > 0) {
      p *= ((r + k) / (k + 1)) * q;
      cdf += p;
      k++;
    }
  } else {
    p = Math.exp(-mean);
    cdf = p;
    while (u > cdf && p > 0) {
      p *= mean / (k + 1);
      cdf += p;
      k++;
    }
  }
  return k;
}

/** A binomial draw: exact for small n, normal approximation (continuity-corrected, clipped) above. */
function binomial(rng: Rng, n: number, p: number): number {
  if (p >= 1) return n;
  if (p <= 0 || n <= 0) return 0;
  if (n * p * (1 - p) < 25) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rng))));
}

export interface PlanPowerOptions {
  rng: Rng;
  /** Effects as fractions (-0.25 = a 25% fall), each >= -0.9 and <= 0. */
  effects: readonly number[];
  /** Simulated panels (default 100). */
  runs?: number;
  /** Panels with a full bootstrap for the SEs (default 2) and their replicates (default 99). */
  seRuns?: number;
  seReplicates?: number;
}

export interface PlanPower {
  /** Probability of "aangetoond" per effect (same order as `effects`). */
  power: number[];
  /** SE (the estimator's jackknife SE) of the log estimate without effect: main, robustness base, base history. */
  se: {main: number; robust: number; history: number};
  /** Too few treated or never-treated areas (< 10) or months: the verdict is "onvoldoende gegevens". */
  thin: boolean;
  runs: number;
  months: number;
}

/**
 * Detection probability of the design for each effect, with the fast rule of the module comment.
 * @example planPower(baseline, {treatedAreas: 50, waves: 1, waveGap: 0, followUp: 24}, {rng: seededRng(1), effects: [0, -0.2]}).power // [0.02, 0.7]
 */
export function planPower(b: PlanBaseline, design: PlanDesign, options: PlanPowerOptions): PlanPower {
  const d = checkDesign(b, design);
  const {rng, effects, runs = 100, seRuns = 2, seReplicates = 99} = options;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seRuns) || seRuns < 1 || seRuns > runs) throw new Error(`invalid runs: ${runs} (seRuns ${seRuns})`);
  for (const e of effects) if (!(e >= -0.9 && e <= 0)) throw new Error(`invalid effect: ${e} (between -0.9 and 0)`);
  const months = designMonths(d);
  const n = b.dwellings.length;
  const thin = d.treatedAreas < 10 || n - d.treatedAreas < 10 || d.followUp < 12;
  if (thin) return {power: effects.map(() => 0), se: {main: NaN, robust: NaN, history: NaN}, thin, runs: 0, months};
  const obs: number[] = [], xMain: number[] = [], xRobust: number[] = [], hist: number[] = [];
  const se2 = {main: 0, robust: 0, history: 0};
  for (let r = 0; r < runs; r++) {
    const {matrix: panel, starts} = drawPlanMatrix(rng, b, d);
    const main = staggeredDid(panel, starts, {...DID_SETTINGS, rng, replicates: r < seRuns ? seReplicates : 0});
    const robust = staggeredDid(panel, starts, {...DID_SETTINGS, rng, replicates: r < seRuns ? seReplicates : 0, baseGap: RTM_GAP});
    if (r < seRuns) {
      se2.main += main.overall.se ** 2 / seRuns;
      se2.robust += robust.overall.se ** 2 / seRuns;
      se2.history += main.history.se ** 2 / seRuns;
    }
    obs.push(main.overall.observed);
    xMain.push(main.overall.expected);
    xRobust.push(robust.overall.expected);
    hist.push(main.history.estimate);
  }
  const se = {main: Math.sqrt(se2.main), robust: Math.sqrt(se2.robust), history: Math.sqrt(se2.history)};
  const meanObs = obs.reduce((s, v) => s + v, 0) / runs;
  const power = effects.map((e) => {
    // The Poisson part of the SE grows as O shrinks: 1/O becomes 1/(O(1+e)).
    const extra = meanObs > 0 ? 1 / (meanObs * (1 + e)) - 1 / meanObs : 0;
    const seMain = Math.sqrt(se.main ** 2 + extra), seRobust = Math.sqrt(se.robust ** 2 + extra);
    let hits = 0;
    for (let r = 0; r < runs; r++) {
      if (hist[r] + Z * se.history < 0) continue; // the base was high: the guard makes a fall "onzeker"
      const o = binomial(rng, obs[r], 1 + e);
      if (!(o > 0)) continue;
      if (Math.log(o / xMain[r]) + Z * seMain < 0 && Math.log(o / xRobust[r]) + Z * seRobust < 0) hits++;
    }
    return hits / runs;
  });
  return {power, se, thin, runs, months};
}

/**
 * Detection probability with the published rule itself: each panel drawn with the effect planted,
 * the guarded estimate with `replicates` bootstrap replicates, and the share whose verdict for a
 * decrease is "aangetoond". Slow; for checking {@link planPower}.
 */
export function fullRulePower(b: PlanBaseline, design: PlanDesign, effect: number, {rng, runs = 40, replicates = 199}: {rng: Rng; runs?: number; replicates?: number}): number {
  let hits = 0;
  for (let r = 0; r < runs; r++) {
    const {matrix: panel, starts} = drawPlanMatrix(rng, b, design, effect);
    const {main, check} = staggeredDidGuarded(panel, starts, {...DID_SETTINGS, rng, replicates});
    if (guardedVerdict(didVerdict(main, "decrease"), check) === "aangetoond") hits++;
  }
  return hits / runs;
}

/**
 * The smallest fall (as a positive percentage) detected with probability `target`, interpolated
 * linearly between the effects; null when no effect reaches it.
 * @example minimumDetectable([0, -0.1, -0.2], [0.02, 0.5, 0.9]) // 17.5
 */
export function minimumDetectable(effects: readonly number[], power: readonly number[], target = 0.8): number | null {
  if (effects.length !== power.length) throw new Error(`invalid power: ${power.length} values for ${effects.length} effects`);
  const pairs = effects.map((e, i) => [-e, power[i]] as const).sort((x, y) => x[0] - y[0]);
  for (let i = 0; i < pairs.length; i++) {
    if (pairs[i][1] >= target) {
      if (i === 0) return 100 * pairs[0][0];
      const [e0, p0] = pairs[i - 1], [e1, p1] = pairs[i];
      return 100 * (e0 + ((target - p0) / (p1 - p0)) * (e1 - e0));
    }
  }
  return null;
}
