/**
 * The reference Knox test: visits all n (n - 1) / 2 pairs in every permutation, in the same spatial
 * order and with the same seeds as the fast version, so both return identical results (tests and
 * benchmarks compare them).
 */
import {shuffleSeeded, streamSeeds} from "../random.js";
import {bandOf, pairDistance, type CheckedInput} from "./input.js";
import {abortError, addCounts, buildResult, emptyTally, progress, type KnoxResult} from "./result.js";
import {spatialOrder} from "./pairs.js";

export function runNaive(input: CheckedInput): KnoxResult {
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
