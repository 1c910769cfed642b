// The Dutch reading of the forecast evaluation: the best method, its paired difference against the
// simple count, and a claim of "better" only when that difference's interval lies above 0.
import {describe, expect, test} from "vitest";
import {compareMethods, FORECAST_TABLE_FORMAT, forecastReading, forecastView, type ForecastMonthRow, type ForecastSummaryRow} from "../../../src/lib/forecast-text.js";

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

describe("forecastView: what Waar nu? draws of the evaluation", () => {
  test("curve without undefined PAI, the headline at 1, 5 and 10%, the months at 5%", () => {
    const row = (method: string, fraction: number, pai: number): ForecastSummaryRow => ({method, cell_level: "buurt", cells: 100, fraction, pai, pai_low: pai - 1, pai_high: pai + 1, hit_rate: fraction * pai, months: 24});
    const summary = [row("kde", 0.1, 3), row("kde", 0.05, 4), row("kde", 0.02, NaN), row("kde", 0.01, 6)];
    const months: ForecastMonthRow[] = [
      {month: Date.UTC(2024, 0, 1), method: "kde", fraction: 0.05, pai: 3.5},
      {month: Date.UTC(2024, 1, 1), method: "kde", fraction: 0.05, pai: null},
      {month: Date.UTC(2024, 0, 1), method: "kde", fraction: 0.1, pai: 2}
    ];
    const v = forecastView(summary, months);
    expect(v.cellLevel).toBe("buurt");
    expect(v.curve.map((d) => d.aandeel)).toEqual([10, 5, 1]);
    expect(v.curve[0].methode).toBe("kerndichtheid (hotspotkaart)");
    expect(v.headline.map((d) => d["aandeel gebied"])).toEqual(["1%", "5%", "10%"]);
    expect(v.headline[0]).toEqual({methode: "kerndichtheid (hotspotkaart)", "aandeel gebied": "1%", PAI: 6, "PAI ondergrens": 5, "PAI bovengrens": 7, trefkans: 0.06, maanden: 24});
    expect(v.monthly5).toEqual([{...months[0], methode: "kerndichtheid (hotspotkaart)"}]);
    expect(forecastView([], []).cellLevel).toBe("vak500");
  });

  test("the headline table shows PAI with two decimals and the hit rate in whole percent", () => {
    expect(FORECAST_TABLE_FORMAT.PAI(3.456)).toBe("3,46");
    expect(FORECAST_TABLE_FORMAT["PAI ondergrens"](1)).toBe("1,00");
    expect(FORECAST_TABLE_FORMAT["PAI bovengrens"](12.5)).toBe("12,50");
    expect(FORECAST_TABLE_FORMAT.trefkans(0.237)).toBe("24%");
  });
});
