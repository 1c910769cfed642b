import {describe, expect, test} from "vitest";
import {distanceNeighbours, getisOrdGiStar, gridNeighbours, moransI} from "../../../src/lib/stats/spatial.js";
import {seededRng} from "../../../src/lib/random.js";

// A 3 x 3 grid, cell index = 3 row + col, values 1..9:
//   1 2 3
//   4 5 6
//   7 8 9
const cells = Array.from({length: 9}, (_, i) => ({col: i % 3, row: Math.floor(i / 3)}));
const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const rook = gridNeighbours(cells, {contiguity: "rook"});
const queen = gridNeighbours(cells);

describe("neighbours", () => {
  test("rook and queen contiguity on a grid", () => {
    expect(rook[0]).toEqual([1, 3]);
    expect(rook[4]).toEqual([1, 3, 5, 7]);
    expect(queen[0]).toEqual([1, 3, 4]);
    expect(queen[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(queen.reduce((s, l) => s + l.length, 0)).toBe(40); // 20 queen links, both directions
    // Missing cells are simply absent; duplicates are an error.
    expect(gridNeighbours([{col: 0, row: 0}, {col: 2, row: 0}])).toEqual([[], []]);
    expect(() => gridNeighbours([{col: 0, row: 0}, {col: 0, row: 0}])).toThrow("invalid cell 1: (0, 0) appears twice");
  });

  test("a distance band of 1 cell width gives rook, of 1.5 gives queen", () => {
    const points = cells.map(({col, row}) => ({x: col * 125, y: row * 125}));
    expect(distanceNeighbours(points, 125)).toEqual(rook);
    expect(distanceNeighbours(points, 125 * 1.5)).toEqual(queen);
    expect(() => distanceNeighbours(points, 0)).toThrow("invalid band: 0");
  });
});

describe("getisOrdGiStar", () => {
  // xbar = 5, S = sqrt(sum x^2 / n - xbar^2) = sqrt(285 / 9 - 25) = sqrt(20 / 3) = 2.5819889.
  // Corner 0, rook + self = {0, 1, 3}: sum = 1 + 2 + 4 = 7, W = S1 = 3;
  //   Gi* = (7 - 5 * 3) / (S sqrt((9 * 3 - 9) / 8)) = -8 / (1.5 S) = -2.0655911.
  // Centre 4, rook + self = {1, 3, 4, 5, 7}: sum = 25 = 5 * 5, so Gi* = 0.
  // Corner 0, queen + self = {0, 1, 3, 4}: sum = 12, W = 4;
  //   Gi* = (12 - 20) / (S sqrt((36 - 16) / 8)) = -8 / (S sqrt(2.5)) = -1.9595918.
  const S = Math.sqrt(20 / 3);

  test("matches the hand-computed z-scores", () => {
    const g = getisOrdGiStar(values, rook);
    expect(g.z[0]).toBeCloseTo(-8 / (1.5 * S), 12);
    expect(g.z[0]).toBeCloseTo(-2.0655911, 6);
    expect(g.z[4]).toBeCloseTo(0, 12);
    expect(g.z[8]).toBeCloseTo(8 / (1.5 * S), 12); // mirror image of the low corner
    expect(g.p[4]).toBeCloseTo(1, 12);
    const q = getisOrdGiStar(values, queen);
    expect(q.z[0]).toBeCloseTo(-1.9595918, 6);
    // The queen centre neighbours every cell: n S1 - W^2 = 0, Gi* undefined.
    expect(q.z[4]).toBeNaN();
  });

  test("a planted hot spot scores highest", () => {
    const big = Array.from({length: 100}, (_, i) => ({col: i % 10, row: Math.floor(i / 10)}));
    const rng = seededRng(2);
    const v = big.map(({col, row}) => (Math.abs(col - 6) <= 1 && Math.abs(row - 3) <= 1 ? 10 : 0) + rng());
    const g = getisOrdGiStar(v, gridNeighbours(big));
    const top = g.z.indexOf(Math.max(...g.z));
    expect(big[top]).toEqual({col: 6, row: 3});
    expect(g.z[top]).toBeGreaterThan(3);
  });

  test("rejects constant values and bad neighbour lists", () => {
    expect(() => getisOrdGiStar([1, 1, 1], [[1], [0], []])).toThrow("invalid values: constant");
    expect(() => getisOrdGiStar([1, 2, 3], [[1], [0]])).toThrow("invalid neighbours: 2 lists, expected 3");
    expect(() => getisOrdGiStar([1, 2, 3], [[1], [0], [5]])).toThrow("invalid neighbour of 2: 5");
  });
});

describe("moransI", () => {
  // Rook weights: 12 links, S0 = 24. z = x - 5 = -4..4, sum z^2 = 60.
  // Horizontal pairs: (-4)(-3) + (-3)(-2) + 0 + 0 + 2*3 + 3*4 = 36; vertical: (-4)(-1) + (-1)(2)
  // + 0 + 0 + (-2)(1) + 1*4 = 4; both directions: 2 * 40 = 80. I = 9 / 24 * 80 / 60 = 0.5.
  // S1 = 1/2 * 24 * 2^2 = 48; degrees 2 (x4), 3 (x4), 4: S2 = sum (2 d)^2 = 4 * 68 = 272.
  // Var_N = (81 * 48 - 9 * 272 + 3 * 576) / (80 * 576) - 1/64 = 3168 / 46080 - 1/64 = 0.053125.
  const result = moransI(values, rook, {rng: seededRng(1), permutations: 999});

  test("matches the hand computation", () => {
    expect(result.I).toBeCloseTo(0.5, 12);
    expect(result.expected).toBeCloseTo(-1 / 8, 12);
    expect(result.varianceNormal).toBeCloseTo(0.053125, 12);
    expect(result.zNormal).toBeCloseTo((0.5 + 0.125) / Math.sqrt(0.053125), 12);
  });

  test("variance under randomisation follows Cliff & Ord with the sample kurtosis", () => {
    // b2 = n sum z^4 / (sum z^2)^2 = 9 * 708 / 3600 = 1.77.
    const n = 9, S0 = 24, S1 = 48, S2 = 272, b2 = (9 * 708) / 3600;
    const v = (n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0) - b2 * ((n * n - n) * S1 - 2 * n * S2 + 6 * S0 * S0)) /
      ((n - 1) * (n - 2) * (n - 3) * S0 * S0) - 1 / 64;
    expect(result.varianceRandom).toBeCloseTo(v, 12);
  });

  test("the gradient is significant by permutation; the permutation mean is close to -1/(n-1)", () => {
    expect(result.pPermutation).toBeLessThan(0.01);
    const big = Array.from({length: 144}, (_, i) => ({col: i % 12, row: Math.floor(i / 12)}));
    const rng = seededRng(9);
    const noise = big.map(() => rng());
    const r = moransI(noise, gridNeighbours(big), {rng, permutations: 999});
    expect(Math.abs(r.permutationMean - -1 / 143)).toBeLessThan(0.005);
    expect(r.pPermutation).toBeGreaterThan(0.01);
  });

  test("row-standardised weights: I is the slope-like sum of z times its spatial lag", () => {
    const w = moransI(values, rook, {style: "W", permutations: 0});
    // W style: sum_i (1/d_i) sum_j z_i z_j with S0 = n -> I = sum_i z_i * mean_j(z_j) / (sum z^2 / n).
    const lag = values.map((_, i) => rook[i].reduce((s, j) => s + (values[j] - 5), 0) / rook[i].length);
    const byHand = values.reduce((s, v, i) => s + (v - 5) * lag[i], 0) / (60 / 9) / 9;
    expect(w.I).toBeCloseTo(byHand, 12);
    expect(w.pPermutation).toBeNaN();
  });

  test("rejects bad options", () => {
    expect(() => moransI(values, rook, {permutations: 10})).toThrow("invalid rng");
    expect(() => moransI(values, rook, {style: "X" as "W", permutations: 0})).toThrow("invalid style: X");
    expect(() => moransI([1, 2, 3], [[1], [0, 2], [1]], {permutations: 0})).toThrow("invalid values: 3 areas");
  });
});
