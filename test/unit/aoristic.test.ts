import {describe, expect, test} from "vitest";
import {aoristicHour, aoristicWeekHour} from "../../src/lib/aoristic.js";

// 2024-01-01 is a Monday; civil minutes since the epoch.
const monday = (Date.UTC(2024, 0, 1) / 60_000);

describe("aoristicWeekHour", () => {
  test("puts an exact time in one cell", () => {
    const grid = aoristicWeekHour(monday + 18 * 60 + 30, monday + 18 * 60 + 30, new Float64Array(168));
    expect(grid[18]).toBe(1);
    expect(grid.reduce((a, b) => a + b)).toBe(1);
  });

  test("spreads a window over hours in proportion to the minutes covered", () => {
    // Monday 17:30 to 19:29 inclusive: 30 min in hour 17, 60 in 18, 30 in 19.
    const grid = aoristicWeekHour(monday + 17 * 60 + 30, monday + 19 * 60 + 29, new Float64Array(168));
    expect([grid[17], grid[18], grid[19]]).toEqual([0.25, 0.5, 0.25]);
  });

  test("wraps from Sunday night into Monday morning", () => {
    const grid = aoristicWeekHour(monday - 60, monday + 59, new Float64Array(168));
    expect(grid[167]).toBe(0.5);
    expect(grid[0]).toBe(0.5);
  });

  test("spreads windows of a week or more evenly, and keeps the total weight", () => {
    const grid = aoristicWeekHour(monday, monday + 10 * 1440, new Float64Array(168));
    expect(grid.every((w) => Math.abs(w - 1 / 168) < 1e-12)).toBe(true);
    const hours = aoristicHour(monday + 22 * 60, monday + 30 * 60 - 1, new Float64Array(24));
    expect(hours.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(hours[23]).toBeCloseTo(0.125, 12);
    expect(hours[5]).toBeCloseTo(0.125, 12);
  });

  test("rejects an end before the start", () => {
    expect(() => aoristicWeekHour(10, 5, new Float64Array(168))).toThrow("invalid window: 10..5");
  });
});
