import {describe, expect, test} from "vitest";
import {chiSquareUpper, digamma, normalCdf, normalPValue, normalQuantile, poissonCdf, poissonInterval, poissonQuantile, studentTQuantile, studentTUpper, trigamma} from "../../../src/lib/stats/distributions.js";

describe("distributions", () => {
  test("digamma and trigamma at known points (Abramowitz & Stegun 6.3, 6.4)", () => {
    const euler = 0.5772156649015329;
    expect(Math.abs(digamma(1) + euler)).toBeLessThan(1e-13);
    expect(Math.abs(digamma(0.5) - (-euler - 2 * Math.LN2))).toBeLessThan(1e-13);
    expect(Math.abs(digamma(10) - (-euler + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0)))).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(1) - Math.PI ** 2 / 6)).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(0.5) - Math.PI ** 2 / 2)).toBeLessThan(1e-13);
    expect(() => digamma(0)).toThrow("invalid x: 0");
  });

  test("normal, chi-square and Poisson against textbook values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 12);
    expect(normalPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(normalPValue(1.959963984540054, "greater")).toBeCloseTo(0.025, 12);
    expect(chiSquareUpper(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    // e^-2 (1 + 2 + 2) = 5 e^-2
    expect(poissonCdf(2, 2)).toBeCloseTo(5 * Math.exp(-2), 14);
    expect(poissonQuantile(0.975, 10)).toBe(17); // R: qpois(0.975, 10)
    expect(poissonQuantile(0.5, 0)).toBe(0);
  });
});

describe("poissonInterval", () => {
  test("equals the exact (Garwood) limits tabulated for a Poisson count", () => {
    // Garwood (1936); e.g. R: poisson.test(10)$conf.int = 4.795389 18.390356, poisson.test(0) = 0 3.688879.
    const [lo, hi] = poissonInterval(10);
    expect(lo).toBeCloseTo(4.795389, 5);
    expect(hi).toBeCloseTo(18.390356, 5);
    expect(poissonInterval(0)).toEqual([0, expect.closeTo(3.688879, 5)]);
    expect(() => poissonInterval(2.5)).toThrow("invalid count: 2.5");
  });
});

describe("Student t", () => {
  test("quantiles and tails equal the tabulated values, also at 1 and 2 degrees of freedom", () => {
    // Tables (e.g. R qt(0.975, df)): 12.706205 (1), 4.302653 (2), 2.228139 (10), 1.989686 (81).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 5);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.975, 81)).toBeCloseTo(1.989686, 5);
    expect(studentTUpper(2.228139, 10)).toBeCloseTo(0.025, 7);
    expect(studentTUpper(12.706205, 1)).toBeCloseTo(0.025, 7);
    expect(studentTUpper(50, 30)).toBeGreaterThan(0);
    expect(() => studentTQuantile(0.5, 0)).toThrow("invalid df: 0");
  });
});
