// @vitest-environment jsdom
// SVG snapshot tests for the KPI card and the heat map: rendered in jsdom, floats rounded, compared
// with test/snapshots/<name>.svg (written when missing; a mismatch writes test/output/<name>-changed.svg).
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, test} from "vitest";
import {HeatMap, rampColor} from "../../src/components/heat-map.js";
import {KpiCard, sparkPath} from "../../src/components/kpi-card.js";

const SNAPSHOTS = join(import.meta.dirname, "../snapshots");
const OUTPUT = join(import.meta.dirname, "../output");
let document: Document;

beforeAll(async () => {
  const specifier = "jsdom";
  const {JSDOM} = await import(specifier);
  document = new JSDOM("<!doctype html><html><body></body></html>").window.document;
});

/** Serialises a node with floats rounded to 2 decimals and ids renumbered. */
function normalise(node: Element): string {
  const ids = new Map<string, string>();
  return node.outerHTML
    .replace(/\d+\.\d{3,}/g, (x) => String(Math.round(+x * 100) / 100))
    .replace(/id="([^"]+)"/g, (_, id) => `id="${ids.get(id) ?? (ids.set(id, `id-${ids.size}`), ids.get(id))}"`)
    .replace(/></g, ">\n<");
}

function snapshot(name: string, node: Element): void {
  const text = normalise(node) + "\n";
  mkdirSync(OUTPUT, {recursive: true});
  writeFileSync(join(OUTPUT, `${name}.svg`), text);
  const path = join(SNAPSHOTS, `${name}.svg`);
  if (!existsSync(path)) {
    writeFileSync(path, text);
    return;
  }
  const expected = readFileSync(path, "utf8");
  if (expected !== text) writeFileSync(join(OUTPUT, `${name}-changed.svg`), text);
  expect(text).toBe(expected);
}

const series = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"].map((month, i) => ({month, value: i === 3 ? null : [70, 64, 58, null, 61, 55][i]}));

describe("KpiCard", () => {
  test("renders label, value, change, sparkline with a gap, and the sentence", () => {
    const card = KpiCard(series, {label: "Inbraken", value: "712", change: "−12%", tone: "beter", sentence: "In de afgelopen 12 maanden 12% minder inbraken dan een jaar eerder (712 tegen 809).", document});
    expect(card.querySelector(".kpi-value")!.textContent).toBe("712");
    expect(card.querySelector(".kpi-beter")!.textContent).toBe("−12%");
    expect(card.querySelector("path")!.getAttribute("d")!.match(/M/g)).toHaveLength(2);
    snapshot("kpi-card", card);
  });

  test("escapes text and leaves out an empty sparkline", () => {
    const card = KpiCard([], {label: "<b>x</b>", value: "<img src=x onerror=alert(1)>", sentence: "a < b", document});
    expect(card.querySelector("img")).toBeNull();
    expect(card.querySelector(".kpi-value")!.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(card.querySelector("svg")).toBeNull();
    expect(() => KpiCard([], {label: "", value: "1", document})).toThrow("invalid label");
  });

  test("a series whose months are all hidden gets a dashed baseline, not a blank space", () => {
    const hidden = [{month: "2025-01", value: null}, {month: "2025-02", value: null}, {month: "2025-03", value: 4}];
    const card = KpiCard(hidden, {label: "Inbraken", value: "verborgen", document});
    expect(card.querySelector("svg.kpi-sparkline-empty line")).not.toBeNull();
    expect(card.querySelector("svg title")!.textContent).toContain("verborgen (privacyregel)");
    expect(card.querySelector("path")).toBeNull();
    expect(KpiCard(hidden, {label: "Inbraken", value: "verborgen", sparkline: false, document}).querySelector("svg")).toBeNull();
  });

  test("sparkPath scales to the box and breaks at nulls", () => {
    expect(sparkPath([0, 10], 100, 20)).toBe("M2,18L98,2");
    expect(sparkPath([5, null, 5], 100, 20)).toBe("M2,2M98,2");
    expect(sparkPath([null], 100, 20)).toBe("");
  });
});

describe("HeatMap", () => {
  test("renders 168 cells with titles and a legend", () => {
    const cells = Array.from({length: 168}, (_, i) => ({weekday: Math.floor(i / 24), hour: i % 24, weight: (i % 24 >= 18 && i % 24 <= 22 ? 6 : 1) + Math.floor(i / 24) * 0.5}));
    const svg = HeatMap(cells, {width: 640, unit: "inbraken", document});
    expect(svg.querySelectorAll("rect[width]").length).toBeGreaterThanOrEqual(168);
    expect(svg.querySelectorAll("rect > title")).toHaveLength(168);
    expect(svg.textContent).toContain("zondag");
    snapshot("heat-map", svg);
  });

  test("on a phone the legend goes below the ramp, inside the drawing", () => {
    const cells = Array.from({length: 168}, (_, i) => ({weekday: Math.floor(i / 24), hour: i % 24, weight: i === 5 ? null : 1}));
    const svg = HeatMap(cells, {width: 320, unit: "inbraken (aoristisch)", document});
    const width = +svg.getAttribute("width")!;
    const texts = [...svg.querySelectorAll(":scope > text")].filter((t) => /per uur|verborgen/.test(t.textContent!));
    expect(texts).toHaveLength(2);
    // Both start at the left of the grid (the second after its grey swatch), on lines of their own
    // below the ramp, and fit in the svg.
    expect(texts.map((t) => +t.getAttribute("x")!)).toEqual([78, 78 + 24]);
    expect(new Set(texts.map((t) => t.getAttribute("y"))).size).toBe(2);
    expect(+svg.getAttribute("height")!).toBeGreaterThan(+texts.at(-1)!.getAttribute("y")!);
    expect(width).toBeLessThanOrEqual(320);
    // At 640 px the legend stays beside the ramp (the snapshot above).
    expect(HeatMap(cells, {width: 640, unit: "inbraken", document}).querySelector(":scope > text:last-of-type")!.getAttribute("x")).not.toBe("78");
  });

  test("ramp ends and bad cells", () => {
    expect(rampColor(0)).toBe("#ffffcc");
    expect(rampColor(1)).toBe("#b10026");
    expect(rampColor(NaN)).toBe("#ffffcc");
    expect(() => HeatMap([{weekday: 7, hour: 0, weight: 1}], {document})).toThrow("invalid cell");
  });
});
