// Property-based fuzzing of the delivery reader (issue 12), with fast-check: random rows in random
// encodings, separators and line ends, and random bytes, never crash the reader; every file always
// reconciles (rows read = accepted + rejected, and the reasons add up), also with random GeoJSON; the fast inbraken.csv reader
// agrees with the reference path; and check-data changes no file outside its quarantine.
// Seeded for reproducible runs; set INBRAAKLAB_FUZZ_SEED to explore other inputs.
import {createHash} from "node:crypto";
import {lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import {afterAll, describe, expect, test} from "vitest";
import {checkData} from "../../../loaders/cli/check-data.js";
import {buildRegistry} from "../../../loaders/delivery/areas.js";
import {decodeText, parseCsv, utf16AsUtf8} from "../../../loaders/delivery/csv.js";
import {linkIncidents, readDelivery, type Delivery} from "../../../loaders/delivery/read.js";
import {TEMPLATES, parseIncident, validateRows} from "../../../loaders/delivery/templates.js";
import {dateLimits} from "../../../loaders/delivery/values.js";
import {TWENTE_CODES} from "../../../src/lib/twente.js";

const SEED = Number(process.env.INBRAAKLAB_FUZZ_SEED ?? 1212);
const PEILDATUM = "2025-06-30";
const ROOT = mkdtempSync(join(tmpdir(), "inbraaklab-fuzz-"));
afterAll(() => rmSync(ROOT, {recursive: true, force: true}));
let counter = 0;

function delivery(files: Record<string, Uint8Array | string>): string {
  const dir = join(ROOT, `d${counter++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The invariants every delivery read must keep, whatever its input. */
function assertAccounted(d: Delivery): void {
  for (const r of d.reports) {
    expect(r.read, r.file).toBe(r.accepted + r.rejected);
    expect(Object.values(r.byReason).reduce((a, b) => a + (b ?? 0), 0), r.file).toBe(r.rejected);
    expect(d.rejects.filter((x) => x.file === r.file).length, r.file).toBe(r.rejected);
    if (!r.present) expect(r.read, r.file).toBe(0);
  }
  const inbraken = d.reports.find((r) => r.file === "inbraken.csv")!;
  if (!inbraken.error) expect(d.incidents.length).toBe(inbraken.accepted);
  for (const x of d.rejects) expect(x.line).toBeGreaterThanOrEqual(2);
}

// Cells: plausible values, near misses and hostile text.
const cellPool = fc.oneof(
  fc.constantFrom("", " ", "inbraak", "poging", "Woninginbraak", "diefstal", "2024-01-05", "05-01-2024 18:00", "2024-02-30", "01-01-2099", "1999-12-31",
    "2025-06-30 23:59", "2025-07-01", "GM0153", "gm0164", "GM0363", "BU01530101", "7511AB", "7511 ab", "257500", "471500,5", "-12", "52.2658", "6.7935",
    "ja", "nee", "misschien", "=cmd|' /C calc'!A0", "@SUM(A1)", "+31", "Café-deur", "geld|sieraden", "R1", "R2", '"', '""', ";", ",", "\n", "\r\n", "\t"),
  fc.string({maxLength: 12}),
  fc.string({unit: "grapheme", maxLength: 8}),
  fc.nat({max: 1200}).map((n) => "x".repeat(n))
);
const COLUMNS = ["registratienummer", "soort", "pleegdatum_van", "pleegdatum_tot", "gemeentecode", "buurtcode", "postcode", "x", "y", "lat", "lon", "werkwijze", "buit", "opgelost"];
const headerArb = fc.oneof(
  {weight: 4, arbitrary: fc.constant(COLUMNS)},
  {weight: 2, arbitrary: fc.shuffledSubarray(COLUMNS, {minLength: 1}).map((cols) => [...new Set(["registratienummer", "soort", "pleegdatum_van", ...cols])])},
  {weight: 1, arbitrary: fc.shuffledSubarray(COLUMNS, {minLength: 1})},
  {weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...COLUMNS, "REGISTRATIENUMMER ", "\ufeffsoort", "extra"), fc.string({maxLength: 6})), {minLength: 1, maxLength: 8})}
);

/** A CSV field written the way a spreadsheet might: quoted when needed (or at random), else bare. */
const quoteField = (cell: string, sep: string, force: boolean) => (force || /["\n\r]/.test(cell) || cell.includes(sep) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Mostly plausible values per column, so that many random rows are accepted and many rejected. */
const PLAUSIBLE: Record<string, string[]> = {
  registratienummer: ["R1", "R2", "R3", "R4", "R5", " R1 "],
  soort: ["inbraak", "poging", "Woninginbraak", "Poging tot woninginbraak"],
  pleegdatum_van: ["2024-01-05", "05-01-2024 18:00", "2023-12-31 23:59", "2025-06-30"],
  pleegdatum_tot: ["", "", "2024-01-06", "2025-06-30 23:59"],
  gemeentecode: ["GM0153", "0164", "GM0141", ""],
  buurtcode: ["", "", "BU01530101", "BU01640101"],
  postcode: ["", "7511AB", "7511"],
  x: ["", "", "257500"],
  y: ["", "", "471500"],
  werkwijze: ["", "flipperen", "raam; deur", "=cmd|' /C calc'!A0"],
  buit: ["", "geld|sieraden"],
  opgelost: ["", "ja", "nee"]
};
const cellFor = (column: string) => fc.oneof({weight: 6, arbitrary: fc.constantFrom(...(PLAUSIBLE[column.trim().toLowerCase()] ?? [""]))}, {weight: 1, arbitrary: cellPool});
const rowFor = (header: string[]) =>
  fc.oneof(
    {weight: 8, arbitrary: fc.tuple(...header.map(cellFor)).map((cells) => ({cells: cells as string[], pad: false}))},
    {weight: 1, arbitrary: fc.record({cells: fc.array(cellPool, {maxLength: 16}), pad: fc.boolean()})}
  );

const fileArb = headerArb.chain((header) => fc.record({
  header: fc.constant(header),
  rows: fc.array(fc.record({row: rowFor(header), quote: fc.boolean()}).map(({row, quote}) => ({...row, quote})), {maxLength: 25}),
  sep: fc.constantFrom(";", ","),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  trailing: fc.boolean(),
  encoding: fc.constantFrom("utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be")
})).map(({header, rows, sep, eol, trailing, encoding}) => {
  const lines = [header.map((h) => quoteField(h, sep, false)).join(sep)];
  for (const r of rows) {
    const cells = r.pad ? Array.from({length: header.length}, (_, i) => r.cells[i] ?? "") : r.cells;
    lines.push(cells.map((c) => quoteField(c, sep, r.quote)).join(sep));
  }
  const text = lines.join(eol) + (trailing ? eol : "");
  let bytes: Uint8Array;
  if (encoding === "utf-8") bytes = Buffer.from(text, "utf8");
  else if (encoding === "utf-8-bom") bytes = Buffer.from("\ufeff" + text, "utf8");
  else if (encoding === "windows-1252") bytes = iconv.encode(text, "win1252");
  else {
    const le = Buffer.from("\ufeff" + text, "utf16le");
    bytes = encoding === "utf-16le" ? le : Buffer.from(le).swap16();
  }
  return {text, bytes: new Uint8Array(bytes), encoding};
});

describe("the delivery reader under random input", () => {
  test("random rows in random encodings: no crash, every file reconciles, fast reader = reference path", () => {
    const limits = dateLimits({peildatum: PEILDATUM});
    fc.assert(
      fc.property(fileArb, (file) => {
        const dir = delivery({"inbraken.csv": file.bytes});
        const d = readDelivery(dir, {maxRejectShare: 1, peildatum: PEILDATUM});
        assertAccounted(d);
        const report = d.reports.find((r) => r.file === "inbraken.csv")!;
        {
          // The reference path: d3-dsv records, the row validator and linkIncidents (UTF-16 as the reader re-encodes it).
          const utf16 = utf16AsUtf8(file.bytes);
          const csv = parseCsv(decodeText(utf16 && "bytes" in utf16 ? utf16.bytes : file.bytes).text);
          let reference: {read: number; rejects: [number, string][]; accepted: string[]} | "error";
          try {
            const validated = validateRows(csv, TEMPLATES.inbraken, (row) => parseIncident(row, limits));
            const linked = linkIncidents(validated.records, validated.lines, buildRegistry(TWENTE_CODES));
            reference = {
              read: validated.read,
              rejects: [...validated.rejects, ...linked.rejects].sort((a, b) => a.line - b.line).map((r) => [r.line, r.reason]),
              accepted: linked.incidents.map((r) => r.registratienummer)
            };
          } catch {
            reference = "error"; // a missing required column
          }
          if (reference === "error" || !csv.header.length) expect(report.error).not.toBeNull();
          else {
            expect(report.read).toBe(reference.read);
            expect(d.rejects.map((r) => [r.line, r.reason])).toEqual(reference.rejects);
            expect(d.incidents.map((r) => r.registratienummer)).toEqual(reference.accepted);
          }
        }
      }),
      {seed: SEED, numRuns: 200}
    );
  });

  test("random bytes as any template file: no crash, every file reconciles", () => {
    const names = ["inbraken.csv", "whatsapp_groepen.csv", "doelen.csv", "kerncijfers.csv", "gebieden.geojson"];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(fc.uint8Array({maxLength: 400}), fc.string({maxLength: 200}).map((s) => new Uint8Array(Buffer.from(s, "utf8")))), (name, bytes) => {
        const files: Record<string, Uint8Array | string> = {[name]: bytes};
        if (name !== "inbraken.csv") files["inbraken.csv"] = "registratienummer;soort;pleegdatum_van;gemeentecode\nR1;inbraak;2024-01-05;GM0153\n";
        const d = readDelivery(delivery(files), {maxRejectShare: 1, peildatum: PEILDATUM});
        assertAccounted(d);
      }),
      {seed: SEED, numRuns: 300}
    );
  });

  test("random GeoJSON as gebieden.geojson: no crash, every file reconciles", () => {
    const coordinate = fc.tuple(fc.oneof(fc.double({noNaN: false}), fc.integer({min: 200000, max: 300000}), fc.double({min: 6, max: 7})), fc.oneof(fc.double(), fc.integer({min: 440000, max: 500000}), fc.double({min: 52, max: 53})));
    const ring = fc.array(coordinate, {maxLength: 6});
    const geometry = fc.oneof(
      fc.record({type: fc.constant("Polygon"), coordinates: fc.array(ring, {maxLength: 2})}),
      fc.record({type: fc.constant("MultiPolygon"), coordinates: fc.array(fc.array(ring, {maxLength: 2}), {maxLength: 2})}),
      fc.record({type: fc.constantFrom("Point", "LineString", "x"), coordinates: fc.jsonValue()}),
      fc.constant(null)
    );
    const feature = fc.record({
      type: fc.constantFrom("Feature", "feature"),
      properties: fc.oneof(fc.record({code: fc.constantFrom("GM0153", "BU01530101", "WK015301", "BU01640101", "XX", ""), naam: fc.oneof(fc.string({maxLength: 5}), fc.constant(null))}), fc.jsonValue()),
      geometry
    });
    const collection = fc.record({
      type: fc.constantFrom("FeatureCollection", "Feature"),
      crs: fc.constantFrom(undefined, {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}}, {type: "name"}),
      features: fc.oneof(fc.array(feature, {maxLength: 4}), fc.jsonValue())
    });
    fc.assert(
      fc.property(fc.oneof({weight: 4, arbitrary: collection}, {weight: 1, arbitrary: fc.jsonValue()}), (geojson) => {
        const dir = delivery({
          "gebieden.geojson": JSON.stringify(geojson) ?? "null",
          "inbraken.csv": "registratienummer;soort;pleegdatum_van;x;y\nR1;inbraak;2024-01-05;257500;471500\nR2;inbraak;2024-01-05;250500;477500\n"
        });
        assertAccounted(readDelivery(dir, {maxRejectShare: 1, peildatum: PEILDATUM}));
      }),
      {seed: SEED, numRuns: 200}
    );
  });
});

/** Every file under `dir` with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (lstatSync(path).isDirectory()) out.set(relative(dir, path) + "/", "dir"), walk(path);
      else out.set(relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

describe("check-data under random input", () => {
  test("changes no file outside its quarantine folder", () => {
    fc.assert(
      fc.property(fileArb, fc.boolean(), (file, again) => {
        const parent = mkdtempSync(join(ROOT, "p-"));
        const dir = join(parent, "levering");
        mkdirSync(dir);
        writeFileSync(join(dir, "inbraken.csv"), file.bytes);
        const q = join(parent, "quarantaine");
        const before = snapshot(parent);
        checkData([dir, "--quarantaine", q, "--max-afkeur", "1", "--peildatum", PEILDATUM]);
        if (again) checkData([dir, "--quarantaine", q, "--max-afkeur", "1", "--peildatum", PEILDATUM]);
        const outside = (m: Map<string, string>) => [...m].filter(([p]) => !p.startsWith("quarantaine"));
        expect(outside(snapshot(parent))).toEqual(outside(before));
        expect(readdirSync(parent).filter((n) => n.includes(".tmp-") || n.includes(".old-"))).toEqual([]);
      }),
      {seed: SEED, numRuns: 40}
    );
  });
});
