/**
 * The charts of the forecast evaluation on Waar nu?: the PAI per method over the share of the area
 * (with the 95% band), and the PAI per tested month at 5% of the area. Rows come from
 * `forecastView` (src/lib/forecast-text.ts); PAI 1, no better than chance, is a dashed rule.
 */
import * as Plot from "@observablehq/plot";
import {FORECAST_METHOD_LABEL} from "../lib/forecast.js";
import {nlNumber} from "../lib/hypotheses/format.js";
import {nlMonthTick} from "../lib/nl-format.js";

const methodColor = {legend: true, domain: Object.values(FORECAST_METHOD_LABEL)};
const chance = () => Plot.ruleY([1], {stroke: "#999", strokeDasharray: "4,3"});

/** One point of the PAI curve: a method at a share of the area (`aandeel`, percent). */
export interface PaiCurvePoint {
  methode: string;
  aandeel: number;
  pai: number;
  pai_low: number | null;
  pai_high: number | null;
  hit_rate: number;
}

/**
 * The PAI per method over the share of the area with the highest forecast (log axis), with bands.
 * @example PaiCurveChart(forecastView(summary, months).curve, {width: 640})
 */
export function PaiCurveChart(curve: readonly PaiCurvePoint[], {width, height = 360}: {width: number; height?: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height, marginLeft: 50,
    x: {type: "log", label: "Aandeel van het gebied met de hoogste voorspelling (%)", ticks: [0.5, 1, 2, 5, 10, 20, 50], tickFormat: (d: number) => nlNumber(d, d < 1 ? 1 : 0)},
    y: {label: "PAI (gemiddeld over de maanden)", grid: true, zero: true},
    color: methodColor,
    marks: [
      chance(),
      Plot.areaY(curve, {x: "aandeel", y1: "pai_low", y2: "pai_high", fill: "methode", fillOpacity: 0.12}),
      Plot.line(curve, {x: "aandeel", y: "pai", stroke: "methode", marker: "dot", tip: true, title: (d: PaiCurvePoint) => `${d.methode}: PAI ${nlNumber(d.pai)} bij ${nlNumber(d.aandeel, 1)}% van het gebied (trefkans ${nlNumber(100 * d.hit_rate, 0)}%)`})
    ]
  });
}

/**
 * The PAI per tested month and method at one share of the area.
 * @example PaiMonthChart(forecastView(summary, months).monthly5, {width: 640})
 */
export function PaiMonthChart(rows: readonly {month: number | Date; methode: string; pai: number | null}[], {width, height = 300}: {width: number; height?: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width, height, marginLeft: 50,
    x: {type: "utc", label: null, tickFormat: nlMonthTick}, y: {label: "PAI", grid: true, zero: true},
    color: methodColor,
    marks: [chance(), Plot.line(rows, {x: "month", y: "pai", stroke: "methode", tip: true})]
  });
}
