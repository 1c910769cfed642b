/**
 * KnoxMatrix: the space x time table of Knox observed/expected ratios as a coloured grid, each cell
 * labelled with its ratio, significant cells (p < alpha) marked with an asterisk and a dark border,
 * suppressed cells grey.
 */
import * as Plot from "@observablehq/plot";
import {THEMES, type Theme} from "../lib/theme.js";

/** One cell, as in the knox_cells table (or a Web Worker result mapped to the same fields). */
export interface KnoxCell {
  space_index: number;
  space_label: string;
  time_index: number;
  time_label: string;
  ratio: number | null;
  p_value: number | null;
  suppressed?: boolean;
}

export interface KnoxMatrixOptions {
  width?: number;
  alpha?: number;
  /** The build's theme, for the axis label (default woninginbraak). */
  theme?: Theme;
}

const ratioText = (r: number | null) => (r === null || !Number.isFinite(r) ? "" : r.toLocaleString("nl-NL", {minimumFractionDigits: 2, maximumFractionDigits: 2}));

/** A few round legend ticks symmetric around 1 on the log scale. */
function legendTicks(max: number): number[] {
  const up = [1, 2, 4, 10, 40, 100, 1000].filter((t) => t <= max);
  return [...up.slice(1).reverse().map((t) => 1 / t), ...up];
}

/** Returns the ratio grid as an SVG figure. */
export function KnoxMatrix(cells: readonly KnoxCell[], {width = 640, alpha = 0.05, theme = THEMES.woninginbraak}: KnoxMatrixOptions = {}): SVGSVGElement | HTMLElement {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`invalid alpha: ${alpha}`);
  const spaces = [...new Map([...cells].sort((a, b) => a.space_index - b.space_index).map((c) => [c.space_index, c.space_label])).values()];
  const times = [...new Map([...cells].sort((a, b) => a.time_index - b.time_index).map((c) => [c.time_index, c.time_label])).values()];
  const shown = cells.filter((c) => !c.suppressed && c.ratio !== null && Number.isFinite(c.ratio));
  const significant = shown.filter((c) => c.p_value !== null && c.p_value < alpha);
  const hidden = cells.filter((c) => c.suppressed);
  const max = Math.max(2, ...shown.map((c) => c.ratio!).filter((r) => r > 0));
  return Plot.plot({
    width,
    height: 60 + 44 * spaces.length,
    marginLeft: 150,
    marginBottom: 50,
    x: {domain: times, label: `Tijd tussen twee ${theme.plural}`, tickRotate: times.length > 5 ? -20 : 0},
    y: {domain: spaces, label: "Afstand"},
    color: {type: "log", scheme: "rdbu", reverse: true, domain: [1 / max, max], label: "Waargenomen / verwacht", legend: true, ticks: legendTicks(max), tickFormat: (d: number) => ratioText(d)},
    marks: [
      Plot.cell(hidden, {x: "time_label", y: "space_label", fill: "#ddd", inset: 1}),
      Plot.cell(shown.filter((c) => c.ratio! > 0), {x: "time_label", y: "space_label", fill: "ratio", inset: 1}),
      Plot.cell(shown.filter((c) => c.ratio === 0), {x: "time_label", y: "space_label", fill: "#f4f4f4", inset: 1}),
      Plot.cell(significant, {x: "time_label", y: "space_label", stroke: "black", strokeWidth: 2, inset: 2}),
      Plot.text(shown, {x: "time_label", y: "space_label", text: (c: KnoxCell) => ratioText(c.ratio) + (c.p_value !== null && c.p_value < alpha ? " *" : ""), fill: (c: KnoxCell) => (c.ratio! > 3 ? "white" : "black")}),
      Plot.text(hidden, {x: "time_label", y: "space_label", text: () => "verborgen", fill: "#666", fontSize: 9})
    ]
  });
}
