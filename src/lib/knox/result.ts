/**
 * From permutation counts to the Knox result: the tallies a run (or a thread's share of it) folds
 * its counts into, their merge, the result tables, progress and cancellation.
 */
import type {KnoxBand, KnoxDistance} from "./input.js";

/** Result of the Knox test; all matrices are indexed [spaceBand][timeBand]. */
export interface KnoxResult {
  n: number;
  distance: KnoxDistance;
  permutations: number;
  spaceBands: KnoxBand[];
  timeBands: KnoxBand[];
  /** Observed pair counts. */
  observed: number[][];
  /** Mean count over the permutations. */
  expected: number[][];
  /** Smallest and largest count over the permutations. */
  min: number[][];
  max: number[][];
  /** observed / expected; NaN when expected is 0. */
  ratio: number[][];
  /** Monte Carlo p-value (1 + #permutations with count >= observed) / (permutations + 1). */
  pValue: number[][];
  /** Observed pairs per space band (row sums) and per time band (column sums). */
  spaceTotals: number[];
  timeTotals: number[];
  /** n (n - 1) / 2. */
  totalPairs: number;
  /** Pairs closer than the largest finite space break (the pairs the fast version stores). */
  nearPairs: number;
}

/** The error a cancelled Knox test throws: message "knox test aborted", name "AbortError". */
export function abortError(): Error {
  const error = new Error("knox test aborted");
  error.name = "AbortError";
  return error;
}

/** Per-permutation counts folded into sums, minima, maxima and exceedances (a worker's share). */
export interface KnoxTally {
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Permutations with a count >= the observed count. */
  ge: Float64Array;
}

export function emptyTally(cells: number): KnoxTally {
  return {
    sum: new Float64Array(cells), min: new Float64Array(cells).fill(Infinity),
    max: new Float64Array(cells).fill(-Infinity), ge: new Float64Array(cells)
  };
}

export function addCounts(tally: KnoxTally, observed: Float64Array, counts: Float64Array): void {
  for (let c = 0; c < counts.length; c++) {
    const v = counts[c];
    tally.sum[c] += v;
    if (v < tally.min[c]) tally.min[c] = v;
    if (v > tally.max[c]) tally.max[c] = v;
    if (v >= observed[c]) tally.ge[c]++;
  }
}

/** Merges tallies of disjoint permutation ranges (exact: all counts are whole numbers). */
export function mergeTallies(cells: number, parts: readonly KnoxTally[]): KnoxTally {
  const total = emptyTally(cells);
  for (const part of parts) {
    for (let c = 0; c < cells; c++) {
      total.sum[c] += part.sum[c];
      total.min[c] = Math.min(total.min[c], part.min[c]);
      total.max[c] = Math.max(total.max[c], part.max[c]);
      total.ge[c] += part.ge[c];
    }
  }
  return total;
}

export interface ResultInput {
  n: number;
  distance: KnoxDistance;
  permutations: number;
  spaceBands: KnoxBand[];
  timeBands: KnoxBand[];
}

export function buildResult(input: ResultInput, observedCounts: Float64Array, tally: KnoxTally, nearPairs: number): KnoxResult {
  const S = input.spaceBands.length, T = input.timeBands.length, R = input.permutations;
  const matrix = (f: (c: number) => number) =>
    Array.from({length: S}, (_, s) => Array.from({length: T}, (_, k) => f(s * T + k)));
  const observed = matrix((c) => observedCounts[c]);
  const expected = matrix((c) => tally.sum[c] / R);
  const spaceTotals = observed.map((row) => row.reduce((a, b) => a + b, 0));
  const timeTotals = Array.from({length: T}, (_, k) => observed.reduce((a, row) => a + row[k], 0));
  return {
    n: input.n,
    distance: input.distance,
    permutations: R,
    spaceBands: input.spaceBands,
    timeBands: input.timeBands,
    observed,
    expected,
    min: matrix((c) => tally.min[c]),
    max: matrix((c) => tally.max[c]),
    ratio: matrix((c) => (tally.sum[c] === 0 ? NaN : observedCounts[c] / (tally.sum[c] / R))),
    pValue: matrix((c) => (1 + tally.ge[c]) / (R + 1)),
    spaceTotals,
    timeTotals,
    totalPairs: (input.n * (input.n - 1)) / 2,
    nearPairs
  };
}

function progressStep(permutations: number): number {
  return Math.max(1, Math.floor(permutations / 100));
}

/** Calls onProgress about a hundred times over `total` permutations; returns the counter. */
export function progress(total: number, onProgress?: (fraction: number) => void): () => void {
  const step = progressStep(total);
  let done = 0;
  return () => {
    done++;
    if (onProgress && (done % step === 0 || done === total)) onProgress(done / total);
  };
}
