/**
 * Spatial statistics on arbitrary areas given as a value array plus neighbour lists: Getis-Ord Gi*
 * hot spots (Getis & Ord 1992; Ord & Getis 1995) and global Moran's I (Moran 1950; moments from
 * Cliff & Ord 1981), with neighbour builders for grid cells (contiguity) and points (distance band).
 */
import KDBush from "kdbush";
import {normalPValue, type Alternative} from "./distributions.js";
import {shuffle, type Rng} from "../random.js";

/** For each area, the indices of its neighbours (without itself). */
export type Neighbours = readonly (readonly number[])[];

export interface GiStar {
  /** Gi* z-score per area (NaN where the neighbourhood covers every area, so it is undefined). */
  z: number[];
  /** Two-sided normal p-value per area. */
  p: number[];
}

export interface MoranResult {
  I: number;
  expected: number;
  /** Variance, z and p under the normality assumption. */
  varianceNormal: number;
  zNormal: number;
  pNormal: number;
  /** Variance, z and p under randomisation. */
  varianceRandom: number;
  zRandom: number;
  pRandom: number;
  /** Permutation p-value (1 + #{I* as extreme}) / (permutations + 1); NaN without permutations. */
  pPermutation: number;
  permutations: number;
  /** Mean of the permuted I values (close to `expected`). */
  permutationMean: number;
  alternative: Alternative;
}

/**
 * Contiguity neighbours of square grid cells given by (col, row): queen (8 around) or rook (4).
 * @example gridNeighbours([{col: 0, row: 0}, {col: 1, row: 1}]); // [[1], [0]]
 */
export function gridNeighbours(
  cells: readonly {col: number; row: number}[],
  {contiguity = "queen"}: {contiguity?: "queen" | "rook"} = {}
): number[][] {
  if (contiguity !== "queen" && contiguity !== "rook") throw new Error(`invalid contiguity: ${contiguity}`);
  const index = new Map<string, number>();
  cells.forEach(({col, row}, i) => {
    if (!Number.isInteger(col) || !Number.isInteger(row)) throw new Error(`invalid cell ${i}: (${col}, ${row})`);
    const key = `${col},${row}`;
    if (index.has(key)) throw new Error(`invalid cell ${i}: (${col}, ${row}) appears twice`);
    index.set(key, i);
  });
  return cells.map(({col, row}) => {
    const result: number[] = [];
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if ((dr === 0 && dc === 0) || (contiguity === "rook" && dr !== 0 && dc !== 0)) continue;
        const j = index.get(`${col + dc},${row + dr}`);
        if (j !== undefined) result.push(j);
      }
    }
    return result.sort((a, b) => a - b);
  });
}

/**
 * Distance-band neighbours: all other points within `band` (same units as x and y, e.g. metres in RD New).
 * @example distanceNeighbours([{x: 0, y: 0}, {x: 100, y: 0}], 150); // [[1], [0]]
 */
export function distanceNeighbours(points: readonly {x: number; y: number}[], band: number): number[][] {
  if (!(band > 0) || !Number.isFinite(band)) throw new Error(`invalid band: ${band}`);
  if (points.length === 0) return [];
  const tree = new KDBush(points.length);
  points.forEach(({x, y}, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`invalid point ${i}: (${x}, ${y})`);
    tree.add(x, y);
  });
  tree.finish();
  return points.map(({x, y}, i) => tree.within(x, y, band).filter((j) => j !== i).sort((a, b) => a - b));
}

/**
 * Getis-Ord Gi* with binary weights, the area itself included:
 * Gi* = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n S1_i - W_i^2) / (n - 1))).
 * @example getisOrdGiStar([1, 2, 3, 4, 5, 6, 7, 8, 9], gridNeighbours(cells, {contiguity: "rook"})).z
 */
export function getisOrdGiStar(values: ArrayLike<number>, neighbours: Neighbours): GiStar {
  const n = checkValues(values, neighbours);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  if (!(s > 0)) throw new Error("invalid values: constant, Gi* undefined");
  const z: number[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>(neighbours[i]);
    set.add(i);
    let local = 0;
    for (const j of set) local += values[j];
    const W = set.size; // binary weights: W_i = S1_i = size of the neighbourhood
    const spread = (n * W - W * W) / (n - 1);
    z.push(spread > 0 ? (local - mean * W) / (s * Math.sqrt(spread)) : NaN);
  }
  return {z, p: z.map((v) => normalPValue(v))};
}

/**
 * Global Moran's I with analytic moments (normality and randomisation) and a permutation p-value.
 * @param options - style "B" binary (default) or "W" row-standardised; permutations (999, 0 for none);
 *   alternative ("greater": clustering, default as spdep::moran.test); rng (needed when permutations > 0)
 * @example moransI(values, gridNeighbours(cells), {rng: seededRng(1)}).pPermutation
 */
export function moransI(
  values: ArrayLike<number>,
  neighbours: Neighbours,
  {style = "B", permutations = 999, alternative = "greater", rng}: {style?: "B" | "W"; permutations?: number; alternative?: Alternative; rng?: Rng} = {}
): MoranResult {
  const n = checkValues(values, neighbours);
  if (n < 4) throw new Error(`invalid values: ${n} areas, need at least 4`);
  if (style !== "B" && style !== "W") throw new Error(`invalid style: ${style}`);
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`invalid permutations: ${permutations}`);
  if (permutations > 0 && typeof rng !== "function") throw new Error(`invalid rng: ${rng}`);
  if (alternative !== "greater" && alternative !== "less" && alternative !== "two-sided") throw new Error(`invalid alternative: ${alternative}`);
  // Sparse weights: from[k] -> to[k] with weight w[k]; self-links dropped, duplicates merged.
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>(neighbours[i]);
    set.delete(i);
    const weight = style === "W" ? 1 / set.size : 1;
    for (const j of set) {
      from.push(i);
      to.push(j);
      w.push(weight);
    }
  }
  if (w.length === 0) throw new Error("invalid neighbours: no area has a neighbour");
  // Weight moments S0, S1, S2 (Cliff & Ord).
  const key = (i: number, j: number) => i * n + j;
  const lookup = new Map<number, number>();
  for (let k = 0; k < w.length; k++) lookup.set(key(from[k], to[k]), w[k]);
  let S0 = 0;
  let S1 = 0;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  for (let k = 0; k < w.length; k++) {
    S0 += w[k];
    const back = lookup.get(key(to[k], from[k])) ?? 0;
    S1 += (w[k] + back) ** 2; // the ordered pair (i, j) of S1 = 1/2 sum_ij (w_ij + w_ji)^2
    rowSum[from[k]] += w[k];
    colSum[to[k]] += w[k];
  }
  // The reverse pair (j, i) of a one-directional link has no entry of its own: add its w_ij^2.
  for (let k = 0; k < w.length; k++) if (!lookup.has(key(to[k], from[k]))) S1 += w[k] ** 2;
  S1 /= 2;
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;

  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const z = Float64Array.from({length: n}, (_, i) => values[i] - mean);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    m2 += z[i] * z[i];
    m4 += z[i] ** 4;
  }
  if (!(m2 > 0)) throw new Error("invalid values: constant, Moran's I undefined");
  const statistic = (zs: Float64Array) => {
    let cross = 0;
    for (let k = 0; k < w.length; k++) cross += w[k] * zs[from[k]] * zs[to[k]];
    return (n / S0) * (cross / m2);
  };
  const I = statistic(z);
  const expected = -1 / (n - 1);
  const varianceNormal = (n * n * S1 - n * S2 + 3 * S0 * S0) / ((n * n - 1) * S0 * S0) - expected * expected;
  const b2 = (n * m4) / (m2 * m2);
  const varianceRandom =
    (n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0) - b2 * ((n * n - n) * S1 - 2 * n * S2 + 6 * S0 * S0)) /
      ((n - 1) * (n - 2) * (n - 3) * S0 * S0) -
    expected * expected;
  const zNormal = (I - expected) / Math.sqrt(varianceNormal);
  const zRandom = (I - expected) / Math.sqrt(varianceRandom);

  let pPermutation = NaN;
  let permutationMean = NaN;
  if (permutations > 0) {
    const zs = Float64Array.from(z);
    let extreme = 0;
    let total = 0;
    const tolerance = 1e-12 * Math.max(1, Math.abs(I));
    for (let k = 0; k < permutations; k++) {
      shuffle(rng as Rng, zs);
      const Ik = statistic(zs);
      total += Ik;
      if (alternative === "greater" ? Ik >= I - tolerance : alternative === "less" ? Ik <= I + tolerance : Math.abs(Ik - expected) >= Math.abs(I - expected) - tolerance) extreme++;
    }
    pPermutation = (1 + extreme) / (permutations + 1);
    permutationMean = total / permutations;
  }
  return {
    I, expected, varianceNormal, zNormal, pNormal: normalPValue(zNormal, alternative),
    varianceRandom, zRandom, pRandom: normalPValue(zRandom, alternative),
    pPermutation, permutations, permutationMean, alternative
  };
}

function checkValues(values: ArrayLike<number>, neighbours: Neighbours): number {
  const n = values.length;
  if (neighbours.length !== n) throw new Error(`invalid neighbours: ${neighbours.length} lists, expected ${n}`);
  if (n < 2) throw new Error(`invalid values: ${n} areas`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`invalid values[${i}]: ${values[i]}`);
    for (const j of neighbours[i]) if (!Number.isInteger(j) || j < 0 || j >= n) throw new Error(`invalid neighbour of ${i}: ${j}`);
  }
  return n;
}
