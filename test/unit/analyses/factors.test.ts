// The factors analysis recovers the planted risk coefficients of the demo generator.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {factorsAnalysis} from "../../../loaders/analyses/factors.js";
import {demoDelivery} from "../../helpers/demo.js";

function run(dir: string, level: "openbaar" | "intern" = "intern", privacy: "standaard" | "streng" = "standaard") {
  const delivery = readDelivery(dir);
  const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
  return {truth, result: factorsAnalysis.run({delivery, level, suppressBelow: 5, privacy, tables: new Map(), truth})};
}

describe("factors analysis", () => {
  test("each planted coefficient lies inside its 95% interval (negative binomial, neighbourhoods)", () => {
    const dir = demoDelivery({seed: 11, fromYear: 2020, toYear: 2024, incidents: 30000, plant: {nearRepeat: false, prevention: false}});
    const {truth, result} = run(dir);
    const rows = result.tables!.factor_models.toArray().map((r) => r.toJSON());
    const nb = rows.filter((r) => r.level === "buurt" && r.period === "alle" && r.family === "negbin");
    for (const v of truth.riskModel.variables as {variabele: string; coefficient: number}[]) {
      const row = nb.find((r) => r.term === v.variabele)!;
      expect(row, v.variabele).toBeDefined();
      expect(Math.log(row.irr_low), v.variabele).toBeLessThan(row.truth);
      expect(Math.log(row.irr_high), v.variabele).toBeGreaterThan(row.truth);
    }
  }, 120_000);

  test("the findings carry the negative-binomial p-value and a verdict on its Holm-adjusted value; unplanted factors carry truth 0", () => {
    const {result} = run(demoDelivery());
    const rows = result.tables!.factor_models.toArray().map((r) => r.toJSON());
    const nb = rows.filter((r) => r.level === "buurt" && r.period === "alle" && r.family === "negbin" && r.term !== "(Intercept)");
    for (const r of nb) {
      const f = result.findings!.find((f) => f.id === `factor.${r.term}`)!;
      expect(f.p_value).toBe(r.p_value);
      expect(f.verdict).toBe(r.p_holm < 0.05 ? `samenhang (${r.irr > 1 ? "hoger" : "lager"} risico)` : "geen samenhang aangetoond");
      expect(f.estimate).toBeCloseTo(r.irr, 5);
      expect(r.p_holm).toBeGreaterThanOrEqual(r.p_value);
    }
    expect(nb.find((r) => r.term === "perc_65_plus")!.truth).toBe(0);
    // Poisson is a model comparison only: coefficients and AIC, no Wald intervals or p-values.
    const poisson = rows.filter((r) => r.family === "poisson");
    expect(poisson.length).toBe(rows.filter((r) => r.family === "negbin").length);
    expect(poisson.filter((r) => [r.se, r.irr_low, r.irr_high, r.p_value, r.p_holm].some((v) => v !== null)).map((r) => r.term)).toEqual([]);
    expect(poisson.every((r) => Number.isFinite(r.irr) && Number.isFinite(r.aic))).toBe(true);
    expect(nb.every((r) => r.irr_low < r.irr && r.irr < r.irr_high)).toBe(true);
    const corr = result.tables!.factor_correlations.toArray().map((r) => r.toJSON());
    expect(corr.every((c) => c.p_holm >= c.p_value && c.rho >= -1 && c.rho <= 1)).toBe(true);
  });

  test("openbaar (standaard): quintile counts are sums of open neighbourhood counts, shown exactly", () => {
    const open = run(demoDelivery({incidents: 300}), "openbaar").result.tables!.factor_quintiles.toArray().map((r) => r.toJSON());
    const intern = run(demoDelivery({incidents: 300}), "intern").result.tables!.factor_quintiles.toArray().map((r) => r.toJSON());
    expect(open.map((r) => r.count)).toEqual(intern.map((r) => r.count));
    expect(open.some((r) => r.count > 0 && r.count < 5)).toBe(true);
  });

  test("openbaar (streng): quintile counts 1-4 are hidden, never alone, and the rate with them", () => {
    const {result} = run(demoDelivery({incidents: 300}), "openbaar", "streng");
    const q = result.tables!.factor_quintiles.toArray().map((r) => r.toJSON());
    expect(q.length).toBeGreaterThan(0);
    const hidden = q.filter((r) => r.suppressed);
    // 300 incidents over the quintiles leave small cells: the test sees hidden ones.
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.filter((r) => r.count !== null || r.rate !== null)).toEqual([]);
    expect(q.filter((r) => r.count !== null && !(r.count === 0 || r.count >= 5))).toEqual([]);
    const groups = new Map<string, number>();
    for (const r of hidden) groups.set(`${r.level}|${r.period}|${r.variable}`, (groups.get(`${r.level}|${r.period}|${r.variable}`) ?? 0) + 1);
    expect(groups.size).toBeGreaterThan(0);
    for (const [k, n] of groups) expect(n, k).not.toBe(1);
  });

  test("a delivery without kerncijfers: every factor finding says 'niet geleverd'", () => {
    const delivery = readDelivery(join(import.meta.dirname, "../../fixtures/minimal-delivery"));
    const result = factorsAnalysis.run({delivery, level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null});
    expect(result.findings!.length).toBe(7);
    expect(result.findings!.every((f) => f.verdict === "niet geleverd" && f.id.startsWith("factor."))).toBe(true);
    expect(result.tables!.factor_models.numRows).toBe(0);
  });
});
