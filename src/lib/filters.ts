/**
 * Page-wide filters (period, municipality, soort) kept in the URL, so a view can be shared and
 * reopened exactly. Pure functions; the form lives in src/components/filters.ts.
 */
import {MONTHS_LONG} from "./nl-format.js";
import {capitalise, THEMES, type Theme} from "./theme.js";

export type Soort = "alle" | "inbraak" | "poging";

export interface PageFilters {
  /** First month, `YYYY-MM`. */
  from: string;
  /** Last month, `YYYY-MM`. */
  to: string;
  /** `regio` or a GM code. */
  gemeente: string;
  soort: Soort;
}

/**
 * Which period a page opens on (issue 14, item 3): KPIs on the last 12 months, maps on the last
 * complete calendar year, trend, season, per-year and werkwijze charts on the last complete years.
 */
export type PeriodDefault = "maanden" | "jaar" | "jaren";

export interface FilterDomain {
  /** Available months, `YYYY-MM`, ascending. */
  months: readonly string[];
  /** Available municipality codes (without `regio`). */
  gemeenten: readonly string[];
  /** The page's default period (default `maanden`: the last 12 months). */
  period?: PeriodDefault;
  /** Months the delivery covers only in part (`meta.partial_months`): no default starts or ends on one. */
  partial?: readonly string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** How many complete years the `jaren` default shows at most. */
export const DEFAULT_YEARS = 5;

/** The calendar years of which all twelve months are available and wholly covered, ascending. */
export function completeYears(months: readonly string[], partial: readonly string[] = []): number[] {
  const count = new Map<number, number>();
  for (const m of new Set(months)) if (!partial.includes(m)) count.set(+m.slice(0, 4), (count.get(+m.slice(0, 4)) ?? 0) + 1);
  return [...count].filter(([, n]) => n === 12).map(([y]) => y).sort((a, b) => a - b);
}

/**
 * The default period of a page as {from, to}: `maanden` the last 12 months (or all); `jaar` the
 * last complete calendar year (else the last 12 months); `jaren` the last complete years, at most
 * {@link DEFAULT_YEARS} (else all months: a delivery shorter than a calendar year). A month the
 * delivery covers only in part (`partial`) is left off the ends: 12 months that end on a week of data
 * would read as a fall against the year before.
 * @example defaultPeriod(["2023-04", ..., "2026-06"], "jaren") // {from: "2024-01", to: "2025-12"}
 * @example defaultPeriod(["2023-04", ..., "2026-06"], "maanden", ["2023-04", "2026-06"]) // {from: "2025-06", to: "2026-05"}
 */
export function defaultPeriod(months: readonly string[], period: PeriodDefault = "maanden", partial: readonly string[] = []): {from: string; to: string} {
  const whole = months.filter((m) => !partial.includes(m));
  const usable = whole.length ? whole : months;
  const last12 = {from: usable[Math.max(0, usable.length - 12)] ?? "", to: usable[usable.length - 1] ?? ""};
  const years = completeYears(months, partial);
  if (period === "maanden" || (!years.length && period === "jaar")) return last12;
  if (!years.length) return {from: months[0] ?? "", to: months[months.length - 1] ?? ""};
  const last = years[years.length - 1];
  const first = period === "jaar" ? last : years.slice(-DEFAULT_YEARS).filter((y, i, all) => last - y === all.length - 1 - i)[0];
  return {from: `${first}-01`, to: `${last}-12`};
}

/** A Dutch phrase for the page's default period, e.g. "de laatste 2 volledige jaren". */
export function defaultPeriodPhrase(months: readonly string[], period: PeriodDefault = "maanden", partial: readonly string[] = []): string {
  const years = completeYears(months, partial);
  if (period === "maanden" || (!years.length && period === "jaar")) return months.some((m) => partial.includes(m)) ? "de laatste 12 volledige maanden" : "de laatste 12 maanden";
  if (period === "jaar") return "het laatste volledige kalenderjaar";
  if (!years.length) return "de hele levering (korter dan een kalenderjaar)";
  const {from, to} = defaultPeriod(months, period, partial);
  const n = +to.slice(0, 4) - +from.slice(0, 4) + 1;
  return n === 1 ? "het laatste volledige kalenderjaar" : `de laatste ${n} volledige kalenderjaren`;
}

/** The default filters: the page's default period, the whole region, both kinds. */
export function defaultFilters({months, period, partial}: FilterDomain): PageFilters {
  return {...defaultPeriod(months, period, partial), gemeente: "regio", soort: "alle"};
}

/**
 * Reads filters from a query string; unknown or invalid values fall back to the defaults, and a
 * reversed period is put in order.
 * @example readFilters("?van=2024-01&tot=2024-12&gemeente=GM0153&soort=poging", domain)
 */
export function readFilters(search: string, domain: FilterDomain): PageFilters {
  const params = new URLSearchParams(search);
  const defaults = defaultFilters(domain);
  const month = (key: string, fallback: string) => {
    const value = params.get(key);
    return value && MONTH.test(value) && domain.months.includes(value) ? value : fallback;
  };
  let from = month("van", defaults.from);
  let to = month("tot", defaults.to);
  if (from > to) [from, to] = [to, from];
  const g = params.get("gemeente");
  const gemeente = g && domain.gemeenten.includes(g) ? g : "regio";
  const s = params.get("soort");
  const soort: Soort = s === "inbraak" || s === "poging" ? s : "alle";
  return {from, to, gemeente, soort};
}

/** Writes filters as a query string (`?van=...&tot=...`), leaving out values equal to the defaults. */
export function writeFilters(filters: PageFilters, domain: FilterDomain): string {
  const defaults = defaultFilters(domain);
  const params = new URLSearchParams();
  if (filters.from !== defaults.from) params.set("van", filters.from);
  if (filters.to !== defaults.to) params.set("tot", filters.to);
  if (filters.gemeente !== "regio") params.set("gemeente", filters.gemeente);
  if (filters.soort !== "alle") params.set("soort", filters.soort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `2024-03` as `maart 2024`. */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS_LONG[m - 1]} ${y}`;
}

/**
 * The soort choices of the filter bar in the theme's words, as [value, label] pairs.
 * @example soortOptions(THEMES.fietsdiefstal)[1] // ["inbraak", "Alleen fietsdiefstallen"]
 */
export function soortOptions(theme: Theme = THEMES.woninginbraak): [Soort, string][] {
  return [["alle", capitalise(theme.withAttempts)], ["inbraak", `Alleen ${theme.plural}`], ["poging", "Alleen pogingen"]];
}

/** The filters as a Dutch sentence (for print and for screen readers), in the theme's words. */
export function filterText(filters: PageFilters, names: ReadonlyMap<string, string> = new Map(), theme: Theme = THEMES.woninginbraak): string {
  const area = filters.gemeente === "regio" ? "heel de regio" : `gemeente ${names.get(filters.gemeente) ?? filters.gemeente}`;
  const soort = filters.soort === "alle" ? theme.withAttempts : filters.soort === "inbraak" ? `alleen geslaagde ${theme.plural}` : "alleen pogingen";
  return `Periode ${monthName(filters.from)} t/m ${monthName(filters.to)}, ${area}, ${soort}.`;
}

/** Whether a month (`YYYY-MM` or a Date/epoch of its first day) lies within the filter period. */
export function inPeriod(filters: PageFilters, month: string | number | Date): boolean {
  const key = typeof month === "string" ? month.slice(0, 7) : new Date(month).toISOString().slice(0, 7);
  return key >= filters.from && key <= filters.to;
}
