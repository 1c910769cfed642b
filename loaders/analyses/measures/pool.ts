/**
 * Random-effects pooling (DerSimonian & Laird 1986) of log effects with their standard errors, for
 * one measure estimated separately per municipality.
 */
import {chiSquareUpper, normalQuantile} from "../../../src/lib/stats/distributions.js";

export interface Pooled {
  estimate: number;
  lower: number;
  upper: number;
  se: number;
  /** Between-area variance of the true effects. */
  tau2: number;
  /** Cochran's Q, its df and p-value (heterogeneity). */
  q: number;
  df: number;
  pHeterogeneity: number;
  k: number;
}

/**
 * Pools log effects `y` with standard errors `se` (random effects; equal to inverse-variance fixed
 * effect when tau2 = 0). Entries with a non-finite or non-positive se are skipped.
 * @example poolRandomEffects([-0.2, -0.3], [0.1, 0.1]).estimate // -0.25
 */
export function poolRandomEffects(y: readonly number[], se: readonly number[], level = 0.95): Pooled | null {
  if (y.length !== se.length) throw new Error(`invalid se: length ${se.length}, expected ${y.length}`);
  const keep = y.map((_, i) => i).filter((i) => Number.isFinite(y[i]) && se[i] > 0 && Number.isFinite(se[i]));
  const k = keep.length;
  if (k === 0) return null;
  const w = keep.map((i) => 1 / se[i] ** 2);
  const sw = w.reduce((a, b) => a + b, 0);
  const fixed = keep.reduce((s, i, j) => s + w[j] * y[i], 0) / sw;
  const q = keep.reduce((s, i, j) => s + w[j] * (y[i] - fixed) ** 2, 0);
  const c = sw - w.reduce((s, v) => s + v * v, 0) / sw;
  const tau2 = k > 1 && c > 0 ? Math.max(0, (q - (k - 1)) / c) : 0;
  const ws = keep.map((i) => 1 / (se[i] ** 2 + tau2));
  const sws = ws.reduce((a, b) => a + b, 0);
  const estimate = keep.reduce((s, i, j) => s + ws[j] * y[i], 0) / sws;
  const pooledSe = Math.sqrt(1 / sws);
  const z = normalQuantile(1 - (1 - level) / 2);
  return {
    estimate, se: pooledSe, lower: estimate - z * pooledSe, upper: estimate + z * pooledSe, tau2, q, df: k - 1,
    pHeterogeneity: k > 1 ? chiSquareUpper(q, k - 1) : NaN, k
  };
}
