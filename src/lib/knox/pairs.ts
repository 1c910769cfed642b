/**
 * Pair finding: the spatial order (incidents sorted by square on a grid whose side is the largest
 * finite space break), the near pairs of the fast Knox test found in one sweep over that grid and
 * packed with their space band, the all-pairs time-difference histogram, and the near pairs of the
 * near-repeat share (a k-d index, kdbush) with their flagging.
 */
import KDBush from "kdbush";
import {DEFAULT_KNOX_DISTANCE, bandOf, checkDistance, pairDistance, type CheckedInput, type KnoxDistance} from "./input.js";

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
export function spatialOrder(x: Float64Array, y: Float64Array, n: number, maxSpace: number): SpatialOrder {
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

/** Bits of a packed near pair that hold the partner's rank; the space band sits above them. */
export const RANK_BITS = 27;
export const RANK_MASK = (1 << RANK_BITS) - 1;

/**
 * Near pairs in compressed rows, in the spatial order (so that neighbours sit close in memory).
 * Row k holds its partners with a larger rank, each packed as (spaceBand << 27) | rank in
 * pair[row[k] .. row[k + 1]) (one 4-byte load per pair in the permutation loop).
 */
export interface NearPairs {
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
export function findNearPairs(input: CheckedInput): NearPairs {
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

/** Number of pairs whose time difference falls in each time band (invariant under shuffling times). */
export function timeDifferenceHistogram(t: Float64Array, timeBreaks: Float64Array): Float64Array {
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
