/**
 * What the page filters offer, derived from published tables: the months of counts_month and the
 * municipalities of `areas`, with their names.
 */
import {policyRuleText, type PrivacyMode} from "./privacy/policy.js";
import {plainRows} from "./rows.js";
import {themeOf} from "./theme.js";
import type {FilterDomain} from "./filters.js";

/** `YYYY-MM` of an epoch-milliseconds or Date value of a month's first day (UTC). */
export function isoMonth(value: number | Date): string {
  return new Date(value).toISOString().slice(0, 7);
}

/**
 * The filter domain and municipality names.
 * @example filterDomain(monthlyRows, areaRows).domain.gemeenten
 */
export function filterDomain(
  monthly: Iterable<{area_code: string; month: number | Date}>,
  areas: Iterable<{code: string; name: string; level: string}>
): {domain: FilterDomain; names: Map<string, string>} {
  const months = new Set<string>();
  for (const r of monthly) if (r.area_code === "regio") months.add(isoMonth(r.month));
  const names = new Map<string, string>();
  for (const a of areas) if (a.level === "gemeente") names.set(a.code, a.name);
  return {domain: {months: [...months].sort(), gemeenten: [...names.keys()].sort()}, names};
}

/**
 * The privacy sentence for a build, generated from the publication policy: what is exact, what is
 * protected and how (openbaar), or a plain note for intern (nothing hidden).
 */
export function privacyNote(meta: {level?: string; suppress_below: number; privacy?: PrivacyMode; theme?: string}): string {
  if (meta.level === "intern" || meta.suppress_below < 2) return "Interne versie: er zijn geen aantallen verborgen; deel deze cijfers alleen binnen het convenant.";
  return `${policyRuleText({mode: meta.privacy ?? "standaard", threshold: meta.suppress_below, words: themeOf(meta.theme)})} Zie de pagina Verantwoording.`;
}

/** One row of counts_month as the pages with a filter bar read it. */
export interface MonthCountRow {
  area_level: string;
  area_code: string;
  area_name: string;
  month: number | Date;
  soort: string;
  count: number | null;
}

/**
 * What a page with a filter bar starts from: counts_month as plain rows, its months (`YYYY-MM`,
 * sorted) and the areas' names by code.
 * @example monthlyDomain(monthly).months[0] // "2011-12"
 */
export function monthlyDomain(monthly: Iterable<MonthCountRow>): {rows: MonthCountRow[]; months: string[]; names: Map<string, string>} {
  const rows = plainRows<MonthCountRow>(monthly);
  return {rows, months: [...new Set(rows.map((d) => isoMonth(d.month)))].sort(), names: new Map(rows.map((d) => [d.area_code, d.area_name]))};
}
