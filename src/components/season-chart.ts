/**
 * The season profile (src/lib/when.ts `seasonIndex`): one bar per calendar month, its index against
 * the average month (= 100, the dashed rule); months without a shown value are left out. On the
 * municipality reports.
 */
import * as Plot from "@observablehq/plot";
import {MONTHS_SHORT, nlTick} from "../lib/nl-format.js";
import type {SeasonPoint} from "../lib/when.js";

export function SeasonChart(points: readonly SeasonPoint[], {width, height = 200}: {width: number; height?: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height, marginLeft: 48,
    // On a phone every other month is labelled: twelve names do not fit.
    x: {label: null, domain: MONTHS_SHORT, tickFormat: (d: string, i: number) => (width < 480 && i % 2 ? "" : d)},
    y: {label: "Index (gemiddelde maand = 100)", grid: true, zero: true, tickFormat: nlTick},
    marks: [
      Plot.barY(points.filter((d) => d.index !== null), {x: (d: SeasonPoint) => MONTHS_SHORT[d.month - 1], y: "index", fill: "#4e79a7", tip: true}),
      Plot.ruleY([100], {stroke: "#333", strokeDasharray: "3,3"})
    ]
  });
}
