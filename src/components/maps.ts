/**
 * Maps in RD New metres drawn with Plot on x/y scales of equal scale (no projection library):
 * grid squares (GridMap), hot-spot classes (HotspotMap) and area choropleths (AreaMap). Hidden
 * values are drawn hatched grey as "verborgen", never as 0.
 */
import * as Plot from "@observablehq/plot";
import {HOTSPOT_CLASSES, HOTSPOT_COLORS, HOTSPOT_LABELS} from "../lib/maps/hotspots.js";
import {mapFrame, type AreaValue, type Extent, type GridCell} from "../lib/maps/grid.js";
import type {AreaFeature} from "../lib/maps/geometry.js";
import {nlTick} from "../lib/nl-format.js";

let patterns = 0;

/** Adds a diagonal hatch pattern with the given id to a Plot svg (used as fill `url(#id)`). */
function hatch(svg: SVGSVGElement, id: string): void {
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  const pattern = document.createElementNS(ns, "pattern");
  pattern.setAttribute("id", id);
  pattern.setAttribute("width", "6");
  pattern.setAttribute("height", "6");
  pattern.setAttribute("patternUnits", "userSpaceOnUse");
  pattern.setAttribute("patternTransform", "rotate(45)");
  const bg = document.createElementNS(ns, "rect");
  bg.setAttribute("width", "6");
  bg.setAttribute("height", "6");
  bg.setAttribute("fill", "#d9d9d9");
  const line = document.createElementNS(ns, "line");
  line.setAttribute("x1", "0");
  line.setAttribute("y1", "0");
  line.setAttribute("x2", "0");
  line.setAttribute("y2", "6");
  line.setAttribute("stroke", "#7a7a7a");
  line.setAttribute("stroke-width", "2");
  pattern.append(bg, line);
  defs.append(pattern);
  svg.prepend(defs);
}

function svgOf(figure: Element): SVGSVGElement {
  // A figure with a legend holds the legend's svg first and the plot's svg last.
  if (figure.tagName.toLowerCase() === "svg") return figure as SVGSVGElement;
  const all = figure.querySelectorAll("svg");
  return all[all.length - 1] as SVGSVGElement;
}

export interface MapOptions {
  width: number;
  extent: Extent;
  /** Area outlines drawn on top (RD GeoJSON features). */
  outlines?: readonly AreaFeature[];
  maxHeight?: number;
  /** Legend label of the colour scale. */
  label?: string;
}

/** Narrowest map drawn: a resize observer can report a near-zero width while a card lays out. */
export const MIN_WIDTH = 240;

const base = (extent: Extent, width: number, maxHeight?: number) => {
  const frame = mapFrame(extent, {width: Math.max(width, MIN_WIDTH), maxHeight});
  return {
    width: frame.width, height: frame.height, margin: 0,
    x: {domain: frame.x.domain, axis: null}, y: {domain: frame.y.domain, axis: null}
  };
};

const outlineMark = (outlines: readonly AreaFeature[] | undefined) =>
  outlines?.length ? Plot.geo(outlines as never, {stroke: "#333", strokeWidth: 0.8, fill: "none"}) : null;

/**
 * Grid squares coloured by count; hidden squares hatched grey ("verborgen").
 * @example GridMap(gridCells(rows, {year: 2024, size: 500}), {width: 640, extent})
 */
export function GridMap(cells: readonly GridCell[], {width, extent, outlines, maxHeight, label = "Aantal"}: MapOptions): Element {
  const id = `verborgen-${++patterns}`;
  const shown = cells.filter((c) => !c.hidden);
  const hidden = cells.filter((c) => c.hidden);
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "sqrt", scheme: "YlOrRd", label, legend: true, zero: true, tickFormat: nlTick},
    marks: [
      Plot.frame({stroke: "#ccc"}),
      Plot.rect(shown, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "count", title: (d: GridCell) => `${d.cell_id}: ${d.label}`}),
      Plot.rect(hidden, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: `url(#${id})`, title: (d: GridCell) => `${d.cell_id}: verborgen`}),
      outlineMark(outlines)
    ]
  });
  hatch(svgOf(figure), id);
  return figure;
}

/**
 * Hot-spot classes per square (Gi*), with the class legend; `verborgen` hatched.
 * @example HotspotMap(cells, {width: 640, extent})
 */
export function HotspotMap(cells: readonly {cell_id: string; x1: number; x2: number; y1: number; y2: number; hotspot: string}[], {width, extent, outlines, maxHeight}: MapOptions): Element {
  const id = `verborgen-${++patterns}`;
  const classes = HOTSPOT_CLASSES.filter((c) => c !== "verborgen");
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "ordinal", domain: classes.map((c) => HOTSPOT_LABELS[c]), range: classes.map((c) => HOTSPOT_COLORS[c]), legend: true, label: "Gi*"},
    marks: [
      Plot.frame({stroke: "#ccc"}),
      Plot.rect(cells.filter((c) => c.hotspot !== "verborgen"), {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: (d: {hotspot: string}) => HOTSPOT_LABELS[d.hotspot as keyof typeof HOTSPOT_LABELS], title: (d: {cell_id: string; hotspot: string}) => `${d.cell_id}: ${HOTSPOT_LABELS[d.hotspot as keyof typeof HOTSPOT_LABELS]}`}),
      Plot.rect(cells.filter((c) => c.hotspot === "verborgen"), {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: `url(#${id})`, title: (d: {cell_id: string}) => `${d.cell_id}: verborgen`}),
      outlineMark(outlines)
    ]
  });
  hatch(svgOf(figure), id);
  return figure;
}

/**
 * Areas coloured by a value; hidden areas hatched grey, areas without a value outlined only.
 * @example AreaMap(features, areaValues(counts, rates, {level: "buurt", year: 2024}), {width: 640, extent})
 */
export function AreaMap(features: readonly AreaFeature[], values: readonly AreaValue[], {width, extent, outlines, maxHeight, label = "Aantal"}: MapOptions): Element {
  const id = `verborgen-${++patterns}`;
  const byCode = new Map(values.map((v) => [v.code, v]));
  const withValue = features.filter((f) => byCode.get(f.id) && !byCode.get(f.id)!.hidden);
  const hidden = features.filter((f) => byCode.get(f.id)?.hidden);
  const tip = (f: AreaFeature) => {
    const v = byCode.get(f.id);
    return v ? `${v.name} (${v.code}): ${v.label}` : f.id;
  };
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "sqrt", scheme: "YlOrRd", label, legend: true, zero: true, tickFormat: nlTick},
    marks: [
      Plot.geo(features as never, {stroke: "#999", strokeWidth: 0.4, fill: "#fafafa"}),
      Plot.geo(withValue as never, {fill: (f: AreaFeature) => byCode.get(f.id)!.value, stroke: "#fff", strokeWidth: 0.4, title: tip}),
      Plot.geo(hidden as never, {fill: `url(#${id})`, stroke: "#fff", strokeWidth: 0.4, title: tip}),
      outlineMark(outlines)
    ]
  });
  hatch(svgOf(figure), id);
  return figure;
}
