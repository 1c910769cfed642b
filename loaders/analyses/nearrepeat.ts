/**
 * Near-repeat warning zones for "Waar nu?": after each burglary of the most recent weeks, a zone of
 * the radius and duration that the delivery's own Knox test shows raised (src/lib/nearrepeat-zones.ts;
 * the knox analysis runs first), open until its end date. The reference day ("now") is the last
 * incident day of the delivery.
 *
 * Intern: one zone per recent incident with coordinates, centred on its 125 m square, with an
 * estimate of the dwellings inside. Openbaar: per neighbourhood (or postcode area when the
 * incident has no neighbourhood) the number of open zones, 1..threshold-1 hidden (policy: protected).
 */
import type {Table} from "apache-arrow";
import {DEFAULT_ZONE, openUntil, zoneBands, type KnoxCellRow} from "../../src/lib/nearrepeat-zones.js";
import {buildTable} from "../arrow.js";
import {snap, type Area} from "../delivery/geo.js";
import type {Registry} from "../delivery/areas.js";
import {col, columns, round, startDay} from "./common.js";
import {surface} from "./forecast.js";
import {thresholdOf, type Analysis} from "./types.js";

/** Zones are centred on the centre of the incident's square of this size (m). */
export const ZONE_SNAP = 125;
/** Step of the point grid that estimates the dwellings inside a zone (m). */
const DWELLING_STEP = 25;

const SETTINGS = [
  col.f64("metres", "zone radius (m)"),
  col.i16("days", "zone duration in days: open from the incident day for this many days"),
  col.d("source", "knox (from significant Knox cells) or standaard (200 m, 14 days: not significant or no Knox test)"),
  col.f64("ratio", "Knox ratio of the nearest neighbour cell (first band from 1 m, first time band); null when unknown", true),
  col.f64("p_value", "its Monte Carlo p-value; null when unknown", true),
  col.day("reference_day", "the last incident day of the delivery: zones open on this day are shown")
] as const;

const ZONES = [
  col.i32("zone", "zone number, by day then position"),
  col.i32("x", "RD x of the zone centre: the centre of the incident's 125 m square, rounded down (as incidents.x125)"),
  col.i32("y", "RD y of the zone centre"),
  col.f64("radius", "zone radius (m), from nearrepeat_settings"),
  col.day("day", "incident day (pleegdatum_van)"),
  col.day("open_until", "last day the zone is open (day + days - 1)"),
  col.f64("dwellings", "estimated dwellings inside (neighbourhood dwelling stock spread evenly over its area); null when unknown", true),
  col.d("gemeentecode", "municipality of the incident"),
  col.d("buurtcode", "neighbourhood of the incident", true)
] as const;

const AREAS = [
  col.d("area_level", "buurt, or pc4 for incidents without a neighbourhood"),
  col.d("area_code", "BU code or postcode"),
  col.d("area_name", "area name"),
  col.d("gemeentecode", "municipality"),
  col.i32("zones", "open zones (recent incidents) in the area on the reference day; null when suppressed", true),
  col.day("open_until", "the last day one of them is open; null when suppressed", true),
  col.i32("dwellings", "dwelling stock of the neighbourhood (areas table); null for postcode areas or when unknown", true),
  col.bool("suppressed", "openbaar: 1..threshold-1 open zones, count and date hidden")
] as const;

/** Knox cells of setting fijn over the whole period, as published (null ratios where suppressed). */
function knoxRows(table: Table | undefined): KnoxCellRow[] {
  if (!table) return [];
  return table.toArray().map((r) => r.toJSON() as KnoxCellRow & {setting: string; period: string}).filter((r) => r.setting === "fijn" && r.period === "alle");
}

/** Dwellings per m² by neighbourhood: stock / boundary area. */
function dwellingDensity(registry: Registry, areas: Table | undefined): Map<Area, number> {
  const stock = new Map<string, number>();
  if (areas) for (const r of areas.toArray()) if (r.level === "buurt" && r.dwellings !== null) stock.set(String(r.code), Number(r.dwellings));
  const density = new Map<Area, number>();
  for (const shape of registry.shapes.buurt) {
    const s = surface(shape);
    if (stock.has(shape.code) && s > 0) density.set(shape, stock.get(shape.code)! / s);
  }
  return density;
}

/** Estimated dwellings in a circle: a point grid, each point worth its neighbourhood's density; null when a point has no known density. */
export function dwellingsInCircle(registry: Registry, density: Map<Area, number>, x: number, y: number, radius: number, step = DWELLING_STEP): number | null {
  if (!registry.buurtIndex || !density.size) return null;
  let sum = 0;
  for (let dx = -radius + step / 2; dx < radius; dx += step) {
    for (let dy = -radius + step / 2; dy < radius; dy += step) {
      if (dx * dx + dy * dy > radius * radius) continue;
      const area = registry.buurtIndex.find(x + dx, y + dy);
      if (!area) continue; // outside the region's neighbourhoods: no dwellings counted
      const d = density.get(area);
      if (d === undefined) return null;
      sum += d * step * step;
    }
  }
  return sum;
}

export const nearRepeatAnalysis: Analysis = {
  name: "nearrepeat",
  schemas: {nearrepeat_settings: SETTINGS, nearrepeat_zones: ZONES, nearrepeat_areas: AREAS},
  run({delivery, level, suppressBelow, privacy, tables}) {
    const threshold = thresholdOf({level, suppressBelow, privacy}, "nearrepeat_areas");
    const bands = zoneBands(knoxRows(tables.get("knox_cells")));
    const incidents = delivery.incidents;
    let reference = -Infinity;
    for (const r of incidents) reference = Math.max(reference, startDay(r));
    const recent = Number.isFinite(reference) ? incidents.filter((r) => openUntil(startDay(r), bands.days) >= reference) : [];
    const settings = Number.isFinite(reference)
      ? [{metres: bands.metres, days: bands.days, source: bands.source, ratio: bands.ratio, p_value: bands.p_value, reference_day: reference}]
      : [];

    const zones: Record<string, unknown>[] = [];
    if (level === "intern") {
      const density = dwellingDensity(delivery.registry, tables.get("areas"));
      const located = recent.filter((r) => !Number.isNaN(r.x) && !Number.isNaN(r.y))
        .map((r) => ({r, x: snap(r.x, ZONE_SNAP) + Math.floor(ZONE_SNAP / 2), y: snap(r.y, ZONE_SNAP) + Math.floor(ZONE_SNAP / 2), day: startDay(r)}))
        .sort((a, b) => a.day - b.day || a.x - b.x || a.y - b.y);
      located.forEach(({r, x, y, day}, i) => {
        const dwellings = dwellingsInCircle(delivery.registry, density, x, y, bands.metres);
        zones.push({
          zone: i + 1, x, y, radius: bands.metres, day, open_until: openUntil(day, bands.days),
          dwellings: dwellings === null ? null : round(dwellings, 1), gemeentecode: r.gemeentecode, buurtcode: r.buurtcode
        });
      });
    }

    const byArea = new Map<string, {level: string; code: string; gm: string; zones: number; until: number}>();
    for (const r of recent) {
      const [areaLevel, code] = r.buurtcode ? ["buurt", r.buurtcode] : r.pc4 ? ["pc4", r.pc4] : [null, null];
      if (!areaLevel || !code) continue;
      const key = `${areaLevel}|${code}`;
      const a = byArea.get(key) ?? byArea.set(key, {level: areaLevel, code, gm: r.gemeentecode, zones: 0, until: -Infinity}).get(key)!;
      a.zones++;
      a.until = Math.max(a.until, openUntil(startDay(r), bands.days));
    }
    const stock = new Map<string, number | null>();
    const areasTable = tables.get("areas");
    if (areasTable) for (const r of areasTable.toArray()) stock.set(String(r.code), r.dwellings ?? null);
    const areas = [...byArea.values()].sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((a) => {
      const hidden = threshold > 0 && a.zones > 0 && a.zones < threshold;
      return {
        area_level: a.level, area_code: a.code, area_name: delivery.registry.areas.get(a.code)?.name ?? a.code, gemeentecode: a.gm,
        zones: hidden ? null : a.zones, open_until: hidden ? null : a.until,
        dwellings: a.level === "buurt" ? stock.get(a.code) ?? null : null, suppressed: hidden
      };
    });
    return {tables: {
      nearrepeat_settings: buildTable(SETTINGS, columns(SETTINGS, settings) as never),
      nearrepeat_zones: buildTable(ZONES, columns(ZONES, zones) as never),
      nearrepeat_areas: buildTable(AREAS, columns(AREAS, areas) as never)
    }};
  }
};

export {DEFAULT_ZONE};
