// The factors analysis recovers the planted risk coefficients of the demo generator.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {factorsAnalysis} from "../../../loaders/analyses/factors.js";
import {demoDelivery} from "../../helpers/demo.js";

function run(dir: string, level: "openbaar" | "intern" = "intern") {
  const delivery = readDelivery(dir);
  const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
  return {truth, result: factorsAnalysis.run({delivery, level, suppressBelow: 5, tables: new Map(), truth})};
}

describe("factors analysis", () => {
  test("each planted coefficient lies inside its 95% interval (negative binomial, neighbourhoods)", () => {
    const t0 = Date.now();
    const dir = demoDelivery({seed: 11, fromYear: 2020, toYear: 2024, incidents: 30000, plant: {nearRepeat: false, prevention: false}});
    const {truth, result} = run(dir);
    const rows = result.tables!.factor_models.toArray().map((r) => r.toJSON());
    const nb = rows.filter((r) => r.level === "buurt" && r.period === "alle" && r.family === "negbin");
    for (const v of truth.riskModel.variables as {variabele: string; coefficient: number}[]) {
      const row = nb.find((r) => r.term === v.variabele)!;
      expect(row, v.variabele).toBeDefined();
      console.log(v.variabele, v.coefficient, row.truth, row.estimate, row.se);
      expect(Math.log(row.irr_low), v.variabele).toBeLessThan(row.truth);
      expect(Math.log(row.irr_high), v.variabele).toBeGreaterThan(row.truth);
    }
    console.log("ms", Date.now() - t0);
  }, 120_000);
});
