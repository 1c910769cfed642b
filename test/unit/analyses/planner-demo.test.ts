// The planner analysis on demo deliveries: a delivery too short for a baseline gets a Dutch reason.
// (The comparison with the demo bench's detection share does not hold yet: docs/methods.md, "Planner".)
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {runPlanner} from "../../../loaders/analyses/planner.js";
import {demoDelivery} from "../../helpers/demo.js";

describe("planner on the demo", () => {
  test("a delivery shorter than four years gets a Dutch reason instead of tables", () => {
    const r = runPlanner(readDelivery(demoDelivery()));
    expect(r.planner_power.numRows).toBe(0);
    const row = r.planner_baseline.get(0)!.toJSON();
    expect(row.areas).toBe(0);
    expect(row.reason).toMatch(/minstens 48/);
  });
});
