/**
 * Checks a delivered gebieden.geojson before it is used to link incidents: duplicate codes, empty
 * rings, and areas that contradict the built-in municipal boundaries (far larger than their
 * municipality, or lying largely outside it). Such a file would move incidents across
 * municipalities, so it is refused; an area partly outside its municipality is a warning.
 */
import type {BoundaryFeature} from "./areas.js";
import {builtinMunicipality, nearMunicipality} from "./builtin.js";
import {areaContains, areaSize, type Area} from "./geo.js";

/** An area may be at most this many times its built-in municipality's size. */
export const MAX_SIZE_RATIO = 1.5;
/** Share of an area lying outside its municipality (beyond the tolerance) that refuses the file. */
export const REFUSE_OUTSIDE_SHARE = 0.5;
/** Share of an area lying outside its municipality (beyond the tolerance) that is warned about. */
export const WARN_OUTSIDE_SHARE = 0.1;

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

/**
 * Checks the features of one region against each other and against the built-in boundaries.
 * @example checkBoundaries(readBoundaries("gebieden.geojson"), TWENTE_CODES).errors // [] when usable
 */
export function checkBoundaries(features: readonly BoundaryFeature[], region: readonly string[]): BoundaryCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const {info, shape} of features) {
    const label = info.level === "pc4" ? `postcodegebied ${info.code}` : `${info.code} (${info.name})`;
    seen.set(`${info.level}:${info.code}`, (seen.get(`${info.level}:${info.code}`) ?? 0) + 1);
    if (seen.get(`${info.level}:${info.code}`) === 2) errors.push(`${label} komt meer dan eens voor`);
    if (shape.polygons.some((rings) => rings.some(ringIsEmpty))) {
      errors.push(`${label} heeft een lege ring (minder dan vier punten of geen oppervlakte)`);
      continue;
    }
    if (info.level === "pc4" || !region.includes(info.gemeentecode)) continue;
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
  return {errors, warnings};
}
