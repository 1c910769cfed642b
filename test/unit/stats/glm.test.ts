import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {fitNegBin, fitPoisson, nbLogLik} from "../../../src/lib/stats/glm.js";
import {digamma, lgamma} from "../../../src/lib/stats/distributions.js";
import {normal, poisson, seededRng} from "../../../src/lib/random.js";

// Dobson (1990, An Introduction to Generalized Linear Models, p. 93), the example in R's ?glm:
// counts of a randomised controlled trial, outcome gl(3, 1, 9), treatment gl(3, 3).
const counts = [18, 17, 15, 20, 10, 20, 25, 13, 12];
const outcome = [1, 2, 3, 1, 2, 3, 1, 2, 3];
const treatment = [1, 1, 1, 2, 2, 2, 3, 3, 3];
const dobson = {
  y: counts,
  X: {
    outcome2: outcome.map((o) => +(o === 2)), outcome3: outcome.map((o) => +(o === 3)),
    treatment2: treatment.map((t) => +(t === 2)), treatment3: treatment.map((t) => +(t === 3))
  }
};

describe("fitPoisson on Dobson's trial (3 x 3 independence log-linear model)", () => {
  const fit = fitPoisson(dobson);
  const coef = Object.fromEntries(fit.coefficients.map((c) => [c.name, c]));
  // Closed form from the margins: treatment totals r = (50, 50, 50), outcome totals c = (63, 40, 47),
  // N = 150, fitted = r_i c_j / N. Intercept = log(r1 c1 / N); contrasts log(c_j / c1), log(r_i / r1);
  // SE of a contrast sqrt(1/c_j + 1/c1); SE of the intercept sqrt(1/r1 + 1/c1 - 1/N).
  const r = [50, 50, 50];
  const c = [63, 40, 47];
  const N = 150;
  const fitted = counts.map((_, k) => (r[treatment[k] - 1] * c[outcome[k] - 1]) / N);

  test("coefficients and standard errors equal the closed form to 1e-6", () => {
    expect(r).toEqual([0, 1, 2].map((i) => counts.filter((_, k) => treatment[k] === i + 1).reduce((a, b) => a + b)));
    expect(c).toEqual([0, 1, 2].map((j) => counts.filter((_, k) => outcome[k] === j + 1).reduce((a, b) => a + b)));
    expect(Math.abs(coef["(Intercept)"].estimate - Math.log((r[0] * c[0]) / N))).toBeLessThan(1e-6);
    expect(Math.abs(coef["(Intercept)"].se - Math.sqrt(1 / r[0] + 1 / c[0] - 1 / N))).toBeLessThan(1e-6);
    expect(Math.abs(coef.outcome2.estimate - Math.log(c[1] / c[0]))).toBeLessThan(1e-6);
    expect(Math.abs(coef.outcome3.estimate - Math.log(c[2] / c[0]))).toBeLessThan(1e-6);
    expect(Math.abs(coef.outcome2.se - Math.sqrt(1 / c[1] + 1 / c[0]))).toBeLessThan(1e-6);
    expect(Math.abs(coef.outcome3.se - Math.sqrt(1 / c[2] + 1 / c[0]))).toBeLessThan(1e-6);
    for (const name of ["treatment2", "treatment3"]) {
      expect(Math.abs(coef[name].estimate)).toBeLessThan(1e-6);
      expect(Math.abs(coef[name].se - Math.sqrt(1 / r[1] + 1 / r[0]))).toBeLessThan(1e-6);
    }
    // Covariance of the two outcome contrasts is 1 / c1.
    expect(Math.abs(fit.covariance[1][2] - 1 / c[0])).toBeLessThan(1e-6);
  });

  test("deviance, log-likelihood and AIC equal the closed form to 1e-6", () => {
    const deviance = 2 * counts.reduce((s, y, k) => s + y * Math.log(y / fitted[k]), 0);
    const logLik = counts.reduce((s, y, k) => s + y * Math.log(fitted[k]) - fitted[k] - lgamma(y + 1), 0);
    expect(Math.abs(fit.deviance - deviance)).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLik - logLik)).toBeLessThan(1e-6);
    expect(Math.abs(fit.aic - (-2 * logLik + 2 * 5))).toBeLessThan(1e-6);
    fit.fitted.forEach((m, k) => expect(Math.abs(m - fitted[k])).toBeLessThan(1e-6));
  });

  test("matches R's printed summary(glm.D93) to the printed digits", () => {
    // R: (Intercept) 3.045e+00 (0.1709), outcome2 -0.4543 (0.2022), outcome3 -0.2930 (0.1927),
    // treatment2/3 ~0 (0.2000); null deviance 10.5814 on 8 df, residual 5.1291 on 4 df, AIC 56.76.
    expect(coef["(Intercept)"].estimate.toFixed(3)).toBe("3.045");
    expect(coef["(Intercept)"].se.toFixed(4)).toBe("0.1709");
    expect(coef.outcome2.estimate.toFixed(4)).toBe("-0.4543");
    expect(coef.outcome2.se.toFixed(4)).toBe("0.2022");
    expect(coef.outcome3.estimate.toFixed(4)).toBe("-0.2930");
    expect(coef.outcome3.se.toFixed(4)).toBe("0.1927");
    expect(coef.treatment2.se.toFixed(4)).toBe("0.2000");
    expect(fit.deviance.toFixed(4)).toBe("5.1291");
    expect(fit.nullDeviance.toFixed(4)).toBe("10.5814");
    expect([fit.dfResidual, fit.dfNull]).toEqual([4, 8]);
    expect(fit.aic.toFixed(2)).toBe("56.76");
    expect(fit.converged).toBe(true);
  });

  test("reports rate ratios with Wald intervals and two-sided p-values", () => {
    const o2 = coef.outcome2;
    expect(o2.irr).toBeCloseTo(40 / 63, 10);
    expect(o2.irrLower).toBeCloseTo(Math.exp(o2.estimate - 1.959963984540054 * o2.se), 10);
    expect(o2.irrUpper).toBeCloseTo(Math.exp(o2.estimate + 1.959963984540054 * o2.se), 10);
    expect(o2.z).toBeCloseTo(o2.estimate / o2.se, 12);
    // R prints Pr(>|z|) 0.0246 for outcome2.
    expect(o2.p.toFixed(4)).toBe("0.0246");
  });

  test("accepts rows with names and gives the same fit as columns", () => {
    const cols = dobson.X;
    const rows = counts.map((_, k) => [cols.outcome2[k], cols.outcome3[k], cols.treatment2[k], cols.treatment3[k]]);
    const byRows = fitPoisson({y: counts, X: rows, names: ["outcome2", "outcome3", "treatment2", "treatment3"]});
    byRows.coefficients.forEach((c, j) => expect(c.estimate).toBeCloseTo(fit.coefficients[j].estimate, 10));
  });
});

describe("input checks", () => {
  test("reject singular designs, bad counts and mismatched lengths by name", () => {
    const x = [1, 2, 3, 4, 5];
    expect(() => fitPoisson({y: [1, 2, 3, 4, 5], X: {x, twice: x.map((v) => 2 * v)}})).toThrow("singular design: column twice");
    expect(() => fitPoisson({y: [1, 2, 3, 4, 5], X: {one: [1, 1, 1, 1, 1]}})).toThrow("singular design: column one");
    expect(() => fitPoisson({y: [1, -2, 3, 4, 5], X: {x}})).toThrow("invalid count y[1]: -2");
    expect(() => fitPoisson({y: [1, 2.5, 3, 4, 5], X: {x}})).toThrow("invalid count y[1]: 2.5");
    expect(() => fitPoisson({y: [1, 2, 3, 4], X: {x}})).toThrow("invalid X: column x has 5 values, expected 4");
    expect(() => fitPoisson({y: [1, 2, 3, 4, 5], X: {x}, offset: [0, 0]})).toThrow("invalid offset: 2 values, expected 5");
    expect(() => fitPoisson({y: [1, 2, 3, 4, 5], X: [[1], [2]], names: ["x"]})).toThrow("invalid X: 2 rows, expected 5");
    expect(() => fitNegBin({y: [1, 2, 3, 4, 5], X: {x}}, {theta: -1})).toThrow("invalid theta: -1");
  });
});

describe("offset log(exposure)", () => {
  // Areas with 200-5000 dwellings, a standardised covariate, a planted rate ratio of 1.5 per SD and
  // a base rate of 5 per 1,000 dwellings.
  function simulate(seed: number) {
    const rng = seededRng(seed);
    const n = 80;
    const exposure = Array.from({length: n}, () => 200 + rng() * 4800);
    const x = Array.from({length: n}, () => normal(rng));
    const y = x.map((v, i) => poisson(rng, exposure[i] * 0.005 * Math.exp(Math.log(1.5) * v)));
    return fitPoisson({y, X: {x}, offset: exposure.map(Math.log)});
  }

  test("recovers the planted rate ratio and base rate", () => {
    const fit = simulate(1);
    const [b0, b1] = fit.coefficients;
    expect(b1.irrLower).toBeLessThan(1.5);
    expect(b1.irrUpper).toBeGreaterThan(1.5);
    expect(Math.abs(b0.irr * 1000 - 5)).toBeLessThan(0.5);
  });

  test("95% Wald intervals cover the planted ratio in 90-99% of 200 seeds", () => {
    let covered = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const b1 = simulate(seed).coefficients[1];
      if (b1.irrLower <= 1.5 && 1.5 <= b1.irrUpper) covered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  test("an offset equal to log(exposure) shifts only the intercept", () => {
    const a = fitPoisson({...dobson, offset: counts.map(() => Math.log(1000))});
    const b = fitPoisson(dobson);
    expect(a.coefficients[0].estimate).toBeCloseTo(b.coefficients[0].estimate - Math.log(1000), 8);
    expect(a.coefficients[1].estimate).toBeCloseTo(b.coefficients[1].estimate, 8);
    expect(a.deviance).toBeCloseTo(b.deviance, 8);
  });
});

// MASS::quine (Quine 1975; Venables & Ripley 2002): days absent from school for 146 children in
// New South Wales, by Eth (A/N), Sex (F/M), Age (F0-F3) and Lrn (AL/SL).
const quine = readFileSync(new URL("./fixtures/quine.csv", import.meta.url), "utf8")
  .trim().split("\n").slice(1).map((line) => line.split(","));
const days = quine.map((row) => Number(row[4]));

describe("fitNegBin on MASS::quine", () => {
  test("the fixture is the 146-row quine data", () => {
    expect(quine.length).toBe(146);
    expect(days.reduce((a, b) => a + b)).toBe(2403);
  });

  // glm.nb(Days ~ Eth * Sex * Age * Lrn, data = quine) as printed in Crawley, The R Book (2007),
  // "Negative binomial errors": init.theta = 1.92836014510701 in the call (the final theta),
  // Theta 1.928, Std. Err. 0.269, 2 x log-likelihood -1039.324, null deviance 272.29 on 145 df,
  // residual deviance 167.45 on 118 df, AIC 1097.3. The full factorial has 28 non-empty cells, so it
  // spans the same space as one intercept plus 27 cell indicators.
  const cellOf = quine.map((row) => row.slice(0, 4).join(":"));
  const cells = [...new Set(cellOf)];
  const X = Object.fromEntries(cells.slice(1).map((cell) => [cell, cellOf.map((c) => +(c === cell))]));
  const fit = fitNegBin({y: days, X});

  test("theta equals R's glm.nb to 1e-9 (relative) and the printed summary to its digits", () => {
    expect(cells.length).toBe(28);
    expect(Math.abs(fit.theta! / 1.92836014510701 - 1)).toBeLessThan(1e-9);
    expect(fit.thetaSe!.toFixed(3)).toBe("0.269");
    expect((2 * fit.logLik).toFixed(3)).toBe("-1039.324");
    expect(fit.nullDeviance.toFixed(2)).toBe("272.29");
    expect(fit.deviance.toFixed(2)).toBe("167.45");
    expect([fit.dfNull, fit.dfResidual]).toEqual([145, 118]);
    expect(fit.aic.toFixed(1)).toBe("1097.3");
    expect(fit.converged).toBe(true);
  });

  // Main-effects model: no published digits, so check the ML conditions themselves.
  const main = {
    y: days,
    X: {
      EthN: quine.map((r) => +(r[0] === "N")), SexM: quine.map((r) => +(r[1] === "M")),
      AgeF1: quine.map((r) => +(r[2] === "F1")), AgeF2: quine.map((r) => +(r[2] === "F2")),
      AgeF3: quine.map((r) => +(r[2] === "F3")), LrnSL: quine.map((r) => +(r[3] === "SL"))
    }
  };
  const nb = fitNegBin(main);
  const theta = nb.theta!;
  const columns = [days.map(() => 1), ...Object.values(main.X)];

  test("score equations for beta and theta are zero at the solution", () => {
    // d logL / d beta_j = sum_i x_ij (y_i - mu_i) theta / (theta + mu_i)
    for (const column of columns) {
      const score = column.reduce((s, x, i) => s + (x * (days[i] - nb.fitted[i]) * theta) / (theta + nb.fitted[i]), 0);
      expect(Math.abs(score)).toBeLessThan(1e-8);
    }
    const thetaScore = days.reduce((s, y, i) => {
      const mu = nb.fitted[i];
      return s + digamma(theta + y) - digamma(theta) + Math.log(theta) + 1 - Math.log(theta + mu) - (y + theta) / (mu + theta);
    }, 0);
    expect(Math.abs(thetaScore)).toBeLessThan(1e-8);
  });

  test("the log-likelihood is maximal: every small perturbation lowers it", () => {
    const beta = nb.coefficients.map((c) => c.estimate);
    const logLikAt = (b: number[], t: number) =>
      nbLogLik(days, days.map((_, i) => Math.exp(columns.reduce((s, col, j) => s + col[i] * b[j], 0))), t);
    expect(Math.abs(logLikAt(beta, theta) - nb.logLik)).toBeLessThan(1e-9);
    for (let j = 0; j < beta.length; j++) {
      for (const h of [-1e-3, 1e-3]) {
        const b = beta.slice();
        b[j] += h;
        expect(logLikAt(b, theta)).toBeLessThan(nb.logLik);
      }
    }
    expect(logLikAt(beta, theta * 1.01)).toBeLessThan(nb.logLik);
    expect(logLikAt(beta, theta * 0.99)).toBeLessThan(nb.logLik);
  });

  test("NB fits quine better than Poisson (overdispersion) and reports theta's SE", () => {
    const pois = fitPoisson(main);
    expect(nb.logLik).toBeGreaterThan(pois.logLik);
    expect(nb.thetaSe).toBeGreaterThan(0);
    // Overdispersion widens the intervals.
    expect(nb.coefficients[1].se).toBeGreaterThan(pois.coefficients[1].se);
  });
});

describe("fitNegBin tends to Poisson as theta grows", () => {
  test("fixed theta = 1e8 reproduces the Poisson fit", () => {
    const pois = fitPoisson(dobson);
    const nb = fitNegBin(dobson, {theta: 1e8});
    nb.coefficients.forEach((c, j) => {
      expect(Math.abs(c.estimate - pois.coefficients[j].estimate)).toBeLessThan(1e-6);
      expect(Math.abs(c.se - pois.coefficients[j].se)).toBeLessThan(1e-6);
    });
    expect(Math.abs(nb.logLik - pois.logLik)).toBeLessThan(1e-5);
  });

  test("estimated theta is large for Poisson data and the coefficients agree", () => {
    const rng = seededRng(7);
    const x = Array.from({length: 400}, () => normal(rng));
    const y = x.map((v) => poisson(rng, Math.exp(1.5 + 0.4 * v)));
    const pois = fitPoisson({y, X: {x}});
    const nb = fitNegBin({y, X: {x}});
    expect(nb.theta!).toBeGreaterThan(20);
    expect(Math.abs(nb.coefficients[1].estimate - pois.coefficients[1].estimate)).toBeLessThan(0.01);
  });
});
