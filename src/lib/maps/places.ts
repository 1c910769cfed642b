/**
 * Orientation on the maps: a search index of places (municipalities, districts, neighbourhoods and
 * PC4 areas), label points with the room a label has, and which area contains a point (for clicks).
 * All coordinates are RD New metres, as in `area_geometry`.
 */
import {polygonArea, polygonCentroid, polygonContains} from "d3-polygon";
import type {AreaFeature} from "./geometry.js";

export type PlaceLevel = "gemeente" | "wijk" | "buurt" | "pc4";

/** One searchable place: its code, name, level and the municipality it lies in. */
export interface Place {
  code: string;
  name: string;
  level: PlaceLevel;
  gemeente: string;
  /** The text offered in the search list, e.g. "Hengelo (gemeente)" or "7511 (postcode)". */
  label: string;
}

const LEVEL_WORD: Record<PlaceLevel, string> = {gemeente: "gemeente", wijk: "wijk", buurt: "buurt", pc4: "postcode"};
const LEVEL_ORDER: Record<PlaceLevel, number> = {gemeente: 0, wijk: 1, buurt: 2, pc4: 3};

/** The municipality code of a district or neighbourhood code (WK015301 and BU01530101 lie in GM0153). */
export function gemeenteOfCode(code: string): string | null {
  const m = /^(?:GM|WK|BU)(\d{4})/.exec(code);
  return m ? `GM${m[1]}` : null;
}

/**
 * The places to search: every published area (`areas` rows of level gemeente, wijk or buurt) and
 * every PC4 area with its municipality; a PC4 area in several municipalities belongs to the one
 * with the most rows. Sorted by level, then name.
 * @example placeIndex([{code: "GM0164", name: "Hengelo", level: "gemeente"}], [])[0].label; // "Hengelo (gemeente)"
 */
export function placeIndex(
  areas: Iterable<{code: string; name: string; level: string}>,
  pc4: Iterable<{pc4: string; gemeentecode: string}>
): Place[] {
  const out: Place[] = [];
  for (const a of areas) {
    if (a.level !== "gemeente" && a.level !== "wijk" && a.level !== "buurt") continue;
    const gemeente = gemeenteOfCode(a.code);
    if (!gemeente) continue;
    const level = a.level as PlaceLevel;
    out.push({code: a.code, name: a.name, level, gemeente, label: `${a.name} (${LEVEL_WORD[level]})`});
  }
  const pcCount = new Map<string, Map<string, number>>();
  for (const r of pc4) {
    if (!/^\d{4}$/.test(r.pc4)) continue;
    let m = pcCount.get(r.pc4);
    if (!m) pcCount.set(r.pc4, (m = new Map()));
    m.set(r.gemeentecode, (m.get(r.gemeentecode) ?? 0) + 1);
  }
  for (const [code, counts] of pcCount) {
    const gemeente = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    out.push({code, name: `postcode ${code}`, level: "pc4", gemeente, label: `${code} (postcode)`});
  }
  return out.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name, "nl") || a.code.localeCompare(b.code));
}

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();

/**
 * The place a search text means: the exact list label, a code (GM0164, WK016401, 7511), an exact
 * name (a municipality before a district or neighbourhood of the same name), then the first name
 * that starts with the text, then the first that contains it; null when nothing matches.
 * @example findPlace("Hengelo", places)?.code; // "GM0164"
 */
export function findPlace(query: string, places: readonly Place[]): Place | null {
  const q = fold(query);
  if (!q) return null;
  const ordered = places; // placeIndex order: level, then name
  return ordered.find((p) => fold(p.label) === q)
    ?? ordered.find((p) => fold(p.code) === q.replace(/\s+/g, ""))
    ?? ordered.find((p) => fold(p.name) === q)
    ?? ordered.find((p) => fold(p.name).startsWith(q))
    ?? ordered.find((p) => p.level !== "pc4" && fold(p.name).includes(q))
    ?? null;
}

/** A label position for an area: the centroid of its largest part, and that part's width and height. */
export interface LabelPoint {
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to put an area's name: the area-weighted centroid of the outer ring of its largest polygon
 * (so an island does not pull the label into the sea), with the polygon's bounding box size in metres.
 */
export function labelPoint(feature: AreaFeature): LabelPoint | null {
  let best: [number, number][] | null = null, bestArea = 0;
  for (const polygon of feature.geometry.coordinates) {
    const outer = polygon[0] as [number, number][] | undefined;
    if (!outer || outer.length < 3) continue;
    const a = Math.abs(polygonArea(outer));
    if (a > bestArea) (bestArea = a), (best = outer);
  }
  if (!best) return null;
  const [x, y] = polygonCentroid(best);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null; // a ring without area
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [px, py] of best) {
    x0 = Math.min(x0, px); x1 = Math.max(x1, px); y0 = Math.min(y0, py); y1 = Math.max(y1, py);
  }
  return {code: feature.id, x, y, width: x1 - x0, height: y1 - y0};
}

/**
 * Whether a label of `text` at `fontSize` px fits inside the area's box at `metresPerPixel`
 * (a character is taken as 0.6 em wide).
 */
export function labelFits(text: string, point: Pick<LabelPoint, "width" | "height">, metresPerPixel: number, fontSize = 11): boolean {
  if (!(metresPerPixel > 0)) throw new Error(`invalid scale: ${metresPerPixel}`);
  return text.length * 0.6 * fontSize <= point.width / metresPerPixel && fontSize * 1.2 <= point.height / metresPerPixel;
}

/** Whether (x, y) lies inside a ring (d3-polygon: even-odd ray casting). */
const inRing = (x: number, y: number, ring: readonly number[][]): boolean => polygonContains(ring as [number, number][], [x, y]);

/**
 * The first feature that contains the point (inside an outer ring and outside its holes), or null.
 * @example featureAt(gemeenten, 257000, 471000)?.id; // "GM0153"
 */
export function featureAt<F extends AreaFeature>(features: readonly F[], x: number, y: number): F | null {
  for (const f of features) {
    for (const [outer, ...holes] of f.geometry.coordinates) {
      if (outer && inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h))) return f;
    }
  }
  return null;
}
