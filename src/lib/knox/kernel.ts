/**
 * The counting kernel of the fast Knox test: counts the packed near pairs (see pairs.ts) per space
 * band x bounded time band, for 8 permutations per pass over the pairs when the times are whole
 * days (`countLanes`, unrolled by hand, with a lookup table for the time band), or for one with a
 * band search otherwise (`countFloat`); `Counter.fold` adds the open time band and the outer space
 * band by subtraction from the permutation-invariant totals.
 */
import {bandOf} from "./input.js";
import {RANK_BITS, RANK_MASK} from "./pairs.js";

/** Largest time span (days) for which integer times use the lookup-table loop. */
export const MAX_LOOKUP_DAYS = 1 << 20;

/** Permutations counted in one pass over the near pairs (`countLanes` is unrolled for exactly 8). */
export const LANES = 8;

/** What the kernel reads of a plan (`KnoxPlan` in knox.ts): near pairs, times' lookup and totals. */
export interface KernelPlan {
  n: number;
  row: Int32Array;
  pair: Int32Array;
  timeBreaks: Float64Array;
  perBand: Float64Array;
  allPairs: Float64Array;
  observed: Float64Array;
  reach: number;
  lookup: Uint8Array;
}

/** Counts near pairs per space band x bounded time band for up to LANES time arrays per pass. */
export class Counter {
  private readonly inner: Int32Array;
  /** Times of the lanes interleaved: tq[k * LANES + lane] (one cache line per incident). */
  private readonly tq: Int32Array;
  private readonly cells: number;
  constructor(private readonly plan: KernelPlan) {
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
