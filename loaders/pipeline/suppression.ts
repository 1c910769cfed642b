/**
 * Small-count suppression for published count tables: primary (counts 1..threshold-1 hidden) and
 * secondary (in every published additive relation, a "line" of cells whose sum is itself published
 * or known, no suppressed cell may stand alone, or subtraction would reveal it).
 */

export interface CountRecord {
  count: number | null;
  suppressed?: boolean;
  [key: string]: unknown;
}

/**
 * Suppresses counts in place and returns the records. `lines` lists index sets of records that
 * are linked by one published sum (the parts and the total). Deterministic: the secondary cell
 * is the smallest unsuppressed non-zero count in the line, ties broken by position.
 * @example suppressCounts([{count: 3}, {count: 9}, {count: 12}], 5, [[0, 1, 2]]) // 3 and 9 hidden
 */
export function suppressCounts<T extends CountRecord>(records: T[], threshold: number, lines: number[][] = []): (T & {suppressed: boolean})[] {
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`invalid threshold: ${threshold}`);
  const hidden = records.map((r) => {
    if (r.count === null || r.count < 0 || !Number.isInteger(r.count)) throw new Error(`invalid count: ${r.count}`);
    return r.count > 0 && r.count < threshold;
  });
  if (threshold > 0) completeLines(hidden, records.map((r) => r.count!), lines, () => true, true);
  return records.map((r, i) => Object.assign(r, {count: hidden[i] ? null : r.count, suppressed: hidden[i]}));
}

/** Groups record indexes by a key function; each group with more than one member is a line. */
export function linesBy<T>(records: T[], key: (r: T) => string | null): number[][] {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const k = key(r);
    if (k === null) return;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * Secondary suppression on lines: while a line has exactly one hidden member, hide the smallest
 * non-zero eligible member (ties: the first; a zero only when `allowZero` and nothing else is left).
 * Mutates and returns `hidden`.
 */
export function completeLines(hidden: boolean[], counts: readonly number[], lines: readonly number[][], eligible: (i: number) => boolean, allowZero: boolean): boolean[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      let n = 0;
      for (const i of line) if (hidden[i]) n++;
      if (n !== 1) continue;
      let pick = -1;
      for (const i of line) {
        if (hidden[i] || !eligible(i) || (!allowZero && counts[i] === 0)) continue;
        if (pick < 0 || (counts[i] > 0 && (counts[pick] === 0 || counts[i] < counts[pick]))) pick = i;
      }
      if (pick >= 0) hidden[pick] = true, (changed = true);
    }
  }
  return hidden;
}
