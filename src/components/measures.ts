/**
 * Components of the measure pages: effect cards with warnings, the event-study chart, the design map
 * and timeline, the interrupted-time-series chart and the dose-response chart. Charts take Plot as an
 * option (the page's Plot), so that they render the same in the browser and in tests.
 * Delivered text (area and campaign names, warnings) is always set as text, never as HTML.
 */
import {coversPlanted, effectSentence, formatInterval, formatPercent, verdictClass, warningsOf, type EffectRecord} from "../lib/measure-text.js";
import {nlMonthTick, nlPercentTick, nlTick} from "../lib/nl-format.js";
import {capitalise, THEMES, type Theme} from "../lib/theme.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PlotModule = any;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A card with an effect's estimate, interval, verdict and warnings. */
export function EffectCard(row: EffectRecord | undefined, {title, per = ""}: {title: string; per?: string}): HTMLElement {
  const card = el("div", undefined, "card effect-card");
  card.append(el("h3", title));
  if (!row) {
    card.append(el("p", "Niet geleverd."));
    return card;
  }
  const big = el("div", undefined, "effect-big");
  big.append(el("span", row.estimate === null ? "–" : formatPercent(row.estimate) + per, "effect-value"));
  big.append(el("span", row.verdict, `verdict verdict-${verdictClass(row.verdict)}`));
  card.append(big);
  card.append(el("p", effectSentence(row, {per}), "small"));
  card.append(WarningList(row));
  return card;
}

/** Plain warnings of a row, as a list with a warning style (empty when there are none). */
export function WarningList(row: Pick<EffectRecord, "warning"> | undefined): HTMLElement {
  const warnings = warningsOf(row);
  const box = el("div", undefined, warnings.length ? "warning" : "no-warning");
  if (!warnings.length) return box;
  box.append(el("strong", "Let op"));
  const ul = el("ul");
  for (const w of warnings) ul.append(el("li", w));
  box.append(ul);
  return box;
}

/** A chart that only says something is missing (keeps the page's main chart an svg). */
export function EmptyChart(message: string, {Plot, width = 640, height = 120}: {Plot: PlotModule; width?: number; height?: number}): SVGElement | HTMLElement {
  return Plot.plot({width, height, axis: null, marks: [Plot.frame({stroke: "#ccc"}), Plot.text([message], {frameAnchor: "middle", fontSize: 14, fill: "#666"})]});
}

export interface EventRow {
  event_time: number;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  observed?: number | null;
  expected?: number;
  cohorts?: number;
}

/** The event-study chart: effect (percent) per quarter since the start with 95% intervals. */
export function EventStudyChart(rows: readonly EventRow[], {Plot, width = 640, height = 320, planted = null, color = "#b2182b"}: {Plot: PlotModule; width?: number; height?: number; planted?: number | null; color?: string}) {
  const data = rows.filter((r) => r.estimate !== null);
  if (!data.length) return EmptyChart("Geen event study: niet geleverd of te weinig gegevens", {Plot, width});
  return Plot.plot({
    width, height, marginLeft: 52,
    x: {label: "Maanden sinds de start (per kwartaal) →", ticks: 10, tickFormat: nlTick},
    y: {label: "Verandering (%)", grid: true, tickFormat: nlPercentTick},
    marks: [
      Plot.ruleY([0], {stroke: "#888"}),
      Plot.ruleX([-0.5], {stroke: "#888", strokeDasharray: "4,3"}),
      planted === null ? null : Plot.ruleY([planted], {stroke: "#2166ac", strokeDasharray: "6,4"}),
      planted === null ? null : Plot.text([planted], {y: (d: number) => d, frameAnchor: "right", dy: -7, text: () => "geplant", fill: "#2166ac", fontSize: 11}),
      Plot.ruleX(data, {x: "event_time", y1: "ci_low", y2: "ci_high", stroke: (d: EventRow) => (d.event_time < 0 ? "#888" : color), strokeWidth: 2}),
      Plot.dot(data, {x: "event_time", y: "estimate", fill: (d: EventRow) => (d.event_time < 0 ? "#888" : color), r: 3.5, tip: true,
        title: (d: EventRow) => `${d.event_time} tot ${d.event_time + 2} maanden: ${formatPercent(d.estimate)} (${formatInterval(d.ci_low, d.ci_high)})`})
    ]
  });
}

export interface DesignRow {
  area_code: string;
  area_name: string;
  role: string;
  start: Date | null;
  x: number | null;
  y: number | null;
}

export const ROLE_COLORS = {domain: ["appgroep", "buur", "controle", "vooraf"], range: ["#b2182b", "#f4a582", "#92c5de", "#bbbbbb"]};

/** A map of neighbourhood centroids (RD New) coloured by their role in the comparison. */
export function DesignMap(rows: readonly DesignRow[], {Plot, width = 640}: {Plot: PlotModule; width?: number}) {
  const data = rows.filter((r) => r.x !== null && r.y !== null);
  if (!data.length) return EmptyChart("Geen kaart: geen buurtgrenzen geleverd", {Plot, width});
  const xs = data.map((d) => d.x!), ys = data.map((d) => d.y!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const height = Math.max(200, Math.min(900, Math.round((width - 40) * ((y1 - y0) / Math.max(1, x1 - x0)) + 60)));
  return Plot.plot({
    width, height, inset: 10,
    x: {axis: null, domain: [x0, x1]}, y: {axis: null, domain: [y0, y1]},
    color: {legend: true, ...ROLE_COLORS, tickFormat: (r: string) => ({appgroep: "buurt met appgroep", buur: "buur zonder appgroep", controle: "controle (nooit een groep)", vooraf: "groep vóór de gegevens"} as Record<string, string>)[r] ?? r},
    marks: [
      Plot.dot(data, {x: "x", y: "y", fill: "role", r: Math.max(2, Math.min(5, width / 150)), tip: true,
        title: (d: DesignRow) => `${d.area_name} (${d.area_code})\n${d.role}${d.start ? `, start ${d.start.toISOString().slice(0, 7)}` : ""}`})
    ]
  });
}

export interface TimelineRow {
  month: Date;
  with_group: number;
  not_yet: number;
  never: number;
  ended: number;
}

/** The adoption timeline: neighbourhoods with a running group, not yet, never and ended, per month. */
export function AdoptionTimeline(rows: readonly TimelineRow[], {Plot, width = 640, height = 220}: {Plot: PlotModule; width?: number; height?: number}) {
  if (!rows.length) return EmptyChart("Geen tijdlijn", {Plot, width});
  const labels: Record<string, string> = {with_group: "met lopende groep", not_yet: "nog niet (controle)", never: "nooit (controle)", ended: "groep gestopt"};
  const long = rows.flatMap((r) => (["with_group", "ended", "not_yet", "never"] as const).map((k) => ({month: r.month, group: labels[k], n: r[k]})));
  return Plot.plot({
    width, height, marginLeft: 48,
    x: {label: "Maand →", tickFormat: nlMonthTick},
    y: {label: "Buurten", grid: true, tickFormat: nlTick},
    color: {legend: true, domain: Object.values(labels), range: ["#b2182b", "#bbbbbb", "#f4a582", "#92c5de"]},
    marks: [Plot.areaY(long, {x: "month", y: "n", fill: "group", order: Object.values(labels), tip: true}), Plot.ruleY([0])]
  });
}

export interface SeriesRow {
  month: Date;
  observed: number | null;
  fitted: number;
  counterfactual: number;
  /** Campaign months are shaded. */
  running?: boolean;
}

/** An interrupted time series: observed counts, the fit and the counterfactual, with the start. */
export function ItsChart(rows: readonly SeriesRow[], {Plot, width = 640, height = 280, start = null, end = null, theme = THEMES.woninginbraak}: {Plot: PlotModule; width?: number; height?: number; start?: Date | null; end?: Date | null; theme?: Theme}) {
  if (!rows.length) return EmptyChart("Geen reeks: niet geleverd of te weinig gegevens", {Plot, width});
  return Plot.plot({
    width, height, marginLeft: 44,
    x: {label: "Maand →", tickFormat: nlMonthTick},
    y: {label: `${capitalise(theme.plural)} per maand`, grid: true, tickFormat: nlTick},
    color: {legend: true, domain: ["geregistreerd", "model", "zonder maatregel"], range: ["#999", "#b2182b", "#2166ac"]},
    marks: [
      start && end ? Plot.rectX([{start, end}], {x1: "start", x2: "end", fill: "#fddbc7", fillOpacity: 0.5}) : null,
      Plot.rectY(rows.filter((d) => d.running), {x: "month", interval: "month", y: Math.max(1, ...rows.map((d) => Math.max(d.observed ?? 0, d.fitted))), fill: "#fddbc7", fillOpacity: 0.6}),
      start && !end ? Plot.ruleX([start], {stroke: "#b2182b", strokeDasharray: "4,3"}) : null,
      Plot.dot(rows.filter((d) => d.observed !== null), {x: "month", y: "observed", r: 1.8, fill: () => "geregistreerd", tip: true}),
      Plot.line(rows, {x: "month", y: "counterfactual", stroke: () => "zonder maatregel", strokeDasharray: "5,3"}),
      Plot.line(rows, {x: "month", y: "fitted", stroke: () => "model"}),
      Plot.ruleY([0])
    ]
  });
}

export interface DoseGroupRow {
  dose_group: string;
  order: number;
  areas: number;
  dose: number;
  rate_ratio: number | null;
  fitted_ratio: number | null;
}

/** Dose-response: rate ratio (after / before) per dose group, with the fitted line. */
export function DoseChart(rows: readonly DoseGroupRow[], {Plot, width = 640, height = 280, theme = THEMES.woninginbraak}: {Plot: PlotModule; width?: number; height?: number; theme?: Theme}) {
  if (!rows.length) return EmptyChart("Geen dosis-respons: niet geleverd of te weinig gegevens", {Plot, width});
  const pct = (v: number | null) => (v === null ? null : 100 * (v - 1));
  return Plot.plot({
    width, height, marginLeft: 52,
    x: {label: "Preventiebezoeken per 1.000 woningen (dosisperiode) →", tickFormat: nlTick},
    y: {label: `Verandering ${theme.risk} na t.o.v. voor (%)`, grid: true, tickFormat: nlPercentTick},
    marks: [
      Plot.ruleY([0], {stroke: "#888"}),
      Plot.line(rows, {x: "dose", y: (d: DoseGroupRow) => pct(d.fitted_ratio), stroke: "#2166ac", strokeDasharray: "5,3"}),
      Plot.dot(rows, {x: "dose", y: (d: DoseGroupRow) => pct(d.rate_ratio), r: (d: DoseGroupRow) => Math.sqrt(d.areas) + 2, fill: "#b2182b", fillOpacity: 0.8, tip: true,
        title: (d: DoseGroupRow) => `${d.dose_group}: ${d.areas} buurten, ${formatPercent(pct(d.rate_ratio))}`})
    ]
  });
}

/** Effect estimates with their intervals as a forest plot (one row per label), with planted values. */
export function ForestChart(rows: readonly (EffectRecord & {name: string})[], {Plot, width = 640}: {Plot: PlotModule; width?: number}) {
  const data = rows.filter((r) => r.estimate !== null);
  if (!data.length) return EmptyChart("Geen schattingen: niet geleverd of te weinig gegevens", {Plot, width});
  return Plot.plot({
    width, height: 40 + 26 * data.length, marginLeft: 270,
    x: {label: "Verandering (%) met 95%-interval", grid: true, tickFormat: nlPercentTick},
    y: {label: null, domain: data.map((d) => d.name)},
    marks: [
      Plot.ruleX([0], {stroke: "#888"}),
      Plot.ruleY(data, {y: "name", x1: "ci_low", x2: "ci_high", stroke: "#b2182b", strokeWidth: 2}),
      Plot.dot(data, {y: "name", x: "estimate", fill: "#b2182b", r: 4, tip: true, title: (d: EffectRecord) => `${formatPercent(d.estimate)} (${formatInterval(d.ci_low, d.ci_high)}) – ${d.verdict}`}),
      Plot.tickX(data.filter((d) => d.planted !== null), {y: "name", x: "planted", stroke: "#2166ac", strokeWidth: 2})
    ]
  });
}

/** The workshop section: planted truth beside the estimate, and whether the interval covers it. */
export function TruthTable(rows: readonly (EffectRecord & {name: string})[]): HTMLElement {
  const table = el("table", undefined, "truth-table");
  const head = el("tr");
  for (const h of ["Schatting", "Geplant", "Geschat", "95%-interval", "Geplant binnen interval?"]) head.append(el("th", h));
  table.append(head);
  for (const r of rows.filter((d) => d.planted !== null)) {
    const tr = el("tr");
    const covers = coversPlanted(r);
    for (const v of [r.name, formatPercent(r.planted), formatPercent(r.estimate), formatInterval(r.ci_low, r.ci_high), covers === null ? "–" : covers ? "ja" : "nee"]) tr.append(el("td", v));
    table.append(tr);
  }
  return table;
}
