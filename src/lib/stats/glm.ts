/**
 * Count regression with a log link: Poisson and negative-binomial (NB2) GLMs fitted by iteratively
 * reweighted least squares (McCullagh & Nelder 1989), with theta for NB2 estimated by maximum
 * likelihood alternating with IRLS as in MASS::glm.nb (Venables & Ripley 2002).
 */
import {Matrix, QrDecomposition} from "ml-matrix";
import {digamma, lgamma, normalPValue, normalQuantile, trigamma} from "./distributions.js";

/** Counts, covariates and an optional offset (usually log exposure). */
export interface GlmDesign {
  /** Non-negative integer counts, one per area. */
  y: ArrayLike<number>;
  /** Covariates as rows (n x p) or as named columns. */
  X: number[][] | Record<string, ArrayLike<number>>;
  /** Names of the columns of X (required for rows; for a record, picks and orders its columns). */
  names?: string[];
  /** Added to the linear predictor with coefficient 1, e.g. log(dwellings). */
  offset?: ArrayLike<number>;
  /** Prepend an "(Intercept)" column (default true). */
  intercept?: boolean;
}

export interface GlmOptions {
  /** Convergence tolerance on the relative change in deviance (default 1e-10). */
  tolerance?: number;
  /** Maximum IRLS iterations per fit (default 50). */
  maxIterations?: number;
  /** Confidence level of the Wald intervals (default 0.95). */
  level?: number;
  /**
   * Require integer counts (default true). False admits any non-negative y, as R's quasipoisson
   * family does: the measure methods fit expected values in known-answer tests.
   */
  integerCounts?: boolean;
}

export interface NegBinOptions extends GlmOptions {
  /** Fix theta instead of estimating it. */
  theta?: number;
  /** Maximum alternations between IRLS and the theta step (default 50). */
  maxAlternations?: number;
}

export interface Coefficient {
  name: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  /** Incidence rate ratio exp(estimate) with its Wald interval. */
  irr: number;
  irrLower: number;
  irrUpper: number;
}

export interface GlmFit {
  family: "poisson" | "negbin";
  coefficients: Coefficient[];
  /** Covariance matrix of the estimates (row-major, p x p). */
  covariance: number[][];
  fitted: number[];
  deviance: number;
  nullDeviance: number;
  /** Pearson chi-square, sum((y - mu)^2 / V(mu)). */
  pearson: number;
  /** Pearson chi-square / residual df: about 1 when the family's variance fits, above 1 when overdispersed. */
  dispersion: number;
  logLik: number;
  aic: number;
  dfResidual: number;
  dfNull: number;
  n: number;
  converged: boolean;
  iterations: number;
  /** NB2 only: the size parameter (variance mu + mu^2 / theta) and its standard error. */
  theta?: number;
  thetaSe?: number;
  warnings: string[];
}

/** The checked options IRLS runs with. */
type FitOptions = Required<Omit<GlmOptions, "integerCounts">>;

interface Prepared {
  y: Float64Array;
  X: number[][]; // rows
  names: string[];
  offset: Float64Array;
  intercept: boolean;
}

interface IrlsResult {
  beta: number[];
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
}

/**
 * Fits a Poisson regression of counts on covariates (log link, optional log-exposure offset).
 * @param design - {y, X, names, offset, intercept}
 * @returns coefficients with SE, z, p and rate ratios; deviance, log-likelihood, AIC
 * @example fitPoisson({y: [2, 3, 6], X: {x: [0, 1, 2]}, offset: [0, 0, 0]}).coefficients[1].irr
 */
export function fitPoisson(design: GlmDesign, options: GlmOptions = {}): GlmFit {
  const d = prepare(design, options.integerCounts ?? true);
  const opts = checkOptions(options);
  const fit = irls(d, Infinity, opts);
  return summarise(d, fit, Infinity, opts, "poisson", []);
}

/**
 * Fits a negative-binomial (NB2) regression; theta is estimated by ML alternating with IRLS (as
 * MASS::glm.nb) unless `options.theta` fixes it.
 * @param design - {y, X, names, offset, intercept}
 * @returns as fitPoisson, plus theta and its standard error (observed information)
 * @example fitNegBin({y, X: {wealth}, offset: y.map(() => 0)}).theta
 */
export function fitNegBin(design: GlmDesign, options: NegBinOptions = {}): GlmFit {
  const d = prepare(design);
  const opts = checkOptions(options);
  const warnings: string[] = [];
  if (options.theta !== undefined) {
    if (!(options.theta > 0) || !Number.isFinite(options.theta)) throw new Error(`invalid theta: ${options.theta}`);
    const fit = irls(d, options.theta, opts);
    return summarise(d, fit, options.theta, opts, "negbin", warnings);
  }
  const maxAlternations = options.maxAlternations ?? 50;
  if (!(maxAlternations >= 1)) throw new Error(`invalid maxAlternations: ${maxAlternations}`);
  let fit = irls(d, Infinity, opts);
  let theta = thetaMl(d.y, fit.mu, warnings);
  let logLik = nbLogLik(d.y, fit.mu, theta);
  let converged = false;
  let iterations = fit.iterations;
  for (let k = 0; k < maxAlternations; k++) {
    fit = irls(d, theta, opts, fit.beta);
    iterations += fit.iterations;
    const next = thetaMl(d.y, fit.mu, warnings, theta);
    const nextLogLik = nbLogLik(d.y, fit.mu, next);
    const change = Math.abs(next - theta) / (Math.abs(theta) + 1e-8) + Math.abs(nextLogLik - logLik) / (Math.abs(logLik) + 0.1);
    theta = next;
    logLik = nextLogLik;
    if (change < opts.tolerance) {
      converged = fit.converged;
      break;
    }
  }
  // One last IRLS pass at the final theta so that beta and mu belong to it exactly.
  fit = irls(d, theta, opts, fit.beta);
  iterations += fit.iterations;
  if (!converged) warnings.push("alternation between beta and theta did not converge");
  return summarise(d, {...fit, iterations, converged: converged && fit.converged}, theta, opts, "negbin", warnings);
}

/**
 * Quasi-Poisson errors of a Poisson fit: the variance scaled by max(1, dispersion) (Pearson
 * chi-square / residual df), as R's quasipoisson family but never below Poisson. Measure methods
 * use it for monthly series, which are usually overdispersed.
 * @returns the scale and the scaled standard errors and covariance, in coefficient order
 * @example quasiPoisson(fitPoisson(design)).se[1]
 */
export function quasiPoisson(fit: GlmFit): {scale: number; se: number[]; covariance: number[][]} {
  if (fit.family !== "poisson") throw new Error(`invalid fit: quasi-Poisson errors need a Poisson fit, not ${fit.family}`);
  const scale = Number.isFinite(fit.dispersion) ? Math.max(1, fit.dispersion) : 1;
  return {
    scale,
    se: fit.coefficients.map((c) => c.se * Math.sqrt(scale)),
    covariance: fit.covariance.map((row) => row.map((v) => v * scale))
  };
}

/**
 * Negative-binomial (NB2) log-likelihood of counts y given means mu and size theta.
 * @example nbLogLik([0, 3], [1, 2], 5)
 */
export function nbLogLik(y: ArrayLike<number>, mu: ArrayLike<number>, theta: number): number {
  if (theta === Infinity) return poissonLogLik(y, mu);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    const mi = mu[i];
    sum += lgamma(yi + theta) - lgamma(theta) - lgamma(yi + 1) + theta * Math.log(theta / (theta + mi)) + (yi > 0 ? yi * Math.log(mi / (theta + mi)) : 0);
  }
  return sum;
}

/**
 * Poisson log-likelihood of counts y given means mu.
 * @example poissonLogLik([1, 2], [1, 2])
 */
export function poissonLogLik(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - lgamma(y[i] + 1);
  return sum;
}

function checkOptions(options: GlmOptions): FitOptions {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 50;
  const level = options.level ?? 0.95;
  if (!(tolerance > 0)) throw new Error(`invalid tolerance: ${tolerance}`);
  if (!(maxIterations >= 1)) throw new Error(`invalid maxIterations: ${maxIterations}`);
  if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
  return {tolerance, maxIterations, level};
}

function prepare(design: GlmDesign, integerCounts = true): Prepared {
  const n = design.y.length;
  if (n === 0) throw new Error("invalid y: empty");
  const y = Float64Array.from(design.y);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`invalid count y[${i}]: ${design.y[i]} (counts must be non-negative)`);
    if (integerCounts && !Number.isInteger(v)) throw new Error(`invalid count y[${i}]: ${design.y[i]} (counts must be non-negative integers)`);
  }
  const intercept = design.intercept ?? true;
  let names: string[];
  let columns: ArrayLike<number>[];
  if (Array.isArray(design.X)) {
    const rows = design.X as number[][];
    if (rows.length !== n) throw new Error(`invalid X: ${rows.length} rows, expected ${n}`);
    const p = rows.length > 0 ? rows[0].length : 0;
    names = design.names ?? [];
    if (names.length !== p) throw new Error(`invalid names: ${names.length} names for ${p} columns`);
    columns = names.map((_, j) =>
      rows.map((row, i) => {
        if (row.length !== p) throw new Error(`invalid X: row ${i} has ${row.length} values, expected ${p}`);
        return row[j];
      })
    );
  } else {
    const record = design.X as Record<string, ArrayLike<number>>;
    names = design.names ?? Object.keys(record);
    columns = names.map((name) => {
      const column = record[name];
      if (!column) throw new Error(`invalid names: no column ${name}`);
      if (column.length !== n) throw new Error(`invalid X: column ${name} has ${column.length} values, expected ${n}`);
      return column;
    });
  }
  if (new Set(names).size !== names.length) throw new Error(`invalid names: duplicates in ${names.join(", ")}`);
  if (intercept) {
    names = ["(Intercept)", ...names];
    columns = [new Float64Array(n).fill(1), ...columns];
  }
  if (columns.length === 0) throw new Error("invalid X: no columns and no intercept");
  if (columns.length > n) throw new Error(`singular design: ${columns.length} coefficients for ${n} observations`);
  const X = Array.from({length: n}, (_, i) =>
    columns.map((column, j) => {
      const v = column[i];
      if (!Number.isFinite(v)) throw new Error(`invalid X: ${names[j]}[${i}] is ${v}`);
      return v;
    })
  );
  const offset = new Float64Array(n);
  if (design.offset) {
    if (design.offset.length !== n) throw new Error(`invalid offset: ${design.offset.length} values, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = design.offset[i];
      if (!Number.isFinite(v)) throw new Error(`invalid offset[${i}]: ${v}`);
      offset[i] = v;
    }
  }
  return {y, X, names, offset, intercept};
}

/** Working weight mu^2 / V(mu) for the log link: mu (Poisson) or mu / (1 + mu / theta) (NB2). */
function weight(mu: number, theta: number): number {
  return theta === Infinity ? mu : mu / (1 + mu / theta);
}

function deviance(y: Float64Array, mu: ArrayLike<number>, theta: number): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    const mi = mu[i];
    if (theta === Infinity) sum += (yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi - mi);
    else sum += (yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi + theta) * Math.log((yi + theta) / (mi + theta));
  }
  return 2 * sum;
}

/** Weighted least squares by QR of sqrt(w) X, with a rank check like R's dqrdc2 (tol 1e-7). */
function weightedSolve(X: number[][], w: ArrayLike<number>, z: ArrayLike<number>, names: string[]): {beta: number[]; qr: QrDecomposition} {
  const n = X.length;
  const p = names.length;
  const A = new Matrix(n, p);
  const b = new Matrix(n, 1);
  const norms = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const s = Math.sqrt(w[i]);
    for (let j = 0; j < p; j++) {
      const v = s * X[i][j];
      A.set(i, j, v);
      norms[j] += v * v;
    }
    b.set(i, 0, s * z[i]);
  }
  const qr = new QrDecomposition(A);
  const R = qr.upperTriangularMatrix;
  for (let j = 0; j < p; j++) {
    if (!(Math.abs(R.get(j, j)) > 1e-7 * Math.sqrt(norms[j]))) {
      throw new Error(`singular design: column ${names[j]} is (nearly) a linear combination of the columns before it`);
    }
  }
  return {beta: qr.solve(b).getColumn(0), qr};
}

function irls(d: Prepared, theta: number, opts: FitOptions, start?: number[]): IrlsResult {
  const {y, X, offset, names} = d;
  const n = y.length;
  const p = names.length;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  if (start) {
    for (let i = 0; i < n; i++) {
      let s = offset[i];
      for (let j = 0; j < p; j++) s += X[i][j] * start[j];
      eta[i] = s;
      mu[i] = Math.exp(s);
    }
  } else {
    for (let i = 0; i < n; i++) {
      mu[i] = y[i] + 0.1; // as R's poisson()$initialize
      eta[i] = Math.log(mu[i]);
    }
  }
  let dev = deviance(y, mu, theta);
  let beta: number[] = start ? start.slice() : new Array(p).fill(0);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  for (let iteration = 1; iteration <= opts.maxIterations; iteration++) {
    for (let i = 0; i < n; i++) {
      w[i] = weight(mu[i], theta);
      z[i] = eta[i] - offset[i] + (y[i] - mu[i]) / mu[i];
    }
    let next = weightedSolve(X, w, z, names).beta;
    let nextDev = NaN;
    // Step halving while the deviance is not finite (as R's glm.fit).
    for (let halving = 0; halving < 30; halving++) {
      for (let i = 0; i < n; i++) {
        let s = offset[i];
        for (let j = 0; j < p; j++) s += X[i][j] * next[j];
        eta[i] = s;
        mu[i] = Math.exp(s);
      }
      nextDev = deviance(y, mu, theta);
      if (Number.isFinite(nextDev) && mu.every((m) => m > 0 && Number.isFinite(m))) break;
      next = next.map((b, j) => (b + beta[j]) / 2);
    }
    if (!Number.isFinite(nextDev)) throw new Error("invalid fit: deviance is not finite (separation or overflow)");
    const change = Math.abs(nextDev - dev) / (Math.abs(nextDev) + 0.1);
    beta = next;
    dev = nextDev;
    if (change < opts.tolerance && iteration > 1) return {beta, mu, deviance: dev, iterations: iteration, converged: true};
  }
  return {beta, mu, deviance: dev, iterations: opts.maxIterations, converged: false};
}

/**
 * ML estimate of theta for fixed means (Newton on the profile score, as MASS::theta.ml), with the
 * moment estimator n / sum((y / mu - 1)^2) as the default start.
 */
function thetaMl(y: Float64Array, mu: Float64Array, warnings: string[], start?: number): number {
  const n = y.length;
  let theta = start ?? 0;
  if (!(theta > 0)) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i] / mu[i] - 1) ** 2;
    theta = n / s;
  }
  if (!Number.isFinite(theta)) theta = 1e6;
  for (let it = 0; it < 100; it++) {
    const score = thetaScore(y, mu, theta);
    const info = thetaInfo(y, mu, theta);
    let step = score / info;
    if (!(info > 0)) step = theta; // not concave here: move up (towards Poisson) and retry
    let next = theta + step;
    if (next <= 0) next = theta / 2;
    if (next > 1e8) {
      warnings.push("theta is unbounded (no overdispersion): the fit is Poisson in all but name");
      return 1e8;
    }
    const delta = Math.abs(next - theta);
    theta = next;
    if (delta < 1e-12 * (1 + theta)) break;
  }
  return theta;
}

function thetaScore(y: Float64Array, mu: Float64Array, theta: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    s += digamma(theta + y[i]) - digamma(theta) + Math.log(theta) + 1 - Math.log(theta + mu[i]) - (y[i] + theta) / (mu[i] + theta);
  }
  return s;
}

/** Observed information for theta (minus the second derivative of the log-likelihood). */
function thetaInfo(y: Float64Array, mu: Float64Array, theta: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    s += -trigamma(theta + y[i]) + trigamma(theta) - 1 / theta + 2 / (mu[i] + theta) - (y[i] + theta) / (mu[i] + theta) ** 2;
  }
  return s;
}

function summarise(d: Prepared, fit: IrlsResult, theta: number, opts: FitOptions, family: "poisson" | "negbin", warnings: string[]): GlmFit {
  const n = d.y.length;
  const p = d.names.length;
  // Covariance (X'WX)^-1 = R^-1 R^-T from the QR at the final means.
  const w = Array.from(fit.mu, (m) => weight(m, theta));
  const {qr} = weightedSolve(d.X, w, new Float64Array(n), d.names);
  const R = qr.upperTriangularMatrix.subMatrix(0, p - 1, 0, p - 1);
  const Rinv = solveUpper(R, p);
  const covariance = Array.from({length: p}, (_, a) =>
    Array.from({length: p}, (_, b) => {
      let s = 0;
      for (let k = Math.max(a, b); k < p; k++) s += Rinv[a][k] * Rinv[b][k];
      return s;
    })
  );
  const zCrit = normalQuantile(1 - (1 - opts.level) / 2);
  const coefficients = d.names.map((name, j) => {
    const estimate = fit.beta[j];
    const se = Math.sqrt(covariance[j][j]);
    const z = estimate / se;
    return {
      name, estimate, se, z, p: normalPValue(z),
      irr: Math.exp(estimate), irrLower: Math.exp(estimate - zCrit * se), irrUpper: Math.exp(estimate + zCrit * se)
    };
  });
  const logLik = nbLogLik(d.y, fit.mu, theta);
  let pearson = 0;
  for (let i = 0; i < n; i++) pearson += (d.y[i] - fit.mu[i]) ** 2 / (theta === Infinity ? fit.mu[i] : fit.mu[i] + fit.mu[i] ** 2 / theta);
  const nullMu = nullMeans(d, theta, opts);
  const result: GlmFit = {
    family, coefficients, covariance, fitted: Array.from(fit.mu),
    deviance: fit.deviance, nullDeviance: deviance(d.y, nullMu, theta), pearson, dispersion: n > p ? pearson / (n - p) : NaN, logLik,
    aic: -2 * logLik + 2 * (p + (family === "negbin" ? 1 : 0)),
    dfResidual: n - p, dfNull: n - (d.intercept ? 1 : 0), n,
    converged: fit.converged, iterations: fit.iterations, warnings
  };
  if (!fit.converged && !warnings.includes("IRLS did not converge")) warnings.push("IRLS did not converge");
  if (family === "negbin") {
    result.theta = theta;
    result.thetaSe = 1 / Math.sqrt(thetaInfo(d.y, fit.mu, theta));
  }
  return result;
}

/** Means of the null model: intercept plus offset when there is an intercept, else the offset alone. */
function nullMeans(d: Prepared, theta: number, opts: FitOptions): Float64Array {
  const n = d.y.length;
  if (!d.intercept) return Float64Array.from(d.offset, Math.exp);
  const nullDesign: Prepared = {...d, X: Array.from({length: n}, () => [1]), names: ["(Intercept)"]};
  return irls(nullDesign, theta, opts).mu;
}

function solveUpper(R: Matrix, p: number): number[][] {
  const inv = Array.from({length: p}, () => new Array<number>(p).fill(0));
  for (let col = 0; col < p; col++) {
    for (let i = col; i >= 0; i--) {
      let s = i === col ? 1 : 0;
      for (let k = i + 1; k <= col; k++) s -= R.get(i, k) * inv[k][col];
      inv[i][col] = s / R.get(i, i);
    }
  }
  return inv;
}
