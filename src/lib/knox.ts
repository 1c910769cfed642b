/**
 * The Knox near-repeat test (as in Ratcliffe's Near Repeat Calculator and the R package NearRepeat):
 * count incident pairs per space band x time band, and compare each count with its distribution
 * when the times are shuffled among the incidents (locations fixed), by Monte Carlo permutation.
 *
 * Bands are right-open: breaks [0, 1, 100] mean [0, 1), [1, 100), [100, inf). The NRC labels the
 * same bands "same location", "1 to 100", "more than 100" (its labels are off by one, see
 * docs and the NearRepeat vignette); `labelNrc` reproduces them for comparison.
 *
 * `knoxTest` is the fast version: pairs beyond the largest finite space break are never visited
 * (their counts per time band are all pairs minus the near pairs, and the all-pairs time-difference
 * histogram does not change when times are shuffled); near pairs are found once by sorting the
 * incidents by square on a grid whose side is the largest finite space break and sweeping each
 * square and its neighbours (`spatialOrder`, `findNearPairs`), stored in typed arrays, and each pass
 * over them counts 8 permutations. (`nearSpacePairs`, for the near-repeat share, uses a k-d index.) `knoxNaive` visits all
 * pairs in every permutation. Both draw one seed per permutation from the rng and shuffle the times
 * in the same (spatial) order, so they return identical results; because a permutation depends only
 * on its seed, `prepareKnox` / `countKnoxPermutations` / `finishKnox` can split the permutations
 * over threads (loaders/knox-threads.ts) without changing the result.
 */
import KDBush from "kdbush";
import {shuffleSeeded, streamSeeds, type Rng} from "./random.js";

/** Coordinates in metres (any projected system, e.g. RD New) and times in days. */
export interface KnoxPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Days as numbers, e.g. epoch days; whole days reproduce the NRC. */
  t: ArrayLike<number>;
}

/** How distances between incidents are measured. */
export type KnoxDistance = "manhattan" | "euclidean";

/** Options of the Knox test. */
export interface KnoxOptions {
  /** Space breaks in metres, strictly increasing, starting at 0; the last band is open-ended. */
  spaceBands: readonly number[];
  /** Time breaks in days, strictly increasing, starting at 0; the last band is open-ended. */
  timeBands: readonly number[];
  /** Distance measure (the NRC offers both; NearRepeat's default is manhattan). */
  distance?: KnoxDistance;
  /** Number of permutations (default 999). */
  permutations?: number;
  /** Seeded random numbers (src/lib/random.ts). */
  rng: Rng;
  /** Called with the fraction of permutations done (0..1), about a hundred times per run. */
  onProgress?: (fraction: number) => void;
  /** Checked between permutations; when `aborted` turns true the test throws an AbortError. */
  signal?: {readonly aborted: boolean};
}

/** One band [lower, upper) with its labels. */
export interface KnoxBand {
  lower: number;
  /** Infinity for the last, open-ended band. */
  upper: number;
  /** Right-open notation, e.g. "[0, 1) m", "[21, ∞) d". */
  label: string;
  /** Dutch label, e.g. "zelfde locatie (< 1 m)", "100 tot 200 m", "21 dagen of meer". */
  labelNl: string;
  /** The label the Near Repeat Calculator gives the same band, e.g. "101 to 200", "More than 300". */
  labelNrc: string;
}

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

/**
 * Runs the Knox test, fast: near pairs found once with a kd-tree, far pairs counted from the
 * permutation-invariant time-difference histogram.
 * @param points incidents: x, y in metres, t in days (equal lengths, at least 2)
 * @param options bands, distance, permutations, rng, onProgress, signal
 * @returns observed, expected, ratio and p-value tables with band labels
 * @example knoxTest({x, y, t}, {spaceBands: [0, 1, 100, 200, 300], timeBands: [0, 7, 14, 21], rng: seededRng(1)})
 */
export function knoxTest(points: KnoxPoints, options: KnoxOptions): KnoxResult {
  const plan = prepareKnox(points, options);
  return finishKnox(plan, [countKnoxPermutations(plan, 0, plan.permutations, options)]);
}

/**
 * Runs the Knox test by visiting all n (n - 1) / 2 pairs in every permutation; a reference for tests
 * and benchmarks (same rng use, so the same result as `knoxTest` for the same seed).
 * @example knoxNaive({x, y, t}, {spaceBands: [0, 100], timeBands: [0, 7], permutations: 49, rng: seededRng(1)})
 */
export function knoxNaive(points: KnoxPoints, options: KnoxOptions): KnoxResult {
  const input = checkInput(points, options);
  return runNaive(input);
}

/**
 * Returns the Monte Carlo p-value of an observed count: (1 + #permuted counts >= observed) / (R + 1),
 * the formula the NRC uses (its "20 iterations" are 19 permutations plus the observed data).
 * @example monteCarloPValue(10, [3, 12, 5]) // (1 + 1) / 4 = 0.5
 */
export function monteCarloPValue(observed: number, permuted: ArrayLike<number>): number {
  if (!Number.isFinite(observed)) throw new Error(`invalid observed: ${observed}`);
  if (permuted.length < 1) throw new Error(`invalid permuted: empty`);
  let ge = 0;
  for (let r = 0; r < permuted.length; r++) if (permuted[r] >= observed) ge++;
  return (1 + ge) / (permuted.length + 1);
}

/** Options of `nearRepeatShare`. */
export interface NearRepeatShareOptions {
  /** Near means closer than this many metres (right-open, as the bands: d < maxDistance). */
  maxDistance: number;
  /** Near means fewer than this many days apart (dt < maxDays). */
  maxDays: number;
  distance?: KnoxDistance;
  /**
   * "any": the incident has another incident near in space and time, before or after (default);
   * "follower": it has one near in space at the same time or up to maxDays before it.
   */
  role?: "any" | "follower";
}

/** Result of `nearRepeatShare`. */
export interface NearRepeatShare {
  n: number;
  /** Incidents that are near repeats. */
  count: number;
  share: number;
  /** Incident pairs near in space and time. */
  pairs: number;
  /** 1 for each incident that is a near repeat, in input order. */
  flags: Uint8Array;
}

/**
 * The distance metric when a caller gives none: Manhattan, the metric of the Near Repeat Calculator,
 * so that `npm run knox` reproduces its figures. The site's analyses pass theirs explicitly
 * (KNOX_DISTANCE in loaders/analyses/knox.ts, Euclidean). docs/methods.md explains the choice.
 */
export const DEFAULT_KNOX_DISTANCE: KnoxDistance = "manhattan";

/** The pairs (a < b, indices in input order) of incidents closer than maxDistance metres in space. */
export interface SpacePairs {
  a: Uint32Array;
  b: Uint32Array;
}

/**
 * Finds every pair of points closer than maxDistance metres (right-open), once, with a k-d index.
 * @example nearSpacePairs({x, y}, 200, "euclidean").a.length // pairs within 200 m
 */
export function nearSpacePairs(points: {x: ArrayLike<number>; y: ArrayLike<number>}, maxDistance: number, distance: KnoxDistance = DEFAULT_KNOX_DISTANCE): SpacePairs {
  if (!(maxDistance > 0) || !Number.isFinite(maxDistance)) throw new Error(`invalid maxDistance: ${maxDistance}`);
  checkDistance(distance);
  const x = Float64Array.from(points.x), y = Float64Array.from(points.y);
  if (x.length !== y.length) throw new Error(`invalid points: x has ${x.length} values, y ${y.length}`);
  const a: number[] = [], b: number[] = [];
  forEachNearPair(x, y, x.length, maxDistance, distance, (i, j) => {
    a.push(i);
    b.push(j);
  });
  return {a: Uint32Array.from(a), b: Uint32Array.from(b)};
}

/**
 * Marks in `flags` (zeroed first) each incident that is a near repeat: one of its space pairs is
 * fewer than maxDays apart in `t` ("any"), or, for "follower", that pair's other incident is on the
 * same day or up to maxDays before it. Returns the number of incidents flagged and of pairs near in
 * time. Used once per permutation of `t` by the permutation test of the near-repeat share.
 */
export function flagNearRepeats(pairs: SpacePairs, t: ArrayLike<number>, maxDays: number, flags: Uint8Array, role: "any" | "follower" = "any"): {count: number; pairs: number} {
  flags.fill(0);
  let near = 0;
  const {a, b} = pairs;
  for (let k = 0; k < a.length; k++) {
    const i = a[k], j = b[k];
    let dt = t[i] - t[j];
    if (dt < 0) dt = -dt;
    if (dt >= maxDays) continue;
    near++;
    if (role === "any") {
      flags[i] = 1;
      flags[j] = 1;
    } else {
      if (t[i] >= t[j]) flags[i] = 1;
      if (t[j] >= t[i]) flags[j] = 1;
    }
  }
  let count = 0;
  for (let i = 0; i < flags.length; i++) count += flags[i];
  return {count, pairs: near};
}

/**
 * Returns the share of incidents that have another incident within maxDistance metres and maxDays
 * days (both right-open), e.g. "62% of the burglaries had another within 200 m and 14 days".
 * @example nearRepeatShare({x, y, t}, {maxDistance: 200, maxDays: 14}).share
 */
export function nearRepeatShare(points: KnoxPoints, options: NearRepeatShareOptions): NearRepeatShare {
  const {x, y, t, n} = checkPoints(points);
  const {maxDistance, maxDays} = options;
  const distance = options.distance ?? DEFAULT_KNOX_DISTANCE;
  const role = options.role ?? "any";
  if (!(maxDistance > 0) || !Number.isFinite(maxDistance)) throw new Error(`invalid maxDistance: ${maxDistance}`);
  if (!(maxDays > 0) || !Number.isFinite(maxDays)) throw new Error(`invalid maxDays: ${maxDays}`);
  checkDistance(distance);
  if (role !== "any" && role !== "follower") throw new Error(`invalid role: ${role}`);
  const flags = new Uint8Array(n);
  const {count, pairs} = flagNearRepeats(nearSpacePairs({x, y}, maxDistance, distance), t, maxDays, flags, role);
  return {n, count, share: count / n, pairs, flags};
}

/**
 * Returns the bands of a list of right-open breaks, with labels; the unit is "m" or "d".
 * @example knoxBands([0, 1, 100], "m").map((b) => b.label) // ["[0, 1) m", "[1, 100) m", "[100, ∞) m"]
 */
export function knoxBands(breaks: readonly number[], unit: "m" | "d"): KnoxBand[] {
  checkBreaks(breaks, unit === "m" ? "spaceBands" : "timeBands");
  return breaks.map((lower, k) => {
    const upper = k + 1 < breaks.length ? breaks[k + 1] : Infinity;
    const last = upper === Infinity;
    const label = `[${lower}, ${last ? "∞" : upper}) ${unit}`;
    let labelNl: string;
    let labelNrc: string;
    if (unit === "m") {
      if (lower === 0 && upper === 1) labelNl = "zelfde locatie (< 1 m)";
      else labelNl = last ? `${nl(lower)} m of meer` : `${nl(lower)} tot ${nl(upper)} m`;
      if (lower === 0 && upper === 1) labelNrc = "Same location";
      else labelNrc = last ? `More than ${lower}` : `${lower <= 1 ? lower : lower + 1} to ${upper}`;
    } else {
      labelNl = last ? `${nl(lower)} dagen of meer` : `${nl(lower)} tot ${nl(upper)} dagen`;
      labelNrc = last ? `More than ${lower}` : `${lower === 0 ? 0 : lower + 1} to ${upper}`;
    }
    return {lower, upper, label, labelNl, labelNrc};
  });
}

function nl(value: number): string {
  return value.toLocaleString("nl-NL", {maximumFractionDigits: 6});
}

interface CheckedInput {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
  n: number;
  spaceBreaks: Float64Array;
  timeBreaks: Float64Array;
  distance: KnoxDistance;
  permutations: number;
  rng: Rng;
  onProgress?: (fraction: number) => void;
  signal?: {readonly aborted: boolean};
  spaceBands: KnoxBand[];
  timeBands: KnoxBand[];
}

function checkPoints(points: KnoxPoints): {x: Float64Array; y: Float64Array; t: Float64Array; n: number} {
  if (points == null) throw new Error(`invalid points: ${points}`);
  const {x, y, t} = points;
  if (x == null || y == null || t == null) throw new Error(`invalid points: x, y and t are required`);
  const n = x.length;
  if (y.length !== n || t.length !== n) {
    throw new Error(`invalid points: x, y and t differ in length (${x.length}, ${y.length}, ${t.length})`);
  }
  if (n < 2) throw new Error(`invalid points: ${n} incidents, need at least 2`);
  const fx = Float64Array.from(x), fy = Float64Array.from(y), ft = Float64Array.from(t);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(fx[i])) throw new Error(`invalid x at index ${i}: ${x[i]}`);
    if (!Number.isFinite(fy[i])) throw new Error(`invalid y at index ${i}: ${y[i]}`);
    if (!Number.isFinite(ft[i])) throw new Error(`invalid t at index ${i}: ${t[i]}`);
  }
  return {x: fx, y: fy, t: ft, n};
}

function checkBreaks(breaks: readonly number[], name: string): void {
  if (!Array.isArray(breaks) && !ArrayBuffer.isView(breaks)) throw new Error(`invalid ${name}: ${breaks}`);
  if (breaks.length < 1 || breaks.length > 255) throw new Error(`invalid ${name}: need 1 to 255 breaks, got ${breaks.length}`);
  if (breaks[0] !== 0) throw new Error(`invalid ${name}: the first break must be 0, got ${breaks[0]}`);
  for (let k = 1; k < breaks.length; k++) {
    if (!Number.isFinite(breaks[k]) || !(breaks[k] > breaks[k - 1])) {
      throw new Error(`invalid ${name}: breaks must be finite and strictly increasing (${breaks.join(", ")})`);
    }
  }
}

function checkDistance(distance: string): void {
  if (distance !== "manhattan" && distance !== "euclidean") throw new Error(`invalid distance: ${distance}`);
}

function checkInput(points: KnoxPoints, options: KnoxOptions): CheckedInput {
  if (options == null) throw new Error(`invalid options: ${options}`);
  const {x, y, t, n} = checkPoints(points);
  if (n > 2 ** 27) throw new Error(`invalid points: ${n} incidents, at most 2^27`);
  const spaceBands = knoxBands(options.spaceBands, "m");
  // The space band of a near pair is packed into 5 bits next to the partner's rank.
  if (spaceBands.length > 32) throw new Error(`invalid spaceBands: at most 32 breaks, got ${spaceBands.length}`);
  const timeBands = knoxBands(options.timeBands, "d");
  const distance = options.distance ?? DEFAULT_KNOX_DISTANCE;
  checkDistance(distance);
  const permutations = options.permutations ?? 999;
  if (!Number.isInteger(permutations) || permutations < 1) throw new Error(`invalid permutations: ${permutations}`);
  if (typeof options.rng !== "function") throw new Error(`invalid rng: ${options.rng}`);
  return {
    x, y, t, n, distance, permutations, rng: options.rng, onProgress: options.onProgress, signal: options.signal,
    spaceBreaks: Float64Array.from(options.spaceBands), timeBreaks: Float64Array.from(options.timeBands),
    spaceBands, timeBands
  };
}

/** The band of a value: the largest k with breaks[k] <= value (value >= 0 = breaks[0]). */
function bandOf(breaks: Float64Array, value: number): number {
  let k = 0;
  while (k + 1 < breaks.length && value >= breaks[k + 1]) k++;
  return k;
}

function pairDistance(x: Float64Array, y: Float64Array, a: number, b: number, manhattan: boolean): number {
  const dx = x[a] - x[b], dy = y[a] - y[b];
  return manhattan ? Math.abs(dx) + Math.abs(dy) : Math.sqrt(dx * dx + dy * dy);
}

/** The error a cancelled Knox test throws: message "knox test aborted", name "AbortError". */
export function abortError(): Error {
  const error = new Error("knox test aborted");
  error.name = "AbortError";
  return error;
}

/** Calls visit(a, b) once for every pair a != b (original indices) closer than maxDistance. */
function forEachNearPair(
  x: Float64Array, y: Float64Array, n: number, maxDistance: number, distance: KnoxDistance,
  visit: (a: number, b: number, d: number) => void
): void {
  const index = new KDBush(n, 64, Float64Array);
  for (let i = 0; i < n; i++) index.add(x[i], y[i]);
  index.finish();
  const manhattan = distance === "manhattan";
  // A small margin so that rounding in the box never drops a pair; the exact test follows.
  const r = maxDistance * (1 + 1e-9) + 1e-9;
  for (let a = 0; a < n; a++) {
    const found = manhattan ? index.range(x[a] - r, y[a] - r, x[a] + r, y[a] + r) : index.within(x[a], y[a], r);
    for (const b of found) {
      if (b <= a) continue;
      const d = pairDistance(x, y, a, b, manhattan);
      if (d < maxDistance) visit(a, b, d);
    }
  }
}

/** Per-permutation counts folded into sums, minima, maxima and exceedances (a worker's share). */
export interface KnoxTally {
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Permutations with a count >= the observed count. */
  ge: Float64Array;
}

function emptyTally(cells: number): KnoxTally {
  return {
    sum: new Float64Array(cells), min: new Float64Array(cells).fill(Infinity),
    max: new Float64Array(cells).fill(-Infinity), ge: new Float64Array(cells)
  };
}

function addCounts(tally: KnoxTally, observed: Float64Array, counts: Float64Array): void {
  for (let c = 0; c < counts.length; c++) {
    const v = counts[c];
    tally.sum[c] += v;
    if (v < tally.min[c]) tally.min[c] = v;
    if (v > tally.max[c]) tally.max[c] = v;
    if (v >= observed[c]) tally.ge[c]++;
  }
}

/** Merges tallies of disjoint permutation ranges (exact: all counts are whole numbers). */
function mergeTallies(cells: number, parts: readonly KnoxTally[]): KnoxTally {
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

interface ResultInput {
  n: number;
  distance: KnoxDistance;
  permutations: number;
  spaceBands: KnoxBand[];
  timeBands: KnoxBand[];
}

function buildResult(input: ResultInput, observedCounts: Float64Array, tally: KnoxTally, nearPairs: number): KnoxResult {
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
function progress(total: number, onProgress?: (fraction: number) => void): () => void {
  const step = progressStep(total);
  let done = 0;
  return () => {
    done++;
    if (onProgress && (done % step === 0 || done === total)) onProgress(done / total);
  };
}

/** Incidents sorted by grid square, with each one's square (by position in that order). */
interface SpatialOrder {
  /** order[k] = input index of the k-th incident. */
  order: Int32Array;
  column: Float64Array;
  row: Float64Array;
}

/**
 * The spatial order: incidents sorted by the square they fall in on a grid whose side is the
 * largest finite space break (by grid row, then column, then input index). Near pairs lie in the
 * same or adjacent squares, so they sit close in the arrays; both versions shuffle the times in this
 * order, so they draw the same times. Without a finite break (one space band), the input order.
 */
function spatialOrder(x: Float64Array, y: Float64Array, n: number, maxSpace: number): SpatialOrder {
  const order = new Int32Array(n), column = new Float64Array(n), row = new Float64Array(n);
  if (!(maxSpace > 0)) {
    for (let k = 0; k < n; k++) order[k] = k;
    return {order, column, row};
  }
  // A small margin so that rounding never puts a near pair two squares apart; the exact test follows.
  const side = maxSpace * (1 + 1e-9) + 1e-9;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  const columns = Math.floor((maxX - minX) / side) + 1;
  const squares = columns * (Math.floor((maxY - minY) / side) + 1);
  const square = new Float64Array(n);
  for (let i = 0; i < n; i++) square[i] = Math.floor((y[i] - minY) / side) * columns + Math.floor((x[i] - minX) / side);
  if (squares * n < 2 ** 53) {
    // One numeric sort of square * n + index (exact integers) instead of a comparator sort.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = square[i] * n + i;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k] % n;
  } else {
    const sorted = Array.from({length: n}, (_, i) => i).sort((a, b) => square[a] - square[b] || a - b);
    order.set(sorted);
  }
  for (let k = 0; k < n; k++) {
    row[k] = Math.floor(square[order[k]] / columns);
    column[k] = square[order[k]] - row[k] * columns;
  }
  return {order, column, row};
}

function runNaive(input: CheckedInput): KnoxResult {
  const {n, spaceBreaks, timeBreaks, permutations, rng, onProgress, signal} = input;
  const S = spaceBreaks.length, T = timeBreaks.length;
  const manhattan = input.distance === "manhattan";
  const maxSpace = spaceBreaks[S - 1];
  const {order} = spatialOrder(input.x, input.y, n, S > 1 ? maxSpace : 0);
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = input.x[order[k]];
    y[k] = input.y[order[k]];
    t[k] = input.t[order[k]];
  }
  const counts = new Float64Array(S * T);
  const countAll = (times: Float64Array) => {
    counts.fill(0);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const s = bandOf(spaceBreaks, pairDistance(x, y, a, b, manhattan));
        const k = bandOf(timeBreaks, Math.abs(times[a] - times[b]));
        counts[s * T + k]++;
      }
    }
  };
  countAll(t);
  const observed = Float64Array.from(counts);
  const tally = emptyTally(S * T);
  let nearPairs = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) if (pairDistance(x, y, a, b, manhattan) < maxSpace) nearPairs++;
  }
  const seeds = streamSeeds(rng, permutations);
  const tp = new Float64Array(n);
  const tick = progress(permutations, onProgress);
  for (let r = 0; r < permutations; r++) {
    if (signal?.aborted) throw abortError();
    tp.set(t);
    countAll(shuffleSeeded(seeds[r], tp));
    addCounts(tally, observed, counts);
    tick();
  }
  return buildResult(input, observed, tally, nearPairs);
}

/** Number of pairs whose time difference falls in each time band (invariant under shuffling times). */
function timeDifferenceHistogram(t: Float64Array, timeBreaks: Float64Array): Float64Array {
  const sorted = Float64Array.from(t).sort();
  const n = sorted.length, T = timeBreaks.length;
  // below[k] = #pairs with dt < timeBreaks[k]; two pointers per break since sorted[j] - sorted[i] grows with j.
  const below = new Float64Array(T + 1);
  for (let k = 1; k < T; k++) {
    const b = timeBreaks[k];
    let j = 0, total = 0;
    for (let i = 0; i < n; i++) {
      if (j < i + 1) j = i + 1;
      while (j < n && sorted[j] - sorted[i] < b) j++;
      total += j - i - 1;
    }
    below[k] = total;
  }
  below[T] = (n * (n - 1)) / 2;
  const histogram = new Float64Array(T);
  for (let k = 0; k < T; k++) histogram[k] = below[k + 1] - below[k];
  return histogram;
}

/** Bits of a packed near pair that hold the partner's rank; the space band sits above them. */
const RANK_BITS = 27;
const RANK_MASK = (1 << RANK_BITS) - 1;

/**
 * Near pairs in compressed rows, in the spatial order (so that neighbours sit close in memory).
 * Row k holds its partners with a larger rank, each packed as (spaceBand << 27) | rank in
 * pair[row[k] .. row[k + 1]) (one 4-byte load per pair in the permutation loop).
 */
interface NearPairs {
  /** order[k] = input index of the k-th incident in spatial order. */
  order: Int32Array;
  row: Int32Array;
  pair: Int32Array;
  /** Near pairs per space band. */
  perBand: Float64Array;
  count: number;
}

/**
 * Finds the near pairs in one sweep over the grid squares of `spatialOrder`: the partners of k with
 * a larger rank are the later incidents in its own square and the next square of its grid row (one
 * run of ranks), and those in the three adjacent squares of the next grid row (a second run).
 */
function findNearPairs(input: CheckedInput): NearPairs {
  const {n, spaceBreaks} = input;
  const S = spaceBreaks.length;
  const manhattan = input.distance === "manhattan";
  const maxSpace = spaceBreaks[S - 1];
  const {order, column, row: gridRow} = spatialOrder(input.x, input.y, n, S > 1 ? maxSpace : 0);
  const row = new Int32Array(n + 1);
  const perBand = new Float64Array(S);
  let pair = new Int32Array(S === 1 ? 0 : 1024);
  let count = 0;
  if (S === 1) return {order, row, pair, perBand, count};
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = input.x[order[k]];
    y[k] = input.y[order[k]];
  }
  const collect = (k: number, from: number, to: number) => {
    if (count + (to - from) > pair.length) {
      const grown = new Int32Array(Math.max(pair.length * 2, count + (to - from)));
      grown.set(pair);
      pair = grown;
    }
    for (let j = from; j < to; j++) {
      const d = pairDistance(x, y, k, j, manhattan);
      if (!(d < maxSpace)) continue;
      const band = bandOf(spaceBreaks, d);
      pair[count++] = (band << RANK_BITS) | j;
      perBand[band]++;
    }
  };
  // next = the first rank at or after square (column - 1) of the next grid row; it only moves forward.
  let next = 0;
  for (let k = 0; k < n; k++) {
    const gx = column[k], gy = gridRow[k];
    let end = k + 1;
    while (end < n && gridRow[end] === gy && column[end] <= gx + 1) end++;
    collect(k, k + 1, end);
    while (next < n && (gridRow[next] < gy + 1 || (gridRow[next] === gy + 1 && column[next] < gx - 1))) next++;
    let stop = next;
    while (stop < n && gridRow[stop] === gy + 1 && column[stop] <= gx + 1) stop++;
    collect(k, next, stop);
    row[k + 1] = count;
  }
  return {order, row, pair: pair.slice(0, count), perBand, count};
}

/** Largest time span (days) for which integer times use the lookup-table loop. */
const MAX_LOOKUP_DAYS = 1 << 20;

/** Permutations counted in one pass over the near pairs (`countLanes` is unrolled for exactly 8). */
const LANES = 8;

/**
 * Everything the permutations need, in typed arrays and plain values, so that it can be posted to
 * a worker thread: near pairs, the permutation-invariant totals, the observed counts, and one seed
 * per permutation. Made by `prepareKnox`, consumed by `countKnoxPermutations` and `finishKnox`.
 */
export interface KnoxPlan {
  n: number;
  distance: KnoxDistance;
  permutations: number;
  spaceBands: KnoxBand[];
  timeBands: KnoxBand[];
  timeBreaks: Float64Array;
  /** Near pairs in spatial order (see NearPairs). */
  row: Int32Array;
  pair: Int32Array;
  /** Near pairs per space band, and all pairs per time band (both unchanged by permutation). */
  perBand: Float64Array;
  allPairs: Float64Array;
  nearPairs: number;
  /** Observed counts, cells [spaceBand * T + timeBand]. */
  observed: Float64Array;
  /**
   * Whole-day times: days since the earliest incident, in spatial order, and the lookup table
   * band[dt + reach - 1] for integer dt in (-reach, reach); both empty (reach 0) otherwise.
   */
  days: Int32Array;
  reach: number;
  lookup: Uint8Array;
  /** Times as given, in spatial order, when they are not whole days (else empty). */
  times: Float64Array;
  /** seeds[r] drives permutation r (`shuffleSeeded`), so any split of the range gives the same counts. */
  seeds: Uint32Array;
}

/**
 * Checks the input, finds the near pairs and draws one seed per permutation from options.rng: the
 * first step of `knoxTest`, for running the permutations elsewhere (loaders/knox-threads.ts).
 * @example const plan = prepareKnox({x, y, t}, {spaceBands: [0, 100], timeBands: [0, 7], rng: seededRng(1)})
 */
export function prepareKnox(points: KnoxPoints, options: KnoxOptions): KnoxPlan {
  const input = checkInput(points, options);
  const {t, n, timeBreaks, permutations} = input;
  const S = input.spaceBreaks.length, T = timeBreaks.length;
  const near = findNearPairs(input);
  const {order} = near;
  let minT = Infinity, maxT = -Infinity, integer = true;
  for (let i = 0; i < n; i++) {
    if (t[i] < minT) minT = t[i];
    if (t[i] > maxT) maxT = t[i];
    if (!Number.isInteger(t[i])) integer = false;
  }
  // Only pairs with dt below the last finite time break need a band; the rest fall in the last one.
  const reach = Math.ceil(timeBreaks[T - 1]); // integer dt < last break  <=>  |dt| <= reach - 1
  const useLookup = integer && maxT - minT < 2 ** 30 && reach >= 1 && reach <= MAX_LOOKUP_DAYS;
  const days = new Int32Array(useLookup ? n : 0);
  const times = new Float64Array(useLookup ? 0 : n);
  if (useLookup) for (let k = 0; k < n; k++) days[k] = t[order[k]] - minT;
  else for (let k = 0; k < n; k++) times[k] = t[order[k]];
  const lookup = new Uint8Array(useLookup ? 2 * reach - 1 : 0);
  for (let q = 0; q < lookup.length; q++) lookup[q] = bandOf(timeBreaks, Math.abs(q - (reach - 1)));
  const plan: KnoxPlan = {
    n, distance: input.distance, permutations, spaceBands: input.spaceBands, timeBands: input.timeBands, timeBreaks,
    row: near.row, pair: near.pair, perBand: near.perBand, allPairs: timeDifferenceHistogram(t, timeBreaks),
    nearPairs: near.count, observed: new Float64Array(S * T),
    days, reach: useLookup ? reach : 0, lookup, times, seeds: streamSeeds(input.rng, permutations)
  };
  const counter = new Counter(plan);
  counter.count(useLookup ? days : times, () => counter.fold(0, plan.observed));
  return plan;
}

/**
 * Counts permutations from..to-1 of a plan (each from its own seed, so ranges can run on different
 * threads and merge to the single-thread result).
 * @example countKnoxPermutations(plan, 0, plan.permutations)
 */
export function countKnoxPermutations(
  plan: KnoxPlan, from: number, to: number,
  options: Pick<KnoxOptions, "onProgress" | "signal"> = {}
): KnoxTally {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > plan.permutations || from > to) {
    throw new Error(`invalid permutation range: ${from} to ${to} of ${plan.permutations}`);
  }
  const {signal} = options;
  const counter = new Counter(plan);
  const counts = new Float64Array(plan.observed.length);
  const tally = emptyTally(counts.length);
  const tick = progress(to - from, options.onProgress);
  const source = plan.reach > 0 ? plan.days : plan.times;
  const shuffled = source.slice();
  const lanes = plan.reach > 0 ? LANES : 1;
  for (let r0 = from; r0 < to; r0 += lanes) {
    if (signal?.aborted) throw abortError();
    const used = Math.min(lanes, to - r0);
    const permuted = (lane: number) => {
      // Lanes past the end of the range repeat the last permutation; their counts are not used.
      if (lane < used) {
        shuffled.set(source);
        shuffleSeeded(plan.seeds[r0 + lane], shuffled);
      }
      return shuffled;
    };
    counter.count(permuted, (lane) => {
      if (lane >= used) return;
      if (signal?.aborted) throw abortError();
      counter.fold(lane, counts);
      addCounts(tally, plan.observed, counts);
      tick();
    });
  }
  return tally;
}

/**
 * Merges the tallies of a plan's permutation ranges (together covering each permutation once) into
 * the result.
 * @example finishKnox(plan, [countKnoxPermutations(plan, 0, plan.permutations)])
 */
export function finishKnox(plan: KnoxPlan, tallies: readonly KnoxTally[]): KnoxResult {
  return buildResult(plan, plan.observed, mergeTallies(plan.observed.length, tallies), plan.nearPairs);
}

/** Counts near pairs per space band x bounded time band for up to LANES time arrays per pass. */
class Counter {
  private readonly inner: Int32Array;
  /** Times of the lanes interleaved: tq[k * LANES + lane] (one cache line per incident). */
  private readonly tq: Int32Array;
  private readonly cells: number;
  constructor(private readonly plan: KnoxPlan) {
    this.cells = plan.observed.length;
    const lanes = plan.reach > 0 ? LANES : 1;
    this.inner = new Int32Array(lanes * this.cells);
    this.tq = new Int32Array(plan.reach > 0 ? plan.n * LANES : 0);
  }

  /**
   * Counts the pairs for the times of each lane (times(lane) in spatial order: LANES lanes on the
   * lookup path, one otherwise), then calls done(lane) for each lane so it can be folded.
   */
  count<A extends Int32Array | Float64Array>(times: A | ((lane: number) => A), done: (lane: number) => void): void {
    const {plan, inner, tq} = this;
    const get = typeof times === "function" ? times : () => times;
    inner.fill(0);
    if (plan.reach > 0) {
      const n = plan.n;
      for (let lane = 0; lane < LANES; lane++) {
        const a = get(lane);
        for (let k = 0; k < n; k++) tq[k * LANES + lane] = a[k];
      }
      countLanes(plan.row, plan.pair, n, tq, plan.reach, plan.lookup, plan.timeBreaks.length, this.cells, inner);
      for (let lane = 0; lane < LANES; lane++) done(lane);
    } else {
      countFloat(plan.row, plan.pair, plan.n, get(0) as Float64Array, plan.timeBreaks, inner);
      done(0);
    }
  }

  /** Full counts of one lane: the open time band and the outer space band by subtraction. */
  fold(lane: number, counts: Float64Array): void {
    const {perBand, allPairs} = this.plan;
    const T = this.plan.timeBreaks.length, S = perBand.length, SS = S - 1;
    const inner = this.inner, base = lane * this.cells;
    for (let s = 0; s < SS; s++) {
      let sum = 0;
      for (let k = 0; k < T - 1; k++) {
        counts[s * T + k] = inner[base + s * T + k];
        sum += inner[base + s * T + k];
      }
      counts[s * T + T - 1] = perBand[s] - sum;
    }
    for (let k = 0; k < T; k++) {
      let sum = 0;
      for (let s = 0; s < SS; s++) sum += counts[s * T + k];
      counts[SS * T + k] = allPairs[k] - sum;
    }
  }
}

/**
 * The hot loop: for 8 permuted time arrays at once (interleaved in tq), counts each near pair with
 * |dt| < reach into inner[lane * cells + spaceBand * T + timeBand]. Unrolled by hand: reading the
 * pair once for 8 permutations halves the time per pair and permutation (docs/performance.md).
 */
function countLanes(
  row: Int32Array, pair: Int32Array, n: number, tq: Int32Array, reach: number, lookup: Uint8Array,
  T: number, cells: number, inner: Int32Array
): void {
  const width = 2 * reach - 1, off = reach - 1;
  const c1 = cells, c2 = 2 * cells, c3 = 3 * cells, c4 = 4 * cells, c5 = 5 * cells, c6 = 6 * cells, c7 = 7 * cells;
  for (let k = 0; k < n; k++) {
    const b = k * LANES;
    const t0 = tq[b] - off, t1 = tq[b + 1] - off, t2 = tq[b + 2] - off, t3 = tq[b + 3] - off;
    const t4 = tq[b + 4] - off, t5 = tq[b + 5] - off, t6 = tq[b + 6] - off, t7 = tq[b + 7] - off;
    const end = row[k + 1];
    for (let p = row[k]; p < end; p++) {
      const v = pair[p];
      const j = (v & RANK_MASK) * LANES;
      const c = (v >>> RANK_BITS) * T;
      // One unsigned compare tests -reach < dt < reach; no sign branch, no band search.
      let q = (tq[j] - t0) >>> 0;
      if (q < width) inner[c + lookup[q]]++;
      q = (tq[j + 1] - t1) >>> 0;
      if (q < width) inner[c1 + c + lookup[q]]++;
      q = (tq[j + 2] - t2) >>> 0;
      if (q < width) inner[c2 + c + lookup[q]]++;
      q = (tq[j + 3] - t3) >>> 0;
      if (q < width) inner[c3 + c + lookup[q]]++;
      q = (tq[j + 4] - t4) >>> 0;
      if (q < width) inner[c4 + c + lookup[q]]++;
      q = (tq[j + 5] - t5) >>> 0;
      if (q < width) inner[c5 + c + lookup[q]]++;
      q = (tq[j + 6] - t6) >>> 0;
      if (q < width) inner[c6 + c + lookup[q]]++;
      q = (tq[j + 7] - t7) >>> 0;
      if (q < width) inner[c7 + c + lookup[q]]++;
    }
  }
}

/** The general loop (fractional days or very long spans): one time array, band by search. */
function countFloat(row: Int32Array, pair: Int32Array, n: number, tq: Float64Array, timeBreaks: Float64Array, inner: Int32Array): void {
  const T = timeBreaks.length, lastTime = timeBreaks[T - 1];
  for (let k = 0; k < n; k++) {
    const tk = tq[k];
    const end = row[k + 1];
    for (let p = row[k]; p < end; p++) {
      const v = pair[p];
      // Math.abs, not a sign branch: under permutation the sign is a coin flip (mispredicted).
      const dt = Math.abs(tq[v & RANK_MASK] - tk);
      if (dt < lastTime) inner[(v >>> RANK_BITS) * T + bandOf(timeBreaks, dt)]++;
    }
  }
}
