/**
 * Publishes the delivered area boundaries (gebieden.geojson, already in RD New) as a vertex table,
 * simplified per level with Douglas-Peucker and rounded to whole metres, so that the site can draw
 * municipality, district and neighbourhood maps without a projection library or a JSON reader.
 */
import {col, type ColumnSpec} from "../arrow.js";
import {buildTable} from "../arrow.js";
import type {Analysis} from "./types.js";

const {d, i16, i32} = col;

export const AREA_GEOMETRY_SCHEMA: readonly ColumnSpec[] = [
  d("code", "GM, WK or BU code"),
  d("level", "gemeente, wijk, buurt or pc4 (a four-digit postcode area)"),
  i16("polygon", "polygon number within the area (0-based)"),
  i16("ring", "ring number within the polygon: 0 outer, >0 holes"),
  i32("seq", "vertex number within the ring; the ring is closed (last = first)"),
  i32("x", "RD New x (m)"),
  i32("y", "RD New y (m)")
];

/** Simplification tolerance per level (metres): enough for a page-wide map, small for buurten. */
export const TOLERANCE: Record<string, number> = {gemeente: 50, wijk: 20, buurt: 10, pc4: 10};

/**
 * Douglas-Peucker simplification of a closed ring, keeping first and last vertex; returns the
 * original ring when the result would have fewer than 4 vertices (a closed triangle).
 * @example simplifyRing([[0, 0], [5, 0.1], [10, 0], [10, 10], [0, 0]], 1).length; // 4
 */
export function simplifyRing(ring: readonly (readonly number[])[], tolerance: number): number[][] {
  if (!(tolerance >= 0)) throw new Error(`invalid tolerance: ${tolerance}`);
  const n = ring.length;
  if (n <= 4) return ring.map(([x, y]) => [x, y]);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  // An explicit stack: rings of buurten in real boundary files can have thousands of vertices.
  const stack: [number, number][] = [[0, n - 1]];
  // A closed ring has first = last; split it at its farthest vertex first so the chord is not a point.
  if (ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) {
    let far = 1, best = -1;
    for (let i = 1; i < n - 1; i++) {
      const dd = (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2;
      if (dd > best) [best, far] = [dd, i];
    }
    keep[far] = 1;
    stack.pop();
    stack.push([0, far], [far, n - 1]);
  }
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a], [bx, by] = ring[b];
    const dx = bx - ax, dy = by - ay;
    const len = Math.hypot(dx, dy);
    let far = -1, best = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i];
      const dist = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (dist > best) [best, far] = [dist, i];
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  const out = ring.filter((_, i) => keep[i]).map(([x, y]) => [x, y]);
  return out.length >= 4 ? out : ring.map(([x, y]) => [x, y]);
}

export const areaGeometry: Analysis = {
  name: "area-geometry",
  schemas: {area_geometry: AREA_GEOMETRY_SCHEMA},
  run({delivery}) {
    const columns = {code: [] as string[], level: [] as string[], polygon: [] as number[], ring: [] as number[], seq: [] as number[], x: [] as number[], y: [] as number[]};
    const shapes = delivery.registry.shapes;
    for (const level of ["gemeente", "wijk", "buurt", "pc4"] as const) {
      for (const area of [...shapes[level]].sort((a, b) => a.code.localeCompare(b.code))) {
        area.polygons.forEach((rings, p) => rings.forEach((ring, r) => {
          const rounded = ring.map(([x, y]) => [Math.round(x), Math.round(y)]);
          simplifyRing(rounded, TOLERANCE[level]).forEach(([x, y], s) => {
            columns.code.push(area.code);
            columns.level.push(level);
            columns.polygon.push(p);
            columns.ring.push(r);
            columns.seq.push(s);
            columns.x.push(x);
            columns.y.push(y);
          });
        }));
      }
    }
    return {tables: {area_geometry: buildTable(AREA_GEOMETRY_SCHEMA, {
      code: columns.code, level: columns.level, polygon: Int16Array.from(columns.polygon), ring: Int16Array.from(columns.ring),
      seq: Int32Array.from(columns.seq), x: Int32Array.from(columns.x), y: Int32Array.from(columns.y)
    })}};
  }
};
