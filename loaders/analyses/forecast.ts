/**
 * Forecasts of next month's burglary locations, measured (src/lib/forecast.ts): the cells of the
 * delivery (500 m squares when most incidents have coordinates, else four-digit postcode areas),
 * the rolling-origin evaluation of the four methods over the last 24 months, and the findings
 * `forecast.pai5.<method>`. Only accuracy figures are published, never a cell or a forecast map:
 * the summary has no counts, the monthly table hides months whose hits in the top cells are small
 * (openbaar).
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import {
  evaluateForecasts, firstDayOfMonth, FORECAST_METHOD_LABEL, FORECAST_METHODS, HEADLINE_FRACTIONS,
  type ForecastCells, type ForecastEvents, type ForecastEvaluation, type ForecastMethod, type ForecastOptions
} from "../../src/lib/forecast.js";
import type {Area} from "../delivery/geo.js";
import {snap} from "../delivery/geo.js";
import {centroid} from "./measures/panel.js";
import {buildTable} from "../arrow.js";
import type {Delivery} from "../delivery/read.js";
import {col, columns, round, startDay} from "./common.js";
import {thresholdOf, type Analysis, type Finding} from "./types.js";

/** Square size of the forecast grid (m). */
export const FORECAST_CELL = 500;
/** Links reach this many spacings: three times the largest candidate bandwidth (3 spacings). */
const LINK_REACH = 9;
/**
 * Postcode areas without boundaries: the other postcode areas of the same municipality are
 * neighbours at this distance (in spacings), so that the kernel can borrow from the municipality
 * while the prospective weighting (reach 1.5) stays within the postcode area.
 */
export const SAME_MUNICIPALITY_DISTANCE = 2;

export type ForecastLevel = "vak500" | "buurt" | "pc4";

export interface ForecastInput {
  level: ForecastLevel;
  /** Cell ids: `E2565N4705` (lower-left corner in hm), the neighbourhood code or the postcode. */
  ids: string[];
  cells: ForecastCells;
  events: ForecastEvents;
  /** Incidents without a cell (no coordinates, no postcode). */
  excluded: number;
  /** How the cells were built, in Dutch (for the page). */
  note: string;
}

/** Builds CSR links from per-cell neighbour lists (the cell itself first, at distance 0). */
function csr(lists: {to: number; d: number}[][]): Pick<ForecastCells, "linkStart" | "linkTo" | "linkDistance"> {
  const linkStart = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (linkStart[i + 1] = linkStart[i] + l.length));
  const linkTo = new Int32Array(linkStart[lists.length]);
  const linkDistance = new Float64Array(linkStart[lists.length]);
  lists.forEach((l, i) => l.forEach(({to, d}, k) => ((linkTo[linkStart[i] + k] = to), (linkDistance[linkStart[i] + k] = d))));
  return {linkStart, linkTo, linkDistance};
}

/** The area (m²) of a delivered boundary: outer rings minus holes (shoelace). */
export function surface(area: Area): number {
  let total = 0;
  for (const rings of area.polygons) {
    rings.forEach((ring, r) => {
      let s = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      total += (r === 0 ? 1 : -1) * Math.abs(s / 2);
    });
  }
  return total;
}

/**
 * The forecast cells of a delivery. With coordinates on at least half of the incidents: 500 m
 * squares whose centre lies in the region's municipalities (when their boundaries are delivered)
 * plus every square with an incident; else the squares with an incident. Without: the
 * neighbourhoods (CBS buurten) when at least as many incidents carry a buurtcode as a postcode, else
 * the postcode areas; the areas with an incident, by centroid and area when their boundaries are
 * delivered, else of equal area with the municipality as neighbourhood ({@link SAME_MUNICIPALITY_DISTANCE}).
 */
export function forecastInput(delivery: Pick<Delivery, "incidents" | "registry">): ForecastInput {
  const incidents = delivery.incidents;
  const withXY = incidents.filter((r) => !Number.isNaN(r.x) && !Number.isNaN(r.y));
  if (withXY.length > 0 && withXY.length * 2 >= incidents.length) return gridInput(delivery, withXY.length);
  const withBuurt = incidents.filter((r) => r.buurtcode).length, withPc4 = incidents.filter((r) => r.pc4).length;
  return areaInput(delivery, withBuurt > 0 && withBuurt >= withPc4 ? "buurt" : "pc4");
}

const AREA_WORDS = {
  buurt: {plural: "buurten", cells: "buurten (CBS) met ten minste één incident"},
  pc4: {plural: "postcodegebieden", cells: "postcodegebieden (4 cijfers) met ten minste één incident"}
} as const;

/**
 * Lower-left corners of the squares whose centre lies inside an area (even-odd per polygon, as
 * areaContains), by scanlines through the centre rows: the crossings of each row with the rings.
 */
export function squaresInside(area: Area, size: number): [number, number][] {
  const out: [number, number][] = [];
  const [, y0, , y1] = area.bbox;
  for (const rings of area.polygons) {
    for (let y = snap(y0, size); y <= y1; y += size) {
      const yc = y + size / 2;
      const xs: number[] = [];
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i], [xj, yj] = ring[j];
          if (yi > yc !== yj > yc) xs.push(((xj - xi) * (yc - yi)) / (yj - yi) + xi);
        }
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // Centres x + size/2 with xs[k] < centre < xs[k+1] (a centre on an edge counts as areaContains says: inside when left of it).
        for (let x = snap(xs[k] - size / 2, size); x + size / 2 < xs[k + 1]; x += size) if (x + size / 2 >= xs[k]) out.push([x, y]);
      }
    }
  }
  return out;
}

function gridInput({incidents, registry}: Pick<Delivery, "incidents" | "registry">, usable: number): ForecastInput {
  const size = FORECAST_CELL;
  // Squares keyed by column and row (RD / size; well inside 2^20 for the Netherlands).
  const key = (x: number, y: number) => Math.round(x / size) * 2 ** 20 + Math.round(y / size);
  const index = new Map<number, number>();
  const corners: [number, number][] = [];
  const add = (x: number, y: number) => {
    const k = key(x, y);
    let i = index.get(k);
    if (i === undefined) index.set(k, (i = corners.length)), corners.push([x, y]);
    return i;
  };
  const region = registry.shapes.gemeente.filter((s) => registry.region.includes(s.code));
  for (const shape of region) for (const [x, y] of squaresInside(shape, size)) add(x, y);
  const cell: number[] = [], day: number[] = [];
  for (const r of incidents) {
    if (Number.isNaN(r.x) || Number.isNaN(r.y)) continue;
    cell.push(add(snap(r.x, size), snap(r.y, size)));
    day.push(startDay(r));
  }
  const reach = Math.floor(LINK_REACH);
  const lists = corners.map(([x, y]) => {
    const l: {to: number; d: number}[] = [{to: index.get(key(x, y))!, d: 0}];
    for (let dx = -reach; dx <= reach; dx++) {
      for (let dy = -reach; dy <= reach; dy++) {
        if ((!dx && !dy) || dx * dx + dy * dy > LINK_REACH * LINK_REACH) continue;
        const j = index.get(key(x + dx * size, y + dy * size));
        if (j !== undefined) l.push({to: j, d: size * Math.hypot(dx, dy)});
      }
    }
    return l;
  });
  return {
    level: "vak500",
    ids: corners.map(([x, y]) => `E${x / 100}N${y / 100}`),
    cells: {area: new Float64Array(corners.length).fill(size * size), spacing: size, ...csr(lists)},
    events: {cell: Int32Array.from(cell), day: Int32Array.from(day)},
    excluded: incidents.length - usable,
    note: region.length
      ? "vakken van 500 m binnen de gemeentegrenzen van de regio (plus elk vak met een incident)"
      : "vakken van 500 m met ten minste één incident in de levering (geen gemeentegrenzen geleverd)"
  };
}

/** Cells that are areas: the neighbourhoods or the postcode areas of the incidents. */
function areaInput({incidents, registry}: Pick<Delivery, "incidents" | "registry">, level: "buurt" | "pc4"): ForecastInput {
  const gemeente = new Map<string, Map<string, number>>();
  const cell: string[] = [], day: number[] = [];
  for (const r of incidents) {
    const code = level === "buurt" ? r.buurtcode : r.pc4;
    if (!code) continue;
    const g = gemeente.get(code) ?? gemeente.set(code, new Map()).get(code)!;
    g.set(r.gemeentecode, (g.get(r.gemeentecode) ?? 0) + 1);
    cell.push(code);
    day.push(startDay(r));
  }
  const ids = [...gemeente.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const words = AREA_WORDS[level];
  const shapes = new Map(registry.shapes[level].map((s) => {
    const [x, y] = centroid(s);
    return [s.code, {a: surface(s), x, y}];
  }));
  const events = {cell: Int32Array.from(cell, (c) => index.get(c)!), day: Int32Array.from(day)};
  const excluded = incidents.length - cell.length;
  if (ids.length && ids.every((id) => shapes.has(id) && shapes.get(id)!.a > 0)) {
    const geo = ids.map((id) => shapes.get(id)!);
    const nearest = geo.map((p, i) => Math.min(...geo.map((q, j) => (i === j ? Infinity : Math.hypot(p.x - q.x, p.y - q.y)))));
    const sorted = nearest.filter(Number.isFinite).sort((a, b) => a - b);
    const spacing = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 1000;
    const lists = geo.map((p, i) => [{to: i, d: 0}, ...geo.flatMap((q, j) => {
      const d = Math.hypot(p.x - q.x, p.y - q.y);
      return i !== j && d <= LINK_REACH * spacing ? [{to: j, d}] : [];
    })]);
    return {level, ids, cells: {area: Float64Array.from(geo, (g) => g.a), spacing, ...csr(lists)}, events, excluded,
      note: `${words.cells}; afstanden tussen hun middelpunten, oppervlakte uit de geleverde grenzen`};
  }
  const main = ids.map((id) => [...gemeente.get(id)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  const lists = ids.map((_, i) => [{to: i, d: 0}, ...ids.flatMap((_, j) => (i !== j && main[i] === main[j] ? [{to: j, d: SAME_MUNICIPALITY_DISTANCE}] : []))]);
  return {level, ids, cells: {area: new Float64Array(ids.length).fill(1), spacing: 1, ...csr(lists)}, events, excluded,
    note: `${words.cells}; zonder grenzen telt elk gebied als even groot, ` +
      `en de kerndichtheid leent alleen van ${words.plural} in dezelfde gemeente (de prospectieve methode blijft binnen het gebied)`};
}

const SUMMARY = [
  col.d("method", "simple_count, kde, prospective or blend (src/lib/forecast.ts)"),
  col.d("cell_level", "vak500 (500 m squares), buurt (CBS neighbourhoods) or pc4 (four-digit postcode areas)"),
  col.i32("cells", "cells in the forecast area"),
  col.f64("fraction", "share of the area taken (the cells with the highest forecast)"),
  col.f64("pai", "mean Predictive Accuracy Index over the months: hit rate / share of the area"),
  col.f64("pai_low", "lower bound of the 95% t-interval of the mean PAI across months", true),
  col.f64("pai_high", "upper bound of the 95% t-interval of the mean PAI across months", true),
  col.f64("hit_rate", "mean share of the month's incidents in the cells taken"),
  col.f64("hit_rate_low", "lower bound of the 95% t-interval of the mean hit rate", true),
  col.f64("hit_rate_high", "upper bound of the 95% t-interval of the mean hit rate", true),
  col.i16("months", "months evaluated (with at least one incident)")
] as const;

const MONTHS = [
  col.day("month", "first day of the forecast month"),
  col.d("method", "simple_count, kde, prospective or blend"),
  col.f64("fraction", "share of the area taken: 0.01, 0.05 or 0.1"),
  col.i32("incidents", "incidents of the month in the forecast area"),
  col.f64("hits", "incidents of the month in the cells taken (fractional at tied cells); null when suppressed", true),
  col.f64("hit_rate", "hits / incidents; null when suppressed", true),
  col.f64("pai", "hit rate / fraction; null when suppressed", true),
  col.f64("bandwidth", "kernel bandwidth chosen on the months before (m; spacings for postcode areas without boundaries)"),
  col.f64("weight_simple_count", "blend weight of the simple count, chosen on the months before"),
  col.f64("weight_kde", "blend weight of the kernel density"),
  col.f64("weight_prospective", "blend weight of the prospective weighting"),
  col.bool("suppressed", "openbaar: 1..threshold-1 hits, hits, hit rate and PAI hidden")
] as const;

/** Dutch wording of a method inside a question. */
const METHOD_PHRASE: Readonly<Record<ForecastMethod, string>> = {
  simple_count: "de telling van de vorige 12 maanden",
  kde: "de kerndichtheid (hotspotkaart)",
  prospective: "de prospectieve near-repeatweging",
  blend: "de combinatie van de drie methoden"
};

/** The findings `forecast.pai5.<method>` of an evaluation (null estimates when nothing was evaluated). */
export function forecastFindings(evaluation: ForecastEvaluation, level: ForecastLevel | null, theme: Theme = THEMES.woninginbraak): Finding[] {
  return FORECAST_METHODS.map((method) => {
    const s = evaluation.summary.find((r) => r.method === method && Math.abs(r.fraction - 0.05) < 1e-9);
    const ok = s && Number.isFinite(s.pai);
    const low = ok && Number.isFinite(s.paiLow) ? round(s.paiLow, 4) : null;
    const high = ok && Number.isFinite(s.paiHigh) ? round(s.paiHigh, 4) : null;
    return {
      id: `forecast.pai5.${method}`,
      question: `Hoe goed voorspelt ${METHOD_PHRASE[method]} waar volgende maand ${theme.plural} zijn (PAI in de 5% van het gebied met de hoogste voorspelling)?`,
      method: `Voortschrijdende evaluatie over ${s?.months ?? 0} maanden, ${level === "vak500" ? "vakken van 500 m" : "postcodegebieden"}; ` +
        "gemiddelde PAI met 95%-t-interval over de maanden; PAI 1 = niet beter dan willekeurig",
      estimate: ok ? round(s.pai, 4) : null, ci_low: low, ci_high: high, p_value: null, unit: "pai", direction: "increase",
      verdict: !ok ? (level === null ? "niet geleverd" : "onvoldoende gegevens") : low === null || high === null ? "onzeker" : low > 1 ? "aangetoond" : high < 1 ? "tegengesteld" : "niet aangetoond"
    };
  });
}

/** The forecast analysis; `options` are for tests and the bench (the build uses the defaults). */
export function forecastAnalysisWith(options: ForecastOptions = {}): Analysis {
  return {
    name: "forecast",
    schemas: {forecast_summary: SUMMARY, forecast_months: MONTHS},
    run({delivery, level, suppressBelow, privacy, theme = THEMES.woninginbraak}) {
      const threshold = thresholdOf({level, suppressBelow, privacy}, "forecast_months");
      const input = forecastInput(delivery);
      const evaluation = evaluateForecasts(input.cells, input.events, options);
      const summary = evaluation.summary.map((s) => ({
        method: s.method, cell_level: input.level, cells: input.ids.length, fraction: s.fraction,
        pai: round(s.pai), pai_low: round(s.paiLow), pai_high: round(s.paiHigh),
        hit_rate: round(s.hitRate), hit_rate_low: round(s.hitRateLow), hit_rate_high: round(s.hitRateHigh), months: s.months
      }));
      const months: Record<string, unknown>[] = [];
      for (const m of evaluation.months) {
        for (const method of FORECAST_METHODS) {
          for (const fraction of HEADLINE_FRACTIONS) {
            const c = m.capture[method].find((x) => Math.abs(x.fraction - fraction) < 1e-9);
            if (!c) continue;
            const hidden = threshold > 0 && c.hits > 0 && c.hits < threshold;
            months.push({
              month: firstDayOfMonth(m.month), method, fraction, incidents: m.incidents,
              hits: hidden ? null : round(c.hits, 4), hit_rate: hidden ? null : round(c.hitRate), pai: hidden ? null : round(c.pai),
              bandwidth: round(m.bandwidth, 3), weight_simple_count: round(m.weights[0]), weight_kde: round(m.weights[1]), weight_prospective: round(m.weights[2]),
              suppressed: hidden
            });
          }
        }
      }
      return {
        tables: {forecast_summary: buildTable(SUMMARY, columns(SUMMARY, summary) as never), forecast_months: buildTable(MONTHS, columns(MONTHS, months) as never)},
        findings: forecastFindings(evaluation, input.ids.length ? input.level : null, theme)
      };
    }
  };
}

export const forecastAnalysis: Analysis = forecastAnalysisWith();

export {FORECAST_METHOD_LABEL};
