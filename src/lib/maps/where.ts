/**
 * What the Waar page shows, from its published tables: the tables read and indexed once per build
 * (`whereData`), the map frame for the chosen municipality or found place (`whereFrame`), and per
 * section the rows behind the map, its table and its download (`gridView`, `hotspotView`,
 * `areaMapView`, `pc4View`). Plain functions over row objects (Arrow rows are read with
 * `plainRows`); no arquero (it cannot run under the site's CSP). Browser-safe.
 */
import type {RateRow} from "../compare.js";
import {plainRows} from "../rows.js";
import {pc4Totals, type Pc4Row} from "../pc4.js";
import {soortLabel, type Theme} from "../theme.js";
import {areaFeatures, featureExtent, type AreaFeature, type VertexRow} from "./geometry.js";
import {areaValues, cellExtent, gridCells, overlaps, pad, periodYears, type AreaValue, type Extent, type GridCell, type GridRow, type YearRow} from "./grid.js";
import {HOTSPOT_FDR_LABELS, HOTSPOT_LABELS, type HotspotClass} from "./hotspots.js";
import {placeIndex, type Place} from "./places.js";

/** A published row of `grid_hotspots`: the class uncorrected (`hotspot`) and FDR-corrected. */
export interface HotspotRow {
  cell_id: string;
  x: number;
  y: number;
  year: number;
  hotspot: string;
  hotspot_fdr: string;
}

/** A hot-spot square with both classes: `raw` (uncorrected) and `fdr`. */
export interface HotRow {
  cell_id: string;
  x: number;
  y: number;
  year: number;
  raw: string;
  fdr: string;
}

/** The published tables the page reads (Arrow tables or arrays of row objects). */
export interface WhereTables {
  grid: Iterable<unknown>;
  hotspots: Iterable<unknown>;
  geometry: Iterable<unknown>;
  yearly: Iterable<unknown>;
  rates: Iterable<unknown>;
  pc4: Iterable<unknown>;
  areas: Iterable<unknown>;
}

export interface WhereData {
  hasGrid: boolean;
  has125: boolean;
  gridBySizeYear: Map<string, GridRow[]>;
  /** Extent of the 500 m squares (the region's frame), null without coordinates. */
  regionGridExtent: Extent | null;
  features: AreaFeature[];
  hasBoundaries: boolean;
  gemeenteFeatures: AreaFeature[];
  countsByYear: Map<number, YearRow[]>;
  ratesByYear: Map<number, RateRow[]>;
  /** Every year with squares or area counts, ascending. */
  allYears: number[];
  hotRows: HotRow[];
  hotByYear: Map<number, HotRow[]>;
  pc4Rows: Pc4Row[];
  /** Names of every area by code (PC4 areas by their code), for labels and tips. */
  areaNames: Map<string, string>;
  /** The places the search box knows. */
  places: Place[];
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Reads and indexes the page's tables once, so that a filter change only looks up the rows of one
 * year instead of converting every table again.
 */
export function whereData(tables: WhereTables): WhereData {
  const gridRows = plainRows<GridRow>(tables.grid);
  const features = areaFeatures(plainRows<VertexRow>(tables.geometry));
  const countRows = plainRows<YearRow>(tables.yearly);
  const rateRows = plainRows<RateRow>(tables.rates);
  const hotRows = plainRows<HotspotRow>(tables.hotspots).map((d) => ({cell_id: d.cell_id, x: d.x, y: d.y, year: d.year, raw: d.hotspot, fdr: d.hotspot_fdr}));
  const pc4Rows = plainRows<Pc4Row>(tables.pc4);
  const areaRows = plainRows<{code: string; name: string; level: string}>(tables.areas);
  return {
    hasGrid: gridRows.length > 0,
    has125: gridRows.some((d) => d.cell_size === 125),
    gridBySizeYear: groupBy(gridRows, (d) => `${d.cell_size}|${d.year}`),
    regionGridExtent: cellExtent(gridRows.filter((d) => d.cell_size === 500)),
    features,
    hasBoundaries: features.length > 0,
    gemeenteFeatures: features.filter((f) => f.properties.level === "gemeente"),
    countsByYear: groupBy(countRows, (d) => d.year),
    ratesByYear: groupBy(rateRows, (d) => d.year),
    allYears: [...new Set([...gridRows.map((d) => d.year), ...countRows.map((d) => d.year)])].sort((a, b) => a - b),
    hotRows,
    hotByYear: groupBy(hotRows, (d) => d.year),
    pc4Rows,
    areaNames: new Map([...areaRows.map((a): [string, string] => [a.code, a.name]), ...features.filter((f) => f.properties.level === "pc4").map((f): [string, string] => [f.id, f.id])]),
    places: placeIndex(areaRows, pc4Rows)
  };
}

/**
 * The year the maps open on: the last whole calendar year of the period (a last, partial year looks
 * low), else the last year; null without years.
 * @example defaultMapYear([2023, 2024], months, {from: "2023-01", to: "2024-06"}); // 2023
 */
export function defaultMapYear(years: readonly number[], months: readonly string[], {from, to}: {from: string; to: string}): number | null {
  const whole = years.filter((y) => months.includes(`${y}-01`) && months.includes(`${y}-12`) && from <= `${y}-01` && to >= `${y}-12`);
  return whole.length ? whole[whole.length - 1] : years.length ? years[years.length - 1] : null;
}

/** The years of the period with data, and the year the maps open on (see `defaultMapYear`). */
export function mapYears(data: WhereData, months: readonly string[], period: {from: string; to: string}): {years: number[]; defaultYear: number | null} {
  const years = periodYears(period, data.allYears);
  return {years, defaultYear: defaultMapYear(years, months, period)};
}

const padded = (extent: Extent | null, margin: number): Extent | null => (extent ? pad(extent, margin) : null);

/** The map frame and what orients the reader on it. */
export interface WhereFrame {
  /** A municipality is chosen and has a boundary: the maps zoom to it. */
  zoomed: boolean;
  /** The municipality outlines drawn: the chosen one, or all. */
  outline: AreaFeature[];
  /** The found district, neighbourhood or postcode inside the chosen municipality, outlined thick. */
  focus: AreaFeature | null;
  extent: Extent | null;
  /** Areas named on the maps: municipalities over the region, districts inside a zoomed one. */
  labelled: AreaFeature[];
  clipTo: AreaFeature[] | undefined;
  /** Areas a click selects. */
  selectable: AreaFeature[];
}

/**
 * The map frame: the found district, neighbourhood or postcode, else the chosen municipality
 * (zoomed in, squares clipped to it), else the whole region.
 */
export function whereFrame(data: WhereData, {gemeente, place}: {gemeente: string; place: Place | null}): WhereFrame {
  const {features, gemeenteFeatures} = data;
  const zoomed = gemeente !== "regio" && gemeenteFeatures.some((f) => f.id === gemeente);
  const outline = zoomed ? gemeenteFeatures.filter((f) => f.id === gemeente) : gemeenteFeatures;
  const focus = place && place.level !== "gemeente" && place.gemeente === gemeente
    ? features.find((f) => f.id === place.code && f.properties.level === place.level) ?? null : null;
  const extent = focus ? padded(featureExtent([focus]), 300)
    : zoomed ? padded(featureExtent(outline), 500)
    : data.hasGrid ? padded(data.regionGridExtent, 500)
    : data.hasBoundaries ? padded(featureExtent(gemeenteFeatures), 500) : null;
  const wijken = zoomed ? features.filter((f) => f.properties.level === "wijk" && f.id.slice(2, 6) === gemeente.slice(2, 6)) : [];
  return {
    zoomed, outline, focus, extent,
    labelled: zoomed ? (wijken.length ? wijken : outline) : gemeenteFeatures,
    clipTo: zoomed ? outline : undefined,
    selectable: zoomed && wijken.length ? wijken : gemeenteFeatures
  };
}

/** The place behind a clicked area (a district, neighbourhood or postcode), or null. */
export function placeOfFeature(places: readonly Place[], feature: AreaFeature): Place | null {
  return places.find((p) => p.code === feature.id && p.level === feature.properties.level) ?? null;
}

/** Rows per municipality (the bar chart and table without coordinates). */
export interface MunicipalityRow {
  gemeente: string;
  jaar: string;
  soort: string;
  aantal: number | "verborgen";
}

/**
 * The grid map's squares of one size and year within the frame, its table (largest first) and,
 * for a delivery without coordinates, the counts per municipality with their table.
 */
export function gridView(data: WhereData, {size, year, extent, gemeente, soort, theme}: {size: number; year: number | null; extent: Extent | null; gemeente: string; soort: string; theme: Theme}): {
  cells: GridCell[];
  table: {vak: string; x_rd: string; y_rd: string; vakgrootte_m: number; jaar: string; aantal: number | "verborgen"}[];
  municipalities: YearRow[];
  municipalityTable: MunicipalityRow[];
} {
  const cells = data.hasGrid && year !== null ? gridCells(data.gridBySizeYear.get(`${size}|${year}`) ?? [], {year, size, extent}) : [];
  const table = cells.slice().sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.cell_id.localeCompare(b.cell_id))
    .map((c) => ({vak: c.cell_id, x_rd: String(c.x1), y_rd: String(c.y1), vakgrootte_m: size, jaar: String(year), aantal: c.hidden ? ("verborgen" as const) : c.count!}));
  const s = soort === "alle" ? "totaal" : soort;
  const municipalities = (year === null ? [] : data.countsByYear.get(year) ?? [])
    .filter((d) => d.area_level === "gemeente" && d.year === year && d.soort === s && (gemeente === "regio" || d.area_code === gemeente));
  const municipalityTable = municipalities.map((d) => ({gemeente: d.area_name, jaar: String(d.year), soort: soortLabel(theme, d.soort), aantal: d.count ?? ("verborgen" as const)}));
  return {cells, table, municipalities, municipalityTable};
}

/** A hot-spot square ready to draw, with the class of the chosen correction. */
export type HotCell = HotRow & {hotspot: string; x1: number; x2: number; y1: number; y2: number};

/**
 * The hot-spot squares of a year within the frame with the class of `correction` (`fdr` or `raw`),
 * the table of hot and cold spots (by class, then square) and the number of hot-spot squares per
 * year of the period ("2023: 4 · 2024: 6").
 */
export function hotspotView(data: WhereData, {year, years, extent, correction}: {year: number | null; years: readonly number[]; extent: Extent | null; correction: "fdr" | "raw"}): {
  cells: HotCell[];
  table: {vak: string; x_rd: string; y_rd: string; jaar: string; klasse: string}[];
  perYear: string;
} {
  const labels: Record<string, string> = correction === "fdr" ? HOTSPOT_FDR_LABELS : HOTSPOT_LABELS;
  const cells = (year === null ? [] : data.hotByYear.get(year) ?? []).filter((d) => overlaps(d.x, d.y, 500, extent))
    .map((d) => ({...d, hotspot: d[correction], x1: d.x, x2: d.x + 500, y1: d.y, y2: d.y + 500}));
  const table = cells.filter((d) => d.hotspot !== "ns").sort((a, b) => a.hotspot.localeCompare(b.hotspot) || a.cell_id.localeCompare(b.cell_id))
    .map((d) => ({vak: d.cell_id, x_rd: String(d.x), y_rd: String(d.y), jaar: String(d.year), klasse: labels[d.hotspot] ?? d.hotspot}));
  const hot = new Set<string>(["hot95", "hot99"] satisfies HotspotClass[]);
  const perYear = years.map((y) => `${y}: ${(data.hotByYear.get(y) ?? []).filter((d) => hot.has(d[correction])).length}`).join(" · ");
  return {cells, table, perYear};
}

const MEASURE = {
  count: {label: "Aantal", column: "aantal"},
  rate: {label: "Per 1.000 woningen", column: "per_1000_woningen"},
  eb: {label: "Per 1.000 woningen (EB)", column: "eb_per_1000_woningen"}
} as const;

/**
 * The area map of one level and measure: the values, the boundaries in the chosen municipality,
 * the frame (the found place when it lies on this level's map), the legend label and the table.
 */
export function areaMapView(data: WhereData, frame: WhereFrame, {level, measure, year, soort, gemeente}: {level: string; measure: "count" | "rate" | "eb"; year: number | null; soort: string; gemeente: string}): {
  values: AreaValue[];
  features: AreaFeature[];
  extent: Extent | null;
  label: string;
  table: Record<string, string | number>[];
} {
  const values = year === null ? [] : areaValues(data.countsByYear.get(year) ?? [], data.ratesByYear.get(year) ?? [], {level, year, soort, measure, gemeente});
  const features = data.features.filter((f) => f.properties.level === level && (gemeente === "regio" || f.id.slice(2, 6) === gemeente.slice(2, 6)));
  const {label, column} = MEASURE[measure];
  return {
    values, features, label,
    extent: frame.focus && level !== "gemeente" ? frame.extent : padded(featureExtent(features), 500),
    table: values.map((v) => ({code: v.code, gebied: v.name, jaar: String(year), [column]: v.hidden ? "verborgen" : v.value!}))
  };
}

/**
 * Counts per postcode area over the period: the map values, the postcode boundaries shown (all over
 * the region, those with counts in a municipality), the frame, and the table with a found postcode first.
 */
export function pc4View(data: WhereData, frame: WhereFrame, {from, to, gemeente, soort, place}: {from: string; to: string; gemeente: string; soort: string; place: Place | null}): {
  values: AreaValue[];
  /** Whether any postcode boundaries were delivered. */
  hasBoundaries: boolean;
  features: AreaFeature[];
  extent: Extent | null;
  table: {postcode: string; gemeentecode: string; geslaagd: number; pogingen: number; totaal: number}[];
} {
  const totals = pc4Totals(data.pc4Rows, {from, to, area: gemeente, soort});
  const all = data.features.filter((f) => f.properties.level === "pc4");
  const shown = new Set(totals.map((d) => d.pc4));
  const features = all.filter((f) => gemeente === "regio" || shown.has(f.id));
  const ordered = place?.level === "pc4" ? [...totals.filter((d) => d.pc4 === place.code), ...totals.filter((d) => d.pc4 !== place.code)] : totals;
  return {
    values: totals.map((d) => ({code: d.pc4, name: `postcode ${d.pc4}`, value: d.totaal, hidden: false, label: d.totaal.toLocaleString("nl-NL")})),
    hasBoundaries: all.length > 0,
    features,
    extent: frame.focus?.properties.level === "pc4" ? frame.extent : padded(featureExtent(features), 500),
    table: ordered.map((d) => ({postcode: d.pc4, gemeentecode: d.gemeentecode, geslaagd: d.inbraak, pogingen: d.poging, totaal: d.totaal}))
  };
}
