// The Dutch reading of the forecast evaluation: the best method, its paired difference against the
// simple count, and a claim of "better" only when that difference's interval lies above 0.
import {describe, expect, test} from "vitest";
import {compareMethods, forecastReading, type ForecastMonthRow, type ForecastSummaryRow} from "../../../src/lib/forecast-text.js";

const METHODS = ["simple_count", "kde", "prospective", "blend"];

/** Six months of PAI at 5% per method: simple 3, 3.5, 3, 3.5, ...; others = simple + offset[m] + noise[k]. */
function rows(offset: Record<string, number>, noise: number[]): {summary: ForecastSummaryRow[]; months: ForecastMonthRow[]} {
  const months: ForecastMonthRow[] = [];
  for (let k = 0; k < noise.length; k++) {
    const base = k % 2 ? 3.5 : 3;
    for (const m of METHODS) months.push({month: k, method: m, fraction: 0.05, pai: m === "simple_count" ? base : base + offset[m] + noise[k]});
  }
  const summary = METHODS.map((m) => {
    const ps = months.filter((r) => r.method === m).map((r) => r.pai!);
    const pai = ps.reduce((s, x) => s + x, 0) / ps.length;
    return {method: m, cell_level: "vak500", cells: 100, fraction: 0.05, pai, pai_low: pai - 0.5, pai_high: pai + 0.5, hit_rate: pai * 0.05, months: ps.length};
  });
  return {summary, months};
}

describe("compareMethods and forecastReading", () => {
  test("a steady gain over the simple count is named and called larger than the month-to-month variation", () => {
    const {summary, months} = rows({kde: 1, prospective: -0.5, blend: 0.8}, [0, 0.1, -0.1, 0.05, -0.05, 0]);
    const c = compareMethods(summary, months);
    const kde = c.find((x) => x.method === "kde")!;
    expect(kde.diff).toBeCloseTo(1, 9);
    expect(kde.diffLow).toBeGreaterThan(0);
    const text = forecastReading(c).join(" ");
    expect(text).toContain("Het best scoort kerndichtheid");
    expect(text).toContain("groter dan de schommeling");
    expect(text).toContain("slechter dan de telling");
    expect(text).toContain("de 5% van de vakken van 500 m");
    expect(forecastReading(c, {cellLevel: "buurt"}).join(" ")).toContain("de 5% van de buurten");
    expect(forecastReading(c, {cellLevel: "pc4"}).join(" ")).toContain("de 5% van de postcodegebieden");
  });

  test("a gain within the noise is not claimed", () => {
    const {summary, months} = rows({kde: 0.1, prospective: -0.1, blend: 0.05}, [1, -1, 1.2, -1.1, 0.9, -1]);
    const text = forecastReading(compareMethods(summary, months)).join(" ");
    expect(text).toContain("niet aangetoond dat het beter is");
    expect(text).not.toContain("groter dan de schommeling");
  });

  test("months hidden in openbaar (null PAI) are left out of the paired difference", () => {
    const {summary, months} = rows({kde: 1, prospective: 0, blend: 0}, [0, 0, 0, 0, 0, 0]);
    months[0].pai = null;
    expect(compareMethods(summary, months).find((x) => x.method === "kde")!.months).toBe(5);
  });

  test("without an evaluation the page says so", () => {
    expect(forecastReading([])[0]).toMatch(/te weinig maanden/);
  });
});
