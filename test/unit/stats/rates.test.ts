import {describe, expect, test} from "vitest";
import {empiricalBayes, empiricalBayesLocal, funnelLimits, rates} from "../../../src/lib/stats/rates.js";
import {poissonCdf, poissonQuantile} from "../../../src/lib/stats/distributions.js";
import {lgamma} from "../../../src/lib/stats/distributions.js";

describe("rates", () => {
  test("per 1,000 by default, other bases on request", () => {
    expect(rates([3, 10], [1500, 2000])).toEqual([2, 5]);
    expect(rates([3], [1500], {per: 100000})[0]).toBeCloseTo(200, 10);
  });
  test("reject zero exposure and mismatched lengths", () => {
    expect(() => rates([1], [0])).toThrow("invalid exposure[0]: 0");
    expect(() => rates([1, 2], [10])).toThrow("invalid exposures: 1 values, expected 2");
    expect(() => rates([-1], [10])).toThrow("invalid count[0]: -1");
  });
});

describe("empiricalBayes (Marshall 1991, global)", () => {
  // Three areas: counts 1, 30, 20 on exposures 100, 1000, 2000 (crude rates 10, 30, 10 per 1,000).
  // m   = 51 / 3100                                     = 0.0164516
  // s2  = (100 (0.01 - m)^2 + 1000 (0.03 - m)^2 + 2000 (0.01 - m)^2) / 3100 = 8.74089e-5
  // A   = s2 - m / nbar, nbar = 3100 / 3 = 1033.33      = 7.14880e-5
  // C_i = A / (A + m / n_i)                             = 0.302910, 0.812922, 0.896808
  // EB_i = m + C_i (r_i - m), per 1,000                 = 14.4974, 27.4654, 10.6658
  const eb = empiricalBayes([1, 30, 20], [100, 1000, 2000]);

  test("matches the hand-computed moments and smoothed rates", () => {
    expect(eb.priorMean[0]).toBeCloseTo(16.4516129, 6);
    expect(eb.priorVariance[0]).toBeCloseTo(7.14880333e-5, 12);
    [0.302910053, 0.812921548, 0.896808302].forEach((c, i) => expect(eb.weight[i]).toBeCloseTo(c, 8));
    [14.4973545, 27.4653887, 10.6657529].forEach((v, i) => expect(eb.smoothed[i]).toBeCloseTo(v, 6));
    expect(eb.crude).toEqual([10, 30, 10]);
  });

  test("small-exposure areas move more toward the mean", () => {
    // Areas 0 and 2 have the same crude rate; the one with 20x less exposure moves further.
    const shift = eb.smoothed.map((s, i) => Math.abs(s - eb.crude[i]));
    expect(shift[0]).toBeGreaterThan(shift[2]);
    expect(eb.weight[0]).toBeLessThan(eb.weight[1]);
    expect(eb.weight[1]).toBeLessThan(eb.weight[2]);
    // Every smoothed rate lies between its crude rate and the prior mean.
    eb.smoothed.forEach((s, i) => {
      expect(s).toBeGreaterThanOrEqual(Math.min(eb.crude[i], eb.priorMean[i]) - 1e-12);
      expect(s).toBeLessThanOrEqual(Math.max(eb.crude[i], eb.priorMean[i]) + 1e-12);
    });
  });

  test("with no extra-Poisson variation A is floored at 0 and every area gets the mean", () => {
    // Rates 0.02, 0.01, 0.015: s2 = 6.76e-6 < m / nbar = 1.31e-5.
    const flat = empiricalBayes([2, 10, 30], [100, 1000, 2000]);
    expect(flat.priorVariance[0]).toBe(0);
    flat.smoothed.forEach((s) => expect(s).toBeCloseTo((42 / 3100) * 1000, 10));
  });
});

describe("empiricalBayesLocal", () => {
  test("an area whose neighbours are everyone equals the global estimator", () => {
    const counts = [1, 30, 20, 4];
    const exposures = [100, 1000, 2000, 300];
    const all = [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]];
    const local = empiricalBayesLocal(counts, exposures, all);
    const global = empiricalBayes(counts, exposures);
    local.smoothed.forEach((s, i) => expect(s).toBeCloseTo(global.smoothed[i], 10));
  });

  test("shrinks toward the neighbourhood, not the region", () => {
    // Two separate pairs: a high-rate pair and a low-rate pair.
    const counts = [2, 60, 1, 10];
    const exposures = [50, 1000, 50, 1000];
    const local = empiricalBayesLocal(counts, exposures, [[1], [0], [3], [2]]);
    expect(local.priorMean[0]).toBeCloseTo((62 / 1050) * 1000, 10);
    expect(local.priorMean[2]).toBeCloseTo((11 / 1050) * 1000, 10);
    expect(() => empiricalBayesLocal(counts, exposures, [[1], [0], [3], [7]])).toThrow("invalid neighbour of 3: 7");
  });
});

describe("funnelLimits", () => {
  // Exact Poisson quantiles by summing the probability mass function (independent of the library's
  // incomplete-gamma route). R's qpois gives the same: qpois(c(.001, .025, .975, .999), 5) = 0 1 10 13;
  // for mean 50: 30 37 64 73; for mean 250: 203 219 281 300.
  function bruteQuantile(p: number, lambda: number): number {
    let sum = 0;
    for (let k = 0; ; k++) {
      sum += Math.exp(-lambda + k * Math.log(lambda) - lgamma(k + 1));
      if (sum >= p - 1e-12) return k;
    }
  }

  test("95% and 99.8% limits equal the exact Poisson quantiles", () => {
    const limits = funnelLimits(5, [1000, 10000, 50000]); // 5 per 1,000 -> expected 5, 50, 250
    const expected: Record<number, number[]> = {5: [0, 1, 10, 13], 50: [30, 37, 64, 73], 250: [203, 219, 281, 300]};
    for (const mean of [5, 50, 250]) {
      const l95 = limits.find((l) => Math.abs(l.expected - mean) < 1e-9 && l.level === 0.95)!;
      const l998 = limits.find((l) => Math.abs(l.expected - mean) < 1e-9 && l.level === 0.998)!;
      expect([l998.lowerCount, l95.lowerCount, l95.upperCount, l998.upperCount]).toEqual(expected[mean]);
      expect(l95.lowerCount).toBe(bruteQuantile(0.025, mean));
      expect(l95.upperCount).toBe(bruteQuantile(0.975, mean));
      expect(l998.upperCount).toBe(bruteQuantile(0.999, mean));
      expect(l95.upperRate).toBeCloseTo((l95.upperCount / l95.exposure) * 1000, 12);
    }
  });

  test("limits narrow on the rate scale as exposure grows", () => {
    const limits = funnelLimits(5, [500, 2000, 20000, 200000], {levels: [0.998]});
    const widths = limits.map((l) => l.upperRate - l.lowerRate);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]);
  });

  test("interpolated limits lie between the neighbouring integer quantiles", () => {
    for (const exposure of [1234, 8765]) {
      const [exact] = funnelLimits(5, [exposure], {levels: [0.95]});
      const [smooth] = funnelLimits(5, [exposure], {levels: [0.95], interpolate: true});
      expect(smooth.upperCount).toBeLessThanOrEqual(exact.upperCount);
      expect(smooth.upperCount).toBeGreaterThan(exact.upperCount - 1);
      expect(smooth.lowerCount).toBeLessThanOrEqual(exact.lowerCount);
    }
  });

  test("the Poisson cdf equals a brute-force sum at large means, and the quantile is its inverse", () => {
    // Independent reference: sum the pmf in log space, exp(k log λ - λ - log k!), term by term.
    const bruteCdf = (k: number, lambda: number) => {
      let logTerm = -lambda, sum = Math.exp(logTerm);
      for (let i = 1; i <= k; i++) {
        logTerm += Math.log(lambda) - Math.log(i);
        sum += Math.exp(logTerm);
      }
      return sum;
    };
    for (const lambda of [500, 5000, 20000]) {
      for (const k of [Math.round(lambda - 2 * Math.sqrt(lambda)), Math.round(lambda), Math.round(lambda + 2 * Math.sqrt(lambda))]) {
        expect(Math.abs(poissonCdf(k, lambda) - bruteCdf(k, lambda))).toBeLessThan(1e-8);
      }
      const q = poissonQuantile(0.975, lambda);
      expect(bruteCdf(q, lambda)).toBeGreaterThanOrEqual(0.975);
      expect(bruteCdf(q - 1, lambda)).toBeLessThan(0.975);
    }
  });

  test("reject bad reference rates, levels and exposures", () => {
    expect(() => funnelLimits(0, [100])).toThrow("invalid referenceRate: 0");
    expect(() => funnelLimits(5, [100], {levels: [1.2]})).toThrow("invalid level: 1.2");
    expect(() => funnelLimits(5, [-1])).toThrow("invalid exposure[0]: -1");
  });
});
