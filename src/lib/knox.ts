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
 * over them counts 8 permutations. (`nearSpacePairs`, for the near-repeat share, uses a k-d index.)
 * `knoxNaive` visits all pairs in every permutation. Both draw one seed per permutation from the rng and shuffle the times
 * in the same (spatial) order, so they return identical results; because a permutation depends only
 * on its seed, `prepareKnox` / `countKnoxPermutations` / `finishKnox` can split the permutations
 * over threads (loaders/knox-threads.ts) without changing the result.
 *
 * This file is the API; the layers sit in src/lib/knox/: input.ts (points, options, bands, checks),
 * pairs.ts (spatial order, near pairs, time-difference histogram, the share's k-d pairs), kernel.ts
 * (the 8-lane counting loop and its float fallback), result.ts (tallies, result tables, progress)
 * and reference.ts (the all-pairs version).
 */
import {shuffleSeeded, streamSeeds} from "./random.js";
import {
  DEFAULT_KNOX_DISTANCE, bandOf, checkDistance, checkInput, checkPoints,
  type KnoxBand, type KnoxDistance, type KnoxOptions, type KnoxPoints
} from "./knox/input.js";
import {Counter, LANES, MAX_LOOKUP_DAYS} from "./knox/kernel.js";
import {findNearPairs, flagNearRepeats, nearSpacePairs, timeDifferenceHistogram} from "./knox/pairs.js";
import {runNaive} from "./knox/reference.js";
import {abortError, addCounts, buildResult, emptyTally, mergeTallies, progress, type KnoxResult, type KnoxTally} from "./knox/result.js";

export {DEFAULT_KNOX_DISTANCE, knoxBands, type KnoxBand, type KnoxDistance, type KnoxOptions, type KnoxPoints} from "./knox/input.js";
export {flagNearRepeats, nearSpacePairs, type SpacePairs} from "./knox/pairs.js";
export {abortError, type KnoxResult, type KnoxTally} from "./knox/result.js";

/**
 * Runs the Knox test, fast: near pairs found once by sorting the incidents on a grid (knox/pairs.ts),
 * far pairs counted from the permutation-invariant time-difference histogram.
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
