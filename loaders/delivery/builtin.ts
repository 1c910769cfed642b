/**
 * The built-in boundaries (loaders/reference/grenzen.json, CBS gebiedsindelingen 2015, strongly
 * simplified; provenance in loaders/reference/README.md): the national outline for "is this point
 * in the Netherlands", and the municipalities of the default region for "does this point lie in
 * the municipality its row names", each with a tolerance because the outlines are simplified.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../config.js";
import {distanceToArea, inRdExtent, NearArea, toArea, type Area} from "./geo.js";

/** A point this far outside a built-in municipality still counts as inside it (metres). */
export const MUNICIPAL_TOLERANCE = 250;
/** A point this far outside the built-in national outline still counts as in the Netherlands (metres). */
export const NATIONAL_TOLERANCE = 1000;

interface Builtin {
  national: NearArea;
  municipalities: Map<string, {area: Area; landHa: number; near: NearArea}>;
}

let builtin: Builtin | undefined;

/** The built-in boundaries, read once. */
function load(): Builtin {
  if (builtin) return builtin;
  const json = JSON.parse(readFileSync(join(PROJECT_ROOT, "loaders", "reference", "grenzen.json"), "utf8")) as {
    features: {properties: {code: string; naam: string; oppervlakte_land_ha?: number}; geometry: {type: string; coordinates: unknown}}[];
  };
  let national: NearArea | undefined;
  const municipalities: Builtin["municipalities"] = new Map();
  for (const f of json.features) {
    const area = toArea(f.properties.code, f.properties.naam, f.geometry, false);
    if (f.properties.code === "NL") national = new NearArea(area, NATIONAL_TOLERANCE, 2000);
    else municipalities.set(area.code, {area, landHa: f.properties.oppervlakte_land_ha ?? 0, near: new NearArea(area, MUNICIPAL_TOLERANCE)});
  }
  if (!national) throw new Error("invalid loaders/reference/grenzen.json: no national outline (code NL)");
  return (builtin = {national, municipalities});
}

/** Whether RD x/y lies in the Netherlands: inside the national outline or within NATIONAL_TOLERANCE of it. */
export function inNetherlands(x: number, y: number): boolean {
  return inRdExtent(x, y) && load().national.has(x, y);
}

/** The built-in outline of a municipality, or undefined when the project has none for it. */
export function builtinMunicipality(code: string): {area: Area; landHa: number} | undefined {
  return load().municipalities.get(code);
}

/**
 * Whether RD x/y lies in municipality `code` or within MUNICIPAL_TOLERANCE of its built-in
 * outline; undefined when the project has no outline for that municipality.
 */
export function nearMunicipality(code: string, x: number, y: number): boolean | undefined {
  return load().municipalities.get(code)?.near.has(x, y);
}

/**
 * How far RD x/y lies outside municipality `code`, as the reject value ("GM0153: 42,1 km buiten
 * de gemeentegrens"), when it lies more than MUNICIPAL_TOLERANCE outside its built-in outline;
 * undefined when it lies inside (or near) it, or when the project has no outline for `code`.
 */
export function outsideMunicipality(code: string, x: number, y: number): string | undefined {
  const m = load().municipalities.get(code);
  if (!m || m.near.has(x, y)) return undefined;
  const km = distanceToArea(m.area, x, y) / 1000;
  return `${code} (${m.area.name}): ${km.toLocaleString("nl-NL", {maximumFractionDigits: 1, minimumFractionDigits: 1})} km buiten de gemeentegrens`;
}

/** RD x/y as a reject value: "290000, 470000 (RD)". */
export function rdText(x: number, y: number): string {
  return `${Math.round(x)}, ${Math.round(y)} (RD)`;
}
