/**
 * The charts of the dark-evenings hypothesis page: the month index (dark months dark blue, the
 * average day as a red rule), the aoristic weight by hour relative to sunset (the first four hours
 * after sunset dark), and each clock hour's share of its week before and after the end of summer
 * time with the chosen window shaded.
 */
import * as Plot from "@observablehq/plot";
import {DARK_MONTHS} from "../lib/hypotheses/season.js";
import {MONTHS_SHORT, nlPercentTick, nlTick, percentOneDecimal} from "../lib/nl-format.js";

const DARK = "#2b3a67";
const LIGHT = "#9db4d8";

/** Bars of the month index (100 = the average day); `index[i]` belongs to `months[i]` (1-based). */
export function MonthIndexChart(months: readonly number[], index: readonly number[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const rows = months.map((m, i) => ({maand: MONTHS_SHORT[m - 1], dark: DARK_MONTHS.includes(m), index: index[i]}));
  return Plot.plot({
    width, height: 260, marginLeft: 48,
    x: {domain: MONTHS_SHORT, label: null},
    y: {label: "Index", grid: true, tickFormat: nlTick},
    marks: [Plot.barY(rows, {x: "maand", y: "index", fill: (d: {dark: boolean}) => (d.dark ? DARK : LIGHT), tip: true}), Plot.ruleY([100], {stroke: "#c33"})]
  });
}

/** Weight per hour relative to sunset (hour 0 = the first hour after sunset). */
export function SunsetChart(rows: readonly {relative_hour: number; weight: number | null}[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height: 240, marginLeft: 48,
    x: {label: "Uren na zonsondergang (0 = eerste uur na zonsondergang)", tickFormat: nlTick},
    y: {label: "Aoristisch gewicht", grid: true, tickFormat: nlTick},
    marks: [
      Plot.rectY(rows, {x1: "relative_hour", x2: (d: {relative_hour: number}) => d.relative_hour + 1, y: "weight", fill: (d: {relative_hour: number}) => (d.relative_hour >= 0 && d.relative_hour < 4 ? DARK : LIGHT), tip: true}),
      Plot.ruleX([0], {stroke: "#c33"}), Plot.ruleY([0])
    ]
  });
}

/** Share of the week per clock hour, week before and week after the change, the window [from, to) shaded. */
export function DstChart(shares: readonly {hour: number; week: string; aandeel: number | null}[], {width, from, to}: {width: number; from: number; to: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height: 240, marginLeft: 48,
    x: {label: "Klokuur"}, y: {label: "Aandeel van de week", grid: true, tickFormat: (d: number) => nlPercentTick(percentOneDecimal(d)!)},
    color: {legend: true, domain: ["week vóór", "week na"], range: [LIGHT, DARK]},
    marks: [
      Plot.rectX([{}], {x1: from, x2: to, fill: "#fde68a", fillOpacity: 0.5}),
      Plot.lineY(shares, {x: (d: {hour: number}) => d.hour + 0.5, y: "aandeel", stroke: "week", strokeWidth: 2, tip: true}),
      Plot.ruleY([0])
    ]
  });
}
