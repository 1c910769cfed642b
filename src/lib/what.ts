/**
 * The Wat and Wie pages' figures from what_counts: counts and shares per year and category for one
 * dimension, and clearance rates. Hidden counts stay hidden (null); a share is only computed when
 * every number it needs is shown. Browser-safe and pure.
 */
import {attemptShare, periodSum, type MonthIndex} from "./overview.js";
import {formatSafeSum, safeSum, type SafeSum} from "./privacy/safe-sum.js";
import {percentOneDecimal} from "./nl-format.js";

/** A row of what_counts. */
export interface WhatRow {
  dimension: string;
  area_code: string;
  year: number;
  soort: string;
  category: string;
  count: number | null;
}

/** The years a period of `YYYY-MM` months touches. */
export function periodYears({from, to}: {from: string; to: string}): {fromYear: number; toYear: number} {
  return {fromYear: +from.slice(0, 4), toYear: +to.slice(0, 4)};
}

export interface CategoryYear {
  year: number;
  category: string;
  count: number | null;
  /** count / denominator, null when either is hidden. */
  share: number | null;
}

export interface SelectionOptions {
  dimension: string;
  area: string;
  /** `alle` reads the published totaal rows. */
  soort: "alle" | "inbraak" | "poging";
  fromYear: number;
  toYear: number;
  /**
   * The denominator per year: for single-valued dimensions (default) the sum of the categories;
   * for buit (several items per burglary) pass the number of burglaries per year.
   */
  denominators?: ReadonlyMap<number, SafeSum>;
}

/** Whether a dimension has any published row (false: the column was not delivered). */
export function delivered(rows: Iterable<WhatRow>, dimension: string): boolean {
  for (const r of rows) if (r.dimension === dimension) return true;
  return false;
}

/** The categories of a dimension in published order (most frequent first, then overig and onbekend). */
export function categoriesOf(rows: Iterable<WhatRow>, dimension: string): string[] {
  const seen: string[] = [];
  const set = new Set<string>();
  for (const r of rows) if (r.dimension === dimension && !set.has(r.category)) set.add(r.category), seen.push(r.category);
  return seen;
}

/**
 * Counts and shares per year and category for a selection.
 * @example categoryYears(rows, {dimension: "werkwijze", area: "regio", soort: "alle", fromYear: 2023, toYear: 2024})
 */
export function categoryYears(rows: Iterable<WhatRow>, {dimension, area, soort, fromYear, toYear, denominators}: SelectionOptions): CategoryYear[] {
  const wanted = soort === "alle" ? "totaal" : soort;
  const selected: WhatRow[] = [];
  for (const r of rows) {
    if (r.dimension === dimension && r.area_code === area && r.soort === wanted && r.year >= fromYear && r.year <= toYear) selected.push(r);
  }
  const sums = new Map<number, (number | null)[]>();
  for (const r of selected) (sums.get(r.year) ?? sums.set(r.year, []).get(r.year)!).push(r.count);
  const denominator = (year: number): number | null => {
    const d = denominators ? denominators.get(year) : safeSum(sums.get(year) ?? []);
    return d && !d.suppressed && d.value ? d.value : null;
  };
  return selected.map((r) => {
    const d = denominator(r.year);
    return {year: r.year, category: r.category, count: r.count, share: r.count === null || d === null ? null : r.count / d};
  });
}

/** Totals per category over the selected years (≥ n when a year is hidden). */
export function categoryTotals(items: readonly CategoryYear[]): {category: string; total: SafeSum}[] {
  const parts = new Map<string, (number | null)[]>();
  for (const d of items) (parts.get(d.category) ?? parts.set(d.category, []).get(d.category)!).push(d.count);
  return [...parts].map(([category, p]) => ({category, total: safeSum(p)}));
}

export interface ClearanceRate {
  area_code: string;
  year: number;
  solved: number | null;
  unsolved: number | null;
  unknown: number | null;
  /** solved / (solved + unsolved), null when a part is hidden or none is known. */
  rate: number | null;
}

/** Clearance (opgelost) rates per area and year, from the opgelost rows of what_counts. */
export function clearanceRates(rows: Iterable<WhatRow>, {soort, fromYear, toYear}: {soort: "alle" | "inbraak" | "poging"; fromYear: number; toYear: number}): ClearanceRate[] {
  const wanted = soort === "alle" ? "totaal" : soort;
  const by = new Map<string, ClearanceRate>();
  for (const r of rows) {
    if (r.dimension !== "opgelost" || r.soort !== wanted || r.year < fromYear || r.year > toYear) continue;
    const k = `${r.area_code}|${r.year}`;
    const c = by.get(k) ?? by.set(k, {area_code: r.area_code, year: r.year, solved: 0, unsolved: 0, unknown: 0, rate: null}).get(k)!;
    const field = r.category === "ja" ? "solved" : r.category === "nee" ? "unsolved" : "unknown";
    c[field] = c[field] === null || r.count === null ? null : c[field]! + r.count;
  }
  for (const c of by.values()) {
    c.rate = c.solved === null || c.unsolved === null || c.solved + c.unsolved === 0 ? null : c.solved / (c.solved + c.unsolved);
  }
  return [...by.values()];
}

/** One year of the burglary/attempt split on the Wat page. */
export interface AttemptYear {
  jaar: number;
  inbraken: number | null;
  pogingen: number | null;
  /** The year's total as shown ("≥ 13" when a part is hidden). */
  totaal: string;
  /** Attempts as a share of all, null when a count it needs is hidden. */
  aandeel_pogingen: number | null;
}

/**
 * Burglaries, attempts and the attempt share per calendar year of a period, each year cut to the
 * period's months (the first and last year may be partial).
 */
export function attemptYears(index: MonthIndex, {from, to, area}: {from: string; to: string; area: string}): AttemptYear[] {
  const {fromYear, toYear} = periodYears({from, to});
  const out: AttemptYear[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const sel = {from: `${y}-01` < from ? from : `${y}-01`, to: `${y}-12` > to ? to : `${y}-12`, area};
    const inbraak = periodSum(index, {...sel, soort: "inbraak"});
    const poging = periodSum(index, {...sel, soort: "poging"});
    const all = periodSum(index, {...sel, soort: "alle"});
    out.push({jaar: y, inbraken: inbraak.value, pogingen: poging.value, totaal: formatSafeSum(all), aandeel_pogingen: attemptShare(poging, all)});
  }
  return out;
}

/** The table and download of the attempt split: the share as a percentage with one decimal. */
export function attemptTable(years: readonly AttemptYear[]): (Omit<AttemptYear, "aandeel_pogingen"> & {aandeel_pogingen: number | null})[] {
  return years.map((d) => ({...d, aandeel_pogingen: percentOneDecimal(d.aandeel_pogingen)}));
}

/** The table and download under a dimension's chart: year, category, count and share in percent. */
export function categoryTable(items: readonly CategoryYear[], dimension: string): Record<string, string | number | null>[] {
  return items.map((d) => ({jaar: d.year, [dimension]: d.category, aantal: d.count, aandeel_procent: percentOneDecimal(d.share)}));
}

/** Burglaries per whole calendar year of the period: the denominators of the buit shares. */
export function yearTotals(index: MonthIndex, {fromYear, toYear, area, soort}: {fromYear: number; toYear: number; area: string; soort: "alle" | "inbraak" | "poging"}): Map<number, SafeSum> {
  const out = new Map<number, SafeSum>();
  for (let y = fromYear; y <= toYear; y++) out.set(y, periodSum(index, {from: `${y}-01`, to: `${y}-12`, area, soort}));
  return out;
}
