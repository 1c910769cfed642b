/**
 * The `what` analysis: counts per year and category of the incident attributes the police deliver
 * (werkwijze, woningtype, buit, opgelost), per municipality and for the region, by soort, so that
 * the Wat and Wie pages never need incident rows. In openbaar:
 * - a delivered label counted fewer than `suppressBelow` times in the whole delivery is published as
 *   "overig" (a rare free-text label could itself identify a burglary), and at most
 *   {@link MAX_LABELS} labels per dimension are kept;
 * - counts 1..suppressBelow-1 are hidden, with secondary suppression over every published sum:
 *   inbraak + poging = totaal, municipalities add up to the region, and (for the single-valued
 *   dimensions) the categories add up to the counts that counts_year / counts_month publish.
 */
import type {Table} from "apache-arrow";
import {buildTable, type ColumnSpec} from "../arrow.js";
import type {LinkedIncident} from "../delivery/read.js";
import {completeLines, linesBy} from "../pipeline/suppression.js";
import {yearOf} from "../pipeline/time.js";
import {thresholdOf, type Analysis, type AnalysisContext} from "./types.js";

export const WHAT_COUNTS: readonly ColumnSpec[] = [
  {name: "dimension", kind: "dict", description: "werkwijze, woningtype, buit or opgelost"},
  {name: "area_level", kind: "dict", description: "regio or gemeente"},
  {name: "area_code", kind: "dict", description: "regio or GM code"},
  {name: "year", kind: "int16", description: "calendar year of the window start"},
  {name: "soort", kind: "dict", description: "inbraak, poging or totaal"},
  {name: "category", kind: "dict", description: "delivered label; overig (rare or beyond the top labels), onbekend (not filled in); buit: one row per item, geen opgave when empty"},
  {name: "count", kind: "int32", description: "incidents with this category; null when suppressed", nullable: true},
  {name: "suppressed", kind: "bool", description: "whether count is hidden by the privacy rule"}
];

export const WHAT_DIMENSIONS = ["werkwijze", "woningtype", "buit", "opgelost"] as const;
export type WhatDimension = (typeof WHAT_DIMENSIONS)[number];

/** Labels kept per dimension (the most frequent); the rest are counted as "overig". */
export const MAX_LABELS = 10;

/** The raw labels of one incident for a dimension (buit may carry several; none: not delivered). */
export function labelsOf(r: Pick<LinkedIncident, "werkwijze" | "woningtype" | "buit" | "opgelost">, dimension: WhatDimension): string[] | null {
  switch (dimension) {
    case "opgelost":
      return r.opgelost === null ? null : [r.opgelost ? "ja" : "nee"];
    case "buit": {
      if (r.buit === null) return null;
      const items = [...new Set(r.buit.split("|").map((s) => s.trim().toLowerCase()).filter(Boolean))];
      return items.length ? items : null;
    }
    default: {
      const v = r[dimension]?.trim();
      return v ? [v] : null;
    }
  }
}

const SOORTEN = ["inbraak", "poging", "totaal"] as const;

interface WhatRecord {
  dimension: string;
  area_level: string;
  area_code: string;
  year: number;
  soort: string;
  category: string;
  count: number | null;
  suppressed?: boolean;
  /** Unpublished: a total that counts_year / counts_month publish (single-valued dimensions). */
  known?: boolean;
}

/** The categories of a dimension: kept labels by frequency, then overig and the missing label. */
export function chooseLabels(frequency: Map<string, number>, threshold: number, max = MAX_LABELS): {kept: string[]; map: (label: string) => string} {
  const ranked = [...frequency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.filter(([, n]) => n >= Math.max(threshold, 1)).slice(0, max).map(([l]) => l);
  const set = new Set(kept);
  return {kept, map: (label) => (set.has(label) ? label : "overig")};
}

/** The counts of one dimension, before suppression: records in a fixed order (parts before totals). */
function dimensionRecords(dimension: WhatDimension, incidents: readonly LinkedIncident[], region: readonly string[], years: number[], threshold: number): WhatRecord[] | null {
  const frequency = new Map<string, number>();
  let delivered = false;
  for (const r of incidents) {
    const labels = labelsOf(r, dimension);
    if (!labels) continue;
    delivered = true;
    for (const l of labels) frequency.set(l, (frequency.get(l) ?? 0) + 1);
  }
  if (!delivered) return null;
  const missing = dimension === "buit" ? "geen opgave" : "onbekend";
  frequency.delete(missing);
  const {kept, map} = chooseLabels(frequency, threshold);
  const categories = [...kept.filter((l) => l !== "overig"), "overig", missing];
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const r of incidents) {
    const y = yearOf(Math.floor(r.start / 1440));
    const cats = new Set((labelsOf(r, dimension) ?? [missing]).map((l) => (l === missing ? missing : map(l))));
    for (const c of cats) {
      for (const area of [r.gemeentecode, "regio"]) {
        add(`${area}|${y}|${r.soort}|${c}`);
        add(`${area}|${y}|totaal|${c}`);
      }
    }
  }
  // Drop "overig" when nothing falls in it.
  const used = categories.filter((c) => c === missing || c !== "overig" || [...counts.keys()].some((k) => k.endsWith("|overig")));
  const records: WhatRecord[] = [];
  const areas = [...region, "regio"];
  for (const area of areas) {
    for (const year of years) {
      for (const soort of SOORTEN) {
        for (const category of used) {
          const n = soort === "totaal"
            ? (counts.get(`${area}|${year}|totaal|${category}`) ?? 0)
            : (counts.get(`${area}|${year}|${soort}|${category}`) ?? 0);
          records.push({dimension, area_level: area === "regio" ? "regio" : "gemeente", area_code: area, year, soort, category, count: n});
        }
      }
    }
  }
  if (dimension !== "buit") {
    // The incident counts per area, year and soort: published in counts_year / counts_month.
    const totals = new Map<string, number>();
    for (const r of incidents) {
      const y = yearOf(Math.floor(r.start / 1440));
      for (const area of [r.gemeentecode, "regio"]) for (const s of [r.soort, "totaal"]) {
        const k = `${area}|${y}|${s}`;
        totals.set(k, (totals.get(k) ?? 0) + 1);
      }
    }
    for (const area of areas) for (const year of years) for (const soort of SOORTEN) {
      records.push({dimension, area_level: area === "regio" ? "regio" : "gemeente", area_code: area, year, soort, category: "*", count: totals.get(`${area}|${year}|${soort}`) ?? 0, known: true});
    }
  }
  return records;
}

/**
 * Line-based suppression (as suppressCounts) where some cells are fixed: their hidden state is
 * given (by another published table) and never changed. Hidden at the start: counts
 * 1..threshold-1 of free cells and the fixed cells marked hidden. Then, in every line with exactly
 * one hidden member, the smallest non-zero shown free member is hidden too (ties: the first; a zero
 * when no non-zero free member is left).
 * Returns the hidden cells that stay alone in a line (no free cell left to hide).
 * @example suppressWithFixed([{count: 3}, {count: 9}, {count: 12, fixed: true}], 5, [[0, 1, 2]]) // hides 3 and 9
 */
export function suppressWithFixed(records: FixedCell[], threshold: number, lines: number[][]): number[] {
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`invalid threshold: ${threshold}`);
  const hidden = records.map((r) => {
    if (r.count === null || r.count < 0 || !Number.isInteger(r.count)) throw new Error(`invalid count: ${r.count}`);
    return r.fixed ? !!r.fixedHidden : r.count > 0 && r.count < threshold;
  });
  // A zero may be hidden too when no non-zero member is left: with open incident totals, a line of
  // zeros beside one small hidden cell would otherwise name that incident's category.
  if (threshold > 0) completeLines(hidden, records.map((r) => r.count!), lines, (i) => !records[i].fixed, true);
  records.forEach((r, i) => Object.assign(r, {count: hidden[i] ? null : r.count, suppressed: hidden[i]}));
  const alone = new Set<number>();
  for (const line of lines) {
    const h = line.filter((i) => hidden[i]);
    if (h.length === 1) alone.add(h[0]);
  }
  return [...alone].sort((a, b) => a - b);
}

/** A cell for {@link suppressWithFixed}. */
export interface FixedCell {
  count: number | null;
  suppressed?: boolean;
  /** Whether the cell's hidden state is given by another table. */
  fixed?: boolean;
  fixedHidden?: boolean;
}

/**
 * Applies the privacy rule to one dimension's records (in place); returns the published ones.
 * `hiddenTotal(area, year, soort)` tells whether the incident count that counts_year / counts_month
 * publish is hidden there (or not derivable): the known totals are fixed cells.
 */
export function suppressDimension(records: WhatRecord[], threshold: number, hiddenTotal: (area: string, year: number, soort: string) => boolean = () => false, unresolved: string[] = []): WhatRecord[] {
  const lines = [
    // inbraak + poging = totaal
    ...linesBy(records, (r) => `${r.area_code}|${r.year}|${r.category}`),
    // municipalities add up to the region
    ...linesBy(records, (r) => `${r.year}|${r.soort}|${r.category}`),
    // categories add up to the published incident count (single-valued dimensions only)
    ...(records.some((r) => r.known) ? linesBy(records, (r) => `${r.area_code}|${r.year}|${r.soort}`) : [])
  ];
  const base: FixedCell[] = records.map((r) => ({count: r.count, fixed: r.known, fixedHidden: r.known ? hiddenTotal(r.area_code, r.year, r.soort) : false}));
  // A free cell left alone in a line whose other members are fixed (public) or zero follows from
  // that line, so hiding it protects nothing: it is shown as the public figure it is, and the
  // lines it was meant to protect get another cell in the next round.
  let cells = base;
  for (let round = 0; round < 20; round++) {
    cells = base.map((c) => ({...c}));
    const alone = suppressWithFixed(cells, threshold, lines).filter((i) => !cells[i].fixed);
    if (alone.length === 0) break;
    if (round === 19) unresolved.push(...alone.map((i) => `${records[i].dimension} ${records[i].area_code} ${records[i].year} ${records[i].soort} ${records[i].category}`));
    for (const i of alone) base[i].fixed = true, (base[i].fixedHidden = false);
  }
  records.forEach((r, i) => Object.assign(r, {count: cells[i].count, suppressed: cells[i].suppressed}));
  return records.filter((r) => !r.known);
}

/** Whether an incident total published by counts_year / counts_month is hidden there (or not derivable). */
export function hiddenTotals(countsYear: Table | undefined, countsMonth: Table | undefined): (area: string, year: number, soort: string) => boolean {
  const hidden = new Set<string>();
  for (const r of countsYear ?? []) if (r.area_level === "gemeente" && r.suppressed) hidden.add(`${r.area_code}|${r.year}|${r.soort}`);
  // The region's yearly counts are sums of its months: not derivable when a month is hidden.
  for (const r of countsMonth ?? []) {
    if (r.area_code !== "regio" || !r.suppressed) continue;
    const year = new Date(Number(r.month)).getUTCFullYear();
    hidden.add(`regio|${year}|${r.soort}`);
    hidden.add(`regio|${year}|totaal`);
  }
  return (area, year, soort) => hidden.has(`${area}|${year}|${soort}`);
}

/** Builds the what_counts table (exported for tests). */
export function whatCounts({delivery, level, suppressBelow, privacy, tables}: Pick<AnalysisContext, "delivery" | "level" | "suppressBelow" | "privacy" | "tables">, unresolved: string[] = []): Table {
  const threshold = thresholdOf({level, suppressBelow, privacy}, "what_counts");
  const incidents = delivery.incidents;
  let first = Infinity, last = -Infinity;
  for (const r of incidents) {
    const y = yearOf(Math.floor(r.start / 1440));
    if (y < first) first = y;
    if (y > last) last = y;
  }
  const years = incidents.length ? Array.from({length: last - first + 1}, (_, i) => first + i) : [];
  const region = [...delivery.region].sort();
  const published: WhatRecord[] = [];
  const isHidden = hiddenTotals(tables.get("counts_year") as Table | undefined, tables.get("counts_month") as Table | undefined);
  for (const dimension of WHAT_DIMENSIONS) {
    const records = dimensionRecords(dimension, incidents, region, years, threshold);
    if (!records) continue;
    published.push(...suppressDimension(records, threshold, isHidden, unresolved));
  }
  const col = <K extends keyof WhatRecord>(k: K) => published.map((r) => r[k]);
  return buildTable(WHAT_COUNTS, {
    dimension: col("dimension") as string[],
    area_level: col("area_level") as string[],
    area_code: col("area_code") as string[],
    year: Int16Array.from(published, (r) => r.year),
    soort: col("soort") as string[],
    category: col("category") as string[],
    count: published.map((r) => r.count),
    suppressed: Uint8Array.from(published, (r) => (r.suppressed ? 1 : 0))
  });
}

export const whatAnalysis: Analysis = {
  name: "what",
  schemas: {what_counts: WHAT_COUNTS},
  run: (context) => ({tables: {what_counts: whatCounts(context)}})
};
