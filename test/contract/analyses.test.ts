// Contract: the tables of the Waar/Vergelijken analyses have their declared schemas, keep every
// hidden count hidden, and the Verkennen console lists every published table.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream, type ColumnKind} from "../../loaders/arrow.js";
import {ANALYSES} from "../../loaders/analyses/index.js";
import {SCHEMAS} from "../../loaders/pipeline/tables.js";
import {tableFile} from "../../src/lib/explore.js";
import {publishedDemo, rowsOf} from "../helpers/published.js";

const ROOT = join(import.meta.dirname, "../..");
const TYPE: Record<ColumnKind, string> = {
  string: "Utf8", dict: "Dictionary<Int32, Utf8>", int16: "Int16", int32: "Int32", float64: "Float64", date: "Date32<DAY>", bool: "Bool"
};
const MINE = ["area_geometry", "grid_hotspots", "area_rates", "funnel_limits"];

describe("analysis tables for the maps and comparisons", () => {
  const openbaar = publishedDemo("openbaar").tables;
  const intern = publishedDemo("intern").tables;
  const schemas = Object.assign({}, ...ANALYSES.map((a) => a.schemas));

  for (const name of MINE) {
    test(`${name}: fields, types and nullability after an IPC round trip`, () => {
      const table = tableFromIPC(toArrowStream(openbaar.get(name)!));
      const spec = schemas[name];
      expect(table.schema.fields.map((f) => f.name)).toEqual(spec.map((c: {name: string}) => c.name));
      expect(table.schema.fields.map((f) => String(f.type))).toEqual(spec.map((c: {kind: ColumnKind}) => TYPE[c.kind]));
      expect(table.schema.fields.map((f) => f.nullable)).toEqual(spec.map((c: {nullable?: boolean}) => c.nullable ?? false));
      expect(table.numRows).toBeGreaterThan(0);
    });
  }

  test("area_rates (standaard) publishes every count exactly, as counts_year does", () => {
    const counts = new Map(rowsOf(openbaar.get("counts_year")!).map((r) => [`${r.area_code}|${r.year}|${r.soort}`, r.count]));
    const rates = rowsOf(openbaar.get("area_rates")!).filter((r) => ["inbraken", "inbraak", "poging"].includes(r.indicator));
    expect(rates.length).toBeGreaterThan(100);
    for (const r of rates) {
      expect(r.suppressed).toBe(false);
      expect(r.count).toBe(counts.get(`${r.area_code}|${r.year}|${r.indicator === "inbraken" ? "totaal" : r.indicator}`));
    }
  });

  test("area_rates (streng) publishes a count, rate and signal only where counts_year shows the count", () => {
    const strict = publishedDemo("openbaar", "streng").tables;
    const counts = new Map(rowsOf(strict.get("counts_year")!).map((r) => [`${r.area_code}|${r.year}|${r.soort}`, r.count]));
    const rates = rowsOf(strict.get("area_rates")!).filter((r) => ["inbraken", "inbraak", "poging"].includes(r.indicator));
    expect(rates.some((r) => r.suppressed)).toBe(true);
    for (const r of rates) {
      const published = counts.get(`${r.area_code}|${r.year}|${r.indicator === "inbraken" ? "totaal" : r.indicator}`);
      expect(r.count).toBe(published ?? null);
      if (r.suppressed) {
        expect([r.count, r.rate, r.eb_rate, r.signal]).toEqual([null, null, null, "verborgen"]);
      } else {
        expect(Math.abs(r.rate - (r.count / r.dwellings) * 1000)).toBeLessThanOrEqual(0.0051);
      }
    }
  });

  test("the openbaar hot-spot table carries classes only, the intern one z-scores too", () => {
    const pub = rowsOf(openbaar.get("grid_hotspots")!);
    expect(pub.every((r) => r.z === null)).toBe(true);
    expect(new Set(pub.map((r) => r.hotspot))).toContain("verborgen");
    const int = rowsOf(intern.get("grid_hotspots")!);
    expect(int.some((r) => r.z !== null)).toBe(true);
    expect(int.some((r) => r.hotspot === "verborgen")).toBe(false);
    // A class published in openbaar is the class of the true z-score.
    const truth = new Map(int.map((r) => [`${r.cell_id}|${r.year}`, r.hotspot]));
    for (const r of pub) if (r.hotspot !== "verborgen") expect(r.hotspot).toBe(truth.get(`${r.cell_id}|${r.year}`));
    // The FDR classes likewise, and they are stricter: no FDR spot where the uncorrected class is "ns".
    const fdrTruth = new Map(int.map((r) => [`${r.cell_id}|${r.year}`, r.hotspot_fdr]));
    for (const r of pub) if (r.hotspot_fdr !== "verborgen") expect(r.hotspot_fdr).toBe(fdrTruth.get(`${r.cell_id}|${r.year}`));
    for (const r of int) if (r.hotspot === "ns") expect(r.hotspot_fdr).toBe("ns");
    expect(int.filter((r) => r.hotspot_fdr !== "ns").length).toBeLessThan(int.filter((r) => r.hotspot !== "ns").length);
  });

  test("area_geometry rings are closed and cover every delivered boundary", () => {
    const rows = rowsOf(openbaar.get("area_geometry")!);
    const rings = new Map<string, {x: number; y: number}[]>();
    for (const r of rows) {
      const key = `${r.code}|${r.polygon}|${r.ring}`;
      (rings.get(key) ?? rings.set(key, []).get(key)!).push({x: r.x, y: r.y});
    }
    for (const ring of rings.values()) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect([ring[0].x, ring[0].y]).toEqual([ring[ring.length - 1].x, ring[ring.length - 1].y]);
    }
    const codes = new Set(rows.map((r) => r.code));
    const areas = rowsOf(openbaar.get("areas")!).filter((a) => a.has_boundary);
    expect(areas.length).toBeGreaterThan(0);
    for (const a of areas) expect(codes).toContain(a.code);
  });

  test("funnel limits widen as exposure falls and enclose the reference rate", () => {
    const limits = rowsOf(openbaar.get("funnel_limits")!).filter((r) => r.indicator === "inbraken" && r.area_level === "buurt" && r.year === 2023);
    const rates = rowsOf(openbaar.get("area_rates")!).find((r) => r.indicator === "inbraken" && r.area_level === "buurt" && r.year === 2023)!;
    expect(limits.length).toBeGreaterThan(10);
    for (const l of limits) {
      expect(l.lower998).toBeLessThanOrEqual(l.lower95);
      expect(l.lower95).toBeLessThanOrEqual(rates.reference_rate);
      expect(l.upper95).toBeGreaterThanOrEqual(rates.reference_rate);
      expect(l.upper998).toBeGreaterThanOrEqual(l.upper95);
    }
    expect(limits[0].upper95 - limits[0].lower95).toBeGreaterThan(limits[limits.length - 1].upper95 - limits[limits.length - 1].lower95);
  });

  test("every level is compared with the region's rate, whose numerator is the published region total", () => {
    const rates = rowsOf(openbaar.get("area_rates")!).filter((r) => r.indicator === "inbraken");
    const region = rowsOf(openbaar.get("counts_year")!).filter((r) => r.area_level === "regio" && r.soort === "totaal");
    const gemeenten = rates.filter((r) => r.area_level === "gemeente");
    for (const year of [...new Set(rates.map((r) => r.year))]) {
      const levelRefs = new Set(rates.filter((r) => r.year === year).map((r) => r.reference_rate));
      expect(levelRefs.size).toBe(1);
      const total = region.find((r) => r.year === year)?.count;
      const dwellings = gemeenten.filter((r) => r.year === year).reduce((a, r) => a + r.dwellings, 0);
      if (total !== null && total !== undefined) expect([...levelRefs][0]).toBeCloseTo((1000 * total) / dwellings, 3);
    }
  });

  test("the Verkennen console registers every published table in its front matter", () => {
    const page = readFileSync(join(ROOT, "src/verkennen.md"), "utf8");
    const front = page.split("---")[1];
    const all = [...Object.keys(SCHEMAS), ...Object.keys(schemas)];
    for (const name of all) expect(front, name).toContain(`  ${name}: ${tableFile(name)}`);
    const listed = [...front.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(all.sort());
  });
});
