/**
 * Maps in RD New metres drawn with Plot on x/y scales of equal scale (no projection library):
 * grid squares (GridMap), hot-spot classes (HotspotMap) and area choropleths (AreaMap). Hidden
 * values are drawn hatched grey as "verborgen", never as 0.
 */
import * as Plot from "@observablehq/plot";
import {HOTSPOT_CLASSES, HOTSPOT_COLORS, HOTSPOT_FDR_LABELS, HOTSPOT_LABELS} from "../lib/maps/hotspots.js";
import {mapFrame, type AreaValue, type Extent, type GridCell} from "../lib/maps/grid.js";
import type {AreaFeature} from "../lib/maps/geometry.js";
import {featureAt, labelFits, labelPoint} from "../lib/maps/places.js";
import {nlTick} from "../lib/nl-format.js";

let patterns = 0;

/** Adds a diagonal hatch pattern with the given id to a Plot svg and hatches the shapes Plot filled `url(#id)`. */
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
  // The hidden shapes are filled with the hatch's grey, and the hatch is drawn once over all of them,
  // as one path. Printed to PDF, Chromium turns every shape filled with a pattern into images of its
  // own: Waar, with about 1,300 hidden squares, printed 7,672 images (15 MB, 15 s to print).
  for (const group of svg.querySelectorAll(`[fill="url(#${id})"]`)) {
    group.setAttribute("fill", "#d9d9d9");
    const d = [...group.children].map(outline).join("");
    if (!d) continue;
    const overlay = document.createElementNS(ns, "path");
    overlay.setAttribute("d", d);
    overlay.setAttribute("fill", `url(#${id})`);
    overlay.setAttribute("stroke", "none");
    overlay.setAttribute("pointer-events", "none");
    overlay.setAttribute("aria-hidden", "true");
    group.append(overlay);
  }
}

/** The outline of a rect or path that Plot drew, as path data ("" for other elements). */
function outline(shape: Element): string {
  if (shape.tagName.toLowerCase() === "path") return shape.getAttribute("d") ?? "";
  if (shape.tagName.toLowerCase() !== "rect") return "";
  const [x, y, w, h] = ["x", "y", "width", "height"].map((a) => Number(shape.getAttribute(a) ?? 0));
  return `M${x},${y}h${w}v${h}h${-w}Z`;
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
  /** Areas whose names are written on the map where they fit (names from `names`). */
  labelled?: readonly AreaFeature[];
  /** Area names by code, for labels and tips. */
  names?: ReadonlyMap<string, string>;
  /** Clip the squares or areas to these areas (a zoomed municipality); otherwise to the frame. */
  clipTo?: readonly AreaFeature[];
  /** An area drawn with a thick outline (the place found with the search box). */
  highlight?: AreaFeature | null;
  /** Areas that can be clicked, and what a click on one of them does. */
  selectable?: readonly AreaFeature[];
  onSelect?: (feature: AreaFeature) => void;
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

/** How the data marks are clipped: to the zoomed areas, else to the frame (never over the legend). */
const clipOf = (clipTo: readonly AreaFeature[] | undefined) =>
  (clipTo?.length ? {type: "FeatureCollection", features: clipTo} : "frame") as never;

/** The orientation marks: the highlighted area and the names that fit at this scale. */
function orientationMarks(extent: Extent, width: number, maxHeight: number | undefined, {labelled, names, highlight}: MapOptions) {
  const frame = mapFrame(extent, {width: Math.max(width, MIN_WIDTH), maxHeight});
  const metresPerPixel = (frame.x.domain[1] - frame.x.domain[0]) / frame.width;
  const labels = (labelled ?? []).flatMap((f) => {
    const point = labelPoint(f);
    const text = names?.get(f.id) ?? "";
    return point && text && labelFits(text, point, metresPerPixel) ? [{...point, text}] : [];
  });
  return [
    highlight ? Plot.geo([highlight] as never, {stroke: "#08306b", strokeWidth: 2.5, fill: "none"}) : null,
    labels.length ? Plot.text(labels, {x: "x", y: "y", text: "text", fontSize: 11, fill: "#1a1a1a", stroke: "white", strokeWidth: 3, paintOrder: "stroke", pointerEvents: "none", clip: "frame"} as never) : null
  ];
}

/** Makes the areas in `selectable` clickable: a click inside one calls `onSelect` with it. */
function clickable(figure: Element, {selectable, onSelect}: MapOptions): void {
  if (!selectable?.length || !onSelect) return;
  const svg = svgOf(figure);
  const sx = (figure as unknown as {scale(n: string): {invert(v: number): number}}).scale("x");
  const sy = (figure as unknown as {scale(n: string): {invert(v: number): number}}).scale("y");
  svg.style.cursor = "pointer";
  svg.setAttribute("data-clickable", "");
  svg.addEventListener("click", (event) => {
    const box = svg.getBoundingClientRect();
    const k = Number(svg.getAttribute("width")) / box.width || 1;
    const x = sx.invert((event.clientX - box.left) * k), y = sy.invert((event.clientY - box.top) * k);
    const hit = featureAt(selectable, x, y);
    if (hit) onSelect(hit);
  });
}

/**
 * One tip for all the squares of a map, shown and hidden alike, at the square nearest the pointer:
 * with a tip on each of its two rect marks a map showed two tips at once, one from each.
 */
function squareTip<T extends {x1: number; x2: number; y1: number; y2: number}>(cells: readonly T[], channels: Record<string, (d: T) => unknown>) {
  return Plot.tip(cells as T[], Plot.pointer({x: (d: T) => (d.x1 + d.x2) / 2, y: (d: T) => (d.y1 + d.y2) / 2, channels, format: {x: false, y: false}} as never));
}

/**
 * Grid squares coloured by count; hidden squares hatched grey ("verborgen").
 * @example GridMap(gridCells(rows, {year: 2024, size: 500}), {width: 640, extent})
 */
export function GridMap(cells: readonly GridCell[], options: MapOptions): Element {
  const {width, extent, outlines, maxHeight, label = "Aantal", clipTo, names, selectable} = options;
  const id = `verborgen-${++patterns}`;
  const shown = cells.filter((c) => !c.hidden);
  const hidden = cells.filter((c) => c.hidden);
  const clip = clipOf(clipTo);
  // The tip names the square, its count and the municipality it lies in (its centre).
  const area = (d: GridCell) => {
    const f = selectable?.length ? featureAt(selectable, (d.x1 + d.x2) / 2, (d.y1 + d.y2) / 2) : null;
    return f ? names?.get(f.id) ?? f.id : "";
  };
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "sqrt", scheme: "YlOrRd", label, legend: true, zero: true, tickFormat: nlTick},
    marks: [
      Plot.frame({stroke: "#ccc"}),
      Plot.rect(shown, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "count", clip}),
      Plot.rect(hidden, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: `url(#${id})`, clip}),
      outlineMark(outlines),
      ...orientationMarks(extent, width, maxHeight, options),
      squareTip(cells, {Vak: (d: GridCell) => d.cell_id, Gebied: area, Aantal: (d: GridCell) => d.label})
    ]
  });
  hatch(svgOf(figure), id);
  clickable(figure, options);
  return figure;
}

/**
 * Hot-spot classes per square (Gi*), with the class legend; `verborgen` hatched. `correction` names
 * the classes: "fdr" (Benjamini-Hochberg, the default) or "raw" (uncorrected).
 * @example HotspotMap(cells, {width: 640, extent, correction: "raw"})
 */
export function HotspotMap(cells: readonly {cell_id: string; x1: number; x2: number; y1: number; y2: number; hotspot: string}[], options: MapOptions & {correction?: "fdr" | "raw"}): Element {
  const {width, extent, outlines, maxHeight, clipTo, correction = "fdr"} = options;
  const LABELS = correction === "fdr" ? HOTSPOT_FDR_LABELS : HOTSPOT_LABELS;
  const id = `verborgen-${++patterns}`;
  const clip = clipOf(clipTo);
  const classes = HOTSPOT_CLASSES.filter((c) => c !== "verborgen");
  // The tip names the square and its class, as GridMap's does: one tip drawn on hover, where a
  // <title> per square put some 4,500 more elements into Waar (docs/performance.md).
  const klasse = (d: {hotspot: string}) => (d.hotspot === "verborgen" ? "verborgen" : LABELS[d.hotspot as keyof typeof LABELS]);
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "ordinal", domain: classes.map((c) => LABELS[c]), range: classes.map((c) => HOTSPOT_COLORS[c]), legend: true, label: "Gi*"},
    marks: [
      Plot.frame({stroke: "#ccc"}),
      Plot.rect(cells.filter((c) => c.hotspot !== "verborgen"), {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: (d: {hotspot: string}) => LABELS[d.hotspot as keyof typeof LABELS], clip}),
      Plot.rect(cells.filter((c) => c.hotspot === "verborgen"), {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: `url(#${id})`, clip}),
      outlineMark(outlines),
      ...orientationMarks(extent, width, maxHeight, options),
      squareTip(cells, {Vak: (d: {cell_id: string}) => d.cell_id, Klasse: klasse})
    ]
  });
  hatch(svgOf(figure), id);
  clickable(figure, options);
  return figure;
}

/**
 * Areas coloured by a value; hidden areas hatched grey, areas without a value outlined only.
 * @example AreaMap(features, areaValues(counts, rates, {level: "buurt", year: 2024}), {width: 640, extent})
 */
export function AreaMap(features: readonly AreaFeature[], values: readonly AreaValue[], options: MapOptions): Element {
  const {width, extent, outlines, maxHeight, label = "Aantal", clipTo} = options;
  const id = `verborgen-${++patterns}`;
  const byCode = new Map(values.map((v) => [v.code, v]));
  const withValue = features.filter((f) => byCode.get(f.id) && !byCode.get(f.id)!.hidden);
  const hidden = features.filter((f) => byCode.get(f.id)?.hidden);
  const clip = clipOf(clipTo);
  // One tip for shown and hidden areas alike (a tip per mark showed two at once), at the point where
  // the area's name goes (labelPoint: planar, in RD metres), naming the area, its code and the figure.
  const tipped = [...withValue, ...hidden].flatMap((f) => {
    const at = labelPoint(f);
    return at ? [{f, x: at.x, y: at.y}] : [];
  });
  const channels = {Gebied: ({f}: {f: AreaFeature}) => byCode.get(f.id)?.name ?? options.names?.get(f.id) ?? f.id, Code: ({f}: {f: AreaFeature}) => f.id, [label]: ({f}: {f: AreaFeature}) => byCode.get(f.id)?.label ?? "geen cijfer"};
  const figure = Plot.plot({
    ...base(extent, width, maxHeight),
    color: {type: "sqrt", scheme: "YlOrRd", label, legend: true, zero: true, tickFormat: nlTick},
    marks: [
      Plot.geo(features as never, {stroke: "#999", strokeWidth: 0.4, fill: "#fafafa", clip}),
      Plot.geo(withValue as never, {fill: (f: AreaFeature) => byCode.get(f.id)!.value, stroke: "#fff", strokeWidth: 0.4, clip}),
      Plot.geo(hidden as never, {fill: `url(#${id})`, stroke: "#fff", strokeWidth: 0.4, clip}),
      outlineMark(outlines),
      ...orientationMarks(extent, width, maxHeight, {...options, names: options.names ?? new Map(values.map((v) => [v.code, v.name]))}),
      Plot.tip(tipped, Plot.pointer({x: "x", y: "y", channels, format: {x: false, y: false}} as never))
    ]
  });
  hatch(svgOf(figure), id);
  clickable(figure, options);
  return figure;
}

/**
 * Counts per municipality as bars, for a delivery without coordinates (no grid map); a hidden count
 * is written "verborgen" at zero, never drawn as a bar.
 * @example MunicipalityBars(gridView(data, options).municipalities, {width: 640, label: "Inbraken per gemeente, 2024", slots: 12})
 */
export function MunicipalityBars(rows: readonly {area_name: string; count: number | null}[], {width, label, slots = rows.length}: {width: number; label: string; slots?: number}): Element {
  return Plot.plot({
    // `slots` rows of height: the page keeps one height for every municipality filter.
    width: Math.max(width, 320), height: 40 + 24 * slots, marginLeft: 120,
    // A domain of at least [0, 1]: with every shown count 0 Plot would stretch a zero bar over the width.
    x: {label, grid: true, tickFormat: nlTick, domain: [0, Math.max(1, ...rows.map((d) => d.count ?? 0))]}, y: {label: null},
    marks: [
      Plot.barX(rows.filter((d) => d.count !== null), {x: "count", y: "area_name", fill: "#b2182b", tip: true}),
      Plot.text(rows.filter((d) => d.count === null), {x: 0, y: "area_name", text: () => "verborgen", textAnchor: "start", dx: 4, fill: "#777"}),
      Plot.ruleX([0])
    ]
  });
}
