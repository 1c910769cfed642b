import {describe, expect, test} from "vitest";
import {municipalityReport, type MonthRow} from "../../../src/lib/gemeente.js";
import {districtMap, municipalityGoals, pageGoals, reportTrend, timeProfile} from "../../../src/lib/gemeente-sections.js";
import {yearTicks} from "../../../src/lib/nl-format.js";
import {MonthIndex} from "../../../src/lib/overview.js";
import type {VertexRow} from "../../../src/lib/maps/geometry.js";
import type {ProfileRow} from "../../../src/lib/when.js";

const day = (y: number, m: number) => Date.UTC(y, m - 1, 1);

/** Aadorp (GM0001) and the region: 2023 (12 months, 10 a month, 20 in March) and January 2024. */
function monthly(): MonthRow[] {
  const rows: MonthRow[] = [];
  const months = [...Array.from({length: 12}, (_, i) => day(2023, i + 1)), day(2024, 1)];
  for (const month of months) {
    const count = month === day(2023, 3) ? 20 : 10;
    rows.push({area_level: "gemeente", area_code: "GM0001", area_name: "Aadorp", month, soort: "inbraak", count});
    rows.push({area_level: "gemeente", area_code: "GM0001", area_name: "Aadorp", month, soort: "poging", count: 0});
    rows.push({area_level: "regio", area_code: "regio", area_name: "Regio", month, soort: "inbraak", count: 2 * count});
  }
  return rows;
}

/** A unit square (in km) at (x0, y0), as vertex rows. */
const square = (code: string, level: string, x0: number, y0: number): VertexRow[] =>
  [[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]].map(([x, y], seq) => ({code, level, polygon: 0, ring: 0, seq, x: x0 + x, y: y0 + y}));

const yearRow = (area_level: string, area_code: string, year: number, count: number | null) =>
  ({area_level, area_code, area_name: area_code, gemeentecode: "GM0001", year, soort: "totaal", count, suppressed: count === null});

describe("reportTrend", () => {
  test("draws whole years only, with the region beside the municipality when rates exist", () => {
    const report = municipalityReport({monthly: monthly(), areas: [{code: "GM0001", name: "Aadorp", level: "gemeente", dwellings: 1000}]}, "GM0001");
    const trend = reportTrend(report);
    expect(trend.hasRates).toBe(true);
    // 2024 has one month: it is not in the line.
    expect(trend.years).toEqual([2023]);
    expect(trend.rows).toEqual([{jaar: 2023, gebied: "Aadorp", waarde: 130}, {jaar: 2023, gebied: "Regio", waarde: 260}]);
    expect(trend.hiddenYears).toBe(false);
  });
  test("without dwellings the line is the count, and a hidden year is left out and reported", () => {
    const rows = monthly().map((r) => (r.area_code === "GM0001" && r.month === day(2023, 5) && r.soort === "inbraak" ? {...r, count: null} : r));
    const trend = reportTrend(municipalityReport({monthly: rows}, "GM0001"));
    expect(trend.hasRates).toBe(false);
    expect(trend.rows).toEqual([]);
    expect(trend.hiddenYears).toBe(true);
    expect(reportTrend(municipalityReport({monthly: monthly()}, "GM0001")).rows).toEqual([{jaar: 2023, gebied: "Aadorp", waarde: 130}]);
  });
});

describe("yearTicks", () => {
  const years = Array.from({length: 15}, (_, i) => 2011 + i);
  test("every year where they fit, else every k-th year ending on the last", () => {
    expect(yearTicks(years, 1000)).toEqual(years);
    // 15 years at 44 px need 660 px: on a phone (about 330 px) every other year, at 200 px every fourth.
    expect(yearTicks(years, 330)).toEqual([2011, 2013, 2015, 2017, 2019, 2021, 2023, 2025]);
    expect(yearTicks(years, 200)).toEqual([2013, 2017, 2021, 2025]);
    expect(yearTicks([], 300)).toEqual([]);
    expect(() => yearTicks(years, 0)).toThrow("invalid width: 0");
  });
});

describe("districtMap", () => {
  const geometry = [...square("GM0001", "gemeente", 0, 0), ...square("WK000101", "wijk", 0, 0), ...square("WK000102", "wijk", 0, 500),
    ...square("WK000201", "wijk", 5000, 0), ...square("GM0002", "gemeente", 5000, 0)];
  const yearly = [yearRow("wijk", "WK000101", 2023, 7), yearRow("wijk", "WK000102", 2023, null), yearRow("wijk", "WK000101", 2022, 3), yearRow("gemeente", "GM0001", 2023, 130)];
  test("the municipality's districts and outline, coloured by their count in the year", () => {
    const map = districtMap(geometry, yearly, {code: "GM0001", name: "Aadorp", year: 2023});
    expect(map.reason).toBeNull();
    expect(map.districts.map((f) => f.id)).toEqual(["WK000101", "WK000102"]);
    expect(map.outline.map((f) => f.id)).toEqual(["GM0001"]);
    expect(map.values.map((v) => [v.code, v.value, v.hidden])).toEqual([["WK000101", 7, false], ["WK000102", null, true]]);
    // The two districts (0..1000 x 0..1500) with a margin of 300 m; the other municipality's district is not in it.
    expect(map.extent).toEqual([-300, -300, 1300, 1800]);
  });
  test("says in Dutch why there is no map: no district outlines, no year, no district counts", () => {
    const outlinesOnly = geometry.filter((r) => r.level === "gemeente");
    expect(districtMap(outlinesOnly, yearly, {code: "GM0001", name: "Aadorp", year: 2023})).toMatchObject({districts: [], reason: expect.stringContaining("geen wijkgrenzen van Aadorp")});
    expect(districtMap(geometry, yearly, {code: "GM0001", name: "Aadorp", year: null}).reason).toContain("geen jaar met cijfers");
    const pc4Only = yearly.filter((r) => r.area_level !== "wijk");
    expect(districtMap(geometry, pc4Only, {code: "GM0001", name: "Aadorp", year: 2023}).reason).toContain("hebben in deze levering geen wijk");
    expect(() => districtMap(geometry, yearly, {code: "regio", name: "Regio", year: 2023})).toThrow("invalid municipality code: regio");
  });
});

describe("timeProfile", () => {
  const profile: ProfileRow[] = [];
  for (let w = 0; w < 7; w++) for (let h = 0; h < 24; h++) {
    profile.push({area_code: "GM0001", year: 0, weekday: w, hour: h, weight: w === 5 && h === 20 ? 6 : w === 0 && h === 3 ? null : 0.5});
    profile.push({area_code: "regio", year: 2023, weekday: w, hour: h, weight: 1});
  }
  const meta = {incidents: 130, incidents_with_time: 120, partial_months: []};
  test("the season over the whole delivery and the municipality's weekday x hour grid over all years", () => {
    const p = timeProfile({monthly: monthly(), profile, meta}, "GM0001");
    // 2023: 10 a month, 20 in March; January also 2024 (10). Mean of the 12 month means = 130/12.
    expect(p.season).toHaveLength(12);
    expect(p.season[2].index).toBeCloseTo((100 * 20) / (130 / 12));
    expect(p.season[0]).toMatchObject({years: 2});
    expect(p.seasonYears).toBe(2);
    expect(p.seasonReason).toBeNull();
    expect(p.weekReason).toBeNull();
    expect(p.week).toHaveLength(168);
    expect(p.week![5 * 24 + 20].weight).toBe(6);
    expect(p.week![3].weight).toBeNull();
  });
  test("a partial month does not count, and accepts a MonthIndex", () => {
    const p = timeProfile({monthly: new MonthIndex(monthly()), profile, meta: {...meta, partial_months: ["2024-01"]}}, "GM0001");
    expect(p.season[0].years).toBe(1);
    expect(p.seasonYears).toBe(1);
  });
  test("a delivery of dates only gets no hour grid, with the reason", () => {
    const p = timeProfile({monthly: monthly(), profile, meta: {incidents: 130, incidents_with_time: 0}}, "GM0001");
    expect(p.week).toBeNull();
    expect(p.weekReason).toContain("geen tijdstippen");
    expect(p.seasonReason).toBeNull();
  });
  test("hidden or missing profiles and months give a reason instead of a chart", () => {
    const allHidden = profile.map((r) => (r.area_code === "GM0001" ? {...r, weight: null} : r));
    expect(timeProfile({monthly: monthly(), profile: allHidden, meta}, "GM0001")).toMatchObject({week: null, weekReason: expect.stringContaining("helemaal verborgen")});
    expect(timeProfile({monthly: monthly(), profile: [], meta}, "GM0001").weekReason).toContain("geen weekdag-uurprofiel");
    const hiddenMonths = monthly().map((r) => (r.area_code === "GM0001" ? {...r, count: null} : r));
    expect(timeProfile({monthly: hiddenMonths, profile, meta}, "GM0001").seasonReason).toContain("verborgen");
    expect(timeProfile({monthly: monthly(), profile, meta}, "GM0009").seasonReason).toBe("Geen maandcijfers voor deze gemeente.");
  });
});

describe("municipalityGoals", () => {
  const inputs = (targets: {area_code: string; year: number; indicator: string; target: number}[]) => ({
    targets, monthIndex: new MonthIndex(monthly()), yearRows: [{area_code: "GM0001", year: 2023, soort: "inbraak", count: 130}], groups: [], advice: [], dor: []
  });
  const options = {code: "GM0001", name: "Aadorp", lastMonth: "2024-01", dwellings: 1000, delivered: true};
  test("the latest year with goals up to the last month, counted to that month", () => {
    const goals = municipalityGoals(inputs([
      {area_code: "GM0001", year: 2023, indicator: "inbraken", target: 100},
      {area_code: "GM0001", year: 2024, indicator: "inbraken", target: 120},
      {area_code: "GM0001", year: 2025, indicator: "inbraken", target: 1},
      {area_code: "GM0002", year: 2024, indicator: "inbraken", target: 1}
    ]), options);
    expect(goals).toMatchObject({year: 2024, to: "2024-01", period: "januari t/m januari 2024", reason: null});
    expect(goals.progress).toHaveLength(1);
    expect(goals.progress[0]).toMatchObject({target: 120, actual: 10, months: 1});
    expect(goals.table).toEqual([{indicator: "inbraken", jaar: "2024", doel: 120, tot_nu_toe: 10, aandeel_van_doel: 8.3, maanden: 1}]);
  });
  test("an earlier year's goals are counted over that whole year", () => {
    const goals = municipalityGoals(inputs([{area_code: "GM0001", year: 2023, indicator: "inbraken_per_1000_woningen", target: 100}]), options);
    expect(goals).toMatchObject({year: 2023, to: "2023-12", period: "januari t/m december 2023"});
    // 130 burglaries in 1,000 dwellings over 2023.
    expect(goals.progress[0]).toMatchObject({actual: 130, months: 12});
    expect(goals.progress[0].sentence).toContain("het doel is al overschreden");
  });
  test("a partly covered last month is stepped back over", () => {
    const goals = municipalityGoals(inputs([{area_code: "GM0001", year: 2024, indicator: "inbraken", target: 5}, {area_code: "GM0001", year: 2023, indicator: "inbraken", target: 5}]), {...options, partial: ["2024-01"]});
    expect(goals).toMatchObject({year: 2023, to: "2023-12"});
  });
  test("says in Dutch why there is no progress", () => {
    expect(municipalityGoals(inputs([]), {...options, delivered: false}).reason).toContain("doelen.csv ontbreekt");
    expect(municipalityGoals(inputs([{area_code: "GM0002", year: 2024, indicator: "inbraken", target: 5}]), options).reason).toBe("Voor Aadorp zijn geen doelen geleverd tot en met 2024.");
    expect(municipalityGoals(inputs([{area_code: "GM0001", year: 2024, indicator: "onbekend", target: 5}]), options).reason).toContain("indicatoren die deze pagina niet kent");
    expect(municipalityGoals(inputs([]), {...options, lastMonth: null}).reason).toContain("Geen maandcijfers");
  });
});

describe("pageGoals", () => {
  const targets = [{area_code: "GM0001", year: 2023, indicator: "inbraken_per_1000_woningen", target: 100}];
  const tables = {
    monthly: monthly(), targets, whatsapp: [], advice: [], dor: [],
    // Only municipality year rows count: the region row must not replace Aadorp's 130.
    yearly: [{area_level: "gemeente", area_code: "GM0001", year: 2023, soort: "inbraak", count: 130}, {area_level: "regio", area_code: "GM0001", year: 2023, soort: "inbraak", count: 999}]
  };
  const report = {code: "GM0001", name: "Aadorp", dwellings: 1000};
  const files = [{file: "doelen.csv", present: true}];

  test("takes the last month, partial months and the doelen.csv flag from meta.json", () => {
    const goals = pageGoals(tables, report, {meta: {last_month: "2024-01", partial_months: [], files}});
    expect(goals).toMatchObject({year: 2023, to: "2023-12", reason: null});
    expect(goals.progress[0]).toMatchObject({actual: 130, months: 12});
    expect(pageGoals(tables, report, {meta: {last_month: "2024-01", files: [{file: "doelen.csv", present: false}]}}).reason).toContain("doelen.csv ontbreekt");
    expect(pageGoals(tables, report, {meta: {files}}).reason).toContain("Geen maandcijfers");
  });
});
