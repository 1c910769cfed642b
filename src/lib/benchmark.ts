/**
 * Benchmark against the Netherlands: the national registered-burglary rate per 1,000 dwellings
 * (CBS 47025NED type 1.1.1 over the national dwelling stock on 1 January, loaders/reference/)
 * beside the region's and a municipality's rate from area_rates, only for the years all exist.
 */

export interface NationalRow {
  year: number;
  burglaries: number;
  dwellings: number;
  dwellings_interpolated?: boolean | number;
  rate?: number | null;
  /** Whether the delivery covers this whole calendar year (national_rates). */
  delivery_full_year?: boolean | number | null;
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
  const region = new Map<number, number>();
  for (const r of rows) if (r.reference_rate !== null && r.reference_rate !== undefined) region.set(r.year, r.reference_rate);
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
