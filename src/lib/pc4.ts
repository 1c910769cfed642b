/**
 * Counts per four-digit postcode area (counts_pc4) over a page's period, area and soort: the
 * police map's own grain, published exactly. Browser-safe.
 */
import {monthKey} from "./overview.js";

/** A row of counts_pc4. */
export interface Pc4Row {
  pc4: string;
  gemeentecode: string;
  month: number | Date;
  soort: string;
  count: number;
}

export interface Pc4Total {
  pc4: string;
  /** The municipality (or municipalities, comma-separated) the postcode's incidents were linked to. */
  gemeentecode: string;
  inbraak: number;
  poging: number;
  totaal: number;
}

/**
 * Totals per postcode for months `from`..`to` (YYYY-MM), a municipality or the region, and a soort
 * (`alle` for both); sorted by the total (largest first), then by postcode.
 * @example pc4Totals(rows, {from: "2025-01", to: "2025-12", area: "regio", soort: "alle"})[0].pc4
 */
export function pc4Totals(rows: Iterable<Pc4Row>, {from, to, area, soort}: {from: string; to: string; area: string; soort: string}): Pc4Total[] {
  if (!(from <= to)) throw new Error(`invalid period: ${from}..${to}`);
  const totals = new Map<string, Pc4Total & {gms: Set<string>}>();
  for (const r of rows) {
    if (area !== "regio" && r.gemeentecode !== area) continue;
    if (soort !== "alle" && r.soort !== soort) continue;
    const k = monthKey(r.month);
    if (k < from || k > to) continue;
    const t = totals.get(r.pc4) ?? {pc4: r.pc4, gemeentecode: "", inbraak: 0, poging: 0, totaal: 0, gms: new Set<string>()};
    if (r.soort === "inbraak") t.inbraak += r.count;
    else t.poging += r.count;
    t.totaal += r.count;
    t.gms.add(r.gemeentecode);
    totals.set(r.pc4, t);
  }
  return [...totals.values()]
    .map(({gms, ...t}) => ({...t, gemeentecode: [...gms].sort().join(", ")}))
    .sort((a, b) => b.totaal - a.totaal || a.pc4.localeCompare(b.pc4));
}
