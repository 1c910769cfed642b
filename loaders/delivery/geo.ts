/**
 * Coordinates: RD New (EPSG:28992) <-> WGS84 with proj4, CBS-style grid squares, and
 * point-in-polygon assignment of points to delivered areas.
 */
import {polygonContains} from "d3-polygon";
import proj4 from "proj4";

/** RD New as published by the Dutch Kadaster/EPSG, with the 7-parameter datum shift. */
export const RD_NEW =
  "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 " +
  "+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";

const toRd = proj4("EPSG:4326", RD_NEW);

/** Converts WGS84 longitude/latitude to RD New x/y in metres. */
export function wgs84ToRd(lon: number, lat: number): [number, number] {
  return toRd.forward([lon, lat]) as [number, number];
}

/** Converts RD New x/y in metres to WGS84 longitude/latitude. */
export function rdToWgs84(x: number, y: number): [number, number] {
  return toRd.inverse([x, y]) as [number, number];
}

/** Whether x/y lie within the RD New extent of the Netherlands (a rectangle; a fast pre-check only). */
export function inRdExtent(x: number, y: number): boolean {
  return x >= 7_000 && x <= 300_000 && y >= 289_000 && y <= 629_000;
}

/** Whether lat/lon lie within the Netherlands' bounding box (a fast pre-check only). */
export function inWgs84Extent(lat: number, lon: number): boolean {
  return lat >= 50.7 && lat <= 53.6 && lon >= 3.2 && lon <= 7.3;
}

/** Lower-left corner of the grid square of `size` metres that contains x/y. */
export function snap(value: number, size: number): number {
  return Math.floor(value / size) * size;
}

/**
 * The id of a grid square, named after its lower-left corner like CBS's square statistics:
 * `E2565N4705` (hectometres) for sizes that are multiples of 100 m, else `E256625N470500` (metres).
 */
export function gridId(x: number, y: number, size: number): string {
  const ex = snap(x, size), ny = snap(y, size);
  return size % 100 === 0 ? `E${ex / 100}N${ny / 100}` : `E${ex}N${ny}`;
}

/** A polygon as rings of [x, y] (first ring outer, others holes), or several of them. */
export type Rings = number[][][];

export interface Area {
  code: string;
  name: string;
  /** Polygons (each a list of rings) in RD New metres. */
  polygons: Rings[];
  bbox: [number, number, number, number];
}

/** Whether an area contains a point (even-odd rule per polygon, d3-polygon's polygonContains; holes excluded). */
export function areaContains(area: Area, x: number, y: number): boolean {
  const [x0, y0, x1, y1] = area.bbox;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const point: [number, number] = [x, y];
  for (const rings of area.polygons as [number, number][][][]) {
    if (!polygonContains(rings[0], point)) continue;
    let hole = false;
    for (let k = 1; k < rings.length && !hole; k++) hole = polygonContains(rings[k], point);
    if (!hole) return true;
  }
  return false;
}

function segmentDistance2(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  const ex = ax + t * dx - x, ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}

/** Distance in metres from x/y to the nearest edge of an area (holes included). */
export function distanceToEdge(area: Area, x: number, y: number): number {
  let best = Infinity;
  for (const rings of area.polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const d = segmentDistance2(x, y, ring[j], ring[i]);
        if (d < best) best = d;
      }
    }
  }
  return Math.sqrt(best);
}

/** Distance in metres from x/y to an area: 0 inside, else to its nearest edge. */
export function distanceToArea(area: Area, x: number, y: number): number {
  return areaContains(area, x, y) ? 0 : distanceToEdge(area, x, y);
}

/**
 * Answers "is x/y inside `area` or within `tolerance` metres of it" for many points, caching a
 * verdict per square of `cell` metres: a square whose centre is deep inside (or far outside) is
 * decided once; only squares near the edge measure each point.
 */
export class NearArea {
  private readonly verdicts = new Map<number, 0 | 1 | 2>();

  constructor(readonly area: Area, readonly tolerance: number, readonly cell = 500) {}

  /** Whether x/y lies inside the area or within the tolerance of its edge. */
  has(x: number, y: number): boolean {
    const i = Math.floor(x / this.cell), j = Math.floor(y / this.cell);
    const key = i * 1_000_000 + j;
    let verdict = this.verdicts.get(key);
    if (verdict === undefined) {
      const cx = (i + 0.5) * this.cell, cy = (j + 0.5) * this.cell, half = this.cell * Math.SQRT1_2;
      const inside = areaContains(this.area, cx, cy);
      const edge = distanceToEdge(this.area, cx, cy);
      verdict = inside && edge >= half ? 1 : !inside && edge >= half + this.tolerance ? 0 : 2;
      this.verdicts.set(key, verdict);
    }
    return verdict === 2 ? distanceToArea(this.area, x, y) <= this.tolerance : verdict === 1;
  }
}

/** Area in square metres (outer rings minus holes, shoelace formula). */
export function areaSize(area: Area): number {
  const ringSize = (ring: number[][]) => {
    let s = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    return Math.abs(s) / 2;
  };
  let total = 0;
  for (const rings of area.polygons) total += ringSize(rings[0]) - rings.slice(1).reduce((sum, r) => sum + ringSize(r), 0);
  return total;
}

/** A bucket index over area bounding boxes, for assigning many points to few areas. */
export class AreaIndex {
  private readonly cells = new Map<number, Area[]>();
  private readonly size: number;

  constructor(readonly areas: readonly Area[], size = 2000) {
    this.size = size;
    for (const area of areas) {
      const [x0, y0, x1, y1] = area.bbox;
      for (let i = Math.floor(x0 / size); i <= Math.floor(x1 / size); i++) {
        for (let j = Math.floor(y0 / size); j <= Math.floor(y1 / size); j++) {
          const key = i * 100_000 + j;
          const list = this.cells.get(key);
          if (list) list.push(area);
          else this.cells.set(key, [area]);
        }
      }
    }
  }

  /** The areas whose bounding box may hold x/y (they need not contain it). */
  candidates(x: number, y: number): readonly Area[] {
    return this.cells.get(Math.floor(x / this.size) * 100_000 + Math.floor(y / this.size)) ?? [];
  }

  /** The first area (in delivery order) that contains x/y, or undefined. */
  find(x: number, y: number): Area | undefined {
    for (const area of this.candidates(x, y)) if (areaContains(area, x, y)) return area;
    return undefined;
  }
}

/** Builds an Area from GeoJSON Polygon/MultiPolygon coordinates, converting WGS84 to RD when asked. */
export function toArea(code: string, name: string, geometry: {type: string; coordinates: unknown}, wgs84: boolean): Area {
  const raw = geometry.type === "Polygon" ? [geometry.coordinates as Rings] : geometry.type === "MultiPolygon" ? (geometry.coordinates as Rings[]) : undefined;
  if (!raw) throw new Error(`unsupported geometry type: ${geometry.type}`);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const polygons = raw.map((rings) => rings.map((ring) => ring.map(([a, b]) => {
    const [x, y] = wgs84 ? wgs84ToRd(a, b) : [a, b];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    return [x, y];
  })));
  return {code, name, polygons, bbox: [x0, y0, x1, y1]};
}
