/**
 * A weekday x hour heat map (7 rows, 24 columns) of aoristic weights, as plain SVG: each cell has a
 * <title> with its value, and a legend gives the scale. Labels are set with textContent.
 */
import {WEEKDAYS, oneDecimal} from "../lib/nl-format.js";

export interface HeatMapCell {
  weekday: number;
  hour: number;
  /** null: hidden by the privacy rule (drawn hatched grey). */
  weight: number | null;
}

export interface HeatMapOptions {
  width?: number;
  /** Unit for the cell titles, e.g. "inbraken (aoristisch gewogen)". */
  unit?: string;
  document?: Document;
}

const SVG = "http://www.w3.org/2000/svg";
/** A sequential ramp (light yellow to dark red), sampled from ColorBrewer YlOrRd. */
const RAMP = ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"];

/** The ramp colour for t in [0, 1] (linear between the stops); exported for tests. */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x)), f = x - i;
  const a = RAMP[i], b = RAMP[i + 1];
  const ch = (s: string, k: number) => parseInt(s.slice(1 + 2 * k, 3 + 2 * k), 16);
  return "#" + [0, 1, 2].map((k) => Math.round(ch(a, k) + f * (ch(b, k) - ch(a, k))).toString(16).padStart(2, "0")).join("");
}

/** Returns the heat map as an SVG element. */
export function HeatMap(cells: readonly HeatMapCell[], {width = 640, unit = "gewicht", document: doc = globalThis.document}: HeatMapOptions = {}): SVGSVGElement {
  if (!Array.isArray(cells)) throw new Error(`invalid cells: ${String(cells)}`);
  const left = 78, top = 20, bottom = 30;
  const cw = Math.max(8, Math.floor((width - left - 8) / 24));
  const ch = Math.max(14, Math.round(cw * 0.8));
  // On a phone the legend's text and the hidden swatch go on lines of their own below the ramp:
  // beside it they would run past the right edge.
  const narrow = left + 24 * cw + 8 < left + RAMP.length * 18 + 320;
  const height = top + 7 * ch + bottom + (narrow ? 30 : 0);
  const max = Math.max(0, ...cells.map((c) => c.weight ?? 0));
  const svg = doc.createElementNS(SVG, "svg") as SVGSVGElement;
  svg.setAttribute("class", "heat-map");
  svg.setAttribute("width", String(left + 24 * cw + 8));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${left + 24 * cw + 8} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("font-family", "var(--sans-serif)");
  svg.setAttribute("font-size", "11");
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  svg.append(el("title", {}, `Weekdag x uur, ${unit}`));
  WEEKDAYS.forEach((d, i) => svg.append(el("text", {x: left - 6, y: top + i * ch + ch / 2 + 4, "text-anchor": "end", fill: "currentColor"}, d)));
  for (let h = 0; h < 24; h += 3) svg.append(el("text", {x: left + h * cw + cw / 2, y: top - 6, "text-anchor": "middle", fill: "currentColor"}, `${String(h).padStart(2, "0")}u`));
  for (const c of cells) {
    if (!(c.weekday >= 0 && c.weekday < 7 && c.hour >= 0 && c.hour < 24)) throw new Error(`invalid cell: ${JSON.stringify(c)}`);
    const hidden = c.weight === null;
    const rect = el("rect", {x: left + c.hour * cw, y: top + c.weekday * ch, width: cw - 1, height: ch - 1, fill: hidden ? "#d9d9d9" : rampColor(max > 0 ? c.weight! / max : 0)});
    if (hidden) rect.setAttribute("class", "hidden-cell");
    const value = hidden ? "verborgen (klein gewicht, of verborgen om een ander cijfer te beschermen)" : `${oneDecimal(c.weight)!.toLocaleString("nl-NL")} ${unit}`;
    rect.append(el("title", {}, `${WEEKDAYS[c.weekday]} ${String(c.hour).padStart(2, "0")}:00–${String(c.hour + 1).padStart(2, "0")}:00: ${value}`));
    svg.append(rect);
  }
  const ly = top + 7 * ch + 10;
  RAMP.forEach((color, i) => svg.append(el("rect", {x: left + i * 18, y: ly, width: 18, height: 8, fill: color})));
  const [tx, ty] = narrow ? [left, ly + 22] : [left + RAMP.length * 18 + 6, ly + 8];
  svg.append(el("text", {x: tx, y: ty, fill: "currentColor"}, `0 – ${oneDecimal(max)!.toLocaleString("nl-NL")} ${unit} per uur`));
  if (cells.some((c) => c.weight === null)) {
    const [lx, hy] = narrow ? [left, ly + 30] : [left + RAMP.length * 18 + 230, ly];
    svg.append(el("rect", {x: lx, y: hy, width: 18, height: 8, fill: "#d9d9d9"}));
    svg.append(el("text", {x: lx + 24, y: hy + 8, fill: "currentColor"}, "verborgen"));
  }
  return svg;
}
