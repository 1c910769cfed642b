// The national benchmark: rates per 1,000 dwellings, and only years with a national figure, a
// region rate and a full delivered year are shown.
import {describe, expect, test} from "vitest";
import {benchmarkSeries, deliveryBenchmark, latestRegionBenchmark, nationalEmptyText, ratePer1000, regionBenchmarkText, regionRates, type BenchmarkRateRow, type NationalRow} from "../../../src/lib/benchmark.js";
import {plainRows} from "../../../src/lib/rows.js";
import {publishedDemo} from "../../helpers/published.js";

const row = (area_code: string, area_name: string, year: number, rate: number | null, reference_rate: number, indicator = "inbraken"): BenchmarkRateRow =>
  ({indicator, area_level: "gemeente", area_code, area_name, year, rate, reference_rate});

describe("ratePer1000", () => {
  test("divides by the stock and scales to 1,000", () => {
    expect(ratePer1000(22_706, 8_124_810)).toBeCloseTo((22_706 / 8_124_810) * 1000, 12);
    expect(ratePer1000(3, 1500)).toBe(2);
  });
  test("refuses a missing or zero stock and a negative count", () => {
    expect(() => ratePer1000(10, 0)).toThrow(/dwelling stock 0/);
    expect(() => ratePer1000(10, Number.NaN)).toThrow(/dwelling stock/);
    expect(() => ratePer1000(-1, 100)).toThrow(/invalid count -1/);
  });
});

describe("benchmarkSeries", () => {
  const national = [
    {year: 2021, burglaries: 2000, dwellings: 1_000_000},
    {year: 2022, burglaries: 3000, dwellings: 1_000_000, rate: 3.5}
  ];
  const rates = [
    row("GM0153", "Enschede", 2021, 4.1, 3.2), row("GM0164", "Hengelo", 2021, 2.5, 3.2),
    row("GM0153", "Enschede", 2022, null, 3.0), row("GM0164", "Hengelo", 2022, 2.8, 3.0),
    row("GM0153", "Enschede", 2023, 3.9, 2.9),
    row("GM0153", "Enschede", 2021, 0.4, 0.3, "poging")
  ];

  test("national, region and municipality per year; years without national data are left out", () => {
    const out = benchmarkSeries(rates, national, {regionName: "Regio", gemeente: "GM0153"});
    expect(out).toEqual([
      {year: 2021, reeks: "Nederland", rate: 2}, // computed from burglaries / dwellings
      {year: 2021, reeks: "Regio", rate: 3.2},
      {year: 2021, reeks: "Enschede", rate: 4.1},
      {year: 2022, reeks: "Nederland", rate: 3.5}, // the published rate wins
      {year: 2022, reeks: "Regio", rate: 3.0}
      // 2022 Enschede hidden (rate null); 2023 has no national figure
    ]);
    expect(out.some((d) => d.year === 2023)).toBe(false);
  });

  test("only the allowed (full) years, no municipality without a choice, other indicators apart", () => {
    const out = benchmarkSeries(rates, national, {regionName: "Regio", years: new Set([2022, 2023])});
    expect(out.map((d) => `${d.year} ${d.reeks}`)).toEqual(["2022 Nederland", "2022 Regio"]);
    const attempts = benchmarkSeries(rates, national, {indicator: "poging", regionName: "Regio", gemeente: "GM0153"});
    expect(attempts.filter((d) => d.reeks === "Enschede")).toEqual([{year: 2021, reeks: "Enschede", rate: 0.4}]);
  });

  test("the delivery's benchmark keeps the years the delivery covers whole and the burglary indicator", () => {
    const covered = [{...national[0], delivery_full_year: false}, {...national[1], delivery_full_year: true}];
    expect(deliveryBenchmark(rates, covered, {regionName: "Regio", gemeente: "GM0164"})).toEqual([
      {year: 2022, reeks: "Nederland", rate: 3.5}, {year: 2022, reeks: "Regio", rate: 3.0}, {year: 2022, reeks: "Hengelo", rate: 2.8}
    ]);
    expect(deliveryBenchmark(rates, national, {regionName: "Regio"})).toEqual([]);
  });

  test("a national year with no dwelling stock is not compared", () => {
    const out = benchmarkSeries(rates, [{year: 2021, burglaries: 5, dwellings: 0}], {regionName: "Regio"});
    expect(out).toEqual([]);
  });
});

describe("nationalEmptyText", () => {
  test("says whether the series is missing for this offence or the delivery has no year it covers", () => {
    expect(nationalEmptyText([])).toMatch(/geen landelijk vergelijkingscijfer/);
    expect(nationalEmptyText([])).not.toMatch(/inbra/);
    expect(nationalEmptyText([{year: 2012}, {year: 2023}])).toMatch(/CBS heeft de jaren 2012–2023/);
  });
});

describe("the region beside the Netherlands (Overzicht)", () => {
  const nl = (year: number, rate: number, full: boolean, region_rate: number | null) => ({year, burglaries: 1, dwellings: 1, rate, delivery_full_year: full, region_rate});

  test("regionRates keeps the municipality-level reference rate of one indicator", () => {
    const rates = [row("GM0153", "Enschede", 2022, 4, 3.1), row("GM0164", "Hengelo", 2022, 2, 3.1), row("GM0153", "Enschede", 2023, 4, 2.9, "poging")];
    expect([...regionRates(rates)]).toEqual([[2022, 3.1]]);
    expect([...regionRates(rates, "poging")]).toEqual([[2023, 2.9]]);
  });

  test("the last full year with both rates, and the relative difference", () => {
    const national = [nl(2021, 4, true, 3), nl(2022, 2.5, true, 2), nl(2023, 2.4, false, 1.2)];
    const b = latestRegionBenchmark(national)!;
    expect(b).toMatchObject({year: 2022, region: 2, nation: 2.5});
    expect(b.difference).toBeCloseTo(-0.2, 12);
    expect(latestRegionBenchmark([nl(2022, 2.5, true, null), nl(2023, 2.4, false, 1)])).toBeNull();
  });

  test("the sentence: Dutch decimals, below, above or about equal, and why there is none", () => {
    const opts = {regionName: "Twente", crimes: "woninginbraken", national: [{year: 2012}, {year: 2023}]};
    const below = regionBenchmarkText({year: 2022, region: 2.04, nation: 2.56, difference: (2.04 - 2.56) / 2.56}, opts);
    expect(below).toBe("In 2022, het laatste volledige jaar in de levering, registreerde de politie in Twente 2,0 woninginbraken per 1.000 woningen, in heel Nederland 2,6 (CBS): 20% onder het landelijke cijfer. Lees dat verschil als orde van grootte: het CBS telt ook diefstal uit een woning zonder braak mee.");
    expect(regionBenchmarkText({year: 2022, region: 3, nation: 2.5, difference: 0.2}, opts)).toMatch(/3,0 woninginbraken .* 2,5 \(CBS\): 20% boven het landelijke cijfer\. Lees/);
    expect(regionBenchmarkText({year: 2022, region: 2.55, nation: 2.5, difference: 0.02}, opts)).toMatch(/ongeveer gelijk aan het landelijke cijfer\. /);
    expect(regionBenchmarkText(null, opts)).toMatch(/Geen volledig kalenderjaar .* 2012–2023/);
  });
});

describe("the municipality report's rows (src/gemeenten/[gemeente].md)", () => {
  test("area_rates read at municipality level only give every municipality the same chart as all rows", () => {
    // The report converts only area_rates' gemeente rows (a few hundred of 50,400 on the demo).
    const {tables} = publishedDemo();
    const all = plainRows<BenchmarkRateRow>(tables.get("area_rates"));
    const gemeenten = plainRows<BenchmarkRateRow>(tables.get("area_rates"), [], {column: "area_level", values: ["gemeente"]});
    const national = plainRows<NationalRow>(tables.get("national_rates"));
    expect(gemeenten.length).toBeLessThan(all.length / 10);
    const codes = [...new Set(gemeenten.map((r) => r.area_code))];
    expect(codes.length).toBe(14);
    for (const gemeente of codes) {
      const chart = deliveryBenchmark(gemeenten, national, {regionName: "Regio", gemeente});
      expect(chart.some((p) => p.reeks !== "Nederland" && p.reeks !== "Regio"), gemeente).toBe(true);
      expect(chart, gemeente).toEqual(deliveryBenchmark(all, national, {regionName: "Regio", gemeente}));
    }
  });
});
