// What the Waar page shows: tables indexed once, the map frame for a municipality or found place,
// and the rows behind the grid, hot-spot, area and postcode maps, their tables and downloads.
import {describe, expect, test} from "vitest";
import {tableFromArrays} from "apache-arrow";
import {THEMES} from "../../../src/lib/theme.js";
import {areaMapView, defaultMapYear, gridView, hotspotView, mapYears, pc4View, placeOfFeature, whereData, whereFrame} from "../../../src/lib/maps/where.js";

// A square as vertex rows of area_geometry (one ring, closed).
const square = (code: string, level: string, x: number, y: number, s: number) =>
  [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]].map(([vx, vy], seq) => ({code, level, polygon: 0, ring: 0, seq, x: vx, y: vy}));

const cell = (cell_size: number, x: number, y: number, year: number, count: number | null) =>
  ({cell_size, cell_id: `E${x}N${y}`, x, y, year, count, suppressed: count === null});

const yearRow = (area_level: string, area_code: string, area_name: string, year: number, soort: string, count: number | null) =>
  ({area_level, area_code, area_name, gemeentecode: area_code.startsWith("GM") ? area_code : `GM${area_code.slice(2, 6)}`, year, soort, count, suppressed: count === null});

const tables = () => ({
  grid: [cell(500, 0, 0, 2023, 4), cell(500, 500, 0, 2024, 9), cell(500, 0, 0, 2024, null), cell(500, 1500, 1500, 2024, 2), cell(125, 0, 0, 2024, 6)],
  hotspots: [
    {cell_id: "E0N0", x: 0, y: 0, year: 2024, hotspot: "hot95", hotspot_fdr: "ns"},
    {cell_id: "E500N0", x: 500, y: 0, year: 2024, hotspot: "hot99", hotspot_fdr: "hot95"},
    {cell_id: "E1500N1500", x: 1500, y: 1500, year: 2024, hotspot: "cold95", hotspot_fdr: "verborgen"},
    {cell_id: "E0N0", x: 0, y: 0, year: 2023, hotspot: "hot95", hotspot_fdr: "hot95"}
  ],
  geometry: [...square("GM0153", "gemeente", 0, 0, 1000), ...square("GM0164", "gemeente", 1000, 1000, 1000), ...square("WK015301", "wijk", 0, 0, 500),
    ...square("BU01530101", "buurt", 0, 0, 250), ...square("7511", "pc4", 0, 0, 400), ...square("7550", "pc4", 1000, 1000, 400)],
  yearly: [yearRow("gemeente", "GM0153", "Enschede", 2024, "totaal", 40), yearRow("gemeente", "GM0164", "Hengelo", 2024, "totaal", null),
    yearRow("gemeente", "GM0153", "Enschede", 2024, "inbraak", 30), yearRow("gemeente", "GM0153", "Enschede", 2022, "totaal", 11),
    yearRow("wijk", "WK015301", "Centrum", 2024, "totaal", 12)],
  rates: [{indicator: "inbraken", area_level: "gemeente", area_code: "GM0153", area_name: "Enschede", gemeentecode: "GM0153", year: 2024, rate: 0.5, eb_rate: 0.625, suppressed: false}],
  pc4: [{pc4: "7511", gemeentecode: "GM0153", month: Date.UTC(2024, 2, 1), soort: "inbraak", count: 3}, {pc4: "7511", gemeentecode: "GM0153", month: Date.UTC(2024, 3, 1), soort: "poging", count: 1},
    {pc4: "7550", gemeentecode: "GM0164", month: Date.UTC(2024, 2, 1), soort: "inbraak", count: 5}, {pc4: "7512", gemeentecode: "GM0153", month: Date.UTC(2023, 2, 1), soort: "inbraak", count: 2}],
  areas: [{code: "GM0153", name: "Enschede", level: "gemeente"}, {code: "GM0164", name: "Hengelo", level: "gemeente"}, {code: "WK015301", name: "Centrum", level: "wijk"}, {code: "BU01530101", name: "Binnenstad", level: "buurt"}]
});

describe("whereData", () => {
  test("indexes squares, counts, rates and hot spots by year; names and places for orientation", () => {
    const d = whereData(tables());
    expect(d.hasGrid).toBe(true);
    expect(d.has125).toBe(true);
    expect(d.regionGridExtent).toEqual([0, 0, 2000, 2000]);
    expect(d.gridBySizeYear.get("500|2024")!.map((r) => r.cell_id)).toEqual(["E500N0", "E0N0", "E1500N1500"]);
    expect(d.allYears).toEqual([2022, 2023, 2024]);
    expect(d.gemeenteFeatures.map((f) => f.id)).toEqual(["GM0153", "GM0164"]);
    expect(d.hotByYear.get(2024)![1]).toEqual({cell_id: "E500N0", x: 500, y: 0, year: 2024, raw: "hot99", fdr: "hot95"});
    expect(d.countsByYear.get(2022)!.length).toBe(1);
    expect(d.areaNames.get("WK015301")).toBe("Centrum");
    expect(d.areaNames.get("7550")).toBe("7550");
    expect(d.places.map((p) => p.label)).toEqual(["Enschede (gemeente)", "Hengelo (gemeente)", "Centrum (wijk)", "Binnenstad (buurt)", "7511 (postcode)", "7512 (postcode)", "7550 (postcode)"]);
  });

  test("reads Arrow tables as well as row arrays", () => {
    const t = tables();
    const grid = tableFromArrays({cell_size: Int32Array.from(t.grid, (r) => r.cell_size), cell_id: t.grid.map((r) => r.cell_id), x: Float64Array.from(t.grid, (r) => r.x),
      y: Float64Array.from(t.grid, (r) => r.y), year: Int32Array.from(t.grid, (r) => r.year), count: t.grid.map((r) => r.count), suppressed: t.grid.map((r) => r.suppressed)});
    const d = whereData({...t, grid});
    expect(d.gridBySizeYear.get("125|2024")).toEqual([{cell_size: 125, cell_id: "E0N0", x: 0, y: 0, year: 2024, count: 6, suppressed: false}]);
  });

  test("without coordinates or boundaries: no grid, no frame", () => {
    const d = whereData({...tables(), grid: [], hotspots: [], geometry: []});
    expect([d.hasGrid, d.has125, d.hasBoundaries, d.regionGridExtent]).toEqual([false, false, false, null]);
    expect(whereFrame(d, {gemeente: "GM0153", place: null})).toMatchObject({zoomed: false, extent: null, outline: []});
  });
});

describe("map years", () => {
  const months = ["2023-01", "2023-12", "2024-01", "2024-06"];
  test("the last whole calendar year of the period, else the last year", () => {
    expect(defaultMapYear([2023, 2024], months, {from: "2023-01", to: "2024-06"})).toBe(2023);
    expect(defaultMapYear([2023, 2024], months, {from: "2023-02", to: "2024-06"})).toBe(2024);
    expect(defaultMapYear([], months, {from: "2023-01", to: "2024-06"})).toBeNull();
    expect(mapYears(whereData(tables()), months, {from: "2023-01", to: "2024-06"})).toEqual({years: [2023, 2024], defaultYear: 2023});
  });
});

describe("whereFrame", () => {
  const d = whereData(tables());
  test("the region: all municipalities, named and clickable, the squares' extent padded", () => {
    const f = whereFrame(d, {gemeente: "regio", place: null});
    expect(f.zoomed).toBe(false);
    expect(f.extent).toEqual([-500, -500, 2500, 2500]);
    expect(f.labelled.map((x) => x.id)).toEqual(["GM0153", "GM0164"]);
    expect(f.clipTo).toBeUndefined();
  });
  test("a municipality: zoomed and clipped to it, its districts named and clickable", () => {
    const f = whereFrame(d, {gemeente: "GM0153", place: null});
    expect(f.zoomed).toBe(true);
    expect(f.outline.map((x) => x.id)).toEqual(["GM0153"]);
    expect(f.extent).toEqual([-500, -500, 1500, 1500]);
    expect(f.labelled.map((x) => x.id)).toEqual(["WK015301"]);
    expect(f.selectable.map((x) => x.id)).toEqual(["WK015301"]);
    expect(f.clipTo!.map((x) => x.id)).toEqual(["GM0153"]);
    // A municipality without districts names itself.
    expect(whereFrame(d, {gemeente: "GM0164", place: null}).labelled.map((x) => x.id)).toEqual(["GM0164"]);
  });
  test("a found neighbourhood in the chosen municipality: focused, 300 m around it; elsewhere ignored", () => {
    const place = d.places.find((p) => p.code === "BU01530101")!;
    const f = whereFrame(d, {gemeente: "GM0153", place});
    expect(f.focus!.id).toBe("BU01530101");
    expect(f.extent).toEqual([-300, -300, 550, 550]);
    expect(whereFrame(d, {gemeente: "GM0164", place}).focus).toBeNull();
    expect(placeOfFeature(d.places, f.focus!)).toBe(place);
    expect(placeOfFeature(d.places, {...f.focus!, id: "BU99999999"})).toBeNull();
  });
});

describe("the sections' rows", () => {
  const d = whereData(tables());
  const theme = THEMES.woninginbraak;

  test("gridView: squares in the frame, the table largest first, hidden as 'verborgen'", () => {
    const v = gridView(d, {size: 500, year: 2024, extent: [-500, -500, 1500, 1500], gemeente: "GM0153", soort: "alle", theme});
    expect(v.cells.map((c) => c.cell_id)).toEqual(["E0N0", "E500N0"]);
    expect(v.table).toEqual([
      {vak: "E500N0", x_rd: "500", y_rd: "0", vakgrootte_m: 500, jaar: "2024", aantal: 9},
      {vak: "E0N0", x_rd: "0", y_rd: "0", vakgrootte_m: 500, jaar: "2024", aantal: "verborgen"}
    ]);
    expect(v.municipalityTable).toEqual([{gemeente: "Enschede", jaar: "2024", soort: "totaal", aantal: 40}]);
    const region = gridView(d, {size: 500, year: 2024, extent: null, gemeente: "regio", soort: "inbraak", theme});
    expect(region.municipalityTable).toEqual([{gemeente: "Enschede", jaar: "2024", soort: "inbraak", aantal: 30}]);
    expect(gridView(d, {size: 500, year: 2024, extent: null, gemeente: "regio", soort: "alle", theme}).municipalityTable[1].aantal).toBe("verborgen");
    expect(gridView(d, {size: 500, year: null, extent: null, gemeente: "regio", soort: "alle", theme})).toEqual({cells: [], table: [], municipalities: [], municipalityTable: []});
  });

  test("hotspotView: the chosen correction's classes, the table without 'ns', hot spots per year", () => {
    const fdr = hotspotView(d, {year: 2024, years: [2023, 2024], extent: null, correction: "fdr"});
    expect(fdr.cells.map((c) => c.hotspot)).toEqual(["ns", "hot95", "verborgen"]);
    expect(fdr.cells[1]).toMatchObject({x1: 500, x2: 1000, y1: 0, y2: 500});
    expect(fdr.table.map((r) => [r.vak, r.klasse])).toEqual([["E500N0", "hot spot (FDR 5%)"], ["E1500N1500", "verborgen"]]);
    expect(fdr.perYear).toBe("2023: 1 · 2024: 1");
    const raw = hotspotView(d, {year: 2024, years: [2023, 2024], extent: [-500, -500, 1000, 1000], correction: "raw"});
    expect(raw.table.map((r) => [r.vak, r.klasse])).toEqual([["E0N0", "hot spot (95%)"], ["E500N0", "hot spot (99%)"]]);
    expect(raw.perYear).toBe("2023: 1 · 2024: 2");
  });

  test("areaMapView: values, boundaries in the municipality, the measure's label and column", () => {
    const region = whereFrame(d, {gemeente: "regio", place: null});
    const count = areaMapView(d, region, {level: "gemeente", measure: "count", year: 2024, soort: "alle", gemeente: "regio"});
    expect(count.label).toBe("Aantal");
    expect(count.table).toEqual([{code: "GM0153", gebied: "Enschede", jaar: "2024", aantal: 40}, {code: "GM0164", gebied: "Hengelo", jaar: "2024", aantal: "verborgen"}]);
    expect(count.extent).toEqual([-500, -500, 2500, 2500]);
    const eb = areaMapView(d, region, {level: "gemeente", measure: "eb", year: 2024, soort: "alle", gemeente: "regio"});
    expect([eb.label, eb.table]).toEqual(["Per 1.000 woningen (EB)", [{code: "GM0153", gebied: "Enschede", jaar: "2024", eb_per_1000_woningen: 0.625}]]);
    expect(areaMapView(d, region, {level: "gemeente", measure: "rate", year: 2024, soort: "alle", gemeente: "regio"}).table[0].per_1000_woningen).toBe(0.5);
    const wijk = areaMapView(d, region, {level: "wijk", measure: "count", year: 2024, soort: "alle", gemeente: "GM0164"});
    expect([wijk.features, wijk.values, wijk.extent]).toEqual([[], [], null]);
    // A found neighbourhood keeps the focus frame on the neighbourhood map, not on the municipality map.
    const focused = whereFrame(d, {gemeente: "GM0153", place: d.places.find((p) => p.code === "BU01530101")!});
    expect(areaMapView(d, focused, {level: "buurt", measure: "count", year: 2024, soort: "alle", gemeente: "GM0153"}).extent).toEqual([-300, -300, 550, 550]);
    expect(areaMapView(d, focused, {level: "gemeente", measure: "count", year: 2024, soort: "alle", gemeente: "GM0153"}).extent).toEqual([-500, -500, 1500, 1500]);
  });

  test("pc4View: totals of the period, boundaries with counts in a municipality, a found postcode first", () => {
    const region = whereFrame(d, {gemeente: "regio", place: null});
    const all = pc4View(d, region, {from: "2024-01", to: "2024-12", gemeente: "regio", soort: "alle", place: null});
    expect(all.table).toEqual([{postcode: "7550", gemeentecode: "GM0164", geslaagd: 5, pogingen: 0, totaal: 5}, {postcode: "7511", gemeentecode: "GM0153", geslaagd: 3, pogingen: 1, totaal: 4}]);
    expect(all.values[1]).toEqual({code: "7511", name: "postcode 7511", value: 4, hidden: false, label: "4"});
    expect(all.features.map((f) => f.id)).toEqual(["7511", "7550"]);
    expect(all.hasBoundaries).toBe(true);
    const found = pc4View(d, region, {from: "2024-01", to: "2024-12", gemeente: "regio", soort: "alle", place: d.places.find((p) => p.code === "7511")!});
    expect(found.table.map((r) => r.postcode)).toEqual(["7511", "7550"]);
    const enschede = pc4View(d, whereFrame(d, {gemeente: "GM0153", place: null}), {from: "2023-01", to: "2024-12", gemeente: "GM0153", soort: "alle", place: null});
    expect(enschede.table.map((r) => r.postcode)).toEqual(["7511", "7512"]);
    expect(enschede.features.map((f) => f.id)).toEqual(["7511"]);
    expect(enschede.extent).toEqual([-500, -500, 900, 900]);
  });
});
