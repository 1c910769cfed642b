/**
 * Near-repeat warning zones ("Waar nu?"): the radius and duration of a zone from the delivery's own
 * Knox test (knox_cells, setting fijn, whole period), and which zones are still open on a day.
 * Browser-safe.
 */
import {nlNumber} from "./hypotheses/format.js";
import {pad, type Extent} from "./maps/grid.js";

/** The zone when the Knox test shows no raised near-repeat risk or could not run: 200 m, 14 days. */
export const DEFAULT_ZONE = {metres: 200, days: 14} as const;

/** The Knox cells a zone is read from (columns of knox_cells). */
export interface KnoxCellRow {
  space_index: number;
  space_lower: number;
  space_upper: number | null;
  time_index: number;
  time_lower: number;
  time_upper: number | null;
  ratio: number | null;
  p_value: number | null;
}

export interface ZoneBands {
  metres: number;
  days: number;
  /** `knox` when read from significant cells, `standaard` for {@link DEFAULT_ZONE}. */
  source: "knox" | "standaard";
  /** Ratio and p-value of the nearest neighbour cell (first space band from 1 m, first time band); null when unknown. */
  ratio: number | null;
  p_value: number | null;
}

/** A cell whose ratio is above 1 with p below `alpha`. */
const raised = (c: KnoxCellRow | undefined, alpha: number) => c !== undefined && c.ratio !== null && c.p_value !== null && c.ratio > 1 && c.p_value < alpha;

/**
 * Radius and duration from Knox cells: the nearest neighbour band is the first space band from 1 m
 * (the [0, 1) band is the same address). When its cell with the first time band is raised (ratio > 1,
 * p < alpha), the radius is the upper bound of the last space band in the unbroken run of raised
 * cells outward along the first time band, and the duration the upper bound of the last time band in
 * the unbroken run of raised cells along the nearest neighbour band; an open-ended band ends a run.
 * Otherwise (or without cells) {@link DEFAULT_ZONE}.
 * @example zoneBands(cells).metres // 200 when [1, 100) and [100, 200) are raised in the first week
 */
export function zoneBands(cells: readonly KnoxCellRow[], {alpha = 0.05}: {alpha?: number} = {}): ZoneBands {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`invalid alpha: ${alpha}`);
  const at = new Map(cells.map((c) => [`${c.space_index}|${c.time_index}`, c]));
  const spaces = [...new Map(cells.map((c) => [c.space_index, c])).values()].sort((a, b) => a.space_index - b.space_index);
  const times = [...new Map(cells.map((c) => [c.time_index, c])).values()].sort((a, b) => a.time_index - b.time_index);
  const near = spaces.find((s) => s.space_lower >= 1);
  const first = times[0];
  const nearest = near && first ? at.get(`${near.space_index}|${first.time_index}`) : undefined;
  const base = {ratio: nearest?.ratio ?? null, p_value: nearest?.p_value ?? null};
  if (!near || !first || !raised(nearest, alpha)) return {...DEFAULT_ZONE, source: "standaard", ...base};
  let metres = NaN;
  for (const s of spaces.filter((x) => x.space_index >= near.space_index)) {
    if (s.space_upper === null || !raised(at.get(`${s.space_index}|${first.time_index}`), alpha)) break;
    metres = s.space_upper;
  }
  let days = NaN;
  for (const t of times) {
    if (t.time_upper === null || !raised(at.get(`${near.space_index}|${t.time_index}`), alpha)) break;
    days = t.time_upper;
  }
  if (!Number.isFinite(metres) || !Number.isFinite(days)) return {...DEFAULT_ZONE, source: "standaard", ...base};
  return {metres, days, source: "knox", ...base};
}

/**
 * The last day a zone is open: an incident on civil day `day` raises the risk nearby for the days
 * `day` .. `day + days - 1` (the Knox time band [0, days)).
 */
export function openUntil(day: number, days: number): number {
  if (!Number.isInteger(day) || !Number.isInteger(days) || days < 1) throw new Error(`invalid zone: day ${day}, days ${days}`);
  return day + days - 1;
}

/**
 * The outline of a circular zone as a closed ring of `n` + 1 points (RD metres), for maps.
 * @example circleRing(0, 0, 100, 4)[1] // [0, 100] (approximately)
 */
export function circleRing(x: number, y: number, radius: number, n = 48): [number, number][] {
  if (!(radius > 0) || !(Number.isInteger(n) && n >= 3)) throw new Error(`invalid circle: radius ${radius}, ${n} points`);
  return Array.from({length: n + 1}, (_, k) => [x + radius * Math.cos((2 * Math.PI * k) / n), y + radius * Math.sin((2 * Math.PI * k) / n)] as [number, number]);
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an epoch-ms day. */
export const isoDay = (day: number | Date): string => new Date(day).toISOString().slice(0, 10);

/** A day in Dutch words: "5 december 2026". */
export const nlDay = (day: number | Date): string => new Date(day).toLocaleDateString("nl-NL", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});

const nl0 = (x: number) => x.toLocaleString("nl-NL", {minimumFractionDigits: 0, maximumFractionDigits: 0});

/** A row of nearrepeat_zones (intern only). */
export interface ZoneRow {
  zone: number;
  x: number;
  y: number;
  radius: number;
  day: number | Date;
  open_until: number | Date;
  dwellings: number | null;
  gemeentecode: string;
  buurtcode: string | null;
}

/**
 * The open zones on the reference day for the map (days left, a label), their padded extent, and
 * the list for the prevention adviser (centre, radius, open until, dwellings).
 */
export function openZoneView(zones: readonly ZoneRow[], reference: number): {
  zones: (ZoneRow & {daysLeft: number; label: string})[];
  extent: Extent | null;
  list: {zone: number; x_rd: number; y_rd: number; straal_m: number; datum: string; open_tot_en_met: string; woningen: number | null; gemeente: string; buurt: string | null}[];
} {
  const open = zones.map((z) => {
    const until = Number(z.open_until);
    return {...z, daysLeft: Math.round((until - reference) / DAY_MS), label: `Zone ${z.zone}: ${nl0(z.radius)} m, open t/m ${nlDay(until)}${z.dwellings === null ? "" : `, ca. ${nl0(z.dwellings)} woningen`}`};
  });
  const extent = open.length ? pad([
    Math.min(...open.map((z) => z.x - z.radius)), Math.min(...open.map((z) => z.y - z.radius)),
    Math.max(...open.map((z) => z.x + z.radius)), Math.max(...open.map((z) => z.y + z.radius))
  ], 2000) : null;
  const list = open.map((z) => ({zone: z.zone, x_rd: z.x, y_rd: z.y, straal_m: z.radius, datum: isoDay(z.day), open_tot_en_met: isoDay(z.open_until),
    woningen: z.dwellings === null ? null : Math.round(z.dwellings), gemeente: z.gemeentecode, buurt: z.buurtcode}));
  return {zones: open, extent, list};
}

/** A row of nearrepeat_areas (open zones per neighbourhood or postcode; small counts hidden). */
export interface ZoneAreaRow {
  area_code: string;
  area_name: string;
  area_level: string;
  gemeentecode: string;
  zones: number | null;
  open_until: number | Date | null;
  dwellings: number | null;
  suppressed: boolean;
}

/** Open zones per area, most first, with hidden counts and dates left empty; `hidden` counts those. */
export function zoneAreaList(rows: readonly ZoneAreaRow[]): {rows: {gebied: string; niveau: string; gemeente: string; zones: number | null; open_tot_en_met: string | null; woningen: number | null; verborgen: boolean}[]; hidden: number} {
  const list = rows
    .map((a) => ({gebied: a.area_name === a.area_code ? a.area_code : `${a.area_name} (${a.area_code})`, niveau: a.area_level === "pc4" ? "postcode" : "buurt",
      gemeente: a.gemeentecode, zones: a.suppressed ? null : a.zones, open_tot_en_met: a.suppressed || a.open_until === null ? null : isoDay(a.open_until), woningen: a.dwellings, verborgen: a.suppressed}))
    .sort((a, b) => (b.zones ?? 0) - (a.zones ?? 0) || a.gebied.localeCompare(b.gebied));
  return {rows: list, hidden: list.filter((a) => a.verborgen).length};
}

/** A row of nearrepeat_settings: the zone, where it came from, and the reference day. */
export interface ZoneSettings {
  metres: number;
  days: number;
  source: string;
  ratio: number | null;
  p_value: number | null;
  reference_day: number | Date;
}

/**
 * Where the zone's radius and duration come from, in Dutch: the Knox test of this delivery (with
 * the nearest cell's ratio and p-value), or the literature's default when the test showed nothing.
 */
export function zoneSourceText(settings: ZoneSettings): string {
  if (settings.source !== "knox") return "De Knox-test gaf geen significant verhoogd risico (of kon niet, zonder coördinaten); daarom geldt de standaard van 200 m en 14 dagen, het venster uit de literatuur.";
  const p = settings.p_value ?? 0;
  return `Die straal en duur komen uit de Knox-test van deze levering: binnen ${nl0(settings.metres)} m en ${settings.days} dagen zijn er significant meer paren dan toeval geeft (dichtstbijzijnde cel: verhouding ${nlNumber(settings.ratio)}, p ${p < 0.001 ? "< 0,001" : "= " + nlNumber(p, 3)}).`;
}
