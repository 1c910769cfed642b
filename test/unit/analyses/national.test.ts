// The committed national reference file is read with checks, and the national_rates table carries
// its rates and which years the delivery covers in full.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {NATIONAL_REFERENCE, nationalAnalysis, readNational} from "../../../loaders/analyses/national.js";
import type {AnalysisContext} from "../../../loaders/analyses/types.js";
import {checkTable} from "../../../loaders/pipeline/gate.js";
import {THEMES} from "../../../src/lib/theme.js";

const reference = JSON.parse(readFileSync(NATIONAL_REFERENCE, "utf8"));

function withYears(years: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "inbraaklab-nl-")), "nederland.json");
  writeFileSync(path, JSON.stringify({...reference, years}));
  return path;
}

describe("national reference", () => {
  test("every CBS year 2012-2023 once, every source documented", () => {
    const rows = readNational();
    expect(rows.map((r) => r.year)).toEqual(Array.from({length: 12}, (_, i) => 2012 + i));
    for (const r of rows) expect(r.dwellings_source === "interpolated" || r.dwellings_source in reference.sources).toBe(true);
    expect(rows.filter((r) => r.dwellings_interpolated).map((r) => r.year)).toEqual([2022, 2023]);
  });

  test("bad rows are refused with the file, row and field", () => {
    const ok = reference.years[0];
    expect(() => readNational(withYears([ok, {...ok, dwellings: 0}]))).toThrow(/years\[1\]: dwellings must be a positive integer/);
    expect(() => readNational(withYears([ok, ok]))).toThrow(/year 2012 appears twice/);
    expect(() => readNational(withYears([{...ok, dwellings_source: undefined}]))).toThrow(/years\[0\]: dwellings_source missing/);
  });

  test("the table: rate per 1,000 dwellings and the delivery's full years", () => {
    const day = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) / 86_400_000) * 1440;
    // 2022 has January and December, 2023 only April onwards.
    const incidents = ["2022-01-10", "2022-06-01", "2022-12-20", "2023-04-02", "2023-12-30"].map((d) => ({start: day(d)}));
    const context = {delivery: {incidents}, level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null} as unknown as AnalysisContext;
    const table = nationalAnalysis.run(context).tables!.national_rates;
    const rows = table.toArray().map((r) => r.toJSON());
    const y2019 = rows.find((r) => r.year === 2019)!;
    expect(y2019.rate).toBeCloseTo((y2019.burglaries / y2019.dwellings) * 1000, 3);
    expect(rows.filter((r) => r.delivery_full_year).map((r) => r.year)).toEqual([2022]);
  });

  test("region_rate: area_rates' reference rate of the municipalities (indicator inbraken) per year", async () => {
    const {buildTable, col} = await import("../../../loaders/arrow.js");
    const spec = [col.d("indicator", ""), col.d("area_level", ""), col.str("area_code", ""), col.i16("year", ""), col.f64("reference_rate", "", true)];
    const areaRates = buildTable(spec, {
      indicator: ["inbraken", "inbraken", "poging", "inbraken", "inbraken"],
      area_level: ["gemeente", "gemeente", "gemeente", "wijk", "gemeente"],
      area_code: ["GM0153", "GM0164", "GM0153", "WK015300", "GM0153"],
      year: [2019, 2019, 2020, 2020, 2021],
      reference_rate: [3.214, 3.214, 9.9, 7.7, null]
    } as never);
    const context = {delivery: {incidents: []}, level: "openbaar", suppressBelow: 5, tables: new Map([["area_rates", areaRates]]), truth: null} as unknown as AnalysisContext;
    const rows = nationalAnalysis.run(context).tables!.national_rates.toArray().map((r) => r.toJSON());
    // 2020 has only an attempts row and a district row; 2021's reference rate is missing.
    expect(rows.filter((r) => r.region_rate !== null).map((r) => [r.year, r.region_rate])).toEqual([[2019, 3.214]]);
    expect(rows).toHaveLength(12);
    // Without area_rates (another build) every year is null, not 0.
    const none = nationalAnalysis.run({...context, tables: new Map()}).tables!.national_rates.toArray().map((r) => r.toJSON());
    expect(none.every((r) => r.region_rate === null)).toBe(true);
  });

  test("passes the privacy gate as a reference table in an openbaar build", () => {
    const context = {delivery: {incidents: []}, level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null} as unknown as AnalysisContext;
    const table = nationalAnalysis.run(context).tables!.national_rates;
    const account = checkTable("national_rates", table, {level: "openbaar", mode: "standaard", threshold: 5});
    expect(account).toMatchObject({class: "reference", rows: 12, hidden: 0, threshold: 0});
  });

  test("another offence gets no national burglary series", () => {
    const context = {delivery: {incidents: []}, level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null, theme: THEMES.fietsdiefstal} as unknown as AnalysisContext;
    expect(nationalAnalysis.run(context).tables!.national_rates.numRows).toBe(0);
    const burglary = {...context, theme: THEMES.woninginbraak} as AnalysisContext;
    expect(nationalAnalysis.run(burglary).tables!.national_rates.numRows).toBe(12);
  });
});
