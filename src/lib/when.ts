/**
 * The Wanneer page's figures: the monthly trend beside the same month a year earlier, a season
 * index, the weekday x hour grid from the aoristic time_profile, and the profile of hours relative
 * to sunset. Browser-safe and pure; hidden counts stay hidden (null), never filled in.
 */
import {MonthIndex, shiftMonth, type MonthRow, type SumSelection} from "./overview.js";
import {safeSum} from "./privacy/safe-sum.js";
import {MONTHS_SHORT, WEEKDAYS, oneDecimal, percentOneDecimal} from "./nl-format.js";
import type {Theme} from "./theme.js";

export interface TrendPoint {
  month: string;
  /** The month's count (null when a part is hidden). */
  value: number | null;
  /** The same month a year earlier (null when hidden, outside the delivery or partly covered). */
  lastYear: number | null;
  /** Whether the delivery covers this month only in part (src/lib/partial-months.ts). */
  partial: boolean;
}

/**
 * Monthly sums of a selection (null when a part is hidden), keyed `YYYY-MM`.
 * @param rows the monthly rows, or a {@link MonthIndex} of them (faster when called repeatedly).
 */
export function monthlySums(rows: Iterable<MonthRow> | MonthIndex, {area, soort}: Pick<SumSelection, "area" | "soort">): Map<string, number | null> {
  const sums = new Map<string, number | null>();
  for (const [k, cells] of MonthIndex.of(rows).monthsOf(area)) {
    const parts = cells.filter((c) => soort === "alle" || c.soort === soort).map((c) => c.count);
    if (parts.length) sums.set(k, safeSum(parts).value);
  }
  return sums;
}

/**
 * The months of the selection with the same month a year earlier.
 * @example monthlyTrend(rows, {from: "2024-01", to: "2024-12", area: "regio", soort: "alle"})
 */
export function monthlyTrend(rows: Iterable<MonthRow> | MonthIndex, selection: SumSelection, {partial = []}: {partial?: readonly string[]} = {}): TrendPoint[] {
  const sums = monthlySums(rows, selection);
  const out: TrendPoint[] = [];
  for (let m = selection.from; m <= selection.to; m = shiftMonth(m, 1)) {
    const before = shiftMonth(m, -12);
    out.push({month: m, value: sums.get(m) ?? null, lastYear: partial.includes(before) ? null : sums.get(before) ?? null, partial: partial.includes(m)});
  }
  return out;
}

export interface SeasonPoint {
  /** Month of year, 1..12. */
  month: number;
  /** Mean count of this calendar month over the years with a shown value, / the mean of all 12, x 100. */
  index: number | null;
  /** Number of years that went into this month. */
  years: number;
}

/**
 * Season profile: for each month of the year, its mean count over the selection's months
 * (only shown counts of whole months: `partial` months are left out), as an index where 100 is the
 * average month. A month without any shown value has index null.
 */
export function seasonIndex(rows: Iterable<MonthRow> | MonthIndex, selection: SumSelection, {partial = []}: {partial?: readonly string[]} = {}): SeasonPoint[] {
  const sums = monthlySums(rows, selection);
  const total = new Float64Array(12), n = new Int32Array(12);
  for (const [k, v] of sums) {
    if (k < selection.from || k > selection.to || v === null || partial.includes(k)) continue;
    const m = +k.slice(5, 7) - 1;
    total[m] += v;
    n[m]++;
  }
  const means = Array.from(total, (t, i) => (n[i] ? t / n[i] : null));
  const shown = means.filter((m): m is number => m !== null);
  const overall = shown.length ? shown.reduce((a, b) => a + b, 0) / shown.length : 0;
  return means.map((m, i) => ({month: i + 1, index: m === null || overall === 0 ? null : (100 * m) / overall, years: n[i]}));
}

/** A row of time_profile. */
export interface ProfileRow {
  area_code: string;
  year: number;
  weekday: number;
  hour: number;
  /** null when hidden by the privacy rule. */
  weight: number | null;
}

export interface HeatCell {
  weekday: number;
  hour: number;
  /** null when a profile that went in hides this cell. */
  weight: number | null;
}

/** Cells of a heat grid that are hidden (null). */
const hiddenCells = (cells: readonly HeatCell[]) => cells.filter((c) => c.weight === null).length;

/** Sums the weekday x hour profiles of the rows `use` keeps; a cell hidden in any of them stays hidden. */
function sumProfiles(rows: readonly ProfileRow[], use: (r: ProfileRow) => boolean): {cells: HeatCell[]; years: number[]} {
  const grid = new Float64Array(168);
  const hidden = new Uint8Array(168);
  const years = new Set<number>();
  for (const r of rows) {
    if (!use(r)) continue;
    years.add(r.year);
    if (r.weight === null) hidden[r.weekday * 24 + r.hour] = 1;
    else grid[r.weekday * 24 + r.hour] += r.weight;
  }
  return {
    cells: Array.from(grid, (weight, i) => ({weekday: Math.floor(i / 24), hour: i % 24, weight: hidden[i] ? null : weight})),
    years: [...years].sort((a, b) => a - b)
  };
}

/**
 * The weekday x hour grid for an area: the region's per-year profiles for the years of the period,
 * or, for a municipality, its profile over all years (the only one published, see the page). When
 * more than half of the region's cells for the period are hidden (recent years of a falling series:
 * each year's weights are small), the grid is the region's all-years profile instead, if that hides
 * fewer cells: `widened` says so and `years` then lists the years it pools, for the page to name.
 * @returns 168 cells (weekday 0 = Monday) and which years went in (`[0]` = all years pooled).
 */
export function heatGrid(rows: Iterable<ProfileRow>, {area, fromYear, toYear}: {area: string; fromYear: number; toYear: number}): {cells: HeatCell[]; years: number[]; widened: boolean} {
  const own = Array.from(rows).filter((r) => r.area_code === area);
  if (area !== "regio") return {...sumProfiles(own, (r) => r.year === 0), widened: false};
  const chosen = sumProfiles(own, (r) => r.year !== 0 && r.year >= fromYear && r.year <= toYear);
  if (chosen.years.length && hiddenCells(chosen.cells) > 168 / 2) {
    const pooled = sumProfiles(own, (r) => r.year === 0);
    if (pooled.years.length && hiddenCells(pooled.cells) < hiddenCells(chosen.cells)) {
      return {cells: pooled.cells, years: [...new Set(own.filter((r) => r.year !== 0).map((r) => r.year))].sort((a, b) => a - b), widened: true};
    }
  }
  return {...chosen, widened: false};
}

/**
 * The caption under the weekday x hour grid, in Dutch: which years or which pooled profile it shows
 * and why (the grid comes from {@link heatGrid}).
 */
export function heatCaption(heat: {years: readonly number[]; widened: boolean}, {area, areaName, fromYear, toYear, theme}: {area: string; areaName: string; fromYear: number; toYear: number; theme: Pick<Theme, "singular">}): string {
  const chosen = fromYear === toYear ? `het jaar ${fromYear}` : `de jaren ${fromYear}–${toYear}`;
  if (area !== "regio") return `${areaName}: het profiel per gemeente wordt alleen over alle jaren samen gepubliceerd, zodat een enkele ${theme.singular} in een kleine gemeente niet te herleiden is; de periode geldt hier dus niet.`;
  if (!heat.widened) return `Regio, ${chosen} (dit profiel wordt per heel jaar gepubliceerd).`;
  return `Regio, alle jaren samen (${heat.years[0]}–${heat.years[heat.years.length - 1]}): voor ${chosen} is meer dan de helft van de vakjes verborgen, omdat de gewichten per jaar klein zijn. Het profiel over alle jaren is wel gepubliceerd; de periode geldt hier dus niet.`;
}

/** A row of sunset_profile. */
export interface SunsetRow {
  area_code: string;
  year: number;
  month: number;
  soort: string;
  hour_from_sunset: number;
  weight: number | null;
  suppressed: boolean;
}

export interface SunsetSummary {
  /** Shown weight per hour relative to sunset (-12..11) over the selection. */
  hours: {hour: number; weight: number}[];
  /**
   * Per month of year: the share of the weight in the first four hours after sunset (null when a
   * group of that month has hidden hours), and the bounds the hidden weight leaves for it.
   */
  evening: {month: number; share: number | null; weight: number; low: number | null; high: number | null}[];
  /** Groups (month, soort) of the selection with hidden hours. */
  hiddenGroups: number;
  /** Weight in hidden hours (each group's public count minus its shown weight); null without counts. */
  hiddenWeight: number | null;
  /** Bounds of the evening share over the whole selection, [shown / all, (shown + hidden) / all]. */
  range: {low: number; high: number} | null;
}

/**
 * Sums the sunset profile over a selection (months `from`..`to`, area, soort). Hidden hours (a
 * protected table) are left out and counted; with the monthly counts (counts_month, open) the hidden
 * weight of each group is its count minus its shown weight, which bounds the evening share.
 */
export function sunsetSummary(rows: Iterable<SunsetRow>, {from, to, area, soort}: SumSelection, counts?: Iterable<{area_code: string; month: number | Date; soort: string; count: number | null}>): SunsetSummary {
  const hours = new Float64Array(24);
  const byMonth = Array.from({length: 12}, () => ({all: 0, evening: 0, hidden: 0, unknown: false}));
  const groups = new Map<string, {shown: number; month: number; hidden: boolean}>();
  for (const r of rows) {
    if (r.area_code !== area || (soort !== "alle" && r.soort !== soort)) continue;
    const k = `${r.year}-${String(r.month).padStart(2, "0")}`;
    if (k < from || k > to) continue;
    const g = groups.get(`${k}|${r.soort}`) ?? {shown: 0, month: r.month, hidden: false};
    groups.set(`${k}|${r.soort}`, g);
    if (r.suppressed || r.weight === null) {
      g.hidden = true;
      continue;
    }
    g.shown += r.weight;
    hours[r.hour_from_sunset + 12] += r.weight;
    byMonth[r.month - 1].all += r.weight;
    if (r.hour_from_sunset >= 0 && r.hour_from_sunset < 4) byMonth[r.month - 1].evening += r.weight;
  }
  const countOf = new Map<string, number | null>();
  for (const c of counts ?? []) if (c.area_code === area) countOf.set(`${new Date(c.month).toISOString().slice(0, 7)}|${c.soort}`, c.count);
  let hiddenGroups = 0, hiddenWeight: number | null = 0;
  for (const [key, g] of groups) {
    if (!g.hidden) continue;
    hiddenGroups++;
    const count = counts ? countOf.get(key) : undefined;
    const m = byMonth[g.month - 1];
    if (count === undefined || count === null) {
      m.unknown = true;
      hiddenWeight = null;
      continue;
    }
    const h = Math.max(0, count - g.shown);
    m.hidden += h;
    if (hiddenWeight !== null) hiddenWeight += h;
  }
  const bounds = (evening: number, all: number, hidden: number) => (all + hidden > 0 ? {low: evening / (all + hidden), high: (evening + hidden) / (all + hidden)} : null);
  const shownAll = byMonth.reduce((a, m) => a + m.all, 0), shownEvening = byMonth.reduce((a, m) => a + m.evening, 0);
  return {
    hours: Array.from(hours, (weight, i) => ({hour: i - 12, weight})),
    evening: byMonth.map((m, i) => {
      const b = m.unknown ? null : bounds(m.evening, m.all, m.hidden);
      return {month: i + 1, share: m.hidden > 0 || m.unknown ? null : m.all > 0 ? m.evening / m.all : null, weight: m.all, low: b?.low ?? null, high: b?.high ?? null};
    }),
    hiddenGroups,
    hiddenWeight,
    range: hiddenWeight === null ? null : bounds(shownEvening, shownAll, hiddenWeight)
  };
}


/**
 * Whether the delivery carries times of day: at least a tenth of its incidents have a window that
 * is not whole days (a police export of dates only has none). Hour views say so instead of drawing
 * the flat profile that whole-day windows give.
 * @example deliveryTimes({incidents: 2304, incidents_with_time: 0}).hasTimes; // false
 */
export function deliveryTimes(meta: {incidents: number; incidents_with_time?: number}): {hasTimes: boolean; text: string} {
  const withTime = meta.incidents_with_time ?? meta.incidents;
  const hasTimes = meta.incidents > 0 && withTime >= Math.max(1, 0.1 * meta.incidents);
  const text = withTime === 0
    ? "Deze levering bevat geen tijdstippen, alleen datums: een profiel per uur zou alleen de gelijke spreiding over de dag tonen. Daarom staat het hier niet."
    : `Deze levering bevat bijna geen tijdstippen (${withTime.toLocaleString("nl-NL")} van ${meta.incidents.toLocaleString("nl-NL")} registraties): een profiel per uur zegt dan weinig. Daarom staat het hier niet.`;
  return {hasTimes, text};
}

/**
 * The trend chart's series: this period and a year earlier per month (a partly covered month is
 * left out of the line), and the partly covered months with a shown count as separate dots.
 */
export function trendSeries(trend: readonly TrendPoint[]): {lines: {maand: Date; reeks: string; aantal: number | null}[]; partialDots: {maand: Date; aantal: number; reeks: string}[]} {
  const date = (month: string) => new Date(`${month}-01`);
  return {
    lines: trend.flatMap((d) => [
      {maand: date(d.month), reeks: "deze periode", aantal: d.partial ? null : d.value},
      {maand: date(d.month), reeks: "een jaar eerder", aantal: d.lastYear}
    ]),
    partialDots: trend.filter((d) => d.partial && d.value !== null).map((d) => ({maand: date(d.month), aantal: d.value!, reeks: "onvolledige maand"}))
  };
}

/** The trend's table and download: month, count, a year earlier, and whether the month is partial. */
export function trendTable(trend: readonly TrendPoint[]): {maand: string; aantal: number | null; een_jaar_eerder: number | null; onvolledig: string}[] {
  return trend.map((d) => ({maand: d.month, aantal: d.value, een_jaar_eerder: d.lastYear, onvolledig: d.partial ? "ja" : ""}));
}

/** The season table: short month name, the index rounded, and how many years it rests on. */
export function seasonTable(season: readonly SeasonPoint[]): {maand: string; index: number | null; jaren: number}[] {
  return season.map((d) => ({maand: MONTHS_SHORT[d.month - 1], index: d.index === null ? null : Math.round(d.index), jaren: d.years}));
}

/** The weekday x hour table: one row per weekday (Monday first), a column per hour (`00u`..`23u`), weights to one decimal. */
export function heatTable(cells: readonly HeatCell[]): Record<string, string | number | null>[] {
  if (cells.length !== 7 * 24) throw new Error(`invalid grid: ${cells.length} cells, expected ${7 * 24}`);
  return WEEKDAYS.map((day, w) => Object.fromEntries([
    ["weekdag", day],
    ...Array.from({length: 24}, (_, h) => [`${String(h).padStart(2, "0")}u`, oneDecimal(cells[w * 24 + h].weight)])
  ]));
}

/** The shown sunset weight in total, and the share of it in the first four hours after sunset (null without weight). */
export function sunsetTotals(sun: Pick<SunsetSummary, "hours">): {total: number; eveningShare: number | null} {
  const total = sun.hours.reduce((s, d) => s + d.weight, 0);
  const evening = sun.hours.filter((d) => d.hour >= 0 && d.hour < 4).reduce((s, d) => s + d.weight, 0);
  return {total, eveningShare: total ? evening / total : null};
}

/** The sunset table: hour after sunset and its weight to one decimal. */
export function sunsetHourTable(sun: Pick<SunsetSummary, "hours">): {uur_na_zonsondergang: number; gewicht: number | null}[] {
  return sun.hours.map((d) => ({uur_na_zonsondergang: d.hour, gewicht: oneDecimal(d.weight)}));
}

/** The dark-evenings table: per month of year the evening share in percent (one decimal) and the weight. */
export function eveningTable(sun: Pick<SunsetSummary, "evening">): {maand: string; aandeel_procent: number | null; gewicht: number | null}[] {
  return sun.evening.map((d) => ({maand: MONTHS_SHORT[d.month - 1], aandeel_procent: percentOneDecimal(d.share), gewicht: oneDecimal(d.weight)}));
}
