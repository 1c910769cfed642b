/**
 * The Wat page's charts: burglaries and attempts per year as grouped bars, and one dimension's
 * shares per year (stacked bars; dots for buit, whose items can overlap in one registration).
 * Years with a hidden count are left out rather than drawn as 0.
 */
import * as Plot from "@observablehq/plot";
import {nlTick} from "../lib/nl-format.js";
import {soortLabel, type Theme} from "../lib/theme.js";
import type {AttemptYear, CategoryYear} from "../lib/what.js";

/** Burglaries and attempts per year (src/lib/what.ts attemptYears). */
export function AttemptChart(years: readonly AttemptYear[], {width, theme}: {width: number; theme: Theme}): SVGSVGElement | HTMLElement {
  const bars = years.flatMap((d) => [
    {jaar: d.jaar, soort: soortLabel(theme, "inbraak"), aantal: d.inbraken},
    {jaar: d.jaar, soort: soortLabel(theme, "poging"), aantal: d.pogingen}
  ]).filter((d) => d.aantal !== null);
  return Plot.plot({
    width, height: 240, marginLeft: 48,
    x: {label: null, tickFormat: "d"},
    y: {label: "Aantal", grid: true, tickFormat: nlTick},
    color: {legend: true, domain: [theme.soort.inbraak, theme.soort.poging], range: ["#b2182b", "#ef8a62"]},
    marks: [Plot.barY(bars, {x: "jaar", y: "aantal", fill: "soort", tip: true}), Plot.ruleY([0])]
  });
}

/** One dimension's category shares per year, in percent; `order` fixes the colours and the stack. */
export function CategoryChart(items: readonly CategoryYear[], {width, dimension, order, years}: {width: number; dimension: string; order: readonly string[]; years: number}): SVGSVGElement | HTMLElement {
  const shown = items.filter((d) => d.share !== null);
  const x = (d: CategoryYear) => d.share! * 100;
  return Plot.plot({
    width, height: 60 + 24 * years, marginLeft: 48,
    x: {label: dimension === "buit" ? "Aandeel van de registraties met dit item (%)" : "Aandeel (%)", grid: true, tickFormat: nlTick},
    y: {label: null, tickFormat: "d", type: "band"},
    color: {legend: true, domain: order, scheme: "tableau10"},
    marks: [
      dimension === "buit"
        ? Plot.dot(shown, {y: "year", x, fill: "category", r: 4, tip: true})
        : Plot.barX(shown, {y: "year", x, fill: "category", order: [...order], tip: true}),
      Plot.ruleX([0])
    ]
  });
}
