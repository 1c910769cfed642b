/**
 * Benchmark against the Netherlands: the national registered-burglary rate per 1,000 dwellings
 * (CBS 47025NED type 1.1.1 over the national dwelling stock on 1 January, loaders/reference/)
 * beside the region's and a municipality's rate from area_rates, only for the years all exist.
 */
import {nlValue} from "./nl-format.js";

export interface NationalRow {
  year: number;
  burglaries: number;
  dwellings: number;
  dwellings_interpolated?: boolean | number;
  rate?: number | null;
  /** Whether the delivery covers this whole calendar year (national_rates). */
  delivery_full_year?: boolean | number | null;
  /** The delivery region's rate per 1,000 dwellings in this year (national_rates; {@link regionRates}). */
  region_rate?: number | null;
}

export interface BenchmarkRateRow {
  indicator: string;
  area_level: string;
  area_code: string;
  area_name: string;
  year: number;
  rate: number | null;
  reference_rate: number | null;
}

export interface BenchmarkPoint {
  year: number;
  reeks: string;
  rate: number;
}

/** Crimes per 1,000 dwellings; throws on a non-positive or missing stock. */
export function ratePer1000(count: number, dwellings: number): number {
  if (!Number.isFinite(count) || count < 0) throw new Error(`benchmark: invalid count ${count}`);
  if (!Number.isFinite(dwellings) || dwellings <= 0) throw new Error(`benchmark: invalid dwelling stock ${dwellings}`);
  return (count / dwellings) * 1000;
}

/**
 * The region's rate per 1,000 dwellings by year: area_rates' reference rate at municipality level
 * (all municipalities' burglaries over all their dwellings, the funnel's centre) for one indicator.
 * National_rates carries it as `region_rate`, so that Overzicht needs no area_rates.
 * @example regionRates(plainRows(areaRates)).get(2023) // 3.214
 */
export function regionRates(rates: Iterable<Pick<BenchmarkRateRow, "indicator" | "area_level" | "year" | "reference_rate">>, indicator = "inbraken"): Map<number, number> {
  const region = new Map<number, number>();
  for (const r of rates) {
    if (r.indicator !== indicator || r.area_level !== "gemeente" || r.reference_rate === null || r.reference_rate === undefined) continue;
    region.set(r.year, r.reference_rate);
  }
  return region;
}

/**
 * The series of the chart: Nederland, the region (its reference rate at municipality level) and,
 * when chosen, one municipality, for the years in which the national figure and the region's
 * rate both exist and that are in `years` (complete calendar years of the delivery).
 */
export function benchmarkSeries(rates: readonly BenchmarkRateRow[], national: readonly NationalRow[], options: {
  indicator?: string; regionName: string; gemeente?: string | null; years?: ReadonlySet<number> | null;
}): BenchmarkPoint[] {
  const indicator = options.indicator ?? "inbraken";
  const nationalByYear = new Map(national.filter((n) => n.dwellings > 0).map((n) => [n.year, n.rate ?? ratePer1000(n.burglaries, n.dwellings)]));
  const rows = rates.filter((r) => r.indicator === indicator && r.area_level === "gemeente");
  const region = regionRates(rows, indicator);
  const out: BenchmarkPoint[] = [];
  const years = [...region.keys()].filter((y) => nationalByYear.has(y) && (!options.years || options.years.has(y))).sort((a, b) => a - b);
  for (const year of years) {
    out.push({year, reeks: "Nederland", rate: nationalByYear.get(year)!});
    out.push({year, reeks: options.regionName, rate: region.get(year)!});
    if (options.gemeente) {
      const g = rows.find((r) => r.area_code === options.gemeente && r.year === year);
      if (g && g.rate !== null) out.push({year, reeks: g.area_name, rate: g.rate});
    }
  }
  return out;
}

/**
 * Why there is no chart beside the Netherlands, in Dutch: no national series in this build (it is
 * published for residential burglary only, and the text must not name burglary in another theme's
 * build), or no complete year of the delivery that it covers.
 */
export function nationalEmptyText(national: readonly Pick<NationalRow, "year">[]): string {
  if (!national.length) return "Voor dit delict heeft het CBS geen landelijk vergelijkingscijfer in deze site.";
  return `Geen volledig kalenderjaar in de levering waarvoor ook het landelijke CBS-cijfer bestaat (CBS heeft de jaren ${national[0].year}–${national[national.length - 1].year}).`;
}

/**
 * benchmarkSeries for the burglary indicator over the complete calendar years of the delivery (the
 * national rows' `delivery_full_year`), with the region and, when given, one municipality
 * (Vergelijken and the municipality pages).
 */
export function deliveryBenchmark(rates: readonly BenchmarkRateRow[], national: readonly NationalRow[], {regionName, gemeente = null}: {regionName: string; gemeente?: string | null}): BenchmarkPoint[] {
  const years = new Set(national.filter((d) => d.delivery_full_year).map((d) => d.year));
  return benchmarkSeries(rates, national, {indicator: "inbraken", regionName, gemeente, years});
}

/** The region beside the Netherlands in one year (Overzicht). */
export interface RegionBenchmark {
  year: number;
  region: number;
  nation: number;
  /** (region - nation) / nation, unrounded. */
  difference: number;
}

/**
 * The last complete calendar year of the delivery with both the region's and the national rate, from
 * national_rates alone (its `region_rate` and `delivery_full_year`); null when there is none.
 */
export function latestRegionBenchmark(national: readonly NationalRow[]): RegionBenchmark | null {
  const years = national
    .filter((n) => n.delivery_full_year && n.region_rate !== null && n.region_rate !== undefined && n.dwellings > 0)
    .sort((a, b) => b.year - a.year);
  if (!years.length) return null;
  const n = years[0];
  const nation = n.rate ?? ratePer1000(n.burglaries, n.dwellings);
  return {year: n.year, region: n.region_rate!, nation, difference: (n.region_rate! - nation) / nation};
}

/**
 * Overzicht's sentence beside the Netherlands, in Dutch: the region's and the national rate per 1,000
 * dwellings in the last complete year and how far apart they are, read as an order of magnitude
 * (CBS's type 1.1.1 also counts theft from a dwelling without break-in; Vergelijken's note has all
 * the differences). Rates with one decimal (Dutch comma); "ongeveer gelijk" within 5%: a reading
 * aid, not a test (a region's yearly count of 800 already has a Poisson standard error of 3.5%).
 * @example regionBenchmarkText(b, {regionName: "Twente", crimes: "inbraken en pogingen", national})
 */
export function regionBenchmarkText(b: RegionBenchmark | null, {regionName, crimes, national}: {regionName: string; crimes: string; national: readonly Pick<NationalRow, "year">[]}): string {
  if (!b) return nationalEmptyText(national);
  const pct = Math.round(Math.abs(b.difference) * 100);
  const relation = Math.abs(b.difference) < 0.05 ? "ongeveer gelijk aan het landelijke cijfer" : `${pct}% ${b.difference < 0 ? "onder" : "boven"} het landelijke cijfer`;
  return `In ${b.year}, het laatste volledige jaar in de levering, registreerde de politie in ${regionName} ${nlValue(b.region, 1)} ${crimes} per 1.000 woningen, in heel Nederland ${nlValue(b.nation, 1)} (CBS): ${relation}. ` +
    "Lees dat verschil als orde van grootte: het CBS telt ook diefstal uit een woning zonder braak mee.";
}
