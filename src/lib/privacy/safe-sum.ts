/**
 * Filtered totals on pages: add published cells without ever adding (or guessing) a hidden one.
 * Browser-safe.
 */
import {DEFAULT_THRESHOLD, type Reason} from "./audit.js";

/** A published cell as pages receive it: the count, or null when hidden. */
export type PublishedCell = number | null | {value: number | null};

/** A filtered total: the exact value when every part is shown, else hidden with a lower bound. */
export interface SafeSum {
  value: number | null;
  suppressed: boolean;
  /** The shown parts plus 1 per hidden part (zeros are always shown, so a hidden count is at least 1). */
  lowerBound: number;
  /** How many parts are hidden. */
  hidden: number;
}

/**
 * Sums published cells for a page filter (a month range, a municipality, a soort); a sum with a hidden
 * part is itself hidden, because showing it would reveal the hidden part by subtraction.
 * @param cells published values (null = hidden) or objects with a `value`.
 * @returns {value, suppressed, lowerBound, hidden}; lowerBound only uses figures that are already public.
 * @example safeSum([12, null, 7]); // {value: null, suppressed: true, lowerBound: 20, hidden: 1}
 */
export function safeSum(cells: Iterable<PublishedCell>): SafeSum {
  if (cells == null || typeof (cells as Iterable<PublishedCell>)[Symbol.iterator] !== "function") {
    throw new Error(`invalid cells: ${String(cells)}`);
  }
  let known = 0;
  let hidden = 0;
  for (const cell of cells) {
    const v = cell !== null && typeof cell === "object" ? cell.value : cell;
    if (v === null || v === undefined) { hidden++; continue; }
    if (!Number.isInteger(v) || v < 0) throw new Error(`invalid count: ${v}`);
    known += v;
  }
  return hidden === 0
    ? {value: known, suppressed: false, lowerBound: known, hidden: 0}
    : {value: null, suppressed: true, lowerBound: known + hidden, hidden};
}

/**
 * Formats a published cell for a page: the count, "<5" for a primary hidden cell, "x" for a secondary one.
 * @param value the published value; @param reason its reason; @param options threshold.
 * @example formatCell(null, "primair"); // "<5"
 */
export function formatCell(value: number | null, reason: Reason | null, {threshold = DEFAULT_THRESHOLD} = {}): string {
  if (value !== null) return value.toLocaleString("nl-NL");
  if (reason === "primair") return `<${threshold}`;
  if (reason === "secundair") return "x";
  throw new Error(`invalid hidden cell without reason: ${reason}`);
}

/**
 * Formats a filtered total for a page: the number, or "≥ n" (at least n) when a part is hidden.
 * @example formatSafeSum(safeSum([12, null])); // "≥ 13"
 */
export function formatSafeSum(sum: SafeSum): string {
  return sum.suppressed ? `≥ ${sum.lowerBound.toLocaleString("nl-NL")}` : (sum.value as number).toLocaleString("nl-NL");
}
