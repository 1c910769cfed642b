// A linear-constraint attack on every published protected table with fractional or count values:
// from the shown values and the sums a reader knows (the open counts, the region as the sum of its
// municipalities, a group's cells adding up to its count), no hidden value may follow exactly.
// On the real police sample and on a delivery with a single incident in one municipality.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Table} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {readConfig} from "../../../loaders/config.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {gateTables} from "../../../loaders/pipeline/gate.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../../loaders/pipeline/run.js";
import {determinedCells, type Equation} from "../../../src/lib/privacy/linear-attack.js";
import {publishedDemo, rowsOf} from "../../helpers/published.js";
import {referenceDir} from "../../helpers/reference.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an Arrow row holds any column type
type Row = Record<string, any>;

/** Cells (value, hidden) and the equations a reader can form, for one table. */
interface System {
  values: number[];
  hidden: boolean[];
  labels: string[];
  equations: Equation[];
}

function system(rows: Row[], key: (r: Row) => string, value: (r: Row) => number | null, hidden: (r: Row) => boolean): System & {index: Map<string, number>} {
  const index = new Map<string, number>();
  const s = {values: [] as number[], hidden: [] as boolean[], labels: [] as string[], equations: [] as Equation[], index};
  for (const r of rows) {
    index.set(key(r), s.values.length);
    s.labels.push(key(r));
    s.values.push(value(r) ?? 0);
    s.hidden.push(hidden(r));
  }
  return s;
}

/** Adds a line: the cells of `members` (missing ones are shown zeros) add up to `total`, or the first is the sum of the rest. */
function line(s: ReturnType<typeof system>, members: string[], total?: number) {
  const terms = members.flatMap((k, i) => {
    const j = s.index.get(k);
    return j === undefined ? [] : [[j, total === undefined && i > 0 ? -1 : 1] as const];
  });
  if (terms.length) s.equations.push({terms, rhs: total ?? 0});
}

function openCounts(tables: Map<string, Table>) {
  const year = new Map<string, number>();
  for (const r of rowsOf(tables.get("counts_year")!)) year.set(`${r.area_code}|${r.year}|${r.soort}`, r.count);
  const month = new Map<string, number>();
  for (const r of rowsOf(tables.get("counts_month")!)) {
    const d = new Date(r.month);
    month.set(`${r.area_code}|${d.getUTCFullYear()}|${d.getUTCMonth() + 1}|${r.soort}`, r.count);
  }
  return {year, month};
}

/** Attacks time_profile: the unknown true weights are the hidden cells; the true values come from the intern build. */
function attackTimeProfile(open: Map<string, Table>, truth: Map<string, Table>) {
  const shown = rowsOf(open.get("time_profile")!);
  const real = new Map(rowsOf(truth.get("time_profile")!).map((r) => [`${r.area_code}|${r.year}|${r.weekday}|${r.hour}`, r.weight]));
  const s = system(shown, (r) => `${r.area_code}|${r.year}|${r.weekday}|${r.hour}`, (r) => real.get(`${r.area_code}|${r.year}|${r.weekday}|${r.hour}`)!, (r) => r.suppressed);
  const {year} = openCounts(open);
  const groups = [...new Set(shown.map((r) => `${r.area_code}|${r.year}`))];
  const cells = (g: string) => Array.from({length: 168}, (_, c) => `${g}|${Math.floor(c / 24)}|${c % 24}`);
  const years = groups.filter((g) => g.startsWith("regio|") && g !== "regio|0");
  const gms = groups.filter((g) => !g.startsWith("regio|"));
  for (const g of groups) {
    const [code, y] = g.split("|");
    const total = code === "regio" && y !== "0" ? year.get(`regio|${y}|totaal`)! : [...year.entries()].filter(([k]) => k.startsWith(`${code}|`) && k.endsWith("|totaal")).reduce((a, [, v]) => a + v, 0);
    line(s, cells(g), total);
  }
  for (let c = 0; c < 168; c++) {
    const cell = (g: string) => `${g}|${Math.floor(c / 24)}|${c % 24}`;
    line(s, [cell("regio|0"), ...years.map(cell)]);
    line(s, [cell("regio|0"), ...gms.map(cell)]);
  }
  return {s, determined: determinedCells(s.values, s.hidden, s.equations)};
}

/** Attacks sunset_profile the same way: groups add up to the open monthly counts, the region to its municipalities. */
function attackSunset(open: Map<string, Table>, truth: Map<string, Table>) {
  const key = (r: Row) => `${r.area_code}|${r.year}|${r.month}|${r.soort}|${r.hour_from_sunset}`;
  const shown = rowsOf(open.get("sunset_profile")!);
  const real = new Map(rowsOf(truth.get("sunset_profile")!).map((r) => [key(r), r.weight]));
  const s = system(shown, key, (r) => real.get(key(r)) ?? 0, (r) => r.suppressed);
  const {month} = openCounts(open);
  const groups = [...new Set(shown.map((r) => `${r.area_code}|${r.year}|${r.month}|${r.soort}`))];
  const bins = Array.from({length: 24}, (_, b) => b - 12);
  for (const g of groups) line(s, bins.map((b) => `${g}|${b}`), month.get(g)!);
  const blocks = new Map<string, string[]>();
  for (const g of groups) {
    const [code, ...rest] = g.split("|");
    if (code !== "regio") (blocks.get(rest.join("|")) ?? blocks.set(rest.join("|"), []).get(rest.join("|"))!).push(code);
  }
  for (const [rest, codes] of blocks) for (const b of bins) line(s, [`regio|${rest}|${b}`, ...codes.map((c) => `${c}|${rest}|${b}`)]);
  return {s, determined: determinedCells(s.values, s.hidden, s.equations)};
}

/** Attacks what_counts: categories add up to the open totals, inbraak + poging = totaal, municipalities to the region. */
function attackWhat(open: Map<string, Table>, truth: Map<string, Table>) {
  const key = (r: Row) => `${r.dimension}|${r.area_code}|${r.year}|${r.soort}|${r.category}`;
  const shown = rowsOf(open.get("what_counts")!);
  // True values: the intern table, with the labels openbaar folds into "overig" folded the same way.
  const published = new Set(shown.map((r) => `${r.dimension}|${r.category}`));
  const real = new Map<string, number>();
  for (const r of rowsOf(truth.get("what_counts")!)) {
    const k = key({...r, category: published.has(`${r.dimension}|${r.category}`) ? r.category : "overig"});
    real.set(k, (real.get(k) ?? 0) + r.count);
  }
  const s = system(shown, key, (r) => real.get(key(r)) ?? 0, (r) => r.suppressed);
  const {year} = openCounts(open);
  const by = (f: (r: Row) => string) => {
    const m = new Map<string, Row[]>();
    for (const r of shown) (m.get(f(r)) ?? m.set(f(r), []).get(f(r))!).push(r);
    return m;
  };
  for (const [k, rows] of by((r) => `${r.dimension}|${r.area_code}|${r.year}|${r.soort}`)) {
    if (k.startsWith("buit|")) continue; // several items per incident: no total
    const [, area, y, soort] = k.split("|");
    line(s, rows.map(key), year.get(`${area}|${y}|${soort}`) ?? 0);
  }
  for (const [k] of by((r) => `${r.dimension}|${r.area_code}|${r.year}|${r.category}`)) {
    const [d, a, y, c] = k.split("|");
    line(s, [`${d}|${a}|${y}|totaal|${c}`, `${d}|${a}|${y}|inbraak|${c}`, `${d}|${a}|${y}|poging|${c}`]);
  }
  for (const [k, rows] of by((r) => `${r.dimension}|${r.year}|${r.soort}|${r.category}`)) {
    const [d, y, so, c] = k.split("|");
    line(s, [`${d}|regio|${y}|${so}|${c}`, ...rows.filter((r) => r.area_code !== "regio").map(key)]);
  }
  return {s, determined: determinedCells(s.values, s.hidden, s.equations)};
}

function build(dir: string) {
  const delivery = readDelivery(dir);
  const run = (level: "openbaar" | "intern") => {
    const key = "test-pseudonym-key-0123456789";
    const {tables} = publish(delivery, {level, suppressBelow: 5, pseudonymKey: key});
    runAnalyses(delivery, tables, {...readConfig({INBRAAKLAB_LEVEL: level, INBRAAKLAB_PSEUDONYM_KEY: key}), dataDir: dir}, dir);
    return tables;
  };
  const open = run("openbaar");
  gateTables(open, {level: "openbaar", mode: "standaard", threshold: 5});
  return {open, truth: run("intern")};
}

const ATTACKS = {time_profile: attackTimeProfile, sunset_profile: attackSunset, what_counts: attackWhat};

describe("a delivery with a single incident in one municipality", () => {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-lone-"));
  writeFileSync(join(dir, "inbraken.csv"),
    "registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode;x;y;werkwijze;woningtype\n" +
    "LONE000001;Woninginbraak;12-03-2024 19:00;12-03-2024 20:00;GM0147;245600;481300;raam geforceerd;rijtjeswoning\n");
  const {open, truth} = build(dir);

  for (const [name, attack] of Object.entries(ATTACKS)) {
    test(`${name}: the incident's weekday, hour or category is hidden and follows from nothing`, () => {
      const {s, determined} = attack(open, truth);
      // The true table has the incident somewhere: every non-zero true cell is hidden.
      const nonZero = s.values.flatMap((v, i) => (v > 0 ? [i] : []));
      expect(nonZero.length).toBeGreaterThan(0);
      expect(nonZero.filter((i) => !s.hidden[i]).map((i) => s.labels[i])).toEqual([]);
      expect(determined.map((d) => s.labels[d.index])).toEqual([]);
    });
  }

  test("the open tables still show the one burglary", () => {
    const year = rowsOf(open.get("counts_year")!).find((r) => r.area_code === "GM0147" && r.year === 2024 && r.soort === "totaal")!;
    expect(year.count).toBe(1);
  });
});

const real = referenceDir("real-mik");
describe.skipIf(!real)("the real police sample", () => {
  const {open, truth} = build(real!);
  for (const [name, attack] of Object.entries(ATTACKS)) {
    test(`${name}: no hidden value follows from the published figures`, () => {
      const {s, determined} = attack(open, truth);
      expect(determined.map((d) => `${s.labels[d.index]} = ${d.value}`)).toEqual([]);
      if (name !== "what_counts") expect(s.hidden.filter(Boolean).length).toBeGreaterThan(0);
    });
  }
});

describe("a demo delivery with times of day (4,000 incidents)", () => {
  // The default demo's pipeline, shared with the other files of the process (test/helpers/published.ts);
  // the open tables pass the build's gate (it throws otherwise), as build() checks for the real sample.
  const open = publishedDemo("openbaar").tables, truth = publishedDemo("intern").tables;
  gateTables(open, {level: "openbaar", mode: "standaard", threshold: 5});
  for (const [name, attack] of Object.entries(ATTACKS)) {
    test(`${name}: no hidden value follows from the published figures`, () => {
      const {s, determined} = attack(open, truth);
      expect(s.hidden.filter(Boolean).length).toBeGreaterThan(0);
      expect(determined.map((d) => `${s.labels[d.index]} = ${d.value}`)).toEqual([]);
    });
  }
});
