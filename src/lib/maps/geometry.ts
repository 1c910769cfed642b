/**
 * Area boundaries as published in the `area_geometry` table (one row per vertex, RD New metres)
 * turned into GeoJSON features in RD coordinates, for Plot's geo mark on x/y scales.
 */

/** One vertex row of `area_geometry`. */
export interface VertexRow {
  code: string;
  level: string;
  polygon: number;
  ring: number;
  seq: number;
  x: number;
  y: number;
}

export interface AreaFeature {
  type: "Feature";
  id: string;
  properties: {code: string; level: string};
  geometry: {type: "MultiPolygon"; coordinates: number[][][][]};
}

/**
 * Groups vertex rows into one MultiPolygon feature per area code (rings in `seq` order).
 * @example areaFeatures(rows, {level: "gemeente"}).map((f) => f.id)
 */
export function areaFeatures(rows: Iterable<VertexRow>, {level}: {level?: string} = {}): AreaFeature[] {
  const byCode = new Map<string, {level: string; rings: Map<string, {polygon: number; ring: number; points: [number, number, number][]}>}>();
  for (const r of rows) {
    if (level !== undefined && r.level !== level) continue;
    if (!Number.isFinite(r.x) || !Number.isFinite(r.y)) throw new Error(`invalid vertex of ${r.code}: (${r.x}, ${r.y})`);
    let area = byCode.get(r.code);
    if (!area) byCode.set(r.code, (area = {level: r.level, rings: new Map()}));
    const key = `${r.polygon}|${r.ring}`;
    let ring = area.rings.get(key);
    if (!ring) area.rings.set(key, (ring = {polygon: r.polygon, ring: r.ring, points: []}));
    ring.points.push([r.seq, r.x, r.y]);
  }
  const features: AreaFeature[] = [];
  for (const [code, area] of [...byCode].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const polygons: number[][][][] = [];
    for (const ring of [...area.rings.values()].sort((a, b) => a.polygon - b.polygon || a.ring - b.ring)) {
      const coords = ring.points.sort((a, b) => a[0] - b[0]).map(([, x, y]) => [x, y]);
      (polygons[ring.polygon] ??= []).push(coords);
    }
    features.push({type: "Feature", id: code, properties: {code, level: area.level}, geometry: {type: "MultiPolygon", coordinates: polygons.filter(Boolean)}});
  }
  return features;
}

/** Bounding box [x0, y0, x1, y1] of features (RD metres), or null when there are none. */
export function featureExtent(features: readonly AreaFeature[]): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const f of features) {
    for (const polygon of f.geometry.coordinates) for (const ring of polygon) for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 === Infinity ? null : [x0, y0, x1, y1];
}
