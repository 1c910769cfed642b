/**
 * A minimal Poisson GLM (log link, offset) fitted by iteratively reweighted least squares, with
 * quasi-Poisson scaling of the standard errors, plus the few distribution functions the measure
 * methods need. Kept small on purpose: src/lib/stats/glm.ts is the general one; merge later.
 */
import {CholeskyDecomposition, Matrix, inverse} from "ml-matrix";

export interface PoissonFit {
  /** Coefficients on the log scale, in column order of the design. */
  coef: number[];
  /** Standard errors, scaled by sqrt(dispersion) when `quasi` is on. */
  se: number[];
  /** Covariance matrix of the coefficients (scaled like `se`). */
  cov: number[][];
  /** Pearson chi-square / residual df (1 means Poisson-like variation). */
  dispersion: number;
  /** The factor applied to the variance: max(1, dispersion) when quasi, else 1. */
  scale: number;
  deviance: number;
  pearson: number;
  dfResidual: number;
  fitted: number[];
  iterations: number;
  converged: boolean;
}

export interface PoissonOptions {
  /** log(exposure) per row; default 0. */
  offset?: ArrayLike<number>;
  /** Scale the covariance by max(1, Pearson chi2 / df) (quasi-Poisson); default true. */
  quasi?: boolean;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Fits log E[y] = offset + X b by IRLS and returns coefficients with (quasi-)Poisson errors.
 * @param x design matrix as rows (include an intercept column yourself)
 * @param y non-negative counts, one per row
 * @example fitPoisson([[1, 0], [1, 1]], [10, 20]).coef; // ~[log 10, log 2]
 */
export function fitPoisson(x: readonly (readonly number[])[], y: ArrayLike<number>, options: PoissonOptions = {}): PoissonFit {
  const n = x.length;
  if (n === 0) throw new Error("invalid x: no rows");
  if (y.length !== n) throw new Error(`invalid y: length ${y.length}, expected ${n}`);
  const p = x[0].length;
  if (p === 0) throw new Error("invalid x: no columns");
  if (n <= p) throw new Error(`invalid x: ${n} rows for ${p} columns`);
  for (let i = 0; i < n; i++) {
    if (x[i].length !== p) throw new Error(`invalid x: row ${i} has ${x[i].length} columns, expected ${p}`);
    if (!(y[i] >= 0) || !Number.isFinite(y[i])) throw new Error(`invalid y: ${y[i]} at row ${i}`);
  }
  const offset = options.offset ?? new Float64Array(n);
  if (offset.length !== n) throw new Error(`invalid offset: length ${offset.length}, expected ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(offset[i])) throw new Error(`invalid offset: ${offset[i]} at row ${i}`);
  return fitPoissonUnchecked(x, y, offset, options);
}

function fitPoissonUnchecked(
  x: readonly (readonly number[])[],
  y: ArrayLike<number>,
  offset: ArrayLike<number>,
  {quasi = true, maxIterations = 50, tolerance = 1e-10}: PoissonOptions
): PoissonFit {
  const n = x.length, p = x[0].length;
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  let ySum = 0, eSum = 0;
  for (let i = 0; i < n; i++) ySum += y[i], eSum += Math.exp(offset[i]);
  const base = Math.max(ySum, 0.5) / eSum;
  for (let i = 0; i < n; i++) {
    mu[i] = (y[i] + base * Math.exp(offset[i])) / 2 + 1e-8;
    eta[i] = Math.log(mu[i]);
  }
  let coef = new Array<number>(p).fill(0);
  let deviance = Infinity, iterations = 0, converged = false;
  let xtwx = new Matrix(p, p);
  for (; iterations < maxIterations; iterations++) {
    xtwx = new Matrix(p, p);
    const xtwz = new Matrix(p, 1);
    for (let i = 0; i < n; i++) {
      const w = mu[i];
      const z = eta[i] - offset[i] + (y[i] - mu[i]) / mu[i];
      const row = x[i];
      for (let j = 0; j < p; j++) {
        const wxj = w * row[j];
        if (wxj === 0) continue;
        xtwz.set(j, 0, xtwz.get(j, 0) + wxj * z);
        for (let k = 0; k <= j; k++) xtwx.set(j, k, xtwx.get(j, k) + wxj * row[k]);
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtwx.set(k, j, xtwx.get(j, k));
    const chol = new CholeskyDecomposition(xtwx);
    if (!chol.isPositiveDefinite()) throw new Error("invalid x: design is rank deficient for these data");
    coef = chol.solve(xtwz).getColumn(0);
    let next = 0;
    for (let i = 0; i < n; i++) {
      let lin = offset[i];
      for (let j = 0; j < p; j++) lin += x[i][j] * coef[j];
      eta[i] = lin;
      mu[i] = Math.exp(lin);
      next += devianceTerm(y[i], mu[i]);
    }
    if (Math.abs(next - deviance) <= tolerance * (Math.abs(next) + 0.1)) {
      deviance = next;
      converged = true;
      iterations++;
      break;
    }
    deviance = next;
  }
  let pearson = 0;
  for (let i = 0; i < n; i++) pearson += (y[i] - mu[i]) ** 2 / mu[i];
  const dfResidual = n - p;
  const dispersion = pearson / dfResidual;
  const scale = quasi ? Math.max(1, dispersion) : 1;
  const cov = inverse(xtwx).mul(scale).to2DArray();
  return {
    coef,
    se: cov.map((row, j) => Math.sqrt(row[j])),
    cov,
    dispersion,
    scale,
    deviance,
    pearson,
    dfResidual,
    fitted: Array.from(mu),
    iterations,
    converged
  };
}

function devianceTerm(y: number, mu: number): number {
  return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
}

/** Natural log of the gamma function (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`invalid x: ${x}`);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Upper tail P(X >= x) of a chi-square distribution with `df` degrees of freedom.
 * @example chiSquareUpper(3.841, 1); // ~0.05
 */
export function chiSquareUpper(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`invalid df: ${df}`);
  if (Number.isNaN(x)) throw new Error(`invalid x: ${x}`);
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Regularized upper incomplete gamma Q(a, x) (series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - lg));
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** Quantile of a sorted sample (linear interpolation, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo], b = sorted[hi];
  if (h === lo || a === b) return a;
  return a + (h - lo) * (b - a);
}
