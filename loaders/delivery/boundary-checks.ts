/**
 * Checks a delivered gebieden.geojson before it is used to link incidents: duplicate codes, empty
 * rings, areas of one level that overlap, a district or neighbourhood outside its delivered
 * municipality, and areas that contradict the built-in municipal boundaries (far larger than their
 * municipality, or lying largely outside it). Such a file would link incidents to the wrong area or
 * move them across municipalities, so it is refused; smaller doubts are warnings.
 */
import type {BoundaryFeature} from "./areas.js";
import {builtinMunicipality, nearMunicipality} from "./builtin.js";
import {AreaIndex, areaContains, areaSize, type Area} from "./geo.js";

/** An area may be at most this many times its built-in municipality's size. */
export const MAX_SIZE_RATIO = 1.5;
/** Share of an area lying outside its municipality (beyond the tolerance) that refuses the file. */
export const REFUSE_OUTSIDE_SHARE = 0.5;
/** Share of an area lying outside its municipality (beyond the tolerance) that is warned about. */
export const WARN_OUTSIDE_SHARE = 0.1;
/** Share of an area covered by another area of its level that refuses the file (any overlap warns). */
export const REFUSE_OVERLAP_SHARE = 0.1;

export interface BoundaryCheck {
  /** Per-feature problems that make the file unusable (Dutch). */
  errors: string[];
  /** Per-feature doubts that do not stop the delivery (Dutch). */
  warnings: string[];
}

const km2 = (m2: number) => (m2 / 1e6).toLocaleString("nl-NL", {maximumFractionDigits: m2 < 1e7 ? 1 : 0});
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Up to n x n grid points of the bounding box that lie inside the area (its first vertex if none do). */
function samplePoints(area: Area, n = 15): [number, number][] {
  const [x0, y0, x1, y1] = area.bbox;
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + ((i + 0.5) / n) * (x1 - x0), y = y0 + ((j + 0.5) / n) * (y1 - y0);
      if (areaContains(area, x, y)) points.push([x, y]);
    }
  }
  if (!points.length && area.polygons[0]?.[0]?.[0]) points.push(area.polygons[0][0][0] as [number, number]);
  return points;
}

function ringIsEmpty(ring: number[][]): boolean {
  if (ring.length < 4) return true;
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s === 0;
}

const labelOf = ({info}: BoundaryFeature) => (info.level === "pc4" ? `postcodegebied ${info.code}` : `${info.code} (${info.name})`);

/**
 * Areas of one level that overlap: for each area, the share of its sample points inside another
 * area of the same level (shared edges do not count: sample points lie inside, off the edges).
 */
function overlaps(features: readonly BoundaryFeature[], errors: string[], warnings: string[]): void {
  for (const level of ["gemeente", "wijk", "buurt", "pc4"] as const) {
    const of = features.filter((f) => f.info.level === level);
    if (of.length < 2) continue;
    const index = new AreaIndex(of.map((f) => f.shape));
    const feature = new Map(of.map((f) => [f.shape, f]));
    const reported = new Set<string>();
    for (const f of of) {
      const points = samplePoints(f.shape, 7);
      const hits = new Map<Area, number>();
      for (const [x, y] of points) {
        for (const other of index.candidates(x, y)) {
          if (other !== f.shape && other.code !== f.shape.code && areaContains(other, x, y)) hits.set(other, (hits.get(other) ?? 0) + 1);
        }
      }
      for (const [other, n] of hits) {
        const pair = [f.shape.code, other.code].sort().join(" ");
        if (reported.has(pair)) continue;
        reported.add(pair);
        const share = n / points.length;
        const text = `${labelOf(f)} overlapt met ${labelOf(feature.get(other)!)} (${percent(share)} van ${f.shape.code} ligt ook in ${other.code})`;
        (share > REFUSE_OVERLAP_SHARE ? errors : warnings).push(text);
      }
    }
  }
}

/**
 * Districts and neighbourhoods outside their delivered municipality (the share of their sample
 * points outside its polygon): more than REFUSE_OUTSIDE_SHARE refuses the file, more than
 * WARN_OUTSIDE_SHARE warns.
 */
function outsideDelivered(features: readonly BoundaryFeature[], errors: string[], warnings: string[]): void {
  const municipalities = new Map(features.filter((f) => f.info.level === "gemeente").map((f) => [f.info.code, f.shape]));
  for (const f of features) {
    if (f.info.level !== "wijk" && f.info.level !== "buurt") continue;
    const municipality = municipalities.get(f.info.gemeentecode);
    if (!municipality) continue;
    const points = samplePoints(f.shape, 7);
    const outside = points.filter(([x, y]) => !areaContains(municipality, x, y)).length / points.length;
    const text = `${labelOf(f)} ligt voor ${percent(outside)} buiten zijn geleverde gemeente ${f.info.gemeentecode} (${municipality.name})`;
    if (outside > REFUSE_OUTSIDE_SHARE) errors.push(text);
    else if (outside > WARN_OUTSIDE_SHARE) warnings.push(text);
  }
}

/**
 * Checks the features of one region against each other and (unless `builtin` is false, for a file
 * that declares its geography fictional) against the built-in boundaries.
 * @example checkBoundaries(readBoundaries("gebieden.geojson"), TWENTE_CODES).errors // [] when usable
 */
export function checkBoundaries(features: readonly BoundaryFeature[], region: readonly string[], {builtin = true}: {builtin?: boolean} = {}): BoundaryCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const usable: BoundaryFeature[] = [];
  for (const feature of features) {
    const {info, shape} = feature;
    const label = labelOf(feature);
    seen.set(`${info.level}:${info.code}`, (seen.get(`${info.level}:${info.code}`) ?? 0) + 1);
    if (seen.get(`${info.level}:${info.code}`) === 2) errors.push(`${label} komt meer dan eens voor`);
    if (shape.polygons.some((rings) => rings.some(ringIsEmpty))) {
      errors.push(`${label} heeft een lege ring (minder dan vier punten of geen oppervlakte)`);
      continue;
    }
    usable.push(feature);
    if (!builtin || info.level === "pc4" || !region.includes(info.gemeentecode)) continue;
    const municipality = builtinMunicipality(info.gemeentecode);
    if (!municipality) continue;
    const size = areaSize(shape), limit = areaSize(municipality.area) * MAX_SIZE_RATIO;
    if (size > limit) {
      errors.push(`${label} is ${km2(size)} km² groot, meer dan ${MAX_SIZE_RATIO.toLocaleString("nl-NL")} keer zijn gemeente ${info.gemeentecode} (${municipality.area.name}, ${km2(areaSize(municipality.area))} km²)`);
      continue;
    }
    const points = samplePoints(shape);
    const outside = points.filter(([x, y]) => nearMunicipality(info.gemeentecode, x, y) === false).length / points.length;
    const where = `ligt voor ${percent(outside)} buiten zijn gemeente ${info.gemeentecode} (${municipality.area.name}) volgens de ingebouwde gemeentegrenzen`;
    if (outside > REFUSE_OUTSIDE_SHARE) errors.push(`${label} ${where}`);
    else if (outside > WARN_OUTSIDE_SHARE) warnings.push(`${label} ${where}`);
  }
  overlaps(usable, errors, warnings);
  outsideDelivered(usable, errors, warnings);
  return {errors, warnings};
}
