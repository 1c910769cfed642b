/**
 * Builds loaders/reference/grenzen.json, the built-in boundaries (RD New, whole metres): the
 * national outline (the four CBS landsdelen) and the municipalities of the default region, from
 * the TopoJSON of CBS gebiedsindelingen 2015 in github.com/ties/cbs_gebiedsindelingen_topojson
 * (see loaders/reference/README.md for provenance and licence).
 *
 * Usage: tsx scripts/reference-boundaries.ts <Landsdeel_2015_layer_q1e3.json> <GemeenteDetail_2015_layer_q1e3.json>
 */
import {readFileSync, writeFileSync} from "node:fs";
import {wgs84ToRd} from "../loaders/delivery/geo.js";
import {TWENTE} from "../src/lib/twente.js";

interface Topology {
  arcs: number[][][];
  transform: {scale: [number, number]; translate: [number, number]};
  objects: Record<string, {geometries: {type: string; arcs: unknown; properties: Record<string, unknown>}[]}>;
}

/** Decodes a quantized, delta-encoded TopoJSON into rings of [lon, lat] per geometry. */
function decode(topology: Topology) {
  const {scale: [sx, sy], translate: [tx, ty]} = topology.transform;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => [(x += dx) * sx + tx, (y += dy) * sy + ty]);
  });
  const ring = (indices: number[]) => {
    const points: number[][] = [];
    for (const i of indices) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      arc.forEach((p, k) => (k > 0 || points.length === 0) && points.push(p));
    }
    return points;
  };
  const geometries = Object.values(topology.objects)[0].geometries;
  return geometries.map((g) => ({
    properties: g.properties,
    polygons: g.type === "Polygon" ? [(g.arcs as number[][]).map(ring)] : (g.arcs as number[][][]).map((p) => p.map(ring))
  }));
}

const toRd = (rings: number[][][]) => rings.map((r) => {
  const out: number[][] = [];
  for (const [lon, lat] of r) {
    const [x, y] = wgs84ToRd(lon, lat).map(Math.round);
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
});

const [landsdelen, gemeenten] = process.argv.slice(2).map((p) => decode(JSON.parse(readFileSync(p, "utf8"))));
const nl = landsdelen.flatMap((g) => g.polygons.map(toRd));
const codes = new Set(TWENTE.map((m) => m.code));
const features = [
  {type: "Feature", properties: {code: "NL", naam: "Nederland"}, geometry: {type: "MultiPolygon", coordinates: nl}},
  ...gemeenten
    .filter((g) => codes.has(String(g.properties.gemeentecode)))
    .sort((a, b) => String(a.properties.gemeentecode).localeCompare(String(b.properties.gemeentecode)))
    .map((g) => ({
      type: "Feature",
      properties: {code: g.properties.gemeentecode, naam: g.properties.gemeentenaam, oppervlakte_land_ha: g.properties.oppervlakte_land_in_ha},
      geometry: {type: "MultiPolygon", coordinates: g.polygons.map(toRd)}
    }))
];
const json = {type: "FeatureCollection", crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}}, features};
writeFileSync("loaders/reference/grenzen.json", JSON.stringify(json).replace(/\},\{"type":"Feature"/g, '},\n{"type":"Feature"') + "\n");
console.log(`${features.length} features (${codes.size} municipalities expected + NL)`);
