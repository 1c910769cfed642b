/**
 * Rates per 1,000 dwellings per year beside the Netherlands (src/lib/benchmark.ts): one line per
 * series, Nederland always in the same colour, a tip per point. Used on Vergelijken and on the
 * municipality reports.
 */
import * as Plot from "@observablehq/plot";
import {nlTick, yearTicks} from "../lib/nl-format.js";
import type {BenchmarkPoint} from "../lib/benchmark.js";

/** Colours in order of the series: Nederland, the region, the municipality. */
const COLOURS = ["#4e79a7", "#f28e2b", "#e15759"];

export function BenchmarkChart(points: readonly BenchmarkPoint[], {width, height = 280}: {width: number; height?: number}): SVGSVGElement | HTMLElement {
  const years = [...new Set(points.map((d) => d.year))].sort((a, b) => a - b);
  const series = [...new Set(points.map((d) => d.reeks))];
  return Plot.plot({
    width, height, marginLeft: 44,
    // Every year while each has room for its label, else every k-th counted back from the last.
    x: {label: "Jaar", tickFormat: "d", ticks: yearTicks(years, width - 44)},
    y: {label: "Per 1.000 woningen", grid: true, zero: true, tickFormat: nlTick},
    color: {legend: true, label: null, domain: series, range: COLOURS.slice(0, series.length)},
    marks: [
      Plot.lineY(points, {x: "year", y: "rate", stroke: "reeks"}),
      Plot.dot(points, {x: "year", y: "rate", fill: "reeks", tip: true, title: (d: BenchmarkPoint) => `${d.reeks}, ${d.year}: ${d.rate.toLocaleString("nl-NL", {maximumFractionDigits: 2})} per 1.000 woningen`})
    ]
  });
}
