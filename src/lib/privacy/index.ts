/**
 * Statistical disclosure control for the public build: fixed published tables with primary and
 * secondary suppression, a safe filtered total for pages, and an audit that proves no hidden count
 * follows from the published ones.
 */
export {
  auditSuppression, cellLabel, DEFAULT_THRESHOLD, layoutTables,
  type Alternative, type AuditOptions, type AuditResult, type CellRef, type CountTable, type Dim, type Exposure,
  type Grouping, type Margin, type PublishedTable, type Reason, type SuppressedTable, type View
} from "./audit.js";
export {suppressTable, type SuppressOptions} from "./suppress.js";
export {formatCell, formatSafeSum, safeSum, type PublishedCell, type SafeSum} from "./safe-sum.js";

/**
 * The rule as pages state it (Dutch) for a threshold t: counts 1..t-1 are hidden.
 * @example privacyRuleText(5); // "Aantallen van 1 tot en met 4 zijn verborgen (een lege cel of \"verborgen\"), ..."
 */
export function privacyRuleText(threshold: number): string {
  if (!Number.isInteger(threshold) || threshold < 2) throw new Error(`invalid threshold: ${threshold}`);
  return `Aantallen van 1 tot en met ${threshold - 1} zijn verborgen (een lege cel of "verborgen"), net als een tweede ` +
    "aantal waar een totaal het verborgen aantal zou verraden; een 0 wordt wel getoond, en een totaal met een verborgen " +
    "deel staat er als \"≥ n\" (ten minste n).";
}

/** The rule text for the default threshold. */
export const PRIVACY_RULE_TEXT = privacyRuleText(5);
