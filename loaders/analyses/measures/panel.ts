/**
 * Panels for the measure analyses, built from the validated delivery: neighbourhood x month and
 * municipality x month counts of registered burglaries (inbraak and poging together) with dwellings
 * as exposure, and the neighbourhoods' centroids and neighbour lists from the delivered boundaries.
 */
import type {Delivery} from "../../delivery/read.js";
import type {Area} from "../../delivery/geo.js";
import {TWENTE} from "../../../src/lib/twente.js";

/** Month index year * 12 + (month - 1) of a civil day number (as in src/lib/measures/did.ts). */
export function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Civil day number of the first day of a month index. */
export function dayOfMonth(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;
}

/** Dense area x month counts and exposure (row-major), with the month range. */
export interface AreaMonths {
  areas: string[];
  firstMonth: number;
  months: number;
  count: Float64Array;
  exposure: Float64Array;
  /** How the exposure was found: `woningvoorraad` per year, `areas` (one figure) or `gelijk` (none: equal). */
  exposureSource: "woningvoorraad" | "gelijk";
}

/** The months covered by the incidents (first to last incident month), or null without incidents. */
export function incidentMonths(delivery: Delivery): {first: number; months: number} | null {
  if (!delivery.incidents.length) return null;
  let lo = Infinity, hi = -Infinity;
  for (const r of delivery.incidents) {
    const m = monthOfDay(Math.floor(r.start / 1440));
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  return {first: lo, months: hi - lo + 1};
}

/**
 * Dwellings per area and year from kerncijfers.csv (`woningvoorraad`): the value of the year, else
 * of the nearest earlier year, else of the nearest later year. Areas without any value are absent.
 */
export function dwellingsByYear(delivery: Delivery, codes: readonly string[]): Map<string, (year: number) => number> {
  const byArea = new Map<string, [number, number][]>();
  const wanted = new Set(codes);
  for (const k of delivery.kerncijfers ?? []) {
    if (k.variabele !== "woningvoorraad" || !wanted.has(k.gebiedscode) || !(k.waarde > 0)) continue;
    const list = byArea.get(k.gebiedscode) ?? (byArea.set(k.gebiedscode, []), byArea.get(k.gebiedscode)!);
    list.push([k.jaar, k.waarde]);
  }
  const out = new Map<string, (year: number) => number>();
  for (const [code, list] of byArea) {
    list.sort((a, b) => a[0] - b[0]);
    out.set(code, (year) => {
      let value = list[0][1];
      for (const [y, v] of list) if (y <= year) value = v;
      return value;
    });
  }
  return out;
}

/**
 * The neighbourhood x month panel: every neighbourhood of the region known to the delivery
 * (boundaries, incident or measure codes), counts of incidents with a neighbourhood, and dwellings
 * per year as exposure. When no neighbourhood has a dwelling count, every neighbourhood gets the same
 * exposure (the estimators compare changes within areas, so rates then are per area).
 */
export function buurtPanel(delivery: Delivery): AreaMonths | null {
  const span = incidentMonths(delivery);
  if (!span) return null;
  const codes = [...delivery.registry.areas.values()].filter((a) => a.level === "buurt").map((a) => a.code).sort();
  if (!codes.length) return null;
  const dwellings = dwellingsByYear(delivery, codes);
  const useDwellings = dwellings.size > 0;
  // Neighbourhoods without dwellings (when others have them) cannot carry a rate: left out.
  const areas = useDwellings ? codes.filter((c) => dwellings.has(c)) : codes;
  const index = new Map(areas.map((c, i) => [c, i]));
  const {first, months} = span;
  const count = new Float64Array(areas.length * months);
  const exposure = new Float64Array(areas.length * months);
  for (const r of delivery.incidents) {
    if (!r.buurtcode) continue;
    const i = index.get(r.buurtcode);
    if (i === undefined) continue;
    count[i * months + monthOfDay(Math.floor(r.start / 1440)) - first]++;
  }
  areas.forEach((code, i) => {
    const of = dwellings.get(code);
    for (let t = 0; t < months; t++) exposure[i * months + t] = of ? of(Math.floor((first + t) / 12)) : 1000;
  });
  return {areas, firstMonth: first, months, count, exposure, exposureSource: useDwellings ? "woningvoorraad" : "gelijk"};
}

/**
 * The municipality x month panel: all incidents by municipality, dwellings per year from
 * kerncijfers (municipality rows, else the sum of its neighbourhoods, else the 2024 CBS figure).
 */
export function gemeentePanel(delivery: Delivery): AreaMonths | null {
  const span = incidentMonths(delivery);
  if (!span) return null;
  const areas = [...delivery.region].sort();
  const index = new Map(areas.map((c, i) => [c, i]));
  const {first, months} = span;
  const count = new Float64Array(areas.length * months);
  const exposure = new Float64Array(areas.length * months);
  for (const r of delivery.incidents) {
    const i = index.get(r.gemeentecode);
    if (i !== undefined) count[i * months + monthOfDay(Math.floor(r.start / 1440)) - first]++;
  }
  const own = dwellingsByYear(delivery, areas);
  const buurten = [...delivery.registry.areas.values()].filter((a) => a.level === "buurt").map((a) => a.code);
  const byBuurt = dwellingsByYear(delivery, buurten);
  let source: AreaMonths["exposureSource"] = "woningvoorraad";
  areas.forEach((code, i) => {
    const parts = buurten.filter((b) => b.slice(2, 6) === code.slice(2) && byBuurt.has(b));
    const fallback = TWENTE.find((m) => m.code === code)?.dwellings;
    for (let t = 0; t < months; t++) {
      const year = Math.floor((first + t) / 12);
      let value = own.get(code)?.(year);
      if (value === undefined && parts.length) value = parts.reduce((s, b) => s + byBuurt.get(b)!(year), 0);
      if (value === undefined) {
        value = fallback ?? 1000;
        source = "gelijk";
      }
      exposure[i * months + t] = value;
    }
  });
  return {areas, firstMonth: first, months, count, exposure, exposureSource: source};
}

/** A long panel (one row per area-month) of a dense one, as the estimators take it. */
export function longPanel(p: AreaMonths): {area: string[]; month: Int32Array; count: Float64Array; exposure: Float64Array} {
  const n = p.areas.length * p.months;
  const area = new Array<string>(n), month = new Int32Array(n);
  for (let i = 0; i < p.areas.length; i++) {
    for (let t = 0; t < p.months; t++) {
      area[i * p.months + t] = p.areas[i];
      month[i * p.months + t] = p.firstMonth + t;
    }
  }
  return {area, month, count: p.count, exposure: p.exposure};
}

/** Centroid (mean of the outer-ring area centroids, weighted by area) of a delivered boundary, RD metres. */
export function centroid(area: Area): [number, number] {
  let sx = 0, sy = 0, sa = 0;
  for (const rings of area.polygons) {
    const ring = rings[0];
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a === 0) continue;
    sx += cx / 3;
    sy += cy / 3;
    sa += a;
  }
  if (sa === 0) return [(area.bbox[0] + area.bbox[2]) / 2, (area.bbox[1] + area.bbox[3]) / 2];
  return [sx / sa, sy / sa];
}

/**
 * Neighbour lists of areas from their boundaries: two areas are neighbours when a vertex of one lies
 * within `tolerance` metres of a vertex of the other (shared borders of CBS boundaries share their
 * vertices; grid squares share corners, so squares touching at an edge or a corner are neighbours),
 * or, when `distance` is given, when their centroids are at most `distance` metres apart.
 * @example neighbourLists(registry.shapes.buurt).get("BU01530101") // ["BU01530102", ...]
 */
export function neighbourLists(shapes: readonly Area[], {tolerance = 1, distance = 0}: {tolerance?: number; distance?: number} = {}): Map<string, string[]> {
  if (!(tolerance > 0)) throw new Error(`invalid tolerance: ${tolerance}`);
  if (!(distance >= 0)) throw new Error(`invalid distance: ${distance}`);
  const cells = new Map<string, Set<number>>();
  shapes.forEach((s, k) => {
    for (const rings of s.polygons) for (const ring of rings) for (const [x, y] of ring) {
      const key = `${Math.round(x / tolerance)}|${Math.round(y / tolerance)}`;
      (cells.get(key) ?? (cells.set(key, new Set()), cells.get(key)!)).add(k);
    }
  });
  const pairs = shapes.map(() => new Set<number>());
  for (const [key, set] of cells) {
    const [cx, cy] = key.split("|").map(Number);
    const near = new Set(set);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      if (dx || dy) for (const k of cells.get(`${cx + dx}|${cy + dy}`) ?? []) near.add(k);
    }
    for (const a of set) for (const b of near) if (a !== b) pairs[a].add(b), pairs[b].add(a);
  }
  if (distance > 0) {
    const c = shapes.map(centroid);
    for (let a = 0; a < shapes.length; a++) for (let b = a + 1; b < shapes.length; b++) {
      if (Math.hypot(c[a][0] - c[b][0], c[a][1] - c[b][1]) <= distance) pairs[a].add(b), pairs[b].add(a);
    }
  }
  return new Map(shapes.map((s, k) => [s.code, [...pairs[k]].map((j) => shapes[j].code).sort()]));
}
