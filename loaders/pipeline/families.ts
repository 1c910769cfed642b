/**
 * The published count tables as suppressed table families (docs/privacy.md): each family is one
 * base table with its published margins, suppressed together by src/lib/privacy (primary and
 * secondary suppression, checked by the audit), so that no published figure reveals a hidden one.
 *
 * - Month family, per year: municipality x month x soort; margins: region x month x soort,
 *   municipality x year x soort, municipality x year, region x year x soort, region x year.
 * - Area family, per municipality and year: neighbourhood x soort; margins: district x soort,
 *   neighbourhood and district totals, municipality x soort and total. Incidents without a
 *   neighbourhood sit in an unpublished "unknown" cell, which the audit treats as published
 *   (so protection is, if anything, stronger than needed).
 * A municipality-year figure appears in both families; where either family hides it, the area
 * family of that municipality and year is withheld entirely.
 */
import {layoutTables, suppressTable, type CountTable, type Margin, type SuppressedTable} from "../../src/lib/privacy/index.js";

export interface FamilyCell {
  value: number | null;
  suppressed: boolean;
}

/**
 * Suppresses a family. Threshold 0 (the intern level) publishes every figure in the same layout,
 * with nothing hidden.
 */
export function suppressFamily(table: CountTable, margins: Margin[], threshold: number): SuppressedTable {
  if (threshold > 0) return suppressTable(table, {threshold, margins});
  const layout = layoutTables(table.dims, margins);
  return {
    threshold: 0,
    dims: table.dims,
    margins,
    tables: layout.tables.map((t) => ({
      name: t.name,
      dims: t.dims,
      value: t.cells.map((members) => members.reduce((sum, i) => sum + table.values[i], 0)),
      reason: t.cells.map(() => null)
    })),
    unresolved: []
  };
}

/** Reads cell `[i, j, k]` (row-major) of a published table of the family. */
export function cell(result: SuppressedTable, tableIndex: number, ...index: number[]): FamilyCell {
  const t = result.tables[tableIndex];
  let flat = 0;
  t.dims.forEach((d, n) => (flat = flat * d.labels.length + index[n]));
  return {value: t.value[flat], suppressed: t.reason[flat] !== null};
}
