/**
 * Months that a delivery covers only in part: its first month when it starts inside it, its last
 * when it stops inside it (`meta.partial_months`, computed in loaders/pipeline/time.ts). Their
 * counts are not a month's count, so pages leave them out of comparisons and say so.
 */
import {monthName} from "./filters.js";

/**
 * The partial months within a period, ascending.
 * @example partialInPeriod(["2023-04", "2026-06"], "2025-07", "2026-06") // ["2026-06"]
 */
export function partialInPeriod(partial: readonly string[] | undefined, from: string, to: string): string[] {
  return (partial ?? []).filter((m) => m >= from && m <= to).sort();
}

/**
 * A Dutch sentence that names the partial months of a period, or "" when there are none.
 * @example partialSentence(["2026-06"]) // "Juni 2026 is een onvolledige maand: ..."
 */
export function partialSentence(months: readonly string[]): string {
  if (!months.length) return "";
  const names = months.map(monthName);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} en ${names.at(-1)}`;
  const subject = list.charAt(0).toUpperCase() + list.slice(1);
  return months.length === 1
    ? `${subject} is een onvolledige maand: de levering begint of eindigt halverwege. Het aantal van die maand is geen heel maandcijfer; vergelijk het niet met andere maanden.`
    : `${subject} zijn onvolledige maanden: de levering begint of eindigt halverwege. Hun aantallen zijn geen hele maandcijfers; vergelijk ze niet met andere maanden.`;
}
