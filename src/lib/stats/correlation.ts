/**
 * Correlation of an outcome with candidate factors: Pearson and Spearman coefficients, permutation
 * p-values with a seeded rng, and Holm / Benjamini-Hochberg adjustment across factors.
 */
import {sampleCorrelation} from "simple-statistics";
import {shuffle, type Rng} from "../random.js";

export type CorrelationMethod = "pearson" | "spearman";
export type AdjustMethod = "holm" | "bh" | "bonferroni" | "none";

export interface CorrelationTest {
  method: CorrelationMethod;
  r: number;
  n: number;
  /** Two-sided permutation p-value (1 + #{|r*| >= |r|}) / (permutations + 1). */
  p: number;
  permutations: number;
}

export interface FactorCorrelation extends CorrelationTest {
  factor: string;
  /** p adjusted across all factors in the call. */
  pAdjusted: number;
}

/**
 * Pearson product-moment correlation (simple-statistics' sampleCorrelation, after input checks).
 * @example pearson([1, 2, 3], [2, 4, 7]); // 0.9934
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  return sampleCorrelation(Array.from(x), Array.from(y));
}

/**
 * Spearman rank correlation: Pearson on mid-ranks, so ties get their average rank.
 * @example spearman([1, 2, 3, 4], [1, 4, 9, 16]); // 1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(x, y);
  return sampleCorrelation(ranks(x), ranks(y));
}

/**
 * Ranks with ties given their average rank (1-based), as R's rank(ties.method = "average").
 * @example ranks([10, 20, 20, 5]); // [2, 3.5, 3.5, 1]
 */
export function ranks(values: ArrayLike<number>): number[] {
  const n = values.length;
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const result = new Array<number>(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) result[order[k]] = rank;
    start = end + 1;
  }
  return result;
}

/**
 * Correlation with a two-sided permutation p-value (y is shuffled, x stays put).
 * @param options - method ("pearson" default), permutations (999), rng (required)
 * @example correlationTest(x, y, {method: "spearman", rng: seededRng(1)}).p
 */
export function correlationTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  {method = "pearson", permutations = 999, rng}: {method?: CorrelationMethod; permutations?: number; rng: Rng}
): CorrelationTest {
  checkPair(x, y);
  if (method !== "pearson" && method !== "spearman") throw new Error(`invalid method: ${method}`);
  if (!Number.isInteger(permutations) || permutations < 1) throw new Error(`invalid permutations: ${permutations}`);
  if (typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  // Spearman = Pearson on ranks, so rank once and permute the ranks.
  const a = method === "spearman" ? ranks(x) : Array.from(x);
  const b = method === "spearman" ? ranks(y) : Array.from(y);
  const r = sampleCorrelation(a, b);
  // Pearson with fixed margins: only the cross product changes under permutation.
  const n = a.length;
  const ma = mean(a);
  const mb = mean(b);
  const ca = a.map((v) => v - ma);
  const cb = Float64Array.from(b, (v) => v - mb);
  const scale = Math.sqrt(ca.reduce((s, v) => s + v * v, 0) * cb.reduce((s, v) => s + v * v, 0));
  const observed = Math.abs(r) * (1 - 1e-12);
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    shuffle(rng, cb);
    let cross = 0;
    for (let i = 0; i < n; i++) cross += ca[i] * cb[i];
    if (Math.abs(cross / scale) >= observed) extreme++;
  }
  return {method, r, n, p: (1 + extreme) / (permutations + 1), permutations};
}

/**
 * Correlates one outcome with several factors and adjusts the permutation p-values across them.
 * @param factors - named columns, each as long as the outcome
 * @example correlateFactors(rate, {woz, income}, {method: "spearman", adjust: "holm", rng})
 */
export function correlateFactors(
  outcome: ArrayLike<number>,
  factors: Record<string, ArrayLike<number>>,
  {method = "pearson", permutations = 999, adjust = "holm", rng}: {method?: CorrelationMethod; permutations?: number; adjust?: AdjustMethod; rng: Rng}
): FactorCorrelation[] {
  const names = Object.keys(factors);
  if (names.length === 0) throw new Error("invalid factors: none given");
  const tests = names.map((factor) => {
    if (factors[factor].length !== outcome.length) throw new Error(`invalid factor ${factor}: ${factors[factor].length} values, expected ${outcome.length}`);
    return {factor, ...correlationTest(factors[factor], outcome, {method, permutations, rng})};
  });
  const adjusted = adjustPValues(tests.map((t) => t.p), adjust);
  return tests.map((t, i) => ({...t, pAdjusted: adjusted[i]}));
}

/**
 * Multiple-testing adjustment as R's p.adjust: Holm (family-wise error), Benjamini-Hochberg (false
 * discovery rate), Bonferroni, or none.
 * @example adjustPValues([0.01, 0.04, 0.03, 0.005], "bh"); // [0.02, 0.04, 0.04, 0.02]
 */
export function adjustPValues(p: ArrayLike<number>, method: AdjustMethod): number[] {
  const m = p.length;
  for (let i = 0; i < m; i++) if (!(p[i] >= 0 && p[i] <= 1)) throw new Error(`invalid p[${i}]: ${p[i]}`);
  const values = Array.from(p);
  if (method === "none") return values;
  if (method === "bonferroni") return values.map((v) => Math.min(1, v * m));
  if (method === "holm") {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const result = new Array<number>(m);
    let running = 0;
    order.forEach((index, k) => {
      running = Math.max(running, Math.min(1, (m - k) * values[index]));
      result[index] = running;
    });
    return result;
  }
  if (method === "bh") {
    const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
    const result = new Array<number>(m);
    let running = 1;
    order.forEach((index, k) => {
      const rank = m - k;
      running = Math.min(running, (m / rank) * values[index]);
      result[index] = Math.min(1, running);
    });
    return result;
  }
  throw new Error(`invalid method: ${method}`);
}

function checkPair(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new Error(`invalid y: ${y.length} values, expected ${x.length}`);
  if (x.length < 3) throw new Error(`invalid x: ${x.length} values, need at least 3`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`invalid x[${i}]: ${x[i]}`);
    if (!Number.isFinite(y[i])) throw new Error(`invalid y[${i}]: ${y[i]}`);
  }
  if (isConstant(x)) throw new Error("invalid x: constant, correlation undefined");
  if (isConstant(y)) throw new Error("invalid y: constant, correlation undefined");
}

function isConstant(v: ArrayLike<number>): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
