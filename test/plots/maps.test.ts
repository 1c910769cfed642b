// @vitest-environment jsdom
// SVG snapshots of the map and funnel components on small fixed inputs.
import {beforeAll, describe, expect, test} from "vitest";
import {installDom, matchSnapshot} from "./snapshot.js";
import type {AreaFeature} from "../../src/lib/maps/geometry.js";
import {gridCells} from "../../src/lib/maps/grid.js";
import type {LimitRow, RateRow} from "../../src/lib/compare.js";

let maps: typeof import("../../src/components/maps.js");
let funnel: typeof import("../../src/components/funnel-plot.js");

beforeAll(async () => {
  installDom();
  maps = await import("../../src/components/maps.js");
  funnel = await import("../../src/components/funnel-plot.js");
});

const square = (code: string, level: string, x: number, y: number, s: number): AreaFeature =>
  ({type: "Feature", id: code, properties: {code, level}, geometry: {type: "MultiPolygon", coordinates: [[[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]]}});

describe("map components", () => {
  const rows = [
    {cell_size: 500, cell_id: "E2500N4700", x: 250000, y: 470000, year: 2024, count: 12, suppressed: false},
    {cell_size: 500, cell_id: "E2505N4700", x: 250500, y: 470000, year: 2024, count: null, suppressed: true},
    {cell_size: 500, cell_id: "E2500N4705", x: 250000, y: 470500, year: 2024, count: 5, suppressed: false},
    {cell_size: 500, cell_id: "E2505N4705", x: 250500, y: 470500, year: 2024, count: 30, suppressed: false}
  ];
  const extent: [number, number, number, number] = [249500, 469500, 251500, 471500];

  test("GridMap draws counts as colour and hidden squares hatched, with equal scales", () => {
    const figure = maps.GridMap(gridCells(rows, {year: 2024, size: 500}), {width: 400, extent, outlines: [square("GM0153", "gemeente", 250000, 470000, 1000)]});
    const svg = [...figure.querySelectorAll("svg")].pop() ?? figure;
    expect(svg.getAttribute("height")).toBe("400");
    // The hidden square is drawn grey and hatched by one path over it (see the test below).
    const hatched = svg.querySelector('path[fill^="url(#verborgen"]')!;
    expect(hatched.parentElement!.querySelectorAll("rect").length).toBe(1);
    expect(hatched.getAttribute("d")).toMatch(/^M[^M]+Z$/);
    expect(svg.querySelector("pattern")).not.toBeNull();
    // One tip for shown and hidden squares alike: a tip per mark showed two at once.
    expect(svg.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
    expect(matchSnapshot("grid-map", figure)).toBe(true);
  });

  test("many hidden squares are hatched by one path, not one pattern fill each (a PDF prints each as images)", () => {
    const hidden = Array.from({length: 40}, (_, i) => ({cell_size: 500, cell_id: `E${2500 + i}N4700`, x: 250000 + 500 * (i % 4), y: 470000 + 500 * Math.floor(i / 4), year: 2024, count: null, suppressed: true}));
    const figure = maps.GridMap(gridCells([rows[0], ...hidden], {year: 2024, size: 500}), {width: 400, extent: [249500, 469500, 252500, 476000]});
    const svg = [...figure.querySelectorAll("svg")].pop() ?? figure;
    const patterned = [...svg.querySelectorAll("[fill]")].filter((e) => e.getAttribute("fill")!.startsWith("url("));
    expect(patterned.length).toBe(1);
    expect(patterned[0].getAttribute("pointer-events")).toBe("none");
    expect(patterned[0].getAttribute("d")!.match(/M/g)!.length).toBe(40);
    // Each hidden square keeps its own grey rect (with the tip's data) under the hatch.
    expect(patterned[0].parentElement!.getAttribute("fill")).toBe("#d9d9d9");
    expect(patterned[0].parentElement!.querySelectorAll("rect").length).toBe(40);
  });

  test("HotspotMap colours classes and hatches hidden classes", () => {
    const cells = rows.map((r, i) => ({cell_id: r.cell_id, x1: r.x, x2: r.x + 500, y1: r.y, y2: r.y + 500, hotspot: ["hot99", "verborgen", "ns", "cold95"][i]}));
    const figure = maps.HotspotMap(cells, {width: 400, extent, correction: "raw"});
    expect(figure.textContent).toContain("hot spot (99%)");
    // One tip on hover names a square (as GridMap's), not a <title> per square.
    expect(figure.querySelectorAll("title")).toHaveLength(0);
    expect(figure.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
    expect(matchSnapshot("hotspot-map", figure)).toBe(true);
    // The default names the FDR classes.
    const fdr = maps.HotspotMap(cells, {width: 400, extent});
    expect(fdr.textContent).toContain("hot spot (FDR 1%)");
    expect(fdr.textContent).not.toContain("hot spot (99%)");
  });

  test("AreaMap fills areas by value and hatches hidden ones", () => {
    const features = [square("BU01530001", "buurt", 250000, 470000, 500), square("BU01530002", "buurt", 250500, 470000, 500), square("BU01530003", "buurt", 250000, 470500, 500)];
    const values = [{code: "BU01530001", name: "A", value: 4.5, hidden: false, label: "4,5"}, {code: "BU01530002", name: "B", value: null, hidden: true, label: "verborgen"}];
    const figure = maps.AreaMap(features, values, {width: 300, extent: [250000, 470000, 251000, 471000], label: "Per 1.000 woningen"});
    const svg = [...figure.querySelectorAll("svg")].pop() ?? figure;
    const hatched = svg.querySelector('path[fill^="url(#verborgen"]')!;
    expect(hatched.getAttribute("d")).toBe(hatched.parentElement!.querySelector("path")!.getAttribute("d"));
    expect(svg.querySelector(`pattern#${hatched.getAttribute("fill")!.slice(5, -1)}`)).not.toBeNull();
    expect(svg.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
    expect(matchSnapshot("area-map", figure)).toBe(true);
  });
});

describe("FunnelPlot", () => {
  test("draws limits, the reference and areas coloured by signal", () => {
    const point = (code: string, dwellings: number, count: number, signal: string): RateRow => ({
      indicator: "inbraken", area_level: "buurt", area_code: code, area_name: code, gemeentecode: "GM0153", year: 2024,
      count, dwellings, rate: (count / dwellings) * 1000, eb_rate: (count / dwellings) * 1000, reference_rate: 3, signal, suppressed: false
    });
    const points = [point("A", 200, 3, "binnen"), point("B", 1000, 12, "hoog998"), point("C", 5000, 6, "laag998")];
    const curve: LimitRow[] = [100, 1000, 10000].map((d) => ({indicator: "inbraken", area_level: "buurt", year: 2024, dwellings: d, lower95: 3 - 30 / Math.sqrt(d), upper95: 3 + 30 / Math.sqrt(d), lower998: Math.max(0, 3 - 50 / Math.sqrt(d)), upper998: 3 + 50 / Math.sqrt(d)}));
    const figure = funnel.FunnelPlot(points, curve, {width: 480, reference: 3, label: "Inbraken per 1.000 woningen"});
    expect(figure.textContent).toContain("hoger dan verwacht (99,8%)");
    // Dutch ticks ("10.000", not "10k"); the snapshot rounds "10.000" to "10" like any float.
    expect(figure.textContent).toContain("10.000");
    expect(matchSnapshot("funnel-plot", figure)).toBe(true);
  });
});

describe("narrow widths", () => {
  test("maps and the funnel never get a negative drawing area", () => {
    const cells = gridCells([{cell_size: 500, cell_id: "E0N0", x: 0, y: 0, year: 2024, count: 7, suppressed: false}], {year: 2024, size: 500});
    const grid = maps.GridMap(cells, {width: 8, extent: [0, 0, 500, 500]});
    const svg = [...grid.querySelectorAll("svg")].pop()!;
    expect(Number(svg.getAttribute("width"))).toBe(maps.MIN_WIDTH);
    const plot = funnel.FunnelPlot([], [], {width: 10, reference: null});
    const widths = [...plot.querySelectorAll("rect")].map((r) => Number(r.getAttribute("width") ?? 0));
    expect(widths.every((w) => w >= 0)).toBe(true);
  });
});
