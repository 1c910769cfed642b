/**
 * The region registry: municipalities, districts and neighbourhoods by CBS code, with names and,
 * where delivered, boundaries (from gebieden.geojson) for point-in-polygon assignment.
 */
import {readFileSync} from "node:fs";
import {TWENTE} from "../../src/lib/twente.js";
import {AREA_CODE} from "../../src/lib/area-codes.js";
import {AreaIndex, toArea, type Area} from "./geo.js";
import {DeliveryError} from "./reject.js";
import {municipalityOf, parseBuurtcode, parseGemeentecode, parseWijkcode} from "./values.js";

export type AreaLevel = "gemeente" | "wijk" | "buurt";

export interface AreaInfo {
  code: string;
  name: string;
  level: AreaLevel;
  gemeentecode: string;
}

/** A four-digit postcode area of gebieden.geojson (properties code, postcode or pc4). */
export interface Pc4Info {
  code: string;
  name: string;
  level: "pc4";
}

export interface Registry {
  /** Municipality codes of the region, in a stable order. */
  region: readonly string[];
  areas: Map<string, AreaInfo>;
  /** Boundaries by level, when delivered (RD New); pc4 shapes are for maps only, never for linking. */
  shapes: {gemeente: Area[]; wijk: Area[]; buurt: Area[]; pc4: Area[]};
  buurtIndex?: AreaIndex;
  gemeenteIndex?: AreaIndex;
  /**
   * Whether points are checked against the built-in boundaries (national outline, the region's
   * municipalities; loaders/delivery/builtin.ts). Off only when gebieden.geojson declares its
   * geography fictional (the demo), which check-data reports.
   */
  checkBuiltin: boolean;
}

const EPSG_28992 = /EPSG:{1,2}28992$/;

/** One feature of gebieden.geojson: its code, name and level, and its boundary in RD New. */
export type BoundaryFeature = {info: AreaInfo | Pc4Info; shape: Area};

/** Reads gebieden.geojson: codes, names and boundaries, in RD New. */
export function readBoundaries(path: string, file = "gebieden.geojson"): BoundaryFeature[] {
  return readBoundaryFile(path, file).features;
}

/**
 * Reads gebieden.geojson with whether it declares its geography fictional (a top-level
 * `"geografie": "fictief"`, written by the demo generator only): such boundaries are not checked
 * against the built-in ones, and check-data says so.
 */
export function readBoundaryFile(path: string, file = "gebieden.geojson"): {features: BoundaryFeature[]; fictional: boolean} {
  let json: {type?: string; geografie?: unknown; crs?: {properties?: {name?: string}}; features?: {properties?: Record<string, unknown>; geometry?: {type: string; coordinates: unknown}}[]};
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new DeliveryError(file, `het bestand is geen geldige JSON (${(error as Error).message})`, "Lever een GeoJSON FeatureCollection.");
  }
  if (json === null || typeof json !== "object" || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
    throw new DeliveryError(file, "het bestand is geen GeoJSON FeatureCollection", "Lever een FeatureCollection met per gebied een feature.");
  }
  const rd = EPSG_28992.test(json.crs?.properties?.name ?? "");
  const features = json.features.map((f, i) => {
    if (f === null || typeof f !== "object") throw new DeliveryError(file, `feature ${i + 1} is geen object`, "Lever per gebied een GeoJSON Feature.");
    const raw = String(f.properties?.code ?? f.properties?.statcode ?? f.properties?.postcode ?? f.properties?.pc4 ?? "").trim();
    // A four-digit postcode area (properties code, postcode or pc4): drawn on the PC4 map, never used to link.
    const pc4 = AREA_CODE.pc4.test(raw) ? raw : null;
    const code = pc4 ?? parseGemeentecode(raw) ?? parseWijkcode(raw) ?? parseBuurtcode(raw);
    if (!code) throw new DeliveryError(file, `feature ${i + 1} heeft geen geldige CBS-code of postcode in properties.code (${JSON.stringify(raw)})`, "Geef elk gebied een GM-, WK- of BU-code, of een postcode van 4 cijfers.");
    if (!f.geometry) throw new DeliveryError(file, `feature ${i + 1} (${code}) heeft geen geometrie`, "Lever een Polygon of MultiPolygon.");
    if (pc4) {
      try {
        return {info: {code: pc4, name: pc4, level: "pc4" as const}, shape: toArea(pc4, pc4, f.geometry, !rd)};
      } catch (error) {
        throw new DeliveryError(file, `feature ${i + 1} (${pc4}): ${(error as Error).message}`, "Lever een Polygon of MultiPolygon.");
      }
    }
    const level: AreaLevel = code.startsWith("GM") ? "gemeente" : code.startsWith("WK") ? "wijk" : "buurt";
    const name = String(f.properties?.naam ?? f.properties?.statnaam ?? code);
    let shape: Area;
    try {
      shape = toArea(code, name, f.geometry, !rd);
    } catch (error) {
      throw new DeliveryError(file, `feature ${i + 1} (${code}): ${(error as Error).message}`, "Lever een Polygon of MultiPolygon.");
    }
    return {info: {code, name, level, gemeentecode: level === "gemeente" ? code : municipalityOf(code)!}, shape};
  });
  return {features, fictional: json.geografie === "fictief"};
}

/** Builds the registry for a region from the known municipalities and delivered boundaries. */
export function buildRegistry(region: readonly string[], boundaries: BoundaryFeature[] = [], {checkBuiltin = true}: {checkBuiltin?: boolean} = {}): Registry {
  const areas = new Map<string, AreaInfo>();
  for (const m of TWENTE) if (region.includes(m.code)) areas.set(m.code, {code: m.code, name: m.name, level: "gemeente", gemeentecode: m.code});
  for (const code of region) if (!areas.has(code)) areas.set(code, {code, name: code, level: "gemeente", gemeentecode: code});
  const shapes: Registry["shapes"] = {gemeente: [], wijk: [], buurt: [], pc4: []};
  for (const {info, shape} of boundaries) {
    if (info.level === "pc4") {
      shapes.pc4.push(shape);
      continue;
    }
    if (!region.includes(info.gemeentecode)) continue;
    areas.set(info.code, info);
    shapes[info.level].push(shape);
  }
  return {
    region,
    areas,
    shapes,
    buurtIndex: shapes.buurt.length ? new AreaIndex(shapes.buurt) : undefined,
    gemeenteIndex: shapes.gemeente.length ? new AreaIndex(shapes.gemeente) : undefined,
    checkBuiltin
  };
}

/** Adds a district or neighbourhood known only by its code (no boundary delivered). */
export function registerCode(registry: Registry, code: string): void {
  if (registry.areas.has(code)) return;
  const gm = municipalityOf(code);
  if (!gm || !registry.region.includes(gm)) return;
  registry.areas.set(code, {code, name: code, level: code.startsWith("WK") ? "wijk" : "buurt", gemeentecode: gm});
}

/** The district code of a neighbourhood code (its first 6 digits). */
export function wijkOf(buurtcode: string): string {
  return `WK${buurtcode.slice(2, 8)}`;
}
