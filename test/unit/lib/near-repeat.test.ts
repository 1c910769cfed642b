import {describe, expect, test} from "vitest";
import {KNOX_MAX_INCIDENTS as LOADER_MAX} from "../../../loaders/analyses/knox.js";
import {KNOX_MAX_INCIDENTS, incidentPoints, knoxScope, knoxScopeText, knoxTableRows, ownKnoxCells, ownKnoxTableRows, shareTableRows, windowStart, type KnoxCellRow} from "../../../src/lib/hypotheses/near-repeat.js";
import {knoxTest} from "../../../src/lib/knox.js";
import {seededRng} from "../../../src/lib/random.js";

describe("near-repeat page text", () => {
  test("the page's cap is the pipeline's cap", () => {
    expect(KNOX_MAX_INCIDENTS).toBe(LOADER_MAX);
  });

  test("the window starts at the month where the counts, walked back from the end, reach the used number", () => {
    const months = [{month: "2024-01", count: 5}, {month: "2024-02", count: 3}, {month: "2024-02", count: 2}, {month: "2024-03", count: null}];
    expect(windowStart(months, 4)).toBe("2024-02");
    expect(windowStart(months, 6)).toBe("2024-01");
    expect(windowStart(months, 99)).toBe("2024-01");
    expect(windowStart([], 3)).toBeNull();
  });

  test("says 'de laatste 25.000' when the test was capped, and 'alle' when not", () => {
    expect(knoxScopeText({used: 25_000, total: 27_158, start: "2014-03"})).toBe("De Knox-test gebruikt de laatste 25.000 incidenten met coördinaten van de 27.158 in de levering (vanaf ongeveer maart 2014); meer rekent de verwerking niet door.");
    expect(knoxScopeText({used: 1200, total: 1200, start: "2020-01"})).toBe("De Knox-test gebruikt alle 1.200 incidenten met coördinaten.");
  });

  test("the scope sentence takes the used count from the 'alle' period and the window from region months only", () => {
    const cells = [{period: "2023", incidents: 10}, {period: "alle", incidents: 25_000}];
    const monthly = [
      {area_level: "regio", month: Date.UTC(2024, 0, 1), count: 20_000},
      {area_level: "gemeente", month: Date.UTC(2024, 1, 1), count: 90_000},
      {area_level: "regio", month: Date.UTC(2024, 1, 1), count: 6_000}
    ];
    expect(knoxScope(cells, monthly, 27_158)).toBe("De Knox-test gebruikt de laatste 25.000 incidenten met coördinaten van de 27.158 in de levering (vanaf ongeveer januari 2024); meer rekent de verwerking niet door.");
    expect(knoxScope([], [], null)).toBe("De Knox-test gebruikt alle 0 incidenten met coördinaten.");
  });
});

describe("near-repeat page tables", () => {
  const cell = (over: Partial<KnoxCellRow>): KnoxCellRow => ({
    setting: "fijn", period: "alle", incidents: 100, space_index: 0, space_label: "0-100 m", time_index: 0, time_label: "0-7 dagen",
    observed: 12, expected: 4.5, ratio: 2.6667, p_value: 0.0004, suppressed: false, ...over
  });

  test("the Knox table hides a suppressed cell's ratio and p and shows pair counts only in the intern build", () => {
    const rows = knoxTableRows([cell({}), cell({suppressed: true, ratio: null, p_value: null, space_label: "100-200 m"})], {intern: false});
    expect(rows).toEqual([
      {afstand: "0-100 m", tijd: "0-7 dagen", verhouding: "2,67", p: "< 0,001"},
      {afstand: "100-200 m", tijd: "0-7 dagen", verhouding: "verborgen", p: "verborgen"}
    ]);
    expect(knoxTableRows([cell({p_value: 0.0123})], {intern: true})).toEqual([
      {afstand: "0-100 m", tijd: "0-7 dagen", waargenomen: 12, verwacht: 4.5, verhouding: "2,67", p: "0,012"}
    ]);
  });

  test("the share table formats shares as percentages and missing values as a dash", () => {
    expect(shareTableRows([{period: "2024", incidents: 1234, share: 0.1234, expected_share: 0.05, p_value: 0.01, knox_ratio: 1.5, knox_p: null}])).toEqual([
      {periode: "2024", incidenten: 1234, aandeel: "12,3%", verwacht: "5,0%", "p (aandeel)": "0,010", "Knox-verhouding": "1,50", "p (Knox)": "–"}
    ]);
  });

  test("incident points skip rows without coordinates and take the day of the start hour", () => {
    const points = incidentPoints([
      {x125: 250_000, y125: 470_000, start_hour: 49},
      {x125: null, y125: 470_000, start_hour: 5},
      {x125: 250_125, y125: 470_125, start_hour: 23}
    ]);
    expect(Array.from(points.x)).toEqual([250_000, 250_125]);
    expect(Array.from(points.y)).toEqual([470_000, 470_125]);
    expect(Array.from(points.t)).toEqual([2, 0]);
  });

  test("an own Knox run becomes one cell per band pair with its counts, and a table with expected to two decimals", () => {
    const points = {x: Float64Array.from([0, 10, 20, 5000]), y: Float64Array.from([0, 0, 0, 0]), t: Float64Array.from([0, 1, 2, 40])};
    const result = knoxTest(points, {spaceBands: [0, 100], timeBands: [0, 7], permutations: 19, rng: seededRng(1)});
    const cells = ownKnoxCells(result);
    expect(cells).toHaveLength(4);
    expect(cells[0]).toMatchObject({space_index: 0, time_index: 0, observed: result.observed[0][0], expected: result.expected[0][0]});
    expect(cells[3]).toMatchObject({space_index: 1, time_index: 1, ratio: result.ratio[1][1], p_value: result.pValue[1][1]});
    expect(cells.map((c) => c.observed).reduce((a, b) => a + b)).toBe(6); // every one of the 4 · 3 / 2 pairs lands in one cell
    const table = ownKnoxTableRows(cells);
    expect(table[0]).toEqual({afstand: cells[0].space_label, tijd: cells[0].time_label, waargenomen: 3, verwacht: Math.round(result.expected[0][0] * 100) / 100, verhouding: expect.any(String), p: expect.any(String)});
  });
});
