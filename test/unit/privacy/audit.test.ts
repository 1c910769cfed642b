import {describe, expect, test} from "vitest";
import {
  auditSuppression, layoutTables, safeSum, suppressTable,
  type CountTable, type Margin, type SuppressedTable, type View
} from "../../../src/lib/privacy/index.js";
import {poisson, seededRng, type Rng} from "../../../src/lib/random.js";
import {TWENTE} from "../../../src/lib/twente.js";

const dim = (name: string, labels: string[]) => ({name, labels});
const SOORTEN = ["inbraak", "poging"];
/** The tables the pages read: A gemeente x maand x soort, its soort total, the region, and both. */
const PAGE_MARGINS: Margin[] = [{soort: "all"}, {gemeente: "all"}, {gemeente: "all", soort: "all"}];

/** Primary suppression only, in every published table: the naive pattern the audit must catch. */
function primaryOnly(truth: CountTable, margins: Margin[], threshold = 5): SuppressedTable {
  const layout = layoutTables(truth.dims, margins);
  const tables = layout.tables.map((t) => {
    const sums = t.cells.map((c) => c.reduce((s, i) => s + truth.values[i], 0));
    return {
      name: t.name, dims: t.dims,
      value: sums.map((v) => (v >= 1 && v < threshold ? null : v)),
      reason: sums.map((v) => (v >= 1 && v < threshold ? "primair" as const : null))
    };
  });
  return {threshold, dims: truth.dims, margins, tables, unresolved: []};
}

/**
 * Every figure a page can show for gemeente x maand x soort: each contiguous month range, each single
 * municipality or all, each soort or their total, summed with safeSum from the table the page reads.
 */
function pageViews(published: SuppressedTable): View[] {
  const [nG, nM, nS] = published.dims.map((d) => d.labels.length);
  const views: View[] = [];
  for (let from = 0; from < nM; from++) {
    for (let to = from; to < nM; to++) {
      for (const g of [...Array(nG).keys(), -1]) {
        for (const s of [...Array(nS).keys(), -1]) {
          // Table index: 0 base, 1 soort total, 2 region, 3 region + soort total (PAGE_MARGINS order).
          const table = (g < 0 ? 2 : 0) + (s < 0 ? 1 : 0);
          const ss = s < 0 ? 1 : nS;
          const indices: number[] = [];
          for (let m = from; m <= to; m++) indices.push((Math.max(g, 0) * nM + m) * ss + Math.max(s, 0));
          const sum = safeSum(indices.map((i) => published.tables[table].value[i]));
          views.push({table, indices, value: sum.value, lowerBound: sum.lowerBound});
        }
      }
    }
  }
  return views;
}

/**
 * Independent check of an alternative completion: it reproduces every shown cell of every table and
 * every page figure (shown sums equal, "≥ n" still true), keeps hidden cells within what the page
 * tells (primair 1..t-1, secundair >= t, zeros shown), and changes the hidden cell it was made for.
 */
function verifyAlternative(truth: CountTable, published: SuppressedTable, views: View[], alt: {table: number; index: number; values: number[]}): string | null {
  if (alt.values.some((v) => !Number.isInteger(v) || v < 0)) return "not a count table";
  const layout = layoutTables(truth.dims, published.margins);
  const sum = (values: number[], cells: number[]) => cells.reduce((s, c) => s + values[c], 0);
  for (const [ti, t] of layout.tables.entries()) {
    for (const [i, cells] of t.cells.entries()) {
      const shown = published.tables[ti].value[i];
      const v = sum(alt.values, cells);
      const reason = published.tables[ti].reason[i];
      if (shown !== null && v !== shown) return `shown ${t.name} ${i} changes`;
      if (reason === "primair" && (v < 1 || v >= published.threshold)) return `primair ${t.name} ${i} out of 1..t-1`;
      if (reason === "secundair" && v < published.threshold) return `secundair ${t.name} ${i} below t`;
    }
  }
  for (const view of views) {
    const cells = view.indices.flatMap((i) => layout.tables[view.table].cells[i]);
    const v = sum(alt.values, cells);
    if (view.value !== null && v !== view.value) return "page figure changes";
    if (view.value === null && v < (view.lowerBound ?? 0)) return "page lower bound fails";
  }
  const target = layout.tables[alt.table].cells[alt.index];
  if (sum(alt.values, target) === sum(truth.values, target)) return "hidden cell unchanged";
  return null;
}

function randomTable(rng: Rng, nG: number, nM: number, mean: number): CountTable {
  return {
    dims: [dim("gemeente", Array.from({length: nG}, (_, i) => `G${i}`)), dim("maand", Array.from({length: nM}, (_, i) => `M${i + 1}`)), dim("soort", SOORTEN)],
    values: Array.from({length: nG * nM * 2}, (_, i) => poisson(rng, mean * (i % 2 === 0 ? 1 : 0.5) * (1 + (Math.floor(i / (2 * nM)) % 3))))
  };
}

function hiddenCount(published: SuppressedTable): number {
  return published.tables.reduce((n, t) => n + t.value.filter((v) => v === null).length, 0);
}

describe("auditSuppression", () => {
  test("finds a lone hidden cell in a row with a shown total (linear)", () => {
    const truth: CountTable = {dims: [dim("gemeente", ["A", "B"]), dim("maand", ["jan", "feb"])], values: [3, 9, 7, 8]};
    const naive = primaryOnly(truth, [{maand: "all"}]);
    const audit = auditSuppression(truth, naive);
    expect(audit.exposed).toEqual([{table: 0, index: 0, label: "basis A | jan", value: 3, how: "lineair"}]);
    expect(audit.alternatives).toEqual([]);
  });

  test("finds a cell pinned by the known bounds (4 + 4 = 8 with each at most 4)", () => {
    const truth: CountTable = {dims: [dim("gemeente", ["A", "B"]), dim("maand", ["jan", "feb", "mrt"])], values: [4, 4, 20, 4, 4, 20]};
    const naive = primaryOnly(truth, [{maand: "all"}, {gemeente: "all"}]);
    const audit = auditSuppression(truth, naive);
    expect(audit.exposed.map((e) => e.how)).toEqual(["geen-alternatief", "geen-alternatief", "geen-alternatief", "geen-alternatief"]);
    expect(audit.exposed.map((e) => e.value)).toEqual([4, 4, 4, 4]);
  });

  test("certifies a protected rectangle with a checked alternative", () => {
    const truth: CountTable = {dims: [dim("gemeente", ["A", "B", "C"]), dim("maand", ["jan", "feb", "mrt"])], values: [3, 9, 8, 6, 2, 7, 10, 12, 9]};
    const published = suppressTable(truth, {margins: [{maand: "all"}, {gemeente: "all"}]});
    const audit = auditSuppression(truth, published);
    expect(audit.exposed).toEqual([]);
    expect(audit.alternatives).toHaveLength(4);
    for (const alt of audit.alternatives) expect(verifyAlternative(truth, published, [], alt)).toBeNull();
  });

  test("rejects a published value that differs from the truth", () => {
    const truth: CountTable = {dims: [dim("maand", ["jan", "feb"])], values: [7, 8]};
    const published = suppressTable(truth);
    published.tables[0].value[1] = 9;
    expect(() => auditSuppression(truth, published)).toThrow("invalid published value at basis feb: 9 (true 8)");
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("random 3 x 4 x 2 table %i: no page filter reveals a hidden cell", (seed) => {
    const truth = randomTable(seededRng(seed), 3, 4, 2.5);
    const naive = primaryOnly(truth, PAGE_MARGINS);
    const published = suppressTable(truth, {margins: PAGE_MARGINS});
    expect(published.unresolved).toEqual([]);
    const views = pageViews(published);
    expect(views).toHaveLength(10 * 4 * 3);
    const audit = auditSuppression(truth, published, {views});
    expect(audit.exposed).toEqual([]);
    expect(audit.alternatives).toHaveLength(hiddenCount(published));
    for (const alt of audit.alternatives) expect(verifyAlternative(truth, published, views, alt)).toBeNull();
    // The audit can fail: primary suppression alone hides cells here and leaves some of them exposed.
    expect(hiddenCount(naive)).toBeGreaterThan(0);
    expect(auditSuppression(truth, naive, {views: pageViews(naive)}).exposed.length).toBeGreaterThan(0);
  });

  test("realistic shape: 14 Twente municipalities x 12 months x soort", () => {
    const rng = seededRng(2024);
    const season = [1.25, 1.15, 1.0, 0.85, 0.8, 0.75, 0.8, 0.8, 0.85, 1.0, 1.3, 1.45];
    const total = TWENTE.reduce((s, m) => s + m.dwellings, 0);
    const values: number[] = [];
    for (const m of TWENTE) {
      for (const f of season) {
        const mean = (780 / 12) * f * (m.dwellings / total);
        values.push(poisson(rng, mean * 2 / 3), poisson(rng, mean / 3));
      }
    }
    const truth: CountTable = {
      dims: [dim("gemeente", TWENTE.map((m) => m.code)), dim("maand", season.map((_, i) => `2024-${String(i + 1).padStart(2, "0")}`)), dim("soort", SOORTEN)],
      values
    };
    const published = suppressTable(truth, {margins: PAGE_MARGINS});
    expect(published.unresolved).toEqual([]);
    const primary = published.tables.flatMap((t) => t.reason).filter((r) => r === "primair").length;
    expect(primary).toBeGreaterThan(50); // small municipalities per month: many counts 1..4
    const views = pageViews(published);
    expect(views).toHaveLength(78 * 15 * 3);
    const audit = auditSuppression(truth, published, {views});
    expect(audit.exposed).toEqual([]);
    for (const alt of audit.alternatives) expect(verifyAlternative(truth, published, views, alt)).toBeNull();
    const naive = primaryOnly(truth, PAGE_MARGINS);
    expect(auditSuppression(truth, naive, {views: pageViews(naive)}).exposed.length).toBeGreaterThan(0);
  });
});
