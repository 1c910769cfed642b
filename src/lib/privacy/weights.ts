/**
 * Suppression for fractional tables (aoristic weekday x hour and sunset profiles): fractions that
 * add up to a count are a count. Browser-safe.
 *
 * 1. Primary: every cell with a weight below the threshold is hidden, zeros included (a shown zero
 *    beside a hidden cell would locate a lone incident's hours).
 * 2. Secondary: while a published line (a group's cells with its public total, or a total cell and
 *    its parts) has exactly one hidden member, hide its smallest shown member.
 * 3. Attack and repair: the linear-constraint attack (linear-attack.ts) lists hidden cells that the
 *    shown cells and the lines determine; each gets the smallest shown member of one of its lines
 *    hidden too, until none is determined. A cell that stays determined with every member of its
 *    lines hidden is returned in `unresolved` (the caller withholds its table).
 */
import {determinedCells, lineEquations} from "./linear-attack.js";

export interface WeightLine {
  members: readonly number[];
  /** The public total of the members; undefined when the first member is the sum of the others. */
  total?: number;
}

export interface WeightSuppression {
  hidden: boolean[];
  /** Why each hidden cell is hidden: its own weight is small, or it protects another. */
  reason: ("primair" | "secundair" | null)[];
  unresolved: number[];
}

/**
 * Hides the cells of a fractional table (see the module comment).
 * @example protectWeights([0.5, 7, 9], {threshold: 5, lines: [{members: [0, 1, 2], total: 16.5}]}).hidden; // [true, true, false]
 */
export function protectWeights(values: readonly number[], {threshold, lines}: {threshold: number; lines: readonly WeightLine[]}): WeightSuppression {
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`invalid threshold: ${threshold}`);
  for (const v of values) if (!(v >= 0)) throw new Error(`invalid weight: ${v}`);
  const hidden = values.map((v) => threshold > 0 && v < threshold);
  const reason: WeightSuppression["reason"] = hidden.map((h) => (h ? "primair" : null));
  if (threshold === 0) return {hidden, reason, unresolved: []};
  const linesOf = new Map<number, number[]>();
  lines.forEach((line, k) => line.members.forEach((i) => (linesOf.get(i) ?? linesOf.set(i, []).get(i)!).push(k)));
  const hideSmallest = (line: WeightLine): boolean => {
    let pick = -1;
    for (const i of line.members) if (!hidden[i] && (pick < 0 || values[i] < values[pick])) pick = i;
    if (pick < 0) return false;
    hidden[pick] = true;
    reason[pick] = "secundair";
    return true;
  };
  const equations = lineEquations(lines);
  for (let round = 0; ; round++) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        let n = 0;
        for (const i of line.members) if (hidden[i]) n++;
        if (n === 1 && hideSmallest(line)) changed = true;
      }
    }
    const determined = determinedCells(values, hidden, equations);
    if (!determined.length) return {hidden, reason, unresolved: []};
    const stuck: number[] = [];
    for (const {index} of determined) {
      const mine = (linesOf.get(index) ?? []).map((k) => lines[k]).sort((a, b) => a.members.length - b.members.length);
      if (!mine.some(hideSmallest)) stuck.push(index);
    }
    if (stuck.length === determined.length || round > 50) return {hidden, reason, unresolved: stuck};
  }
}
