import {describe, expect, test} from "vitest";
import {formatChange, municipalitiesWithData, municipalityReport, reportForSlug, reportRows, slugify, type MonthRow} from "../../../src/lib/gemeente.js";
import {nlValue} from "../../../src/lib/nl-format.js";

const day = (y: number, m: number) => Date.UTC(y, m - 1, 1);

/** Two municipalities, 2023 (12 months) and 2024 (12 months); B has a hidden month in 2024. */
function fixture(): MonthRow[] {
  const rows: MonthRow[] = [];
  for (const y of [2023, 2024]) {
    for (let m = 1; m <= 12; m++) {
      const a = y === 2023 ? 10 : 12; // A: 120 then 144 (inbraak only)
      const b = y === 2024 && m === 6 ? null : 5; // B: 60, then 55 + a hidden month
      rows.push({area_level: "gemeente", area_code: "GM0001", area_name: "Aadorp", month: day(y, m), soort: "inbraak", count: a});
      rows.push({area_level: "gemeente", area_code: "GM0001", area_name: "Aadorp", month: day(y, m), soort: "poging", count: 0});
      rows.push({area_level: "gemeente", area_code: "GM0002", area_name: "Hof van Bée", month: day(y, m), soort: "inbraak", count: b});
      rows.push({area_level: "gemeente", area_code: "GM0002", area_name: "Hof van Bée", month: day(y, m), soort: "poging", count: 0});
      rows.push({area_level: "regio", area_code: "regio", area_name: "Regio", month: day(y, m), soort: "inbraak", count: a + 5});
      rows.push({area_level: "regio", area_code: "regio", area_name: "Regio", month: day(y, m), soort: "poging", count: 0});
    }
  }
  // A municipality without any offence is not listed.
  rows.push({area_level: "gemeente", area_code: "GM0003", area_name: "Leeg", month: day(2024, 1), soort: "inbraak", count: 0});
  return rows;
}

const areas = [
  {code: "GM0001", name: "Aadorp", level: "gemeente", dwellings: 10_000},
  {code: "GM0002", name: "Hof van Bée", level: "gemeente", dwellings: 5_000},
  {code: "GM0003", name: "Leeg", level: "gemeente", dwellings: 1_000},
  {code: "BU00010000", name: "Buurt", level: "buurt", dwellings: 100}
];

describe("slugify", () => {
  test("makes URL names from municipality names", () => {
    expect(slugify("Hof van Twente")).toBe("hof-van-twente");
    expect(slugify("Rijssen-Holten")).toBe("rijssen-holten");
    expect(slugify("Súdwest-Fryslân")).toBe("sudwest-fryslan");
    expect(() => slugify(" ")).toThrow("invalid name");
    expect(() => slugify("!!")).toThrow("invalid name");
  });
});

describe("municipalitiesWithData", () => {
  test("lists municipalities with a count above zero or a hidden count, by name", () => {
    expect(municipalitiesWithData(fixture())).toEqual([
      {code: "GM0001", name: "Aadorp", slug: "aadorp"},
      {code: "GM0002", name: "Hof van Bée", slug: "hof-van-bee"}
    ]);
  });
});

describe("reportForSlug", () => {
  test("finds the municipality by its page name, and none for an unknown or empty one", () => {
    expect(reportForSlug({monthly: fixture(), areas}, "hof-van-bee")?.code).toBe("GM0002");
    expect(reportForSlug({monthly: fixture(), areas}, "hof-van-bee")?.years[1].gemeente).toMatchObject({value: null, suppressed: true});
    expect(reportForSlug({monthly: fixture(), areas}, "leeg")).toBeNull();
    expect(reportForSlug({monthly: fixture(), areas}, "enschede")).toBeNull();
  });

  test("card figures: fixed decimals the Dutch way, a dash for none", () => {
    expect(nlValue(1234.5, 1)).toBe("1.234,5");
    expect(nlValue(14.4)).toBe("14");
    expect(nlValue(0, 1)).toBe("0,0");
    expect(nlValue(null)).toBe("—");
  });
});

describe("municipalityReport", () => {
  test("gives the municipality's figures beside the region's, with rates per 1,000 dwellings", () => {
    const r = municipalityReport({monthly: fixture(), areas}, "GM0001");
    expect(r.name).toBe("Aadorp");
    expect(r.years.map((y) => [y.year, y.months, y.gemeente.value, y.regio.value])).toEqual([[2023, 12, 120, 180], [2024, 12, 144, 204]]);
    expect(r.latest?.year).toBe(2024);
    expect(r.latest?.gemeenteRate).toBeCloseTo(14.4);
    // Region dwellings: every municipality of the region (incl. one without offences), not the buurt.
    expect(r.regionDwellings).toBe(16_000);
    expect(r.latest?.regioRate).toBeCloseTo((204 / 16_000) * 1000);
    expect(r.changeGemeente).toBeCloseTo(0.2);
    expect(r.changeRegio).toBeCloseTo(204 / 180 - 1);
    expect(r.share).toBeCloseTo(144 / 204);
  });
  test("never computes a hidden total: it shows a lower bound and no rate or change", () => {
    const r = municipalityReport({monthly: fixture(), areas}, "GM0002");
    expect(r.latest?.gemeente).toEqual({value: null, suppressed: true, lowerBound: 56, hidden: 1});
    expect(r.latest?.gemeenteRate).toBeNull();
    expect(r.changeGemeente).toBeNull();
    expect(r.share).toBeNull();
    expect(reportRows(r)[1]["Hof van Bée"]).toBe("≥ 56");
  });
  test("prefers the published year cell, which is exact where a month is hidden", () => {
    const yearly = [{area_level: "gemeente", area_code: "GM0002", year: 2024, soort: "totaal", count: 57}];
    const r = municipalityReport({monthly: fixture(), areas, yearly}, "GM0002");
    expect(r.latest?.gemeente.value).toBe(57);
    expect(r.latest?.gemeenteRate).toBeCloseTo(11.4);
  });
  test("without dwellings there are no rates", () => {
    const r = municipalityReport({monthly: fixture()}, "GM0001");
    expect(r.dwellings).toBeNull();
    expect(r.years.every((y) => y.gemeenteRate === null && y.regioRate === null)).toBe(true);
  });
  test("summarises the measures of the latest year, and says which files were delivered", () => {
    const r = municipalityReport({
      monthly: fixture(), areas,
      whatsapp: [
        {gemeentecode: "GM0001", start: day(2022, 5), end: null},
        {gemeentecode: "GM0001", start: day(2022, 5), end: day(2024, 3)}, // ended before 31-12-2024
        {gemeentecode: "GM0002", start: day(2024, 2), end: null}
      ],
      advice: [
        {gemeentecode: "GM0001", month: day(2023, 4), visits: 3},
        {gemeentecode: "GM0002", month: day(2023, 9), visits: 2}
      ],
      dor: [{gemeentecode: "GM0001", connected: day(2021, 7)}]
    }, "GM0001");
    expect(r.measures).toEqual({
      whatsappGemeente: 1, whatsappRegio: 2,
      adviceYear: 2023, adviceGemeente: {value: 3, suppressed: false, lowerBound: 3, hidden: 0}, adviceRegio: {value: 5, suppressed: false, lowerBound: 5, hidden: 0},
      dorSince: "2021-07", dorRegio: 1, regionSize: 3
    });
    expect(r.delivered).toEqual({whatsapp: true, advice: true, dor: true});
    expect(municipalityReport({monthly: fixture()}, "GM0001").delivered).toEqual({whatsapp: false, advice: false, dor: false});
  });
  test("rejects a municipality that is not in the table", () => {
    expect(() => municipalityReport({monthly: fixture()}, "GM9999")).toThrow("invalid municipality: GM9999");
  });
  test("a partial last year is not the latest complete year", () => {
    const rows = fixture().concat([{area_level: "regio", area_code: "regio", area_name: "Regio", month: day(2025, 1), soort: "inbraak", count: 3},
      {area_level: "gemeente", area_code: "GM0001", area_name: "Aadorp", month: day(2025, 1), soort: "inbraak", count: 3}]);
    const r = municipalityReport({monthly: rows}, "GM0001");
    expect(r.years.at(-1)).toMatchObject({year: 2025, months: 1});
    expect(r.latest?.year).toBe(2024);
  });
  test("a year whose last month the delivery covers only in part is not a whole year", () => {
    const r = municipalityReport({monthly: fixture(), areas, partial: ["2024-12"]}, "GM0001");
    expect(r.years.map((y) => [y.year, y.months])).toEqual([[2023, 12], [2024, 11]]);
    expect(r.latest?.year).toBe(2023);
    // No rate per 1,000 dwellings over part of a year: it would read as a fall.
    expect(r.years.map((y) => [y.gemeenteRate === null, y.regioRate === null])).toEqual([[false, false], [true, true]]);
    expect(reportRows(r).map((row) => [row["volledige maanden"], row["Aadorp per 1.000 woningen"]])).toEqual([[12, 12], [11, null]]);
  });
  test("the change on the year before compares whole years only", () => {
    // A delivery that starts in February 2023: the first year has 11 months.
    const late = fixture().filter((row) => row.month !== day(2023, 1));
    const r = municipalityReport({monthly: late, areas, partial: []}, "GM0001");
    expect(r.latest?.year).toBe(2024);
    expect(r.previous).toBeNull();
    expect(r.changeGemeente).toBeNull();
    expect(municipalityReport({monthly: fixture(), areas}, "GM0001").changeGemeente).toBeCloseTo(144 / 120 - 1);
  });
});

describe("formatChange", () => {
  test("formats a change in Dutch", () => {
    expect(formatChange(0.123)).toBe("+12%");
    expect(formatChange(-0.05)).toBe("−5%");
    expect(formatChange(0)).toBe("±0%");
    expect(formatChange(null)).toBe("—");
  });
});

describe("page names", () => {
  test("any area name gives a valid, unique page name", () => {
    const names: [string, string][] = [["GM0001", "!!!"], ["GM0002", "Café"], ["GM0003", "Cafe"], ["GM0004", "index"], ["GM0005", "   "], ["GM0006", "Hof van Twente"], ["GM0007", "gm0001"], ["GM0008", "日本"]];
    const rows = names.map(([code, name]) => ({area_level: "gemeente", area_code: code, area_name: name, count: 3}));
    const list = municipalitiesWithData(rows);
    const slugs = Object.fromEntries(list.map((m) => [m.code, m.slug]));
    expect(slugs).toEqual({
      GM0001: "gm0001", GM0002: "cafe-gm0002", GM0003: "cafe-gm0003", GM0004: "index-gm0004", GM0005: "gm0005",
      GM0006: "hof-van-twente", GM0007: "gm0001-gm0007", GM0008: "gm0008"
    });
    for (const m of list) expect(m.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
