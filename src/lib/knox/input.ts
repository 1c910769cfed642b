/**
 * The inputs of the Knox test: points, options, bands and their labels, and the checks that turn
 * them into typed arrays (`checkInput`), plus the two small measures every layer shares (`bandOf`,
 * `pairDistance`).
 */
import type {Rng} from "../random.js";

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

/**
 * The distance metric when a caller gives none: Manhattan, the metric of the Near Repeat Calculator,
 * so that `npm run knox` reproduces its figures. The site's analyses pass theirs explicitly
 * (KNOX_DISTANCE in loaders/analyses/knox.ts, Euclidean). docs/methods.md explains the choice.
 */
export const DEFAULT_KNOX_DISTANCE: KnoxDistance = "manhattan";

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

export interface CheckedInput {
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

export function checkPoints(points: KnoxPoints): {x: Float64Array; y: Float64Array; t: Float64Array; n: number} {
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

export function checkDistance(distance: string): void {
  if (distance !== "manhattan" && distance !== "euclidean") throw new Error(`invalid distance: ${distance}`);
}

export function checkInput(points: KnoxPoints, options: KnoxOptions): CheckedInput {
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
export function bandOf(breaks: Float64Array, value: number): number {
  let k = 0;
  while (k + 1 < breaks.length && value >= breaks[k + 1]) k++;
  return k;
}

export function pairDistance(x: Float64Array, y: Float64Array, a: number, b: number, manhattan: boolean): number {
  const dx = x[a] - x[b], dy = y[a] - y[b];
  return manhattan ? Math.abs(dx) + Math.abs(dy) : Math.sqrt(dx * dx + dy * dy);
}
