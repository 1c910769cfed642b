import {describe, expect, test} from "vitest";
import {eveningTable, heatCaption, heatGrid, heatTable, monthlyTrend, seasonIndex, seasonTable, sunsetHourTable, sunsetSummary, sunsetTotals, trendSeries, trendTable, type HeatCell, type SeasonPoint} from "../../../src/lib/when.js";

const m = (k: string) => Date.parse(`${k}-01T00:00:00Z`);

describe("monthlyTrend", () => {
  test("pairs each month with the same month a year earlier; hidden stays null", () => {
    const rows = [
      {area_code: "regio", month: m("2023-01"), soort: "inbraak", count: 9},
      {area_code: "regio", month: m("2023-01"), soort: "poging", count: 3},
      {area_code: "regio", month: m("2024-01"), soort: "inbraak", count: 7},
      {area_code: "regio", month: m("2024-01"), soort: "poging", count: 2},
      {area_code: "regio", month: m("2024-02"), soort: "inbraak", count: null},
      {area_code: "regio", month: m("2024-02"), soort: "poging", count: 6}
    ];
    expect(monthlyTrend(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "alle"})).toEqual([
      {month: "2024-01", value: 9, lastYear: 12, partial: false},
      {month: "2024-02", value: null, lastYear: null, partial: false}
    ]);
    expect(monthlyTrend(rows, {from: "2024-02", to: "2024-02", area: "regio", soort: "poging"})).toEqual([{month: "2024-02", value: 6, lastYear: null, partial: false}]);
  });
  test("a partly covered month is marked, and is no month a year later compares with", () => {
    const rows = ["2023-01", "2024-01", "2024-02"].map((k) => ({area_code: "regio", month: m(k), soort: "inbraak", count: 5}));
    expect(monthlyTrend(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "alle"}, {partial: ["2023-01", "2024-02"]})).toEqual([
      {month: "2024-01", value: 5, lastYear: null, partial: false},
      {month: "2024-02", value: 5, lastYear: null, partial: true}
    ]);
  });
});

describe("seasonIndex", () => {
  test("100 is the average month; months without shown values are null", () => {
    const rows = ["2023-01", "2024-01"].map((k) => ({area_code: "regio", month: m(k), soort: "inbraak", count: 30 as number | null}))
      .concat(["2023-07", "2024-07"].map((k) => ({area_code: "regio", month: m(k), soort: "inbraak", count: 10})))
      .concat([{area_code: "regio", month: m("2024-03"), soort: "inbraak", count: null}]);
    const season = seasonIndex(rows, {from: "2023-01", to: "2024-12", area: "regio", soort: "alle"});
    expect(season[0]).toEqual({month: 1, index: 150, years: 2});
    expect(season[6]).toEqual({month: 7, index: 50, years: 2});
    expect(season[2].index).toBeNull();
  });
  test("partly covered months are left out", () => {
    // A delivery that stops a week into July 2024: that July's 2 would pull July's mean down.
    const rows = [["2023-01", 30], ["2023-07", 10], ["2024-01", 30], ["2024-07", 2]].map(([k, c]) => ({area_code: "regio", month: m(k as string), soort: "inbraak", count: c as number}));
    const all = seasonIndex(rows, {from: "2023-01", to: "2024-12", area: "regio", soort: "alle"});
    const whole = seasonIndex(rows, {from: "2023-01", to: "2024-12", area: "regio", soort: "alle"}, {partial: ["2024-07"]});
    expect(all[6]).toEqual({month: 7, index: 100 * 6 / 18, years: 2});
    expect(whole[6]).toEqual({month: 7, index: 50, years: 1});
  });
});

describe("heatGrid", () => {
  const rows = [
    {area_code: "regio", year: 2023, weekday: 0, hour: 18, weight: 2},
    {area_code: "regio", year: 2024, weekday: 0, hour: 18, weight: 3},
    {area_code: "regio", year: 0, weekday: 0, hour: 18, weight: 5},
    {area_code: "GM0153", year: 0, weekday: 6, hour: 3, weight: 1.5}
  ];
  test("region: the years of the period, never the pooled row", () => {
    const g = heatGrid(rows, {area: "regio", fromYear: 2024, toYear: 2024});
    expect(g.cells).toHaveLength(168);
    expect(g.cells[18]).toEqual({weekday: 0, hour: 18, weight: 3});
    expect(g.years).toEqual([2024]);
    expect(heatGrid(rows, {area: "regio", fromYear: 2023, toYear: 2024}).cells[18].weight).toBe(5);
  });
  test("municipality: the pooled profile", () => {
    const g = heatGrid(rows, {area: "GM0153", fromYear: 2024, toYear: 2024});
    expect(g.cells[6 * 24 + 3].weight).toBe(1.5);
    expect(g.years).toEqual([0]);
    expect(g.widened).toBe(false);
  });

  // Every cell of 2024 and 2025 has a profile row; `hide` of them hidden in 2025; all years shows all.
  const profile = (hide: number) => {
    const out = [];
    for (let i = 0; i < 168; i++) {
      const [weekday, hour] = [Math.floor(i / 24), i % 24];
      out.push({area_code: "regio", year: 2024, weekday, hour, weight: 6});
      out.push({area_code: "regio", year: 2025, weekday, hour, weight: i < hide ? null : 7});
      out.push({area_code: "regio", year: 0, weekday, hour, weight: 20});
    }
    return out;
  };

  test("region: more than half the period's cells hidden gives the all-years profile, said so", () => {
    const g = heatGrid(profile(85), {area: "regio", fromYear: 2024, toYear: 2025});
    expect(g.widened).toBe(true);
    expect(g.years).toEqual([2024, 2025]);
    expect(g.cells.every((c) => c.weight === 20)).toBe(true);
    const text = heatCaption(g, {area: "regio", areaName: "de regio", fromYear: 2024, toYear: 2025, theme: {singular: "inbraak"}});
    expect(text).toMatch(/^Regio, alle jaren samen \(2024–2025\): voor de jaren 2024–2025 is meer dan de helft van de vakjes verborgen/);
  });

  test("region: half or fewer hidden keeps the period, its hidden cells hidden", () => {
    const g = heatGrid(profile(84), {area: "regio", fromYear: 2024, toYear: 2025});
    expect(g.widened).toBe(false);
    expect(g.cells.filter((c) => c.weight === null)).toHaveLength(84);
    expect(g.cells[100].weight).toBe(13);
    expect(heatCaption(g, {area: "regio", areaName: "de regio", fromYear: 2025, toYear: 2025, theme: {singular: "inbraak"}})).toBe("Regio, het jaar 2025 (dit profiel wordt per heel jaar gepubliceerd).");
  });

  test("region: no widening when the all-years profile hides as much, or is missing", () => {
    const pooledHidden = profile(168).map((r) => (r.year === 0 ? {...r, weight: null} : r));
    expect(heatGrid(pooledHidden, {area: "regio", fromYear: 2025, toYear: 2025}).widened).toBe(false);
    expect(heatGrid(profile(168).filter((r) => r.year !== 0), {area: "regio", fromYear: 2025, toYear: 2025}).widened).toBe(false);
  });

  test("the municipality caption says the period does not apply", () => {
    const text = heatCaption({years: [0], widened: false}, {area: "GM0153", areaName: "Enschede", fromYear: 2024, toYear: 2025, theme: {singular: "inbraak"}});
    expect(text).toMatch(/^Enschede: het profiel per gemeente wordt alleen over alle jaren samen gepubliceerd, zodat een enkele inbraak/);
  });
});

describe("sunsetSummary", () => {
  test("sums the selection, leaves hidden groups out and counts them", () => {
    const rows = [
      {area_code: "regio", year: 2024, month: 1, soort: "inbraak", hour_from_sunset: 1, weight: 3, suppressed: false},
      {area_code: "regio", year: 2024, month: 1, soort: "inbraak", hour_from_sunset: -5, weight: 1, suppressed: false},
      {area_code: "regio", year: 2024, month: 1, soort: "poging", hour_from_sunset: 2, weight: 2, suppressed: false},
      {area_code: "regio", year: 2024, month: 2, soort: "inbraak", hour_from_sunset: 0, weight: null, suppressed: true},
      {area_code: "regio", year: 2023, month: 12, soort: "inbraak", hour_from_sunset: 0, weight: 9, suppressed: false}
    ];
    const s = sunsetSummary(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "inbraak"});
    expect(s.hours.find((h) => h.hour === 1)!.weight).toBe(3);
    expect(s.hours.find((h) => h.hour === -5)!.weight).toBe(1);
    expect(s.hours.reduce((a, h) => a + h.weight, 0)).toBe(4);
    expect(s.evening[0]).toEqual({month: 1, share: 0.75, weight: 4, low: 0.75, high: 0.75});
    expect(s.evening[1].share).toBeNull();
    expect(s.hiddenGroups).toBe(1);
    expect(sunsetSummary(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "alle"}).evening[0].weight).toBe(6);
    // Without the counts the hidden weight is unknown, and so are the bounds.
    expect(s.hiddenWeight).toBeNull();
    expect(s.range).toBeNull();
  });

  test("with the open monthly counts, hidden hours bound the evening share instead of inflating it", () => {
    // January: 10 incidents, of which 4 shown in evening hours and 6 in hidden (small) hours.
    const rows = [
      {area_code: "regio", year: 2024, month: 1, soort: "inbraak", hour_from_sunset: 1, weight: 4, suppressed: false},
      {area_code: "regio", year: 2024, month: 1, soort: "inbraak", hour_from_sunset: -8, weight: null, suppressed: true},
      {area_code: "regio", year: 2024, month: 1, soort: "inbraak", hour_from_sunset: 6, weight: null, suppressed: true}
    ];
    const counts = [{area_code: "regio", month: m("2024-01"), soort: "inbraak", count: 10}, {area_code: "GM0153", month: m("2024-01"), soort: "inbraak", count: 3}];
    const s = sunsetSummary(rows, {from: "2024-01", to: "2024-12", area: "regio", soort: "alle"}, counts);
    expect(s.hiddenGroups).toBe(1);
    expect(s.hiddenWeight).toBe(6);
    // The shown hours alone would say 100%; the truth lies between 4/10 and 10/10.
    expect(s.range).toEqual({low: 0.4, high: 1});
    expect(s.evening[0]).toEqual({month: 1, share: null, weight: 4, low: 0.4, high: 1});
  });
});

describe("Wanneer page tables", () => {
  const trend = [
    {month: "2024-11", value: 12, lastYear: 10, partial: false},
    {month: "2024-12", value: 3, lastYear: null, partial: true},
    {month: "2025-01", value: null, lastYear: 7, partial: false}
  ];

  test("a partly covered month leaves the line and becomes a dot; a hidden one stays a gap", () => {
    const {lines, partialDots} = trendSeries(trend);
    expect(lines.filter((d) => d.reeks === "deze periode").map((d) => d.aantal)).toEqual([12, null, null]);
    expect(lines.filter((d) => d.reeks === "een jaar eerder").map((d) => d.aantal)).toEqual([10, null, 7]);
    expect(partialDots).toEqual([{maand: new Date("2024-12-01"), aantal: 3, reeks: "onvolledige maand"}]);
    expect(trendTable(trend)[1]).toEqual({maand: "2024-12", aantal: 3, een_jaar_eerder: null, onvolledig: "ja"});
  });

  test("season and evening tables name the month; weights and shares are rounded as shown", () => {
    expect(seasonTable([{month: 3, index: 104.6, years: 4}, {month: 4, index: null, years: 0}] as SeasonPoint[])).toEqual([
      {maand: "mrt", index: 105, jaren: 4}, {maand: "apr", index: null, jaren: 0}
    ]);
    const sun = {hours: [{hour: -1, weight: 2.26}, {hour: 0, weight: 3}, {hour: 3, weight: 1}, {hour: 4, weight: 4}], evening: [{month: 10, share: 0.12345, weight: 8.04, low: null, high: null}]};
    expect(sunsetTotals(sun)).toEqual({total: 10.26, eveningShare: 4 / 10.26});
    expect(sunsetTotals({hours: []})).toEqual({total: 0, eveningShare: null});
    expect(sunsetHourTable(sun)[0]).toEqual({uur_na_zonsondergang: -1, gewicht: 2.3});
    expect(eveningTable(sun)).toEqual([{maand: "okt", aandeel_procent: 12.3, gewicht: 8}]);
  });

  test("the weekday x hour table has a row per weekday, Monday first, and a column per hour", () => {
    const cells: HeatCell[] = Array.from({length: 168}, (_, i) => ({weekday: Math.floor(i / 24), hour: i % 24, weight: i === 25 ? null : i / 4}));
    const table = heatTable(cells);
    expect(table).toHaveLength(7);
    expect(table[0].weekdag).toBe("maandag");
    expect(Object.keys(table[0])).toHaveLength(25);
    expect(table[1]["00u"]).toBe(6); // cell 24
    expect(table[1]["01u"]).toBeNull(); // cell 25 hidden
    expect(table[6]["23u"]).toBe(41.8); // cell 167 / 4 = 41.75
    expect(() => heatTable(cells.slice(1))).toThrow("invalid grid");
  });
});
