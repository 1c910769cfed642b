/**
 * A funnel plot: each area's rate against its exposure (dwellings), with the reference rate and the
 * 95% and 99.8% limits around it, so that small areas are not ranked on noise (Spiegelhalter 2005).
 */
import * as Plot from "@observablehq/plot";
import {nlTick} from "../lib/nl-format.js";
import {SIGNAL_COLORS, SIGNAL_LABELS, SIGNALS, type LimitRow, type RateRow} from "../lib/compare.js";

export interface FunnelOptions {
  width: number;
  height?: number;
  reference: number | null;
  /** y axis label, e.g. "Inbraken per 1.000 woningen". */
  label?: string;
  /** Plot the Empirical Bayes rate (hollow) beside the crude rate. */
  showEb?: boolean;
}

/**
 * @example FunnelPlot(view.shown, view.curve, {width: 640, reference: view.reference})
 */
export function FunnelPlot(points: readonly RateRow[], curve: readonly LimitRow[], {width, height = 420, reference, label = "Per 1.000 woningen", showEb = false}: FunnelOptions): Element {
  const classes = SIGNALS.filter((s) => points.some((p) => p.signal === s));
  return Plot.plot({
    width: Math.max(width, 320), height, marginLeft: 56, marginBottom: 44,
    x: {type: "log", label: "Woningen (logaritmische schaal)", grid: true, tickFormat: nlTick},
    y: {label, grid: true, zero: true, tickFormat: nlTick},
    color: {type: "ordinal", domain: classes.map((s) => SIGNAL_LABELS[s]), range: classes.map((s) => SIGNAL_COLORS[s]), legend: true},
    marks: [
      Plot.areaY(curve, {x: "dwellings", y1: "lower998", y2: "upper998", fill: "#eee", curve: "monotone-x"}),
      Plot.areaY(curve, {x: "dwellings", y1: "lower95", y2: "upper95", fill: "#ddd", curve: "monotone-x"}),
      Plot.line(curve, {x: "dwellings", y: "upper998", stroke: "#999", strokeDasharray: "4,3", curve: "monotone-x"}),
      Plot.line(curve, {x: "dwellings", y: "lower998", stroke: "#999", strokeDasharray: "4,3", curve: "monotone-x"}),
      Plot.line(curve, {x: "dwellings", y: "upper95", stroke: "#777", curve: "monotone-x"}),
      Plot.line(curve, {x: "dwellings", y: "lower95", stroke: "#777", curve: "monotone-x"}),
      reference === null ? null : Plot.ruleY([reference], {stroke: "#333"}),
      showEb ? Plot.dot(points, {x: "dwellings", y: "eb_rate", r: 3, stroke: "#555", fill: "none", title: (d: RateRow) => `${d.area_name}: EB ${d.eb_rate}`}) : null,
      Plot.dot(points, {
        x: "dwellings", y: "rate", r: 4, fill: (d: RateRow) => SIGNAL_LABELS[d.signal as keyof typeof SIGNAL_LABELS], stroke: "#fff", strokeWidth: 0.5,
        title: (d: RateRow) => `${d.area_name} (${d.area_code})\n${d.count} op ${d.dwellings.toLocaleString("nl-NL")} woningen\n${d.rate} per 1.000 (EB ${d.eb_rate})\n${SIGNAL_LABELS[d.signal as keyof typeof SIGNAL_LABELS]}`
      })
    ]
  });
}
