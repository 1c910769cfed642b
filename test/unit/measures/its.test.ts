import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {chiSquareUpper, lgamma, quantileSorted} from "../../../src/lib/stats/distributions.js";
import {fitNegBin, fitPoisson, quasiPoisson} from "../../../src/lib/stats/glm.js";
import {monthIndex} from "../../../src/lib/measures/did.js";
import {interruptedTimeSeries} from "../../../src/lib/measures/its.js";
import {SEASON, simulateSeries} from "../../../src/lib/measures/simulate.js";

describe("Poisson fits as the measure methods use them (stats/glm)", () => {
  const rows = [[1, 0], [1, 0], [1, 1], [1, 1]];
  const design = (y: number[], offset?: number[]) => ({y, X: rows, names: ["a", "b"], offset, intercept: false});
  test("a two-group Poisson fit gives the log rate ratio and its textbook standard error", () => {
    // Group 0: 30 + 50 burglaries over 2 x 1000 dwellings; group 1: 20 + 10 over 2 x 500.
    const fit = fitPoisson(design([30, 50, 20, 10], [1000, 1000, 500, 500].map(Math.log)));
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0].estimate).toBeCloseTo(Math.log(80 / 2000), 8);
    expect(fit.coefficients[1].estimate).toBeCloseTo(Math.log(30 / 1000 / (80 / 2000)), 8);
    expect(fit.coefficients[1].se).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 80), 6);
    expect(fit.pearson).toBeCloseTo((30 - 40) ** 2 / 40 + (50 - 40) ** 2 / 40 + (20 - 15) ** 2 / 15 + (10 - 15) ** 2 / 15, 6);
    expect(fit.dispersion).toBeCloseTo(fit.pearson / 2, 12);
  });
  test("quasi-Poisson scales the errors by the Pearson dispersion, never below Poisson", () => {
    const fit = fitPoisson(design([30, 50, 20, 10]));
    const quasi = quasiPoisson(fit);
    expect(fit.dispersion).toBeGreaterThan(1);
    expect(quasi.scale).toBe(fit.dispersion);
    expect(quasi.se[1] / fit.coefficients[1].se).toBeCloseTo(Math.sqrt(fit.dispersion), 8);
    expect(quasi.covariance[1][1]).toBeCloseTo(fit.covariance[1][1] * fit.dispersion, 12);
    const calm = fitPoisson(design([40, 40, 15, 15]));
    expect(quasiPoisson(calm).scale).toBe(1);
    expect(() => quasiPoisson(fitNegBin(design([30, 50, 20, 10]), {theta: 5}))).toThrow("quasi-Poisson errors need a Poisson fit");
  });
  test("rejects bad input", () => {
    expect(() => fitPoisson({y: [1, -2], X: [[1], [1]], names: ["a"], intercept: false})).toThrow("invalid count y[1]: -2");
    expect(() => fitPoisson({y: [1, 2, 3], X: [[1, 0], [1, 0], [1, 0]], names: ["a", "b"], intercept: false})).toThrow("singular design");
    expect(() => fitPoisson(design([30.5, 50, 20, 10]))).toThrow("invalid count y[0]: 30.5 (counts must be non-negative integers)");
    expect(fitPoisson(design([30.5, 50, 20, 10]), {integerCounts: false}).coefficients[0].estimate).toBeCloseTo(Math.log(40.25), 8);
  });
  test("distribution helpers match tabulated values", () => {
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 6);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 6);
    expect(chiSquareUpper(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpper(9.487729, 4)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpper(0.710723, 4)).toBeCloseTo(0.95, 6);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([-Infinity, 1], 0)).toBe(-Infinity);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("interruptedTimeSeries", () => {
  const first = monthIndex("2015-01");
  /** A noise-free series with a level change and a slope change at month 72. */
  function exactSeries(level: number, slopePerYear: number) {
    const month: number[] = [], count: number[] = [], exposure: number[] = [];
    for (let t = 0; t < 120; t++) {
      const post = t >= 72 ? 1 : 0;
      month.push(first + t);
      exposure.push(50_000);
      count.push(12 * SEASON[t % 12] * Math.exp(-0.004 * t) * (post ? (1 + level) * Math.exp((slopePerYear * (t - 72)) / 12) : 1));
    }
    return {month, count, exposure};
  }
  test("recovers a level and slope change exactly on noise-free data", () => {
    const r = interruptedTimeSeries(exactSeries(-0.2, 0.1), {start: first + 72});
    expect(r.levelChange.percent).toBeCloseTo(-20, 6);
    expect(r.slopeChange.estimate).toBeCloseTo(0.1, 6);
    expect(r.trend.estimate).toBeCloseTo(-0.048, 6);
    expect(r.n).toEqual({months: 120, pre: 72, post: 48});
    expect(r.placebo!.start).toBe(first + 60);
    expect(r.placebo!.levelChange.estimate).toBeCloseTo(0, 6);
    expect(r.counterfactual[100] / r.fitted[100]).toBeCloseTo(1 / (0.8 * Math.exp((0.1 * 28) / 12)), 6);
  });
  test("Fourier seasonality gives the same level change when the season is smooth", () => {
    const month: number[] = [], count: number[] = [], exposure: number[] = [];
    for (let t = 0; t < 96; t++) {
      month.push(first + t);
      exposure.push(1);
      count.push(20 * Math.exp(0.3 * Math.cos((2 * Math.PI * t) / 12)) * (t >= 60 ? 0.7 : 1));
    }
    const r = interruptedTimeSeries({month, count, exposure}, {start: first + 60, seasonality: "fourier"});
    expect(r.levelChange.percent).toBeCloseTo(-30, 6);
  });
  test("covers a planted -20% in 88-99 of 100 simulated municipalities, and the placebo rarely fires", () => {
    let covered = 0, placebo = 0, detected = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const s = simulateSeries(seededRng(seed), {level: -0.2});
      const r = interruptedTimeSeries(s.series, {start: s.start});
      if (r.levelChange.percentLower <= -20 && -20 <= r.levelChange.percentUpper) covered++;
      if (r.levelChange.percentUpper < 0) detected++;
      if (r.flags.placeboFindsEffect) placebo++;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(covered).toBeLessThanOrEqual(99);
    expect(detected).toBeGreaterThanOrEqual(30);
    expect(placebo).toBeLessThanOrEqual(12);
  });
  test("scales for overdispersion and flags it", () => {
    const s = simulateSeries(seededRng(3), {level: -0.2, dispersion: 0.1});
    const r = interruptedTimeSeries(s.series, {start: s.start});
    expect(r.dispersion).toBeGreaterThan(1.5);
    expect(r.flags.overdispersed).toBe(true);
    const plain = interruptedTimeSeries(s.series, {start: s.start, quasi: false});
    expect(r.levelChange.se).toBeGreaterThan(plain.levelChange.se * 1.2);
  });
  test("sorts months and names bad input", () => {
    const s = exactSeries(-0.2, 0);
    const rev = {month: [...s.month].reverse(), count: [...s.count].reverse(), exposure: [...s.exposure].reverse()};
    expect(interruptedTimeSeries(rev, {start: first + 72}).levelChange.percent).toBeCloseTo(-20, 6);
    const gap = {month: s.month.filter((_, i) => i !== 50), count: s.count.slice(1), exposure: s.exposure.slice(1)};
    expect(() => interruptedTimeSeries(gap, {start: first + 72})).toThrow("invalid series.month: gap or repeat after 2019-02");
    expect(() => interruptedTimeSeries({...s, exposure: s.exposure.map((e, i) => (i === 3 ? 0 : e))}, {start: first + 72})).toThrow("invalid series.exposure: 0 in 2015-04");
    expect(() => interruptedTimeSeries(s, {start: first + 5})).toThrow("leaves 5 months before it");
    expect(() => interruptedTimeSeries(s, {start: first + 119})).toThrow("leaves 1 months after it");
    expect(() => interruptedTimeSeries(s, {start: 1.5})).toThrow("invalid start: 1.5");
    expect(() => interruptedTimeSeries(s, {start: -3})).toThrow("invalid start: -3 leaves 0 months before it");
    expect(() => interruptedTimeSeries({...s, count: [1]}, {start: first + 72})).toThrow("invalid series.count: length 1, expected 120");
  });
});
