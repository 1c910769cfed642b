import {describe, expect, test} from "vitest";
import {areaValues, cellExtent, gridCells, mapFrame, overlaps, pad, periodYears} from "../../../src/lib/maps/grid.js";

const row = (cell_size: number, x: number, y: number, year: number, count: number | null) =>
  ({cell_size, cell_id: `E${x}N${y}`, x, y, year, count, suppressed: count === null});

describe("grid maps", () => {
  test("periodYears maps a month period to the available calendar years", () => {
    expect(periodYears({from: "2023-07", to: "2024-06"}, [2021, 2022, 2023, 2024, 2024])).toEqual([2023, 2024]);
    expect(periodYears({from: "2025-01", to: "2025-12"}, [2023])).toEqual([]);
    expect(() => periodYears({from: "x", to: "2024-01"}, [])).toThrow("invalid period");
  });

  test("gridCells keeps hidden counts hidden (null, 'verborgen'), never 0, and filters size, year and extent", () => {
    const rows = [row(500, 0, 0, 2024, 7), row(500, 500, 0, 2024, null), row(500, 0, 0, 2023, 3), row(125, 0, 0, 2024, 5), row(500, 5000, 0, 2024, 9)];
    const cells = gridCells(rows, {year: 2024, size: 500, extent: [0, 0, 1000, 1000]});
    expect(cells.map((c) => [c.cell_id, c.count, c.hidden, c.label])).toEqual([["E0N0", 7, false, "7"], ["E500N0", null, true, "verborgen"]]);
    expect(cells[0]).toMatchObject({x1: 0, x2: 500, y1: 0, y2: 500});
    expect(gridCells(rows, {year: 2024, size: 125}).map((c) => c.x2)).toEqual([125]);
    expect(() => gridCells(rows, {year: 2024, size: 250})).toThrow("invalid size");
  });

  test("extents, padding and overlap", () => {
    expect(cellExtent([row(500, 1000, 2000, 2024, 1), row(500, 0, 500, 2024, 1)])).toEqual([0, 500, 1500, 2500]);
    expect(cellExtent([])).toBeNull();
    expect(pad([0, 0, 10, 10], 5)).toEqual([-5, -5, 15, 15]);
    expect(overlaps(0, 0, 500, [499, 499, 600, 600])).toBe(true);
    expect(overlaps(0, 0, 500, [500, 0, 600, 600])).toBe(false);
  });

  test("mapFrame keeps one metre across equal to one metre up", () => {
    const f = mapFrame([0, 0, 2000, 1000], {width: 400});
    expect(f.height).toBe(200);
    const tall = mapFrame([0, 0, 1000, 4000], {width: 400, maxHeight: 800});
    expect(tall.height).toBe(800);
    const [x0, x1] = tall.x.domain;
    expect((x1 - x0) / 400).toBeCloseTo(4000 / 800, 10);
    expect(() => mapFrame([0, 0, 0, 10], {width: 100})).toThrow("invalid extent");
  });

  test("areaValues reads counts per soort or rates per indicator, hidden stays hidden", () => {
    const counts = [
      {area_level: "buurt", area_code: "BU01530001", area_name: "A", gemeentecode: "GM0153", year: 2024, soort: "totaal", count: 9, suppressed: false},
      {area_level: "buurt", area_code: "BU01530002", area_name: "B", gemeentecode: "GM0153", year: 2024, soort: "totaal", count: null, suppressed: true},
      {area_level: "buurt", area_code: "BU01530001", area_name: "A", gemeentecode: "GM0153", year: 2024, soort: "poging", count: 3, suppressed: false},
      {area_level: "buurt", area_code: "BU01640001", area_name: "C", gemeentecode: "GM0164", year: 2024, soort: "totaal", count: 6, suppressed: false}
    ];
    const rates = [
      {indicator: "poging", area_level: "buurt", area_code: "BU01530001", area_name: "A", gemeentecode: "GM0153", year: 2024, rate: 1.5, eb_rate: 1.2, suppressed: false},
      {indicator: "inbraken", area_level: "buurt", area_code: "BU01530002", area_name: "B", gemeentecode: "GM0153", year: 2024, rate: null, eb_rate: null, suppressed: true}
    ];
    expect(areaValues(counts, rates, {level: "buurt", year: 2024, gemeente: "GM0153"}).map((v) => [v.code, v.value, v.label])).toEqual([["BU01530001", 9, "9"], ["BU01530002", null, "verborgen"]]);
    expect(areaValues(counts, rates, {level: "buurt", year: 2024, soort: "poging"}).map((v) => v.value)).toEqual([3]);
    expect(areaValues(counts, rates, {level: "buurt", year: 2024, soort: "poging", measure: "eb"}).map((v) => v.value)).toEqual([1.2]);
    expect(areaValues(counts, rates, {level: "buurt", year: 2024, measure: "rate"}).map((v) => v.label)).toEqual(["verborgen"]);
  });
});
