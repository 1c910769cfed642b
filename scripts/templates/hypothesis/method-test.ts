import {describe, expect, test} from "vitest";
import {testScaffoldHypothesis} from "./method.js";

// Four districts on an exact line (rate = 2 * x), one with a hidden count, one without dwellings.
const counts = [
  {area_level: "wijk", area_code: "WK000101", year: 2024, soort: "totaal", count: 10},
  {area_level: "wijk", area_code: "WK000102", year: 2024, soort: "totaal", count: 20},
  {area_level: "wijk", area_code: "WK000103", year: 2024, soort: "totaal", count: 30},
  {area_level: "wijk", area_code: "WK000104", year: 2024, soort: "totaal", count: null},
  {area_level: "wijk", area_code: "WK000105", year: 2024, soort: "totaal", count: 7},
  {area_level: "wijk", area_code: "WK000101", year: 2023, soort: "totaal", count: 99},
  {area_level: "gemeente", area_code: "GM0001", year: 2024, soort: "totaal", count: 60}
];
const areas = [
  {code: "WK000101", level: "wijk", dwellings: 1000},
  {code: "WK000102", level: "wijk", dwellings: 1000},
  {code: "WK000103", level: "wijk", dwellings: 1000},
  {code: "WK000104", level: "wijk", dwellings: 1000},
  {code: "WK000105", level: "wijk", dwellings: null},
  {code: "GM0001", level: "gemeente", dwellings: 3000}
];
const stats = [
  {area_code: "WK000101", year: 2024, variable: "v", value: 5},
  {area_code: "WK000102", year: 2023, variable: "v", value: 10}, // latest year up to 2024
  {area_code: "WK000103", year: 2024, variable: "v", value: 15},
  {area_code: "WK000103", year: 2025, variable: "v", value: 99}, // after the year: not used
  {area_code: "WK000104", year: 2024, variable: "v", value: 20},
  {area_code: "WK000105", year: 2024, variable: "v", value: 25}
];

describe("testScaffoldHypothesis", () => {
  test("finds the planted line and leaves out hidden counts and missing dwellings", () => {
    const result = testScaffoldHypothesis({counts, areas, stats}, {level: "wijk", year: 2024, variable: "v"});
    expect(result.n).toBe(3);
    expect(result.excluded).toBe(2);
    expect(result.r).toBeCloseTo(1, 10);
    expect(result.slope).toBeCloseTo(2, 10);
    expect(result.intercept).toBeCloseTo(0, 10);
  });
  test("gives no estimate with fewer than three areas", () => {
    const result = testScaffoldHypothesis({counts, areas, stats}, {level: "gemeente", year: 2024, variable: "v"});
    expect(result.r).toBeNull();
  });
  test("rejects an invalid year", () => {
    expect(() => testScaffoldHypothesis({counts, areas, stats}, {level: "wijk", year: 2024.5, variable: "v"})).toThrow("invalid year");
  });
});
