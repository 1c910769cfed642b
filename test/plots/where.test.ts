// @vitest-environment jsdom
// The drawing and interaction pieces of Waar: the bars per municipality (no coordinates) and what
// a click on a map area does.
import {beforeAll, describe, expect, test} from "vitest";
import {installDom} from "./snapshot.js";
import type {AreaFeature} from "../../src/lib/maps/geometry.js";
import type {Place} from "../../src/lib/maps/places.js";

let maps: typeof import("../../src/components/maps.js");
let search: typeof import("../../src/components/place-search.js");

beforeAll(async () => {
  installDom();
  maps = await import("../../src/components/maps.js");
  search = await import("../../src/components/place-search.js");
});

const feature = (code: string, level: string): AreaFeature => ({type: "Feature", id: code, properties: {code, level}, geometry: {type: "MultiPolygon", coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}});
const texts = (node: Element) => [...node.querySelectorAll("text")].map((t) => t.textContent);

describe("MunicipalityBars", () => {
  test("a bar per shown count, 'verborgen' for a hidden one, one height for every filter", () => {
    const rows = [{area_name: "Enschede", count: 40}, {area_name: "Hengelo", count: null}, {area_name: "Almelo", count: 12}];
    const svg = maps.MunicipalityBars(rows, {width: 480, label: "Inbraken per gemeente, 2024", slots: 5});
    expect(svg.getAttribute("height")).toBe(String(40 + 24 * 5));
    expect(svg.querySelectorAll("g[aria-label='bar'] rect").length).toBe(2);
    expect(texts(svg)).toContain("verborgen");
    expect(svg.textContent).toContain("Inbraken per gemeente, 2024");
    // Without slots the chart is as high as its rows; with every count 0 the axis still runs to 1.
    const zero = maps.MunicipalityBars([{area_name: "Enschede", count: 0}], {width: 480, label: "x"});
    expect(zero.getAttribute("height")).toBe("64");
    expect(texts(zero)).toEqual(expect.arrayContaining(["0,2", "1"]));
  });
});

describe("selectOnMap", () => {
  const places: Place[] = [{code: "WK015301", name: "Centrum", level: "wijk", gemeente: "GM0153", label: "Centrum (wijk)"}];
  const setup = () => {
    const filterBar = {value: {gemeente: "regio", soort: "inbraak"}};
    const placeBox = Object.assign(document.createElement("form"), {value: null as Place | null});
    let inputs = 0;
    placeBox.addEventListener("input", () => inputs++);
    return {filterBar, placeBox, select: search.selectOnMap(filterBar, placeBox, places), inputs: () => inputs};
  };

  test("a municipality becomes the filter, keeping the other filters", () => {
    const s = setup();
    s.select(feature("GM0164", "gemeente"));
    expect(s.filterBar.value).toEqual({gemeente: "GM0164", soort: "inbraak"});
    const before = s.filterBar.value;
    s.select(feature("GM0164", "gemeente"));
    expect(s.filterBar.value).toBe(before);
    expect(s.inputs()).toBe(0);
  });

  test("a district becomes the search box's place, as if found; an unknown area does nothing", () => {
    const s = setup();
    s.select(feature("WK015301", "wijk"));
    expect(s.placeBox.value).toBe(places[0]);
    expect(s.inputs()).toBe(1);
    s.select(feature("WK999901", "wijk"));
    expect(s.inputs()).toBe(1);
    expect(s.filterBar.value.gemeente).toBe("regio");
  });
});
