/**
 * Area rates with exposure: crude rates, Empirical Bayes smoothing (Marshall 1991) and exact
 * Poisson funnel-plot limits (Spiegelhalter 2005).
 */
import {poissonCdf, poissonQuantile} from "./distributions.js";

export interface EmpiricalBayes {
  /** Crude rates y / n (per unit of exposure, multiplied by `per`). */
  crude: number[];
  /** Smoothed rates m + C (r - m), multiplied by `per`. */
  smoothed: number[];
  /** Shrinkage weight C = A / (A + m / n) of each area's own rate (0 = all prior, 1 = own rate). */
  weight: number[];
  /** Prior mean m (global: one value; local: one per area), multiplied by `per`. */
  priorMean: number[];
  /** Between-area variance A (per unit exposure squared, before `per`), floored at 0. */
  priorVariance: number[];
}

export interface FunnelLimit {
  exposure: number;
  /** Expected count: reference rate x exposure. */
  expected: number;
  level: number;
  lowerCount: number;
  upperCount: number;
  /** Limits on the rate scale (count / exposure x per). */
  lowerRate: number;
  upperRate: number;
}

/**
 * Crude rates per `per` units of exposure (default per 1,000).
 * @example rates([3, 10], [1500, 2000]); // [2, 5]
 */
export function rates(counts: ArrayLike<number>, exposures: ArrayLike<number>, {per = 1000}: {per?: number} = {}): number[] {
  checkCounts(counts, exposures);
  checkPer(per);
  return Array.from(counts, (y, i) => (y / exposures[i]) * per);
}

/**
 * Global Empirical Bayes smoothing by Marshall's (1991) method of moments: every area shrinks toward
 * the overall rate, the more so the smaller its exposure.
 * @example empiricalBayes([0, 5, 40], [100, 1000, 8000]).smoothed
 */
export function empiricalBayes(counts: ArrayLike<number>, exposures: ArrayLike<number>, {per = 1000}: {per?: number} = {}): EmpiricalBayes {
  checkCounts(counts, exposures);
  checkPer(per);
  const all = Array.from({length: counts.length}, (_, i) => i);
  const {m, A} = moments(counts, exposures, all);
  return assemble(counts, exposures, all.map(() => m), all.map(() => A), per);
}

/**
 * Local Empirical Bayes smoothing (Marshall 1991): each area shrinks toward the rate of its
 * neighbourhood (itself plus its neighbours), with the prior moments estimated there.
 * @param neighbours - for each area the indices of its neighbours (self is added)
 * @example empiricalBayesLocal(counts, dwellings, gridNeighbours(cells)).smoothed
 */
export function empiricalBayesLocal(
  counts: ArrayLike<number>,
  exposures: ArrayLike<number>,
  neighbours: readonly (readonly number[])[],
  {per = 1000}: {per?: number} = {}
): EmpiricalBayes {
  checkCounts(counts, exposures);
  checkPer(per);
  const n = counts.length;
  if (neighbours.length !== n) throw new Error(`invalid neighbours: ${neighbours.length} lists, expected ${n}`);
  const ms: number[] = [];
  const As: number[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>([i]);
    for (const j of neighbours[i]) {
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new Error(`invalid neighbour of ${i}: ${j}`);
      set.add(j);
    }
    const {m, A} = moments(counts, exposures, [...set]);
    ms.push(m);
    As.push(A);
  }
  return assemble(counts, exposures, ms, As, per);
}

/**
 * Exact Poisson funnel-plot limits around a reference rate: the counts between which an area with
 * that exposure falls with probability `level` if its true rate is the reference rate. With
 * `interpolate`, the discrete quantiles are smoothed as in Spiegelhalter (2005) for drawing.
 * @param referenceRate - per `per` units of exposure (e.g. burglaries per 1,000 dwellings)
 * @example funnelLimits(5, [1000, 5000], {levels: [0.95, 0.998]})
 */
export function funnelLimits(
  referenceRate: number,
  exposures: ArrayLike<number>,
  {levels = [0.95, 0.998], per = 1000, interpolate = false}: {levels?: number[]; per?: number; interpolate?: boolean} = {}
): FunnelLimit[] {
  if (!(referenceRate > 0) || !Number.isFinite(referenceRate)) throw new Error(`invalid referenceRate: ${referenceRate}`);
  checkPer(per);
  for (const level of levels) if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  const result: FunnelLimit[] = [];
  for (let i = 0; i < exposures.length; i++) {
    const exposure = exposures[i];
    if (!(exposure > 0) || !Number.isFinite(exposure)) throw new Error(`invalid exposure[${i}]: ${exposure}`);
    const expected = (referenceRate / per) * exposure;
    for (const level of levels) {
      const lowP = (1 - level) / 2;
      const highP = 1 - lowP;
      const lowerCount = interpolate ? interpolatedQuantile(lowP, expected) : poissonQuantile(lowP, expected);
      const upperCount = interpolate ? interpolatedQuantile(highP, expected) : poissonQuantile(highP, expected);
      result.push({
        exposure, expected, level, lowerCount, upperCount,
        lowerRate: (lowerCount / exposure) * per, upperRate: (upperCount / exposure) * per
      });
    }
  }
  return result;
}

/** Spiegelhalter's continuous Poisson quantile: r - (F(r) - p) / (F(r) - F(r - 1)). */
function interpolatedQuantile(p: number, lambda: number): number {
  const r = poissonQuantile(p, lambda);
  const fr = poissonCdf(r, lambda);
  const fr1 = poissonCdf(r - 1, lambda);
  return Math.max(0, r - (fr - p) / (fr - fr1));
}

/** Marshall's moment estimates over a set of areas: m = sum y / sum n, A = s2 - m / nbar (>= 0). */
function moments(counts: ArrayLike<number>, exposures: ArrayLike<number>, areas: number[]): {m: number; A: number} {
  let sy = 0;
  let sn = 0;
  for (const i of areas) {
    sy += counts[i];
    sn += exposures[i];
  }
  const m = sy / sn;
  let s2 = 0;
  for (const i of areas) s2 += exposures[i] * (counts[i] / exposures[i] - m) ** 2;
  s2 /= sn;
  const nbar = sn / areas.length;
  return {m, A: Math.max(0, s2 - m / nbar)};
}

function assemble(counts: ArrayLike<number>, exposures: ArrayLike<number>, ms: number[], As: number[], per: number): EmpiricalBayes {
  const crude: number[] = [];
  const smoothed: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const r = counts[i] / exposures[i];
    const m = ms[i];
    const A = As[i];
    // With m = 0 (no events in the neighbourhood) there is nothing to shrink: keep the crude rate.
    const C = m === 0 ? 1 : A / (A + m / exposures[i]);
    crude.push(r * per);
    smoothed.push((m + C * (r - m)) * per);
    weight.push(C);
  }
  return {crude, smoothed, weight, priorMean: ms.map((m) => m * per), priorVariance: As};
}

function checkCounts(counts: ArrayLike<number>, exposures: ArrayLike<number>): void {
  if (counts.length !== exposures.length) throw new Error(`invalid exposures: ${exposures.length} values, expected ${counts.length}`);
  if (counts.length === 0) throw new Error("invalid counts: empty");
  for (let i = 0; i < counts.length; i++) {
    if (!(counts[i] >= 0) || !Number.isFinite(counts[i])) throw new Error(`invalid count[${i}]: ${counts[i]}`);
    if (!(exposures[i] > 0) || !Number.isFinite(exposures[i])) throw new Error(`invalid exposure[${i}]: ${exposures[i]}`);
  }
}

function checkPer(per: number): void {
  if (!(per > 0) || !Number.isFinite(per)) throw new Error(`invalid per: ${per}`);
}
