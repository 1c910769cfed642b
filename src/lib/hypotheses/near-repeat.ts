/**
 * The near-repeat page's logic: which incidents the Knox test of the pipeline used, the rows of its
 * tables and downloads, and the points and cells of the analyst's own Knox run (intern build).
 */

import {monthName} from "../filters.js";
import {monthKey} from "../overview.js";
import type {KnoxResult} from "../knox/result.js";
import {formatP, formatShare, nlNumber, pText} from "./format.js";

/** The largest number of incidents in one Knox test (mirrors KNOX_MAX_INCIDENTS in loaders/analyses/knox.ts; a test keeps them equal). */
export const KNOX_MAX_INCIDENTS = 25_000;

/** Permutations behind the Knox table and the Knox ratio; the near-repeat share uses fewer. */
export const KNOX_PERMUTATIONS = 999;
/** Permutations behind the p-value of the near-repeat share (nearShareTest in loaders/analyses/knox.ts). */
export const SHARE_PERMUTATIONS = 99;

/**
 * The first month of the most recent `used` incidents, from region month counts (`YYYY-MM` and a
 * count; hidden counts null). Walks back from the last month until the counts reach `used`.
 * @example windowStart([{month: "2024-01", count: 5}, {month: "2024-02", count: 5}], 6) // "2024-01"
 */
export function windowStart(months: Iterable<{month: string; count: number | null}>, used: number): string | null {
  const byMonth = new Map<string, number>();
  for (const {month, count} of months) byMonth.set(month, (byMonth.get(month) ?? 0) + (count ?? 0));
  const keys = [...byMonth.keys()].sort();
  let sum = 0;
  for (let i = keys.length - 1; i >= 0; i--) {
    sum += byMonth.get(keys[i])!;
    if (sum >= used) return keys[i];
  }
  return keys[0] ?? null;
}

/**
 * One Dutch sentence on which incidents the Knox test used: all of them, or the most recent
 * KNOX_MAX_INCIDENTS of the delivery's `total` (from about `start`, a `YYYY-MM` month).
 * @example knoxScopeText({used: 25000, total: 27158, start: "2014-03"}) // "De Knox-test gebruikt de laatste 25.000 incidenten met coördinaten van de 27.158 in de levering (vanaf ongeveer maart 2014); ..."
 */
export function knoxScopeText({used, total, start}: {used: number; total: number; start: string | null}): string {
  const nl = (n: number) => n.toLocaleString("nl-NL");
  if (used >= KNOX_MAX_INCIDENTS && total > used) {
    return `De Knox-test gebruikt de laatste ${nl(used)} incidenten met coördinaten van de ${nl(total)} in de levering${start ? ` (vanaf ongeveer ${monthName(start)})` : ""}; meer rekent de verwerking niet door.`;
  }
  return `De Knox-test gebruikt alle ${nl(used)} incidenten met coördinaten${total > used ? ` (van de ${nl(total)} in de levering)` : ""}.`;
}

/**
 * The "Wat betekent dit" paragraph of the near-repeat page: the Knox ratio and its p-value in words,
 * and what the pattern does not show (whether a quick warning after a burglary prevents the next
 * one: that takes a comparison of areas with and without it).
 * @example nearRepeatMeaning({verdict: "aangetoond", estimate: 6.386, p_value: 0.001}, {delivered: true, theme}) // "In deze levering komen paren inbraken binnen 200 m en 14 dagen 6,4 keer zo vaak voor als bij toeval (p = 0,001). ..."
 */
export function nearRepeatMeaning(
  headline: {verdict: string; estimate: number | null; p_value: number | null} | null | undefined,
  {delivered, theme}: {delivered: boolean; theme: {plural: string; singular: string}}
): string {
  if (!delivered) return "Zonder coördinaten valt hier niets te toetsen; lever x en y (RD) mee om deze hypothese te toetsen.";
  if (headline?.verdict === "aangetoond" && headline.estimate !== null) {
    return `In deze levering komen paren ${theme.plural} binnen 200 m en 14 dagen ${nlNumber(headline.estimate, 1)} keer zo vaak voor als bij toeval (${pText(headline.p_value)}). Dat ondersteunt H1: na een ${theme.singular} is de directe omgeving tijdelijk vaker doelwit. Of een snelle buurtwaarschuwing of een preventiebezoek in de eerste twee weken een volgende ${theme.singular} voorkomt, laat dit patroon niet zien: daarvoor is een vergelijking nodig van buurten met en zonder zo'n aanpak, het liefst met een vooraf gespreide invoering.`;
  }
  return "In deze levering is geen verhoogd aantal paren dichtbij en kort na elkaar aangetoond; H0 wordt niet verworpen. Dat bewijst niet dat near repeats ontbreken: bij weinig incidenten is de test zwak.";
}

/** One row of the published knox_cells table (as `toJSON()` gives it). */
export interface KnoxCellRow {
  setting: string;
  period: string;
  incidents: number;
  space_index: number;
  space_label: string;
  time_index: number;
  time_label: string;
  observed: number | null;
  expected: number | null;
  ratio: number | null;
  p_value: number | null;
  suppressed: boolean;
}

/** One row of the published knox_share table. */
export interface KnoxShareRow {
  period: string;
  incidents: number;
  share: number | null;
  expected_share: number | null;
  p_value: number | null;
  knox_ratio: number | null;
  knox_p: number | null;
}

/**
 * The sentence on which incidents the pipeline's Knox test used, from the knox_cells rows (the
 * `alle` period's incident count), the region's month counts and the delivery's incident total.
 */
export function knoxScope(
  cells: readonly Pick<KnoxCellRow, "period" | "incidents">[],
  monthly: Iterable<{area_level: string; month: number | Date; count: number | null}>,
  total: number | null | undefined
): string {
  const used = cells.find((d) => d.period === "alle")?.incidents ?? 0;
  const region: {month: string; count: number | null}[] = [];
  for (const d of monthly) if (d.area_level === "regio") region.push({month: monthKey(d.month), count: d.count});
  return knoxScopeText({used, total: total ?? used, start: windowStart(region, used)});
}

/**
 * The table under the Knox matrix: distance and time band, the ratio and its p-value ("verborgen"
 * where the cell is hidden); the observed and expected pair counts only in the intern build.
 */
export function knoxTableRows(cells: readonly KnoxCellRow[], {intern}: {intern: boolean}): Record<string, string | number | null>[] {
  return cells.map((d) => ({
    afstand: d.space_label, tijd: d.time_label,
    ...(intern ? {waargenomen: d.observed, verwacht: d.expected} : {}),
    verhouding: d.suppressed ? "verborgen" : nlNumber(d.ratio, 2), p: d.suppressed ? "verborgen" : formatP(d.p_value)
  }));
}

/** The table of near-repeat shares per period, with the Knox ratio beside each. */
export function shareTableRows(rows: readonly KnoxShareRow[]): Record<string, string | number>[] {
  return rows.map((d) => ({
    periode: d.period, incidenten: d.incidents, aandeel: formatShare(d.share), verwacht: formatShare(d.expected_share),
    "p (aandeel)": formatP(d.p_value), "Knox-verhouding": nlNumber(d.knox_ratio, 2), "p (Knox)": formatP(d.knox_p)
  }));
}

/**
 * The Knox calculator's input from the intern incident table: snapped coordinates (x125, y125) and
 * the day of the start hour; incidents without coordinates are left out.
 */
export function incidentPoints(incidents: Iterable<{x125: number | null; y125: number | null; start_hour: number}>): {x: Float64Array; y: Float64Array; t: Float64Array} {
  const x: number[] = [], y: number[] = [], t: number[] = [];
  for (const d of incidents) {
    if (d.x125 === null || d.y125 === null) continue;
    x.push(d.x125);
    y.push(d.y125);
    t.push(Math.floor(d.start_hour / 24));
  }
  return {x: Float64Array.from(x), y: Float64Array.from(y), t: Float64Array.from(t)};
}

/** A Knox run's result as cells shaped like knox_cells (for KnoxMatrix), with pair counts. */
export function ownKnoxCells(r: Pick<KnoxResult, "spaceBands" | "timeBands" | "ratio" | "pValue" | "observed" | "expected">): {
  space_index: number; space_label: string; time_index: number; time_label: string;
  ratio: number; p_value: number; observed: number; expected: number;
}[] {
  return r.spaceBands.flatMap((s, i) => r.timeBands.map((t, j) => ({
    space_index: i, space_label: s.labelNl, time_index: j, time_label: t.labelNl,
    ratio: r.ratio[i][j], p_value: r.pValue[i][j], observed: r.observed[i][j], expected: r.expected[i][j]
  })));
}

/** The table under the analyst's own Knox matrix: pair counts, expected to two decimals, ratio and p. */
export function ownKnoxTableRows(cells: ReturnType<typeof ownKnoxCells>): Record<string, string | number>[] {
  return cells.map((d) => ({
    afstand: d.space_label, tijd: d.time_label, waargenomen: d.observed,
    verwacht: Math.round(d.expected * 100) / 100, verhouding: nlNumber(d.ratio, 2), p: formatP(d.p_value)
  }));
}
