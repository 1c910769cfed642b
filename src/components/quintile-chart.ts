/**
 * Rates per 1,000 of the exposure per year by quintile of one neighbourhood factor (the
 * environmental-factors page). Hidden quintiles are left out, not drawn as 0.
 */
import * as Plot from "@observablehq/plot";
import {nlTick} from "../lib/nl-format.js";
import {capitalise, type Theme} from "../lib/theme.js";
import type {QuintileRow} from "../lib/hypotheses/factors.js";

export function QuintileChart(rows: readonly QuintileRow[], {width, factor, theme}: {width: number; factor: string; theme: Theme}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height: 240, marginLeft: 60,
    x: {label: `Kwintiel van ${factor} (1 = laagste vijfde)`, tickFormat: (d: number) => String(d)},
    y: {label: `${capitalise(theme.plural)} per 1.000 ${theme.exposure} per jaar`, grid: true, tickFormat: nlTick},
    marks: [Plot.barY(rows.filter((d) => d.rate !== null), {x: "quintile", y: "rate", fill: "#4e79a7", tip: true}), Plot.ruleY([0])]
  });
}
