import {describe, expect, test} from "vitest";
import {attemptTable, attemptYears, categoriesOf, categoryTable, categoryTotals, categoryYears, clearanceRates, delivered, periodYears, yearTotals} from "../../../src/lib/what.js";
import {MonthIndex} from "../../../src/lib/overview.js";
import {safeSum} from "../../../src/lib/privacy/index.js";

const row = (dimension: string, area_code: string, year: number, soort: string, category: string, count: number | null) => ({dimension, area_code, year, soort, category, count});
const rows = [
  row("werkwijze", "regio", 2024, "totaal", "flipperen", 30),
  row("werkwijze", "regio", 2024, "totaal", "overig", 10),
  row("werkwijze", "regio", 2024, "totaal", "onbekend", 0),
  row("werkwijze", "regio", 2023, "totaal", "flipperen", 20),
  row("werkwijze", "regio", 2023, "totaal", "overig", null),
  row("werkwijze", "regio", 2023, "totaal", "onbekend", null),
  row("werkwijze", "regio", 2024, "inbraak", "flipperen", 25),
  row("buit", "regio", 2024, "totaal", "geld", 12),
  row("buit", "regio", 2024, "totaal", "sieraden", 20),
  row("opgelost", "GM0153", 2024, "totaal", "ja", 5),
  row("opgelost", "GM0153", 2024, "totaal", "nee", 45),
  row("opgelost", "GM0153", 2024, "totaal", "onbekend", 0),
  row("opgelost", "GM0164", 2024, "totaal", "ja", null),
  row("opgelost", "GM0164", 2024, "totaal", "nee", null)
];

describe("what", () => {
  test("periodYears and delivered dimensions", () => {
    expect(periodYears({from: "2023-05", to: "2024-04"})).toEqual({fromYear: 2023, toYear: 2024});
    expect(delivered(rows, "werkwijze")).toBe(true);
    expect(delivered(rows, "woningtype")).toBe(false);
    expect(categoriesOf(rows, "werkwijze")).toEqual(["flipperen", "overig", "onbekend"]);
  });

  test("shares over the categories; a year with a hidden part gets none", () => {
    const items = categoryYears(rows, {dimension: "werkwijze", area: "regio", soort: "alle", fromYear: 2023, toYear: 2024});
    expect(items.find((d) => d.year === 2024 && d.category === "flipperen")).toEqual({year: 2024, category: "flipperen", count: 30, share: 0.75});
    expect(items.filter((d) => d.year === 2023).every((d) => d.share === null)).toBe(true);
    expect(categoryYears(rows, {dimension: "werkwijze", area: "regio", soort: "inbraak", fromYear: 2024, toYear: 2024})).toHaveLength(1);
    expect(categoryTotals(items).find((t) => t.category === "overig")!.total).toMatchObject({suppressed: true, lowerBound: 11});
  });

  test("buit shares against the number of burglaries", () => {
    const items = categoryYears(rows, {dimension: "buit", area: "regio", soort: "alle", fromYear: 2024, toYear: 2024, denominators: new Map([[2024, safeSum([40])]])});
    expect(items.map((d) => d.share)).toEqual([0.3, 0.5]);
    const hidden = categoryYears(rows, {dimension: "buit", area: "regio", soort: "alle", fromYear: 2024, toYear: 2024, denominators: new Map([[2024, safeSum([null])]])});
    expect(hidden.every((d) => d.share === null)).toBe(true);
  });

  test("clearance rates leave unknowns out and hide with a hidden part", () => {
    const rates = clearanceRates(rows, {soort: "alle", fromYear: 2024, toYear: 2024});
    expect(rates.find((r) => r.area_code === "GM0153")).toEqual({area_code: "GM0153", year: 2024, solved: 5, unsolved: 45, unknown: 0, rate: 0.1});
    expect(rates.find((r) => r.area_code === "GM0164")!.rate).toBeNull();
  });
});

describe("Wat page rows", () => {
  const month = (area_code: string, ym: string, soort: string, count: number | null) => ({area_code, area_name: area_code, month: Date.UTC(+ym.slice(0, 4), +ym.slice(5) - 1, 1), soort, count});
  const index = new MonthIndex([
    month("regio", "2023-11", "inbraak", 6), month("regio", "2023-11", "poging", 2),
    month("regio", "2023-12", "inbraak", 4), month("regio", "2023-12", "poging", 3),
    month("regio", "2024-01", "inbraak", 5), month("regio", "2024-01", "poging", null),
    month("regio", "2024-02", "inbraak", 7), month("regio", "2024-02", "poging", 1)
  ]);

  test("attempt years cut the first and last year to the period and hide a share that needs a hidden count", () => {
    const years = attemptYears(index, {from: "2023-12", to: "2024-02", area: "regio"});
    expect(years).toEqual([
      {jaar: 2023, inbraken: 4, pogingen: 3, totaal: "7", aandeel_pogingen: 3 / 7},
      {jaar: 2024, inbraken: 12, pogingen: null, totaal: "≥ 14", aandeel_pogingen: null} // a hidden count is at least 1
    ]);
    expect(attemptTable(years).map((d) => d.aandeel_pogingen)).toEqual([42.9, null]);
  });

  test("year totals take whole calendar years, the buit denominators", () => {
    const totals = yearTotals(index, {fromYear: 2023, toYear: 2024, area: "regio", soort: "inbraak"});
    expect(totals.get(2023)?.value).toBe(10);
    expect(totals.get(2024)?.value).toBe(12);
  });

  test("the category table names the dimension's column and gives shares in percent", () => {
    expect(categoryTable([{year: 2024, category: "flipperen", count: 30, share: 0.75}, {year: 2024, category: "overig", count: null, share: null}], "werkwijze")).toEqual([
      {jaar: 2024, werkwijze: "flipperen", aantal: 30, aandeel_procent: 75},
      {jaar: 2024, werkwijze: "overig", aantal: null, aandeel_procent: null}
    ]);
  });
});
