// scripts/test.ts (`npm test`): the stage list and the closing table of stage times.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {expect, test} from "vitest";
import {GROUPS, STAGES, clock, timeTable} from "../../../scripts/test.js";

test("every stage runs an npm script that exists, lint and the browser tests included", () => {
  const scripts = JSON.parse(readFileSync(join(import.meta.dirname, "../../../package.json"), "utf8")).scripts as Record<string, string>;
  expect(STAGES.map(([stage]) => stage)).toEqual(["lint", "typecheck", "build:offline", "unit", "e2e", "workshop"]);
  expect(STAGES.filter(([, script]) => !(script in scripts))).toEqual([]);
  expect(scripts.test).toBe("tsx scripts/test.ts");
});

test("every stage is in exactly one group, and the groups keep the stages' order", () => {
  expect(GROUPS.flat()).toEqual(STAGES.map(([stage]) => stage));
  // The stages that use both cores (vitest's workers, the browser tests) run alone.
  for (const stage of ["unit", "e2e"] as const) expect(GROUPS.find((g) => g.includes(stage))).toEqual([stage]);
});

test("the closing table has one line per stage run, a failed mark and the run's total", () => {
  expect(clock(0)).toBe("0:00");
  expect(clock(83.4)).toBe("1:23");
  expect(clock(599.6)).toBe("10:00");
  // Stages side by side overlap: the total is the run's wall time, not the sum.
  expect(timeTable([{stage: "lint", seconds: 61, ok: true}, {stage: "unit", seconds: 200.2, ok: false}], 230).split("\n")).toEqual([
    "lint     1:01",
    "unit     3:20  MISLUKT",
    "total    3:50"
  ]);
});
