/**
 * Page-wide filters (period, municipality, soort) kept in the URL, so a view can be shared and
 * reopened exactly. Pure functions; the form lives in src/components/filters.ts.
 */
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

export interface FilterDomain {
  /** Available months, `YYYY-MM`, ascending. */
  months: readonly string[];
  /** Available municipality codes (without `regio`). */
  gemeenten: readonly string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The default filters: the last 12 months (or all), the whole region, both kinds. */
export function defaultFilters({months}: FilterDomain): PageFilters {
  const to = months[months.length - 1] ?? "";
  const from = months[Math.max(0, months.length - 12)] ?? "";
  return {from, to, gemeente: "regio", soort: "alle"};
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

const MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

/** `2024-03` as `maart 2024`. */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS_NL[m - 1]} ${y}`;
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
