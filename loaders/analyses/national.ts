/**
 * The national benchmark: the Netherlands' registered burglaries (CBS 47025NED, type 1.1.1) per
 * 1,000 dwellings per year, from the committed reference file loaders/reference/nederland.json
 * (provenance in loaders/reference/README.md). No incident data: the delivery only says which
 * calendar years it covers in full, so the page compares whole years only. Beside it, the region's own
 * rate from area_rates (run before this analysis), so that Overzicht can set the region beside the
 * Netherlands without loading area_rates.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {ratePer1000, regionRates, type BenchmarkRateRow, type NationalRow} from "../../src/lib/benchmark.js";
import {plainRows} from "../../src/lib/rows.js";
import {PROJECT_ROOT} from "../config.js";
import {buildTable, col, type ColumnSpec} from "../arrow.js";
import {fullYears} from "./common.js";
import type {Analysis} from "./types.js";

const {i16, i32, f64} = col;

export const NATIONAL_RATES_SCHEMA: readonly ColumnSpec[] = [
  i16("year", "calendar year"),
  i32("burglaries", "police-registered crimes of CBS type 1.1.1 Diefstal/inbraak woning in the Netherlands (47025NED, NL01)"),
  i32("dwellings", "national dwelling stock on 1 January of the year"),
  {name: "dwellings_interpolated", kind: "bool", description: "whether the dwelling stock is interpolated (2022, 2023: between 1 January 2021 and 2024)"},
  f64("rate", "burglaries per 1,000 dwellings (3 decimals)"),
  i32("inhabitants", "yearly mean population (CBS 83474NED)"),
  {name: "delivery_full_year", kind: "bool", description: "whether the delivery covers this calendar year in full (a January and a December incident, neither month covered only in part)"},
  f64("region_rate", "the delivery region's burglaries per 1,000 dwellings: area_rates' reference rate of the municipalities, indicator inbraken (3 decimals); null where area_rates has none for the year", true)
];

export const NATIONAL_REFERENCE = join(PROJECT_ROOT, "loaders/reference/nederland.json");

/** Reads and checks the reference file: every year once, positive counts and stock. */
export function readNational(path = NATIONAL_REFERENCE): (NationalRow & {inhabitants: number; dwellings_source: string})[] {
  const json = JSON.parse(readFileSync(path, "utf8")) as {years?: unknown};
  if (!Array.isArray(json.years)) throw new Error(`${path}: no "years" array`);
  const seen = new Set<number>();
  return json.years.map((r: Record<string, unknown>, i: number) => {
    const where = `${path}: years[${i}]`;
    for (const k of ["year", "burglaries", "dwellings", "inhabitants"]) {
      if (typeof r[k] !== "number" || !Number.isInteger(r[k]) || (r[k] as number) <= 0) throw new Error(`${where}: ${k} must be a positive integer, got ${JSON.stringify(r[k])}`);
    }
    const year = r.year as number;
    if (seen.has(year)) throw new Error(`${where}: year ${year} appears twice`);
    seen.add(year);
    if (typeof r.dwellings_source !== "string") throw new Error(`${where}: dwellings_source missing`);
    return {year, burglaries: r.burglaries as number, dwellings: r.dwellings as number, inhabitants: r.inhabitants as number,
      dwellings_source: r.dwellings_source, dwellings_interpolated: r.dwellings_source === "interpolated"};
  }).sort((a, b) => a.year - b.year);
}

export const nationalAnalysis: Analysis = {
  name: "national",
  schemas: {national_rates: NATIONAL_RATES_SCHEMA},
  run({delivery, theme, tables}) {
    // The CBS series counts residential burglary: beside another offence it would compare unlike things.
    const rows = theme && theme.id !== "woninginbraak" ? [] : readNational();
    const full = new Set(fullYears(delivery.incidents));
    const region = regionRates(plainRows<BenchmarkRateRow>(tables?.get("area_rates")));
    const columns = {
      year: rows.map((r) => r.year),
      burglaries: rows.map((r) => r.burglaries),
      dwellings: rows.map((r) => r.dwellings),
      dwellings_interpolated: rows.map((r) => (r.dwellings_interpolated ? 1 : 0)),
      rate: rows.map((r) => Math.round(ratePer1000(r.burglaries, r.dwellings) * 1000) / 1000),
      inhabitants: rows.map((r) => r.inhabitants),
      delivery_full_year: rows.map((r) => (full.has(r.year) ? 1 : 0)),
      region_rate: rows.map((r) => region.get(r.year) ?? null)
    };
    return {tables: {national_rates: buildTable(NATIONAL_RATES_SCHEMA, columns as never)}};
  }
};
