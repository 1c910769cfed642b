/**
 * The linear-constraint attack: which hidden values of a published table follow exactly from the
 * shown values and the published sums that link them. A hidden value is determined when its unit
 * vector lies in the row space of the equations restricted to the hidden values (Gauss-Jordan
 * elimination). Works for fractional values (aoristic profiles) as well as for counts; it does not
 * use bounds (the count audit in audit.ts does), so it is the attack for tables whose hidden values
 * are not integers. Browser-safe.
 */

/** A published linear relation: sum of coef * value over the terms equals rhs (a public figure). */
export interface Equation {
  terms: readonly (readonly [index: number, coef: number])[];
  rhs: number;
}

const EPS = 1e-9;

/**
 * The hidden cells whose value the equations determine, with the value they are determined to.
 * @param values true values of every cell; @param hidden which cells are not shown.
 * @example determinedCells([1, 2, 3], [true, false, false], [{terms: [[0, 1], [1, 1], [2, 1]], rhs: 6}]); // [{index: 0, value: 1}]
 */
export function determinedCells(values: readonly number[], hidden: readonly boolean[], equations: readonly Equation[]): {index: number; value: number}[] {
  if (values.length !== hidden.length) throw new Error(`invalid hidden: ${hidden.length} flags for ${values.length} values`);
  const column = new Map<number, number>();
  hidden.forEach((h, i) => h && column.set(i, column.size));
  const unknowns = [...column.keys()];
  const width = unknowns.length;
  if (!width) return [];
  // Rows restricted to the hidden cells; shown cells move to the right-hand side.
  const rows: Float64Array[] = [];
  for (const eq of equations) {
    const row = new Float64Array(width + 1);
    let rhs = eq.rhs, any = false;
    for (const [i, c] of eq.terms) {
      if (i < 0 || i >= values.length || !Number.isFinite(c)) throw new Error(`invalid term: ${i} x ${c}`);
      const k = column.get(i);
      if (k === undefined) rhs -= c * values[i];
      else row[k] += c, (any = true);
    }
    if (!any) continue;
    row[width] = rhs;
    rows.push(row);
  }
  // Gauss-Jordan elimination with partial pivoting.
  const pivotOfRow: number[] = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let k = r + 1; k < rows.length; k++) if (Math.abs(rows[k][c]) > Math.abs(rows[best][c])) best = k;
    if (Math.abs(rows[best][c]) < EPS) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const p = rows[r], inv = 1 / p[c];
    for (let j = c; j <= width; j++) p[j] *= inv;
    for (let k = 0; k < rows.length; k++) {
      if (k === r) continue;
      const f = rows[k][c];
      if (Math.abs(f) < EPS) continue;
      const q = rows[k];
      for (let j = c; j <= width; j++) q[j] -= f * p[j];
    }
    pivotOfRow.push(c);
    r++;
  }
  const out: {index: number; value: number}[] = [];
  for (let k = 0; k < pivotOfRow.length; k++) {
    const row = rows[k], c = pivotOfRow[k];
    let alone = true;
    for (let j = 0; j < width && alone; j++) if (j !== c && Math.abs(row[j]) > EPS) alone = false;
    if (alone) out.push({index: unknowns[c], value: row[width]});
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Equations for lines whose members add up to a known total (`total`), or whose first member is the sum of the rest (`total` undefined). */
export function lineEquations(lines: readonly {members: readonly number[]; total?: number}[]): Equation[] {
  return lines.map(({members, total}) =>
    total === undefined
      ? {terms: members.map((i, k) => [i, k === 0 ? 1 : -1] as const), rhs: 0}
      : {terms: members.map((i) => [i, 1] as const), rhs: total});
}
