/**
 * Distribution functions shared by the stats modules. Thin wrappers over jstat where it is accurate,
 * and digamma/trigamma written here because neither jstat nor simple-statistics has them (the
 * negative-binomial theta estimator needs both).
 */
import jStat from "jstat";

/** Standard normal cumulative distribution function. @example normalCdf(1.96); // 0.975 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  // 0.5 * erfc(-x / sqrt 2) keeps the lower tail from cancelling to 0 for large negative x.
  return 0.5 * jStat.erfc(-x / Math.SQRT2);
}

/** Standard normal quantile. @example normalQuantile(0.975); // 1.959963984540054 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`invalid p: ${p}`);
  return jStat.normal.inv(p, 0, 1);
}

/**
 * P-value of a standard normal statistic for the given alternative.
 * @example normalPValue(1.96); // 0.04999579
 */
export function normalPValue(z: number, alternative: Alternative = "two-sided"): number {
  if (Number.isNaN(z)) return NaN;
  if (alternative === "greater") return normalCdf(-z);
  if (alternative === "less") return normalCdf(z);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Which tail a test looks at. */
export type Alternative = "two-sided" | "greater" | "less";

/** Chi-square upper-tail probability P(X > x) with `df` degrees of freedom. @example chiSquareUpper(3.84, 1); // ~0.05 */
export function chiSquareUpper(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`invalid df: ${df}`);
  if (!(x > 0)) return 1;
  return 1 - jStat.lowRegGamma(df / 2, x / 2);
}

/** Natural log of the gamma function (jstat, Lanczos). @example lgamma(5); // log(24) */
export function lgamma(x: number): number {
  return jStat.gammaln(x);
}

/**
 * Poisson cumulative probability P(X <= k) for mean `lambda`, via the regularised incomplete gamma
 * function (jstat's own poisson.cdf returns NaN for means above a few hundred).
 * @example poissonCdf(10, 10); // 0.5830398
 */
export function poissonCdf(k: number, lambda: number): number {
  if (!(lambda >= 0)) throw new Error(`invalid lambda: ${lambda}`);
  if (k < 0) return 0;
  const kk = Math.floor(k);
  if (lambda === 0) return 1;
  return 1 - jStat.lowRegGamma(kk + 1, lambda);
}

/**
 * Poisson quantile: the smallest integer k with P(X <= k) >= p.
 * @example poissonQuantile(0.975, 10); // 17
 */
export function poissonQuantile(p: number, lambda: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`invalid p: ${p}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`invalid lambda: ${lambda}`);
  if (lambda === 0 || p === 0) return 0;
  if (p === 1) return Infinity;
  // Start near the Cornish-Fisher guess, then walk to the exact boundary.
  const z = normalQuantile(p);
  let k = Math.max(0, Math.floor(lambda + z * Math.sqrt(lambda) + (z * z - 1) / 6));
  while (k > 0 && poissonCdf(k - 1, lambda) >= p) k--;
  while (poissonCdf(k, lambda) < p) k++;
  return k;
}

/**
 * Digamma function psi(x) for x > 0 (recurrence to x >= 10, then the asymptotic series; ~1e-13).
 * @example digamma(1); // -0.5772156649015329
 */
export function digamma(x: number): number {
  if (!(x > 0)) throw new Error(`invalid x: ${x}`);
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return result + Math.log(x) - 0.5 / x - series;
}

/**
 * Trigamma function psi'(x) for x > 0 (recurrence to x >= 10, then the asymptotic series; ~1e-13).
 * @example trigamma(1); // pi^2 / 6
 */
export function trigamma(x: number): number {
  if (!(x > 0)) throw new Error(`invalid x: ${x}`);
  let result = 0;
  while (x < 10) {
    result += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  const series = (1 + 1 / (2 * x) + f * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30 - f * (5 / 66 - f * (691 / 2730 - f * 7 / 6)))))) ) / x;
  return result + series;
}

/**
 * Quantile of an ascending sorted sample by linear interpolation (type 7, R's default), for
 * bootstrap and permutation intervals; NaN for an empty sample.
 * @example quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo], b = sorted[hi];
  if (h === lo || a === b) return a;
  return a + (h - lo) * (b - a);
}

/**
 * Exact (Garwood) confidence interval for the mean of a Poisson count k: the chi-square quantiles
 * χ²(α/2; 2k)/2 and χ²(1 − α/2; 2k + 2)/2, with 0 as the lower limit for k = 0.
 * @example poissonInterval(10); // [4.795, 18.390]
 */
export function poissonInterval(k: number, level = 0.95): [number, number] {
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`invalid count: ${k}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  const alpha = 1 - level;
  return [k === 0 ? 0 : jStat.chisquare.inv(alpha / 2, 2 * k) / 2, jStat.chisquare.inv(1 - alpha / 2, 2 * k + 2) / 2];
}

/** Student t quantile with `df` degrees of freedom (jstat). @example studentTQuantile(0.975, 10); // 2.228139 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`invalid p: ${p}`);
  if (!(df > 0)) throw new Error(`invalid df: ${df}`);
  return jStat.studentt.inv(p, df);
}

/** Upper tail P(T > x) of Student t with `df` degrees of freedom. @example studentTUpper(2.228139, 10); // 0.025 */
export function studentTUpper(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`invalid df: ${df}`);
  if (Number.isNaN(x)) return NaN;
  // The lower tail at -x: no cancellation for large x.
  return jStat.studentt.cdf(-x, df);
}
