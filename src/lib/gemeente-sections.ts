/**
 * The sections of the municipality report (src/gemeenten/[gemeente].md) beyond its yearly figures:
 * the yearly line, the district map, the time profile (season and weekday x hour), and the goals.
 * Each returns what the page draws, or a Dutch reason why that part cannot be drawn from this
 * delivery. Browser-safe and pure; only published tables go in, hidden values stay hidden.
 */
import {monthName} from "./filters.js";
import type {MunicipalityReport} from "./gemeente.js";
import {areaFeatures, featureExtent, type AreaFeature, type VertexRow} from "./maps/geometry.js";
import {areaValues, pad, type AreaValue, type Extent, type YearRow as MapYearRow} from "./maps/grid.js";
import {MonthIndex, shiftMonth, targetsProgress, targetTable, type MonthRow, type TargetInputs, type TargetProgress, type YearRow} from "./overview.js";
import {THEMES, type Theme} from "./theme.js";
import {deliveryTimes, heatGrid, seasonIndex, type HeatCell, type ProfileRow, type SeasonPoint} from "./when.js";

/** One point of the report's yearly line. */
export interface TrendRow {jaar: number; gebied: string; waarde: number}

/**
 * The yearly line of the report: whole years only (a partial first or last year would read as a
 * drop; all years when none is whole), per 1,000 dwellings beside the region when rates exist,
 * else the municipality's counts. Hidden years are left out (`hiddenYears` says so).
 * @example reportTrend(municipalityReport(input, "GM0153")).rows[0] // {jaar: 2021, gebied: "Enschede", waarde: 3.1}
 */
export function reportTrend(report: MunicipalityReport, {regionName = "Regio"}: {regionName?: string} = {}): {hasRates: boolean; years: number[]; rows: TrendRow[]; hiddenYears: boolean} {
  const hasRates = report.years.some((y) => y.gemeenteRate !== null && y.regioRate !== null);
  const whole = report.years.some((y) => y.months === 12) ? report.years.filter((y) => y.months === 12) : report.years;
  const rows: TrendRow[] = [];
  for (const y of whole) {
    const points = hasRates ? [[report.name, y.gemeenteRate], [regionName, y.regioRate]] as const : [[report.name, y.gemeente.value]] as const;
    for (const [gebied, waarde] of points) if (waarde !== null) rows.push({jaar: y.year, gebied, waarde});
  }
  return {hasRates, years: whole.map((y) => y.year), rows, hiddenYears: report.years.some((y) => y.gemeente.suppressed)};
}

/** What the district map draws, or why it cannot be drawn. */
export interface DistrictMap {
  /** The municipality's districts, and its own outline drawn on top. */
  districts: AreaFeature[];
  outline: AreaFeature[];
  values: AreaValue[];
  /** The frame of the map: the districts' extent with a margin of 300 m (null without districts). */
  extent: Extent | null;
  year: number | null;
  /** Dutch: why there is no map (then `districts` is empty), or null. */
  reason: string | null;
}

/** The digits of a GM, WK or BU code that name its municipality ("GM0153", "WK015301" -> "0153"). */
const municipalityDigits = (code: string) => code.slice(2, 6);

/**
 * The district (wijk) map of a municipality: its districts' outlines from `area_geometry`, coloured
 * by their published count (`counts_year`, soort totaal) in `year`. Without district outlines or
 * district counts (a police export with postcodes only) there is no map and `reason` says why.
 * @example districtMap(geometry, yearly, {code: "GM0153", name: "Enschede", year: 2024}).districts.length
 */
export function districtMap(geometry: Iterable<VertexRow>, yearly: Iterable<MapYearRow>, {code, name, year}: {code: string; name: string; year: number | null}): DistrictMap {
  if (!/^GM\d{4}$/.test(code)) throw new Error(`invalid municipality code: ${code}`);
  const own = areaFeatures([...geometry].filter((r) => (r.level === "wijk" || r.level === "gemeente") && municipalityDigits(r.code) === municipalityDigits(code)));
  const districts = own.filter((f) => f.properties.level === "wijk");
  const outline = own.filter((f) => f.properties.level === "gemeente");
  const values = year === null ? [] : areaValues(yearly, [], {level: "wijk", year, gemeente: code});
  const none = (reason: string): DistrictMap => ({districts: [], outline, values: [], extent: null, year, reason});
  if (!districts.length) return none(`Geen wijkkaart: deze levering bevat geen wijkgrenzen van ${name} (gebieden.geojson met wijken).`);
  if (year === null) return none(`Geen wijkkaart: er is geen jaar met cijfers voor ${name}.`);
  if (!values.length) return none(`Geen wijkkaart: de registraties van ${name} hebben in deze levering geen wijk (bijvoorbeeld alleen een postcodegebied), dus er zijn geen cijfers per wijk.`);
  return {districts, outline, values, extent: pad(featureExtent(districts)!, 300), year, reason: null};
}

/** The time profile of a municipality: its season and its weekday x hour grid. */
export interface TimeProfile {
  /** Month of year against the average month (= 100), over every whole month of the delivery. */
  season: SeasonPoint[];
  /** Years that went into the best covered month (fewer than 2: the profile says little). */
  seasonYears: number;
  seasonReason: string | null;
  /** 168 cells (weekday 0 = Monday), the municipality over all years, or null with `weekReason`. */
  week: HeatCell[] | null;
  weekReason: string | null;
}

/**
 * The municipality's time profile from the published tables: the season index from `counts_month`
 * (open) over the whole delivery, and the weekday x hour grid from `time_profile` (protected; per
 * municipality only over all years pooled). A delivery of dates only gets no hour grid, with the
 * reason of `deliveryTimes`.
 * @example timeProfile({monthly, profile, meta}, "GM0153").season[0].index
 */
export function timeProfile(
  {monthly, profile, meta}: {monthly: Iterable<{area_code: string; month: number | Date; soort: string; count: number | null}> | MonthIndex; profile: Iterable<ProfileRow>; meta: {incidents: number; incidents_with_time?: number; partial_months?: readonly string[]}},
  code: string
): TimeProfile {
  const index = MonthIndex.of(monthly);
  const months = [...index.monthsOf(code).keys()].sort();
  const season = months.length ? seasonIndex(index, {from: months[0], to: months.at(-1)!, area: code, soort: "alle"}, {partial: meta.partial_months ?? []}) : [];
  const seasonYears = Math.max(0, ...season.map((p) => p.years));
  const seasonReason = !months.length ? "Geen maandcijfers voor deze gemeente."
    : season.every((p) => p.index === null) ? "Alle maandcijfers van deze gemeente zijn verborgen volgens de privacyregel: er is geen seizoensprofiel."
    : null;
  const times = deliveryTimes(meta);
  if (!times.hasTimes) return {season, seasonYears, seasonReason, week: null, weekReason: times.text};
  const grid = heatGrid(profile, {area: code, fromYear: 0, toYear: 0});
  const weekReason = !grid.years.length ? "Voor deze gemeente is geen weekdag-uurprofiel gepubliceerd."
    : grid.cells.every((c) => c.weight === null) ? "Het weekdag-uurprofiel van deze gemeente is helemaal verborgen volgens de privacyregel (kleine aantallen)."
    : grid.cells.every((c) => c.weight === 0) ? "Geen registraties met een tijdstip in deze gemeente."
    : null;
  return {season, seasonYears, seasonReason, week: weekReason ? null : grid.cells, weekReason};
}

/** The goals of a municipality: progress in its latest year with goals, as sentences and a table. */
export interface Goals {
  year: number | null;
  /** The last month counted (`YYYY-MM`). */
  to: string | null;
  /** The months counted, in Dutch: "januari t/m juni 2025". */
  period: string | null;
  progress: TargetProgress[];
  table: Record<string, string | number | null>[];
  reason: string | null;
}

/**
 * Progress towards a municipality's goals (doelen.csv) with Overzicht's rules (`targetsProgress`):
 * the latest year with goals for the municipality up to the delivery's last whole month, counted
 * from January to that month or to December.
 * @param lastMonth the delivery's last month (`YYYY-MM`); `partial` months are stepped back over.
 * @example municipalityGoals(inputs, {code: "GM0153", name: "Enschede", lastMonth: "2025-06", dwellings: 75000, delivered: true}).year
 */
export function municipalityGoals(input: TargetInputs, {code, name, lastMonth, partial = [], dwellings, delivered, theme = THEMES.woninginbraak}: {
  code: string; name: string; lastMonth: string | null; partial?: readonly string[]; dwellings: number | null; delivered: boolean; theme?: Theme;
}): Goals {
  const none = (reason: string): Goals => ({year: null, to: null, period: null, progress: [], table: [], reason});
  if (!delivered) return none("Er zijn geen doelen geleverd (doelen.csv ontbreekt), dus er is geen voortgang te tonen.");
  if (lastMonth === null) return none(`Geen maandcijfers voor ${name}, dus geen voortgang op de doelen.`);
  let last = lastMonth;
  // A month the delivery covers only in part would understate the year so far.
  while (partial.includes(last)) last = shiftMonth(last, -1);
  const targets = [...input.targets].filter((t) => t.area_code === code);
  const year = Math.max(-Infinity, ...targets.map((t) => t.year).filter((y) => y <= +last.slice(0, 4)));
  if (!Number.isFinite(year)) return none(`Voor ${name} zijn geen doelen geleverd tot en met ${last.slice(0, 4)}.`);
  const to = year === +last.slice(0, 4) ? last : `${year}-12`;
  const {progress} = targetsProgress({...input, targets}, {area: code, to, dwellings, theme});
  if (!progress.length) return none(`De doelen van ${name} voor ${year} gaan over indicatoren die deze pagina niet kent.`);
  return {year, to, period: `januari t/m ${monthName(to)}`, progress, table: targetTable(progress, theme), reason: null};
}

/** What the goals section reads from meta.json. */
export interface GoalsMeta {
  last_month?: string | null;
  partial_months?: readonly string[];
  files: readonly {file: string; present: boolean}[];
}

/**
 * The municipality page's goals: {@link municipalityGoals} on the page's plain tables, with the
 * delivery's last month, its partial months and whether doelen.csv was delivered from meta.json.
 */
export function pageGoals(
  t: Pick<TargetInputs, "targets" | "advice" | "dor"> & {monthly: Iterable<MonthRow>; yearly: Iterable<YearRow & {area_level: string}>; whatsapp: TargetInputs["groups"]},
  report: Pick<MunicipalityReport, "code" | "name" | "dwellings">,
  {meta, theme}: {meta: GoalsMeta; theme?: Theme}
): Goals {
  const yearRows = [...t.yearly].filter((d) => d.area_level === "gemeente");
  return municipalityGoals({targets: t.targets, monthIndex: new MonthIndex(t.monthly), yearRows, groups: t.whatsapp, advice: t.advice, dor: t.dor}, {
    code: report.code, name: report.name, lastMonth: meta.last_month ?? null, partial: meta.partial_months, dwellings: report.dwellings,
    delivered: meta.files.some((f) => f.file === "doelen.csv" && f.present), theme
  });
}
