// Privacy by construction: what each level publishes, tested on the tables themselves.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {describe, expect, test} from "vitest";
import {toArrowStream} from "../../../loaders/arrow.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {linesBy, suppressCounts} from "../../../loaders/pipeline/suppression.js";
import {demoDelivery} from "../../helpers/demo.js";
import {auditSuppression, suppressTable} from "../../../src/lib/privacy/index.js";

const dir = demoDelivery();
const raw = dsvFormat(";").parse(readFileSync(join(dir, "inbraken.csv"), "utf8"));
const delivery = readDelivery(dir);
// The strict mode protects every count table: the family suppression below is tested on it.
const openbaar = publish(delivery, {level: "openbaar", suppressBelow: 5, privacy: "streng"});
const standaard = publish(delivery, {level: "openbaar", suppressBelow: 5});
const intern = publish(delivery, {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
const json = (t: {toArray(): {toJSON(): Record<string, unknown>}[]}) => t.toArray().map((r) => r.toJSON());

function float64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return b;
}

/** Incident-level values that must never be published openly: ids, PC6, exact coordinates and times. */
function incidentNeedles(): {label: string; bytes: Buffer}[] {
  const needles: {label: string; bytes: Buffer}[] = [];
  for (const r of raw.slice(0, 400)) {
    needles.push({label: `registratienummer ${r.registratienummer}`, bytes: Buffer.from(r.registratienummer!)});
    if (r.postcode && r.postcode.length === 6) needles.push({label: `postcode ${r.postcode}`, bytes: Buffer.from(r.postcode)});
    needles.push({label: `x ${r.x}`, bytes: Buffer.from(r.x!)});
    needles.push({label: `x ${r.x} as float64`, bytes: float64(Number(r.x))});
    needles.push({label: `y ${r.y} as float64`, bytes: float64(Number(r.y))});
    if (r.pleegdatum_van!.length > 10) needles.push({label: `time ${r.pleegdatum_van}`, bytes: Buffer.from(r.pleegdatum_van!)});
  }
  return needles;
}

describe("openbaar (standaard policy)", () => {
  test("publishes the open count tables exactly: every figure equals the delivery's count, nothing hidden", () => {
    const months = json(standaard.tables.get("counts_month")!);
    const years = json(standaard.tables.get("counts_year")!);
    expect(months.some((r) => r.suppressed) || years.some((r) => r.suppressed)).toBe(false);
    const truth = new Map<string, number>();
    for (const r of delivery.incidents) {
      const k = `${r.gemeentecode}|${new Date(Math.floor(r.start / 1440) * 86_400_000).getUTCFullYear()}|${r.soort}`;
      truth.set(k, (truth.get(k) ?? 0) + 1);
    }
    const gm = years.filter((r) => r.area_level === "gemeente" && r.soort !== "totaal");
    expect(gm.length).toBeGreaterThan(40);
    for (const r of gm) expect(r.count, `${r.area_code} ${r.year} ${r.soort}`).toBe(truth.get(`${r.area_code}|${r.year}|${r.soort}`) ?? 0);
    // Small counts are shown where the police show them too (a municipality's month).
    expect(months.some((r) => (r.count as number) > 0 && (r.count as number) < 5)).toBe(true);
  });

  test("still protects the grid, the time profile and the attribute tables", () => {
    expect(standaard.meta.classes.counts_grid).toBe("protected");
    expect(standaard.meta.classes.time_profile).toBe("protected");
    for (const r of json(standaard.tables.get("counts_grid")!)) if (!r.suppressed) expect(r.count === 0 || (r.count as number) >= 5).toBe(true);
    const profile = json(standaard.tables.get("time_profile")!);
    expect(profile.some((r) => r.suppressed)).toBe(true);
    for (const r of profile) expect(r.suppressed ? r.weight === null : (r.weight as number) >= 5).toBe(true);
  });
});

describe("openbaar", () => {
  test("publishes no incident table and no incident-level value in any table", () => {
    expect(openbaar.tables.has("incidents")).toBe(false);
    expect(standaard.tables.has("incidents")).toBe(false);
    const needles = incidentNeedles();
    const hits: string[] = [];
    for (const [name, table] of [...openbaar.tables, ...[...standaard.tables].map(([n, t]) => [`${n} (standaard)`, t] as const)]) {
      const bytes = Buffer.from(toArrowStream(table));
      for (const n of needles) if (bytes.includes(n.bytes)) hits.push(`${name}: ${n.label}`);
    }
    expect(hits).toEqual([]);
  });

  test("shows no count from 1 to 4; a hidden count is null and flagged", () => {
    for (const name of ["counts_month", "counts_year", "counts_grid"] as const) {
      const rows = json(openbaar.tables.get(name)!);
      // The demo has small cells in every one of these tables, so the hidden branch is exercised.
      expect(rows.filter((r) => r.suppressed).length, name).toBeGreaterThan(0);
      for (const r of rows) {
        if (r.suppressed) expect(r.count).toBeNull();
        else expect(r.count === 0 || (r.count as number) >= 5, `${name} ${JSON.stringify(r)}`).toBe(true);
      }
    }
  });

  test("never leaves a hidden cell alone in a published sum (secondary suppression)", () => {
    const months = json(openbaar.tables.get("counts_month")!);
    const years = json(openbaar.tables.get("counts_year")!);
    const lonely = (records: Record<string, unknown>[], key: (r: Record<string, unknown>) => string | null) =>
      linesBy(records, key).filter((line) => line.filter((i) => records[i].suppressed).length === 1).map((line) => line.map((i) => records[i]));
    expect(lonely(months, (r) => `${r.month}|${r.soort}`)).toEqual([]);
    expect(lonely(years, (r) => `${r.area_code}|${r.year}`)).toEqual([]);
    expect(lonely(years, (r) => (r.area_level === "buurt" || r.area_level === "wijk" ? `${String(r.area_code).slice(2, 8)}|${r.year}|${r.soort}` : null))).toEqual([]);
    const year = (m: number) => new Date(m).getUTCFullYear();
    const both = [...months.filter((r) => r.area_level === "gemeente").map((r) => ({...r, year: year(r.month as number)})), ...years.filter((r) => r.area_level === "gemeente" && r.soort !== "totaal")];
    expect(lonely(both, (r) => `${r.area_code}|${r.year}|${r.soort}`)).toEqual([]);
    expect(years.some((r) => r.suppressed)).toBe(true);
  });

  test("publishes 125 m squares only where the count reaches the threshold", () => {
    const cells = json(openbaar.tables.get("counts_grid")!).filter((r) => r.cell_size === 125);
    expect(cells.every((r) => (r.count as number) >= 5)).toBe(true);
  });
});

describe("intern", () => {
  const incidents = json(intern.tables.get("incidents")!);

  test("carries every accepted incident, pseudonymised", () => {
    expect(incidents.length).toBe(delivery.incidents.length);
    expect(Object.keys(incidents[0]).sort()).toEqual(["buit", "buurtcode", "end_hour", "gemeentecode", "id", "opgelost", "soort", "start_hour", "werkwijze", "wijkcode", "woningtype", "x125", "y125"]);
    expect(new Set(incidents.map((r) => r.id)).size).toBe(incidents.length);
  });

  test("holds no registration number, postcode or unsnapped coordinate", () => {
    const bytes = Buffer.from(toArrowStream(intern.tables.get("incidents")!));
    const hits = incidentNeedles().filter((n) => !n.label.startsWith("time") && bytes.includes(n.bytes)).map((n) => n.label);
    expect(hits).toEqual([]);
    for (const r of incidents) {
      expect(((r.x125 as number) - 62) % 125).toBe(0);
      expect(((r.y125 as number) - 62) % 125).toBe(0);
    }
  });

  test("orders rows by a keyed HMAC, neither by content nor by registration number (pseudonym.test.ts)", () => {
    const starts = incidents.map((r) => r.start_hour as number);
    expect(starts).not.toEqual([...starts].sort((a, b) => a - b));
    const byRegistration = [...delivery.incidents].sort((a, b) => (a.registratienummer < b.registratienummer ? -1 : 1)).map((r) => Math.floor(r.start / 60));
    expect(starts).not.toEqual(byRegistration);
  });
});

describe("suppressCounts", () => {
  test("hides counts 1..threshold-1 and a second cell in each published sum", () => {
    const cells = [{count: 3}, {count: 9}, {count: 12}, {count: 0}];
    expect(suppressCounts(cells, 5, [[0, 1, 2]]).map((c) => c.count)).toEqual([null, null, 12, 0]);
  });
  test("prefers the smallest non-zero partner and iterates until stable", () => {
    const cells = [{count: 2}, {count: 0}, {count: 7}, {count: 6}, {count: 30}];
    const out = suppressCounts(cells, 5, [[0, 1, 2, 3], [3, 4]]).map((c) => c.suppressed);
    expect(out).toEqual([true, false, false, true, true]);
  });
  test("threshold 0 (intern) hides nothing; bad input is rejected", () => {
    expect(suppressCounts([{count: 1}], 0).map((c) => c.count)).toEqual([1]);
    expect(() => suppressCounts([{count: -1}], 5)).toThrow("invalid count: -1");
    expect(() => suppressCounts([{count: 1}], 2.5)).toThrow("invalid threshold: 2.5");
  });
});

describe("openbaar: secondary suppression spares the region's totals", () => {
  // True region counts per month and per year from the delivery, against what counts_month and counts_year show.
  const day = (minutes: number) => Math.floor(minutes / 1440);
  const monthKey = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 7);
  const trueMonth = new Map<string, number>(), trueYear = new Map<string, number>();
  for (const r of delivery.incidents) {
    const m = monthKey(day(r.start));
    for (const soort of [r.soort === "inbraak" ? "inbraak" : "poging", "totaal"]) {
      trueMonth.set(`${m}|${soort}`, (trueMonth.get(`${m}|${soort}`) ?? 0) + 1);
      trueYear.set(`${m.slice(0, 4)}|${soort}`, (trueYear.get(`${m.slice(0, 4)}|${soort}`) ?? 0) + 1);
    }
  }

  test("hides no region figure above 20, monthly or yearly", () => {
    const months = json(openbaar.tables.get("counts_month")!).filter((r) => r.area_level === "regio");
    const years = json(openbaar.tables.get("counts_year")!).filter((r) => r.area_level === "regio");
    expect(months.length).toBeGreaterThan(0);
    const hiddenMonths = months.filter((r) => r.suppressed && trueMonth.get(`${new Date(r.month as number).toISOString().slice(0, 7)}|${r.soort}`)! > 20);
    const hiddenYears = years.filter((r) => r.suppressed && trueYear.get(`${r.year}|${r.soort}`)! > 20);
    expect(hiddenMonths).toEqual([]);
    expect(hiddenYears).toEqual([]);
  });

  test("the demo's month families still pass the audit", () => {
    const gms = [...delivery.region];
    const years = [...new Set(delivery.incidents.map((r) => new Date(day(r.start) * 86_400_000).getUTCFullYear()))].sort();
    for (const y of years) {
      const labels = [...trueMonth.keys()].map((k) => k.split("|")[0]).filter((m, i, all) => m.startsWith(`${y}-`) && all.indexOf(m) === i).sort();
      const values = new Array(gms.length * labels.length * 2).fill(0);
      for (const r of delivery.incidents) {
        const m = monthKey(day(r.start));
        if (!m.startsWith(`${y}-`)) continue;
        values[(gms.indexOf(r.gemeentecode) * labels.length + labels.indexOf(m)) * 2 + (r.soort === "inbraak" ? 0 : 1)]++;
      }
      const group = {[y]: labels};
      const table = {dims: [{name: "gemeente", labels: gms}, {name: "maand", labels}, {name: "soort", labels: ["inbraak", "poging"]}], values};
      const result = suppressTable(table, {margins: [{gemeente: "all"}, {maand: group}, {maand: group, soort: "all"}, {gemeente: "all", maand: group}, {gemeente: "all", maand: group, soort: "all"}]});
      expect(auditSuppression(table, result).exposed, String(y)).toEqual([]);
    }
  });
});

describe("a sparse delivery (the minimal fixture, about 100 incidents a year)", () => {
  test("no hidden monthly count is pinned by the bounds: such a year's months are withheld, zeros included", () => {
    const {tables} = publish(readDelivery(join(import.meta.dirname, "../../fixtures/minimal-delivery")), {level: "openbaar", suppressBelow: 5, privacy: "streng"});
    const months = tables.get("counts_month")!.toArray().map((r) => r.toJSON()).filter((r) => r.area_level === "gemeente");
    const years = tables.get("counts_year")!.toArray().map((r) => r.toJSON()).filter((r) => r.area_level === "gemeente");
    const yearOf = (ms: number) => new Date(ms).getUTCFullYear();
    let withheld = 0;
    for (const y of years.filter((r) => r.soort !== "totaal")) {
      const own = months.filter((m) => m.area_code === y.area_code && m.soort === y.soort && yearOf(Number(m.month)) === y.year);
      const hidden = own.filter((m) => m.count === null).length;
      const shown = own.reduce((a, m) => a + (m.count ?? 0), 0);
      if (hidden === own.length && own.some((m) => m.count === null)) withheld++;
      if (hidden === 0) continue;
      // Each hidden month is at least 1 when zeros are shown; the year figure is exact when shown and
      // at most 4 when hidden as a small count. Pinned: the bounds leave each hidden month exactly 1.
      const zerosShown = own.some((m) => m.count === 0);
      const yearMax = y.count ?? 4;
      expect(zerosShown && yearMax - shown === hidden, `${y.area_code} ${y.year} ${y.soort}`).toBe(false);
    }
    expect(withheld).toBeGreaterThan(0); // the fixture is sparse enough to need it
  });
});
