import {describe, expect, test} from "vitest";
import {adjustPValues, correlateFactors, correlationTest, pearson, ranks, spearman} from "../../../src/lib/stats/correlation.js";
import {normal, seededRng} from "../../../src/lib/random.js";

describe("pearson and spearman", () => {
  test("known values", () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(spearman(x, x.map((v) => Math.exp(v)))).toBeCloseTo(1, 12); // perfectly monotone
    expect(spearman(x, x.map((v) => -(v ** 3)))).toBeCloseTo(-1, 12);
    expect(pearson(x, x.map((v) => 3 * v - 2))).toBeCloseTo(1, 12);
    expect(pearson(x, x.map((v) => Math.exp(v)))).toBeLessThan(1 - 1e-3); // not linear
    // By hand: x = 1..4, y = (1, 3, 2, 4): sum dx dy = 4, sum dx^2 = sum dy^2 = 5 -> r = 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });

  test("ties get average ranks (as R's rank)", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    // Spearman with ties = Pearson on mid-ranks: x ranks (1, 2.5, 2.5, 4), y ranks (1, 2, 3, 4):
    // sum dx dy = 4.5, sum dx^2 = 4.5, sum dy^2 = 5 -> r = 4.5 / sqrt(22.5) = 0.9486833.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  test("reject constant, short and unequal inputs", () => {
    expect(() => pearson([1, 1, 1], [1, 2, 3])).toThrow("invalid x: constant");
    expect(() => pearson([1, 2], [1, 2])).toThrow("invalid x: 2 values");
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow("invalid y: 2 values, expected 3");
    expect(() => pearson([1, NaN, 3], [1, 2, 3])).toThrow("invalid x[1]: NaN");
  });
});

describe("correlationTest", () => {
  test("a strong relation gets the smallest attainable p-value", () => {
    const rng = seededRng(3);
    const x = Array.from({length: 40}, () => normal(rng));
    const y = x.map((v) => v + 0.2 * normal(rng));
    const result = correlationTest(x, y, {method: "spearman", permutations: 199, rng});
    expect(result.p).toBe(1 / 200);
    expect(result.r).toBeGreaterThan(0.9);
  });

  test("unrelated data mostly give p > 0.05, and about 5% do not", () => {
    const rng = seededRng(11);
    let above = 0;
    const trials = 100;
    for (let t = 0; t < trials; t++) {
      const x = Array.from({length: 30}, () => normal(rng));
      const y = Array.from({length: 30}, () => normal(rng));
      if (correlationTest(x, y, {permutations: 199, rng}).p > 0.05) above++;
    }
    expect(above).toBeGreaterThanOrEqual(88);
    expect(above).toBeLessThan(100);
  });

  test("is reproducible with the same seed", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
    const a = correlationTest(x, y, {rng: seededRng(5)});
    const b = correlationTest(x, y, {rng: seededRng(5)});
    expect(a).toEqual(b);
    expect(() => correlationTest(x, y, {permutations: 0, rng: seededRng(5)})).toThrow("invalid permutations: 0");
  });
});

describe("adjustPValues (as R's p.adjust)", () => {
  test("Benjamini-Hochberg on a textbook example", () => {
    // Sorted p 0.005, 0.01, 0.03, 0.04 times m / rank = 0.02, 0.02, 0.04, 0.04 (then step-up minimum).
    const bh = adjustPValues([0.01, 0.04, 0.03, 0.005], "bh");
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(bh[i]).toBeCloseTo(v, 12));
  });

  test("Holm on the same p-values", () => {
    // Sorted 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 -> max so far 0.06.
    const holm = adjustPValues([0.01, 0.04, 0.03, 0.005], "holm");
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(holm[i]).toBeCloseTo(v, 12));
    expect(adjustPValues([0.3, 0.6], "holm")).toEqual([0.6, 0.6]);
    expect(adjustPValues([0.3, 0.6], "bonferroni")).toEqual([0.6, 1]);
    expect(() => adjustPValues([1.5], "bh")).toThrow("invalid p[0]: 1.5");
  });
});

describe("correlateFactors", () => {
  test("tests each factor and adjusts across them", () => {
    const rng = seededRng(21);
    const n = 50;
    const woz = Array.from({length: n}, () => normal(rng));
    const noise = Array.from({length: n}, () => normal(rng));
    const rate = woz.map((v) => 2 * v + normal(rng));
    const rows = correlateFactors(rate, {woz, noise}, {method: "spearman", permutations: 199, adjust: "holm", rng});
    expect(rows.map((r) => r.factor)).toEqual(["woz", "noise"]);
    expect(rows[0].pAdjusted).toBeLessThan(0.05);
    expect(rows[1].pAdjusted).toBeGreaterThanOrEqual(rows[1].p);
    expect(() => correlateFactors(rate, {short: [1, 2, 3]}, {rng})).toThrow("invalid factor short: 3 values, expected 50");
  });
});
