import {describe, expect, test} from "vitest";
import {dwellingsLookup} from "../../loaders/analyses/area-rates.js";
import {funnelSignal, funnelTable, funnelView, indicatorOfSoort, type RateRow} from "../../src/lib/compare.js";
import {filterDomain, isoMonth, monthlyDomain, privacyNote} from "../../src/lib/page-domain.js";

const rate = (area_code: string, over: Partial<RateRow> = {}): RateRow => ({
  indicator: "inbraken", area_level: "buurt", area_code, area_name: area_code, gemeentecode: `GM${area_code.slice(2, 6)}`, year: 2024,
  count: 5, dwellings: 1000, rate: 5, eb_rate: 4.5, reference_rate: 4, signal: "binnen", suppressed: false, ...over
});

describe("funnel comparison", () => {
  test("funnelSignal compares a count with exact limits", () => {
    const limits = {lower95: 5, upper95: 15, lower998: 2, upper998: 20};
    expect([21, 20, 16, 15, 10, 5, 4, 2, 1].map((c) => funnelSignal(c, limits))).toEqual(
      ["hoog998", "hoog95", "hoog95", "binnen", "binnen", "binnen", "laag95", "laag95", "laag998"]);
    expect(() => funnelSignal(-1, limits)).toThrow("invalid count");
  });

  test("funnelView selects one indicator, level, year and municipality and lists hidden areas apart", () => {
    const rates = [
      rate("BU01530001", {dwellings: 3000}), rate("BU01530002", {dwellings: 500}), rate("BU01530003", {count: null, rate: null, eb_rate: null, suppressed: true, signal: "verborgen"}),
      rate("BU01640001"), rate("BU01530004", {year: 2023}), rate("BU01530005", {indicator: "poging"})
    ];
    const limits = [{indicator: "inbraken", area_level: "buurt", year: 2024, dwellings: 2000, lower95: 1, upper95: 8, lower998: 0.5, upper998: 10},
      {indicator: "inbraken", area_level: "buurt", year: 2024, dwellings: 100, lower95: 0, upper95: 30, lower998: 0, upper998: 50},
      {indicator: "inbraken", area_level: "wijk", year: 2024, dwellings: 100, lower95: 0, upper95: 30, lower998: 0, upper998: 50}];
    const view = funnelView(rates, limits, {indicator: "inbraken", level: "buurt", year: 2024, gemeente: "GM0153"});
    expect(view.shown.map((d) => d.area_code)).toEqual(["BU01530002", "BU01530001"]);
    expect(view.hidden.map((d) => d.area_code)).toEqual(["BU01530003"]);
    expect(view.curve.map((d) => d.dwellings)).toEqual([100, 2000]);
    expect(view.reference).toBe(4);
    const table = funnelTable(view);
    expect(table.map((r) => r.signaal)).toEqual(["binnen de verwachting", "binnen de verwachting", "verborgen (klein aantal)"]);
    expect([table[2].aantal, table[2].per_1000_woningen, table[0].aantal]).toEqual(["verborgen", "verborgen", 5]);
    expect(funnelView(rates, limits, {indicator: "inbraken", level: "buurt", year: 2024}).shown.length).toBe(3);
  });

  test("indicatorOfSoort follows the soort filter", () => {
    expect(["alle", "inbraak", "poging"].map(indicatorOfSoort)).toEqual(["inbraken", "inbraak", "poging"]);
  });

  test("dwellingsLookup takes the nearest delivered year, else the built-in municipality figure", () => {
    const lookup = dwellingsLookup([
      {gebiedscode: "BU01530001", jaar: 2020, variabele: "woningvoorraad", waarde: 100},
      {gebiedscode: "BU01530001", jaar: 2024, variabele: "woningvoorraad", waarde: 140},
      {gebiedscode: "BU01530001", jaar: 2024, variabele: "aantal_inwoners", waarde: 999}
    ]);
    expect([lookup("BU01530001", 2019), lookup("BU01530001", 2023), lookup("BU01530001", 2022)]).toEqual([100, 140, 140]);
    expect(lookup("GM0153", 2024)).toBe(77059);
    expect(lookup("BU99990001", 2024)).toBeNull();
    expect(dwellingsLookup(null)("GM0141", 2020)).toBe(34496);
  });
});

describe("page domain", () => {
  test("filterDomain takes the region's months and the municipalities with names", () => {
    const monthly = [{area_code: "regio", month: Date.UTC(2024, 1, 1)}, {area_code: "regio", month: Date.UTC(2024, 0, 1)}, {area_code: "GM0153", month: Date.UTC(2023, 0, 1)}];
    const areas = [{code: "GM0164", name: "Hengelo", level: "gemeente"}, {code: "GM0153", name: "Enschede", level: "gemeente"}, {code: "WK015301", name: "W", level: "wijk"}];
    const {domain, names} = filterDomain(monthly, areas);
    expect(domain).toEqual({months: ["2024-01", "2024-02"], gemeenten: ["GM0153", "GM0164"]});
    expect(names.get("GM0164")).toBe("Hengelo");
    expect(isoMonth(new Date(Date.UTC(2022, 11, 1)))).toBe("2022-12");
  });

  test("privacyNote states the rule in openbaar and says nothing is hidden in intern", () => {
    expect(privacyNote({level: "openbaar", suppress_below: 5, privacy: "standaard"})).toContain("staan er exact");
    expect(privacyNote({level: "openbaar", suppress_below: 5, privacy: "standaard"})).toContain("1 tot en met 4");
    expect(privacyNote({level: "openbaar", suppress_below: 5, privacy: "streng"})).toContain("in alle tabellen met aantallen");
    expect(privacyNote({level: "intern", suppress_below: 0})).toContain("geen aantallen verborgen");
  });
});

describe("monthlyDomain", () => {
  test("plain rows, the sorted distinct months and each area's name", () => {
    const row = (area_code: string, area_name: string, y: number, m: number) =>
      ({area_level: area_code === "regio" ? "regio" : "gemeente", area_code, area_name, month: Date.UTC(y, m - 1, 1), soort: "inbraak", count: 5, extra: "x"});
    const input = [row("regio", "Twente", 2024, 2), row("GM0153", "Enschede", 2024, 1), row("GM0153", "Enschede", 2024, 2)];
    const {rows, months, names} = monthlyDomain(input);
    expect(months).toEqual(["2024-01", "2024-02"]);
    expect([...names]).toEqual([["regio", "Twente"], ["GM0153", "Enschede"]]);
    // Every column (plainRows), as copies: a page may not change the published rows through them.
    expect(rows[0]).toEqual({area_level: "regio", area_code: "regio", area_name: "Twente", month: Date.UTC(2024, 1, 1), soort: "inbraak", count: 5, extra: "x"});
    expect(rows[0]).not.toBe(input[0]);
  });
});
