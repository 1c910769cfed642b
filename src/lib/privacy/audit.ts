/**
 * Cell-suppression audit: for every hidden figure of a published table family, search for a second
 * completion of the true counts that reproduces every shown figure (and every page view) but gives
 * the hidden figure a different value. Such a completion is a certificate that no combination of
 * published numbers reveals the hidden one; a hidden figure without one is reported as exposed.
 *
 * Also holds the table model shared with suppress.ts: a base count table (row-major values over
 * named dimensions) and its published margins (sums over whole dimensions or over groups of labels).
 * Browser-safe: no Node APIs.
 */

/** The default threshold: counts 1..4 are hidden. */
export const DEFAULT_THRESHOLD = 5;

/** A dimension of a count table: a name and its labels in order. */
export interface Dim {
  name: string;
  labels: string[];
}

/** A count table: non-negative integer counts in row-major order over `dims` (last dimension fastest). */
export interface CountTable {
  dims: Dim[];
  values: number[];
}

/** How a margin sums one dimension: all labels into "totaal", or named groups of labels (years, districts). */
export type Grouping = "all" | Record<string, string[]>;

/** A published margin: the grouping of each dimension it names; dimensions it does not name stay as they are. */
export type Margin = Record<string, Grouping>;

/** Why a cell is hidden: its own count is 1..threshold-1, or it protects another hidden cell. */
export type Reason = "primair" | "secundair";

/** One published table (the base table or a margin): labels per dimension and column literals per cell. */
export interface PublishedTable {
  name: string;
  dims: Dim[];
  value: (number | null)[];
  reason: (Reason | null)[];
}

/** A suppressed table family: tables[0] is the base table, tables[i + 1] the margin margins[i]. */
export interface SuppressedTable {
  threshold: number;
  dims: Dim[];
  margins: Margin[];
  tables: PublishedTable[];
  /** Hidden cells the suppression could not protect (empty unless the table leaves no choice). */
  unresolved: CellRef[];
}

/** A cell of a published table. */
export interface CellRef {
  table: number;
  index: number;
}

/** What a page shows for a selection of cells of one published table (see safeSum). */
export interface View {
  table: number;
  indices: number[];
  value: number | null;
  lowerBound?: number;
}

/** A hidden cell whose value follows from the published figures. */
export interface Exposure extends CellRef {
  label: string;
  value: number;
  /** "lineair": a linear combination of shown figures gives it; "geen-alternatief": no other completion was found within the known bounds. */
  how: "lineair" | "geen-alternatief";
}

/** A second completion of the base counts that shows the same figures but changes a hidden cell. */
export interface Alternative extends CellRef {
  values: number[];
}

export interface AuditResult {
  exposed: Exposure[];
  alternatives: Alternative[];
}

export interface AuditOptions {
  /** Figures that pages compute from the published tables (filters, ranges); all are added as knowledge. */
  views?: View[];
  /** Search budget per hidden cell (nodes of the cycle search). */
  maxNodes?: number;
}

/** The layout of a table family: per table its dims and, per cell, the base cells it sums. */
export interface Layout {
  tables: {name: string; dims: Dim[]; cells: number[][]}[];
}

/**
 * Expands a base shape and its margins into the cells of every published table.
 * @param dims base dimensions; @param margins published margins.
 * @returns per table (base first) the base cells summed by each cell.
 * @example layoutTables([{name: "a", labels: ["x", "y"]}], [{a: "all"}]).tables[1].cells; // [[0, 1]]
 */
export function layoutTables(dims: Dim[], margins: Margin[]): Layout {
  if (!Array.isArray(dims) || dims.length === 0) throw new Error(`invalid dims: ${JSON.stringify(dims)}`);
  const names = new Set<string>();
  for (const dim of dims) {
    if (!dim || typeof dim.name !== "string" || names.has(dim.name)) throw new Error(`invalid dim: ${JSON.stringify(dim)}`);
    if (!Array.isArray(dim.labels) || dim.labels.length === 0 || new Set(dim.labels).size !== dim.labels.length) {
      throw new Error(`invalid labels of dim ${dim.name}: ${JSON.stringify(dim.labels)}`);
    }
    names.add(dim.name);
  }
  if (!Array.isArray(margins)) throw new Error(`invalid margins: ${JSON.stringify(margins)}`);
  const strides = dims.map((_, d) => dims.slice(d + 1).reduce((p, x) => p * x.labels.length, 1));
  const identity = (dim: Dim) => ({labels: dim.labels, groups: dim.labels.map((_, i) => [i])});
  const specs = [{name: "basis", per: dims.map(identity)}];
  for (const margin of margins) {
    if (!margin || typeof margin !== "object" || Object.keys(margin).length === 0) throw new Error(`invalid margin: ${JSON.stringify(margin)}`);
    for (const key of Object.keys(margin)) if (!names.has(key)) throw new Error(`invalid margin dimension: ${key}`);
    const per = dims.map((dim) => {
      const grouping = margin[dim.name];
      if (grouping === undefined) return identity(dim);
      if (grouping === "all") return {labels: ["totaal"], groups: [dim.labels.map((_, i) => i)]};
      if (typeof grouping !== "object" || grouping === null || Object.keys(grouping).length === 0) {
        throw new Error(`invalid grouping of ${dim.name}: ${JSON.stringify(grouping)}`);
      }
      const groups = Object.entries(grouping).map(([group, members]) => {
        if (!Array.isArray(members) || members.length === 0) throw new Error(`invalid group ${group} of ${dim.name}: ${JSON.stringify(members)}`);
        return members.map((label) => {
          const i = dim.labels.indexOf(label);
          if (i < 0) throw new Error(`invalid label in group ${group} of ${dim.name}: ${label}`);
          return i;
        });
      });
      return {labels: Object.keys(grouping), groups};
    });
    const name = Object.entries(margin).map(([d, g]) => `${d}:${g === "all" ? "totaal" : Object.keys(g).join("|")}`).join(",");
    specs.push({name, per});
  }
  const tables = specs.map(({name, per}) => {
    let cells: number[][] = [[0]];
    per.forEach(({groups}, d) => {
      const next: number[][] = [];
      for (const partial of cells) {
        for (const group of groups) {
          const out: number[] = [];
          for (const offset of partial) for (const i of group) out.push(offset + i * strides[d]);
          next.push(out);
        }
      }
      cells = next;
    });
    cells = cells.map((c) => c.sort((a, b) => a - b));
    return {name, dims: dims.map((dim, d) => ({name: dim.name, labels: per[d].labels})), cells};
  });
  return {tables};
}

/** Checks a count table: integer counts >= 0, one per combination of labels. */
export function checkCountTable(table: CountTable): void {
  if (!table || !Array.isArray(table.values)) throw new Error(`invalid table: ${JSON.stringify(table)}`);
  const size = table.dims.reduce((p, d) => p * d.labels.length, 1);
  if (table.values.length !== size) throw new Error(`invalid values length: ${table.values.length} (expected ${size})`);
  table.values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`invalid count at ${i}: ${v}`);
  });
}

/** The label of a cell, e.g. "GM0153 | 2024-01 | inbraak". */
export function cellLabel(table: {dims: Dim[]}, index: number): string {
  const parts: string[] = [];
  let rest = index;
  for (let d = table.dims.length - 1; d >= 0; d--) {
    const n = table.dims[d].labels.length;
    parts.unshift(table.dims[d].labels[rest % n]);
    rest = Math.floor(rest / n);
  }
  return parts.join(" | ");
}

/** One figure in the audit: the base cells it sums, whether it is shown, and the known bounds when hidden. */
export interface AuditItem {
  cells: number[];
  shown: boolean;
  lo: number;
  hi: number;
}

/** Bounds an attacker knows for a hidden cell: zeros are shown, primary cells are 1..t-1, secondary ones >= t. */
export function hiddenBounds(reason: Reason | null, threshold: number): [number, number] {
  return reason === "primair" ? [1, threshold - 1] : [threshold, Infinity];
}

/**
 * Audits a suppressed table family against the true counts.
 * @param truth the true base table; @param published the output of suppressTable (or any pattern in that shape);
 * @param options views that pages derive from the published tables, search budget.
 * @returns the exposed hidden cells, and for every protected one an alternative completion.
 * @example auditSuppression(truth, suppressTable(truth, {margins: [{soort: "all"}]})).exposed; // []
 */
export function auditSuppression(truth: CountTable, published: SuppressedTable, options: AuditOptions = {}): AuditResult {
  checkCountTable(truth);
  const layout = layoutTables(truth.dims, published.margins);
  if (published.tables.length !== layout.tables.length) throw new Error(`invalid published tables: ${published.tables.length} (expected ${layout.tables.length})`);
  const threshold = published.threshold;
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`invalid threshold: ${threshold}`);
  const items: AuditItem[] = [];
  const refs: CellRef[] = [];
  const targets: number[] = [];
  layout.tables.forEach((t, ti) => {
    const pub = published.tables[ti];
    if (pub.value.length !== t.cells.length) throw new Error(`invalid published table ${ti}: ${pub.value.length} cells (expected ${t.cells.length})`);
    t.cells.forEach((cells, i) => {
      const v = pub.value[i];
      const actual = sumCells(truth.values, cells);
      if (v !== null && v !== actual) throw new Error(`invalid published value at ${pub.name} ${cellLabel(pub, i)}: ${v} (true ${actual})`);
      const [lo, hi] = v === null ? hiddenBounds(pub.reason[i], threshold) : [actual, actual];
      if (v === null) targets.push(items.length);
      items.push({cells, shown: v !== null, lo, hi});
      refs.push({table: ti, index: i});
    });
  });
  for (const view of options.views ?? []) {
    const t = layout.tables[view.table];
    if (!t) throw new Error(`invalid view table: ${view.table}`);
    const cells = [...new Set(view.indices.flatMap((i) => {
      if (!t.cells[i]) throw new Error(`invalid view index: ${i}`);
      return t.cells[i];
    }))].sort((a, b) => a - b);
    const actual = sumCells(truth.values, cells);
    if (view.value !== null && view.value !== actual) throw new Error(`invalid view value: ${view.value} (true ${actual})`);
    items.push(view.value === null
      ? {cells, shown: false, lo: view.lowerBound ?? 0, hi: Infinity}
      : {cells, shown: true, lo: actual, hi: actual});
  }
  const found = auditItems(truth.values, items, targets, options.maxNodes ?? 200_000);
  const exposed: Exposure[] = [];
  const alternatives: Alternative[] = [];
  targets.forEach((item, k) => {
    const ref = refs[item];
    const result = found[k];
    if (Array.isArray(result)) alternatives.push({...ref, values: result});
    else {
      const pub = published.tables[ref.table];
      exposed.push({...ref, label: `${pub.name} ${cellLabel(pub, ref.index)}`, value: sumCells(truth.values, items[item].cells), how: result});
    }
  });
  return {exposed, alternatives};
}

function sumCells(values: number[], cells: number[]): number {
  let s = 0;
  for (const c of cells) s += values[c];
  return s;
}

/**
 * Core of the audit on a flat list of figures: for each target, an alternative completion (base values)
 * or how it is exposed. Base cells that are not pinned by a shown single-cell figure are the unknowns.
 */
export function auditItems(truth: number[], items: AuditItem[], targets: number[], maxNodes: number): (number[] | "lineair" | "geen-alternatief")[] {
  const n = truth.length;
  const pinned = new Uint8Array(n);
  for (const it of items) if (it.shown && it.cells.length === 1) pinned[it.cells[0]] = 1;
  const varOf = new Int32Array(n).fill(-1);
  const baseOf: number[] = [];
  for (let c = 0; c < n; c++) if (!pinned[c]) { varOf[c] = baseOf.length; baseOf.push(c); }
  const nv = baseOf.length;
  const vlo = new Float64Array(nv).fill(0);
  const vhi = new Float64Array(nv).fill(Infinity);
  const eqKeys = new Map<string, number>();
  const eqs: number[][] = [];
  const ranges: {vars: number[]; lo: number; hi: number}[] = [];
  for (const it of items) {
    const vars = it.cells.map((c) => varOf[c]).filter((v) => v >= 0);
    if (vars.length === 0) continue;
    if (it.shown) {
      const key = vars.join(",");
      if (!eqKeys.has(key)) { eqKeys.set(key, eqs.length); eqs.push(vars); }
    } else {
      const base = sumCells(truth, it.cells);
      if (vars.length === 1) {
        vlo[vars[0]] = Math.max(vlo[vars[0]], it.lo - base + truth[baseOf[vars[0]]]);
        vhi[vars[0]] = Math.min(vhi[vars[0]], it.hi - base + truth[baseOf[vars[0]]]);
      } else ranges.push({vars, lo: it.lo - base, hi: it.hi - base});
    }
  }
  const varEqs: number[][] = Array.from({length: nv}, () => []);
  eqs.forEach((vars, e) => { for (const v of vars) varEqs[v].push(e); });
  const t0 = baseOf.map((c) => truth[c]);
  const d = new Int8Array(nv);
  const eqSum = new Int32Array(eqs.length);
  const open: number[] = [];
  const openPos = new Int32Array(eqs.length).fill(-1);
  const allowed = (v: number, s: number) => d[v] === 0 && t0[v] + s >= vlo[v] && t0[v] + s <= vhi[v];
  const move = (v: number, s: number) => {
    d[v] += s;
    for (const e of varEqs[v]) {
      eqSum[e] += s;
      if (eqSum[e] !== 0 && openPos[e] < 0) { openPos[e] = open.length; open.push(e); }
      else if (eqSum[e] === 0 && openPos[e] >= 0) {
        const last = open.pop()!;
        if (last !== e) { open[openPos[e]] = last; openPos[last] = openPos[e]; }
        openPos[e] = -1;
      }
    }
  };
  let nodes = 0;
  let targetVars: number[] = [];
  // The first hidden total pushed out of its known bounds, with the direction that moves it back.
  const brokenRange = (): [number[], number] | null => {
    for (const r of ranges) {
      let s = 0;
      for (const v of r.vars) s += d[v];
      if (s < r.lo) return [r.vars, 1];
      if (s > r.hi) return [r.vars, -1];
    }
    return null;
  };
  const tryEach = (vars: number[], s: number): boolean => {
    for (const v of vars) {
      if (!allowed(v, s)) continue;
      move(v, s);
      if (dfs()) return true;
      move(v, -s);
      if (nodes > maxNodes) return false;
    }
    return false;
  };
  const dfs = (): boolean => {
    if (++nodes > maxNodes) return false;
    if (open.length === 0) {
      let s = 0;
      for (const v of targetVars) s += d[v];
      if (s === 0) return false;
      const broken = brokenRange();
      return broken === null || tryEach(...broken);
    }
    // Branch on the open equation or hidden total out of its bounds with the fewest ways to restore it.
    let bestVars: number[] = [], bestSign = 0, bestCount = Infinity;
    const consider = (vars: number[], s: number) => {
      let count = 0;
      for (const v of vars) if (allowed(v, s)) count++;
      if (count < bestCount) { bestVars = vars; bestSign = s; bestCount = count; }
    };
    for (const e of open) {
      consider(eqs[e], -Math.sign(eqSum[e]));
      if (bestCount === 0) return false;
    }
    for (const r of ranges) {
      let s = 0;
      for (const v of r.vars) s += d[v];
      if (s < r.lo) consider(r.vars, 1);
      else if (s > r.hi) consider(r.vars, -1);
      if (bestCount === 0) return false;
    }
    return tryEach(bestVars, bestSign);
  };
  return targets.map((item) => {
    targetVars = items[item].cells.map((c) => varOf[c]).filter((v) => v >= 0);
    nodes = 0;
    for (const v of targetVars) {
      for (const s of [1, -1]) {
        if (!allowed(v, s)) continue;
        move(v, s);
        const ok = dfs();
        if (ok) {
          const values = truth.slice();
          for (let u = 0; u < nv; u++) values[baseOf[u]] += d[u];
          for (let u = 0; u < nv; u++) if (d[u] !== 0) move(u, -d[u]);
          return values;
        }
        for (let u = 0; u < nv; u++) if (d[u] !== 0) move(u, -d[u]);
        if (nodes > maxNodes) break;
      }
      if (nodes > maxNodes) break;
    }
    const second = itemSearch(truth, items, item, pinned, maxNodes);
    if (second) return second;
    return inRowSpace(eqs, nv, targetVars) ? "lineair" : "geen-alternatief";
  });
}

/**
 * A second search for an alternative completion, branching on figures (shown ones changed, hidden
 * ones out of bounds, each item on its own) rather than on equations over free cells: it finds
 * cycles through hidden totals that the first search can miss within its budget. A result is
 * checked against every figure before it is returned.
 */
function itemSearch(truth: number[], items: AuditItem[], target: number, pinned: Uint8Array, maxNodes: number): number[] | null {
  const n = truth.length;
  const itemsOf: number[][] = Array.from({length: n}, () => []);
  items.forEach((it, k) => { for (const b of it.cells) itemsOf[b].push(k); });
  const base = items.map((it) => sumCells(truth, it.cells));
  const d = new Int8Array(n);
  const sum = new Int32Array(items.length);
  const touched = new Set<number>();
  const violated = (k: number) => (items[k].shown ? sum[k] !== 0 : base[k] + sum[k] < items[k].lo || base[k] + sum[k] > items[k].hi);
  const move = (b: number, s: number) => {
    d[b] += s;
    for (const k of itemsOf[b]) { sum[k] += s; touched.add(k); }
  };
  const free = (b: number, s: number) => !pinned[b] && d[b] === 0 && truth[b] + s >= 0;
  let nodes = 0;
  const dfs = (): boolean => {
    if (++nodes > maxNodes) return false;
    let bestItem = -1, bestSign = 0, bestCount = Infinity;
    for (const k of touched) {
      if (!violated(k)) continue;
      const s = items[k].shown ? -Math.sign(sum[k]) : base[k] + sum[k] < items[k].lo ? 1 : -1;
      let count = 0;
      for (const b of items[k].cells) if (free(b, s)) count++;
      if (count < bestCount || (count === bestCount && k < bestItem)) { bestItem = k; bestSign = s; bestCount = count; }
    }
    if (bestItem < 0) return sum[target] !== 0;
    if (bestCount === 0) return false;
    for (const b of items[bestItem].cells) {
      if (!free(b, bestSign)) continue;
      move(b, bestSign);
      if (dfs()) return true;
      move(b, -bestSign);
      if (nodes > maxNodes) return false;
    }
    return false;
  };
  for (const b of items[target].cells) {
    for (const s of [1, -1]) {
      if (!free(b, s)) continue;
      move(b, s);
      const ok = dfs();
      const values = truth.map((v, i) => v + d[i]);
      move(b, -s);
      for (let i = 0; i < n; i++) if (d[i] !== 0) move(i, -d[i]);
      if (ok && items.every((it) => {
        const v = sumCells(values, it.cells);
        return it.shown ? v === sumCells(truth, it.cells) : v >= it.lo && v <= it.hi;
      }) && sumCells(values, items[target].cells) !== base[target]) return values;
      if (nodes > maxNodes) return null;
    }
  }
  return null;
}

/** Whether the 0/1 vector over `target` is a linear combination of the equations (Gaussian elimination). */
function inRowSpace(eqs: number[][], nv: number, target: number[]): boolean {
  if (target.length === 0) return true;
  const touched = new Set(target);
  const rows = eqs.map((vars) => {
    const row = new Float64Array(nv);
    for (const v of vars) row[v] = 1;
    return row;
  });
  const vec = new Float64Array(nv);
  for (const v of touched) vec[v] = 1;
  let r = 0;
  for (let col = 0; col < nv && r < rows.length; col++) {
    let p = -1, best = 1e-9;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i][col]) > best) { best = Math.abs(rows[i][col]); p = i; }
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pivot = rows[r];
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i][col] === 0) continue;
      const f = rows[i][col] / pivot[col];
      for (let j = col; j < nv; j++) rows[i][j] -= f * pivot[j];
    }
    if (vec[col] !== 0) {
      const f = vec[col] / pivot[col];
      for (let j = col; j < nv; j++) vec[j] -= f * pivot[j];
    }
    r++;
  }
  return vec.every((x) => Math.abs(x) < 1e-9);
}
