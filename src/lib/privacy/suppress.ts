/**
 * Primary and secondary cell suppression for a count table and its published margins. Browser-safe.
 */
import {
  auditItems, checkCountTable, DEFAULT_THRESHOLD, hiddenBounds, layoutTables,
  type AuditItem, type CountTable, type Margin, type PublishedTable, type Reason, type SuppressedTable
} from "./audit.js";

export interface SuppressOptions {
  /** Counts 1..threshold-1 are hidden (default 5). */
  threshold?: number;
  /** Published margins (default none): e.g. [{soort: "all"}, {gemeente: "all"}, {maand: {"2024": [...]}}]. */
  margins?: Margin[];
  /** Search budget per hidden cell in the audit that drives the last repairs. */
  maxNodes?: number;
}

/**
 * Hides counts 1..threshold-1 (primary) and then further cells (secondary) until no hidden cell can
 * be recovered from the shown cells of the base table and its margins.
 * Secondary cells: in every line (a total and the cells that add up to it) with exactly one hidden
 * member, one more non-zero shown member is hidden: a part before the total; among those the one that
 * also protects the most other lines with a single hidden member, then the smallest, then the first.
 * The audit's remaining exposures are repaired with the cheapest cell (count times the number of base
 * cells it sums, so region and year totals come last): a shown part of the exposed cell's shortest
 * line first, then the cheapest total of its lines. A cell that no further hiding can protect (pinned
 * by the bounds alone) is left to `unresolved` rather than hiding totals in vain.
 * @param table the true counts; @param options threshold and published margins.
 * @returns the base table and every margin, each as column literals value (null when hidden) and reason.
 * @example suppressTable({dims: [{name: "maand", labels: ["jan", "feb"]}], values: [3, 9]}, {margins: [{maand: "all"}]}).tables[0].value; // [null, null]
 */
export function suppressTable(table: CountTable, options: SuppressOptions = {}): SuppressedTable {
  checkCountTable(table);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 2) throw new Error(`invalid threshold: ${threshold}`);
  const margins = options.margins ?? [];
  const maxNodes = options.maxNodes ?? 20_000;
  if (!(maxNodes > 0)) throw new Error(`invalid maxNodes: ${maxNodes}`);
  const layout = layoutTables(table.dims, margins);

  // Every published cell as one item with a global id (base cells first).
  const offsets: number[] = [];
  const cells: number[][] = [];
  layout.tables.forEach((t) => { offsets.push(cells.length); cells.push(...t.cells); });
  const value = cells.map((c) => c.reduce((s, i) => s + table.values[i], 0));
  const reason: (Reason | null)[] = value.map((v) => (v >= 1 && v < threshold ? "primair" : null));
  // What hiding a cell costs: its count times the number of base cells it sums, so a region or year
  // total is hidden only where no smaller cell can do its work.
  const cost = cells.map((c, id) => value[id] * c.length);
  const lines = findLines(layout.tables.map((t) => t.cells), offsets);
  const linesOf: number[][] = cells.map(() => []);
  lines.forEach((line, k) => { for (const id of line) linesOf[id].push(k); });

  // Lines a candidate would also protect: those where it would become the second hidden member.
  const helps = (id: number): number => {
    let n = 0;
    for (const k of linesOf[id]) {
      let hidden = 0;
      for (const other of lines[k]) if (reason[other] !== null) hidden++;
      if (hidden === 1) n++;
    }
    return n;
  };
  const hide = (candidates: Iterable<number>): boolean => {
    let best = -1, bestHelps = -1;
    for (const id of candidates) {
      if (reason[id] !== null || value[id] === 0) continue;
      const h = helps(id);
      if (best < 0 || h > bestHelps || (h === bestHelps && (value[id] < value[best] || (value[id] === value[best] && id < best)))) {
        best = id;
        bestHelps = h;
      }
    }
    if (best < 0) return false;
    reason[best] = "secundair";
    return true;
  };
  // For repairs: the cheapest candidate by cost, then the first.
  const hideCheapest = (candidates: Iterable<number>): boolean => {
    let best = -1;
    for (const id of candidates) {
      if (reason[id] !== null || value[id] === 0) continue;
      if (best < 0 || cost[id] < cost[best] || (cost[id] === cost[best] && id < best)) best = id;
    }
    if (best < 0) return false;
    reason[best] = "secundair";
    return true;
  };
  const applyLineRule = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        let hidden = 0;
        for (const id of line) if (reason[id] !== null) hidden++;
        if (hidden !== 1) continue;
        // line[0] is the total; prefer hiding one of its parts, else the total itself.
        if (hide(line.slice(1)) || hide([line[0]])) changed = true;
      }
    }
  };

  // A hidden cell that stays exposed even with every non-zero figure hidden is pinned by the bounds
  // alone (four hidden 1s under a primary total of 4): no further hidden cell can protect it, so it is
  // reported as unresolved instead of hiding totals in vain.
  const hopeless = new Map<number, boolean>();
  const beyondRepair = (id: number): boolean => {
    let known = hopeless.get(id);
    if (known === undefined) {
      const items: AuditItem[] = cells.map((c, j) => {
        if (value[j] === 0) return {cells: c, shown: true, lo: 0, hi: 0};
        const [lo, hi] = hiddenBounds(reason[j] ?? "secundair", threshold);
        return {cells: c, shown: false, lo, hi};
      });
      known = !Array.isArray(auditItems(table.values, items, [id], maxNodes)[0]);
      hopeless.set(id, known);
    }
    return known;
  };
  let unresolvedIds: number[] = [];
  const cache = new Map<number, number[]>();
  for (let round = 0; round <= cells.length; round++) {
    applyLineRule();
    let exposed = auditPattern(table.values, cells, value, reason, threshold, maxNodes, cache);
    if (exposed.length === 0) {
      // Final check without earlier certificates, so that auditSuppression agrees with this result.
      cache.clear();
      exposed = auditPattern(table.values, cells, value, reason, threshold, maxNodes, cache);
    }
    if (exposed.length === 0) { unresolvedIds = []; break; }
    unresolvedIds = exposed;
    // One more hidden cell next to each exposed one (all in one round: each audit round is costly).
    let repaired = false;
    for (const id of exposed) {
      if (beyondRepair(id)) continue;
      // The cheapest shown part of its smallest line, before the cheapest total of its lines.
      const byLength = [...linesOf[id]].sort((a, b) => lines[a].length - lines[b].length || a - b);
      if (byLength.some((k) => hideCheapest(lines[k].slice(1)))) { repaired = true; continue; }
      if (hideCheapest(byLength.map((k) => lines[k][0]))) { repaired = true; continue; }
      const cellSet = new Set(cells[id]);
      const overlapping = cells.map((_, j) => j).filter((j) => cells[j].some((c) => cellSet.has(c)));
      if (hideCheapest(overlapping)) repaired = true;
    }
    if (!repaired) break;
  }

  const tables: PublishedTable[] = layout.tables.map((t, ti) => {
    const ids = t.cells.map((_, i) => offsets[ti] + i);
    return {
      name: t.name,
      dims: t.dims,
      value: ids.map((id) => (reason[id] === null ? value[id] : null)),
      reason: ids.map((id) => reason[id])
    };
  });
  const unresolved = unresolvedIds.map((id) => {
    const table = offsets.findLastIndex((o) => o <= id);
    return {table, index: id - offsets[table]};
  });
  return {threshold, dims: table.dims, margins, tables, unresolved};
}

/**
 * Lines of the table family: [total, ...parts] where the parts are the cells of one other table that
 * partition the total's base cells exactly (a municipality-year total and its months, a region total
 * and its municipalities, a soort total and inbraak + poging).
 */
function findLines(tables: number[][][], offsets: number[]): number[][] {
  const nBase = tables[0].length;
  const lines: number[][] = [];
  const seen = new Set<string>();
  const byBase = tables.map((cells) => {
    const map: number[][] = Array.from({length: nBase}, () => []);
    cells.forEach((c, i) => { for (const b of c) map[b].push(i); });
    return map;
  });
  const mark = new Int32Array(nBase).fill(-1);
  let stamp = 0;
  tables.forEach((cells, ti) => {
    cells.forEach((total, i) => {
      stamp++;
      for (const b of total) mark[b] = stamp;
      tables.forEach((parts, tj) => {
        if (tj === ti) return;
        const ids = new Set<number>();
        for (const b of total) {
          if (byBase[tj][b].length === 0) return; // the parts do not cover the total
          for (const j of byBase[tj][b]) ids.add(j);
        }
        let size = 0;
        for (const j of ids) {
          if (parts[j].some((b) => mark[b] !== stamp)) return;
          size += parts[j].length;
        }
        if (size !== total.length) return; // overlapping or incomplete parts
        const line = [offsets[ti] + i, ...[...ids].sort((a, b) => a - b).map((j) => offsets[tj] + j)];
        const key = line.join(",");
        if (!seen.has(key)) { seen.add(key); lines.push(line); }
      });
    });
  });
  return lines;
}

/** Runs the audit on the current pattern; reuses a hidden cell's previous certificate while it still holds. */
function auditPattern(
  truth: number[], cells: number[][], value: number[], reason: (Reason | null)[], threshold: number,
  maxNodes: number, cache: Map<number, number[]>
): number[] {
  const items: AuditItem[] = cells.map((c, id) => {
    const [lo, hi] = reason[id] === null ? [value[id], value[id]] : hiddenBounds(reason[id], threshold);
    return {cells: c, shown: reason[id] === null, lo, hi};
  });
  const targets: number[] = [];
  for (let id = 0; id < cells.length; id++) {
    if (reason[id] === null) continue;
    const cert = cache.get(id);
    if (cert && certificateHolds(cert, items)) continue;
    targets.push(id);
  }
  const results = auditItems(truth, items, targets, maxNodes);
  const exposed: number[] = [];
  targets.forEach((id, k) => {
    const r = results[k];
    if (Array.isArray(r)) cache.set(id, r);
    else { cache.delete(id); exposed.push(id); }
  });
  return exposed;
}

/** Whether an earlier alternative completion still reproduces every shown figure and respects every hidden bound. */
function certificateHolds(values: number[], items: AuditItem[]): boolean {
  for (const it of items) {
    let s = 0;
    for (const c of it.cells) s += values[c];
    if (s < it.lo || s > it.hi) return false;
  }
  return true;
}
