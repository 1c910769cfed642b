// The fast inbraken.csv reader (bytes -> columns -> dedupe -> link) gives exactly what the simple
// path (parseCsv + validateRows(parseIncident) + linkIncidents) gives, on one thread or two, and
// accepts/rejects the same rows as the DuckDB-SQL pipeline of the benchmark.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {describe, expect, test} from "vitest";
import {duckdbPipeline, ourPipeline, plantErrors} from "../../../bench/pipeline.js";
import {buildRegistry, readBoundaries} from "../../../loaders/delivery/areas.js";
import {decodeText, parseCsv} from "../../../loaders/delivery/csv.js";
import {linkIncidents, readDelivery} from "../../../loaders/delivery/read.js";
import {TEMPLATES, parseIncident, validateRows} from "../../../loaders/delivery/templates.js";
import {seededRng, type Rng} from "../../../src/lib/random.js";
import {TWENTE_CODES} from "../../../src/lib/twente.js";

const square = (x0: number, y0: number, size: number) => [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]];
const gebieden = JSON.stringify({
  type: "FeatureCollection",
  crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}},
  features: [
    {type: "Feature", properties: {code: "BU01530101", naam: "A"}, geometry: {type: "Polygon", coordinates: square(257000, 471000, 1000)}},
    {type: "Feature", properties: {code: "BU01640101", naam: "B"}, geometry: {type: "Polygon", coordinates: square(250000, 477000, 1000)}}
  ]
});

const HEADER = ["registratienummer", "soort", "pleegdatum_van", "pleegdatum_tot", "gemeentecode", "buurtcode", "postcode", "huisnummer", "x", "y", "lat", "lon", "werkwijze", "woningtype", "buit", "opgelost"];
const pick = <T>(rng: Rng, xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];

/** A seeded inbraken.csv full of quirks: quotes, embedded newlines, blanks, odd spaces, bad values. */
function quirkyCsv(rng: Rng, rows: number, sep: string, eol: string): string {
  const lines = [HEADER.join(sep)];
  for (let i = 0; i < rows; i++) {
    const id = rng() < 0.05 && i > 0 ? `R${Math.floor(rng() * i)}` : `R${i}`;
    const cells = [
      pick(rng, [id, id, ` ${id} `, `"${id}"`, `\u00a0${id}`, `"${id}""x"`]),
      pick(rng, ["inbraak", "poging", "Woninginbraak", "Poging tot woninginbraak", " INBRAAK ", "diefstal", ""]),
      pick(rng, ["2024-01-05 18:00", "05-01-2024", "2024-02-30", "2024-01-05T07:05:59", "1-2-2023", "", "2024-01-05\u00a0"]),
      pick(rng, ["", "", "2024-01-05 21:30", "2024-01-04", "31-12-2024"]),
      pick(rng, ["GM0153", "0164", "gm0153", "GM153", "", "", "GM0363"]),
      pick(rng, ["", "", "BU01530101", "bu01640101", "BU0153", "BU03630000"]),
      pick(rng, ["", "7511AB", "7511 ab", "75111", "0511"]),
      pick(rng, ["", "12", "12a", '"1""2"']),
      ...pick(rng, [["", ""], ["257500", "471500"], ["257500,5", "471500.25"], ["12", "34"], ["abc", "471500"], ["257500", ""], ["250500", "477500"]]),
      ...pick(rng, [["", ""], ["52.2658", "6.7935"], ["52,3", ""], ["10", "10"]]),
      pick(rng, ["", "flipperen", `"raam${sep} deur"`, `"regel${eol}nog een"`, "Café-deur"]),
      pick(rng, ["", "Tussenwoning", "vrijstaand"]),
      pick(rng, ["", "geld|sieraden"]),
      pick(rng, ["", "ja", "Nee", "misschien", "1"])
    ];
    if (rng() < 0.02) cells.pop(); // wrong field count
    lines.push(cells.join(sep));
    if (rng() < 0.02) lines.push(pick(rng, ["", "  ", sep === ";" ? "" : " "])); // blank lines
  }
  return lines.join(eol) + (rng() < 0.5 ? eol : "");
}

/** The simple reference path: d3-dsv records, the row validator and linkIncidents. */
function reference(dir: string) {
  const registry = buildRegistry(TWENTE_CODES, readBoundaries(join(dir, "gebieden.geojson")));
  const {text, encoding} = decodeText(readFileSync(join(dir, "inbraken.csv")));
  const csv = parseCsv(text, encoding);
  const validated = validateRows(csv, TEMPLATES.inbraken, parseIncident);
  const linked = linkIncidents(validated.records, validated.lines, registry);
  const rejects = [...validated.rejects, ...linked.rejects].sort((a, b) => a.line - b.line);
  for (const r of rejects) r.raw = csv.rows[csv.lines.indexOf(r.line)];
  return {incidents: linked.incidents, rejects, read: validated.read};
}

function delivery(csv: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-incidents-"));
  writeFileSync(join(dir, "inbraken.csv"), csv);
  writeFileSync(join(dir, "gebieden.geojson"), gebieden);
  return dir;
}

describe("the fast reader matches the simple path", () => {
  const cases: [string, string | Uint8Array][] = [];
  const rng = seededRng(3);
  cases.push(["UTF-8, ;, LF", quirkyCsv(rng, 1500, ";", "\n")]);
  cases.push(["UTF-8 with BOM, ,, CRLF", "\ufeff" + quirkyCsv(rng, 1500, ",", "\r\n")]);
  cases.push(["Windows-1252, ;, CRLF", iconv.encode(quirkyCsv(rng, 1500, ";", "\r\n"), "win1252")]);

  for (const [name, csv] of cases) {
    test(name, () => {
      const dir = delivery(csv);
      const expected = reference(dir);
      const d = readDelivery(dir, {maxRejectShare: 1});
      const report = d.reports.find((r) => r.file === "inbraken.csv")!;
      expect(report.read).toBe(expected.read);
      expect(d.rejects).toEqual(expected.rejects);
      expect(d.incidents).toEqual(expected.incidents);
      expect(expected.rejects.length).toBeGreaterThan(100);
      expect(expected.incidents.length).toBeGreaterThan(10);
    });
  }

  test("embedded newlines keep the starting line of each record", () => {
    const dir = delivery('registratienummer;soort;pleegdatum_van;werkwijze;gemeentecode\nR1;inbraak;2024-01-01;"a\nb\nc";GM0153\nR2;diefstal;2024-01-01;x;GM0153\n\nR1;inbraak;2024-01-01;"""q""\r\n";GM0153\n');
    const d = readDelivery(dir, {maxRejectShare: 1});
    expect(d.incidents.map((r) => [r.line, r.werkwijze])).toEqual([[2, "a\nb\nc"]]);
    expect(d.rejects.map((r) => [r.line, r.reason, r.raw])).toEqual([
      [5, "ongeldige_soort", ["R2", "diefstal", "2024-01-01", "x", "GM0153"]],
      [7, "tegenstrijdig_dubbel", ["R1", "inbraak", "2024-01-01", '"q"\r\n', "GM0153"]]
    ]);
  });
});

describe("ours and DuckDB-SQL accept and reject the same rows", () => {
  test("on a seeded demo-like file with 5% planted mistakes", async () => {
    const rng = seededRng(5);
    const rows = ["registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode;buurtcode;postcode;huisnummer;x;y;werkwijze;woningtype;buit;opgelost"];
    for (let i = 0; i < 3000; i++) {
      const day = 1 + Math.floor(rng() * 28), hour = Math.floor(rng() * 23);
      const van = `2023-03-${String(day).padStart(2, "0")} ${String(hour).padStart(2, "0")}:15`;
      const tot = rng() < 0.5 ? "" : `2023-03-${String(day).padStart(2, "0")} 23:45`;
      rows.push([`PL-${i}`, pick(rng, ["inbraak", "poging"]), van, tot, "GM0153", "BU01530101", "7511AB", "12", (257000 + rng() * 900).toFixed(1), (471000 + rng() * 900).toFixed(1), "flipperen", "tussenwoning", "geld", pick(rng, ["ja", "nee", ""])].join(";"));
    }
    const path = join(delivery(plantErrors(rows.join("\n") + "\n", seededRng(9), 0.05)), "inbraken.csv");
    const ours = ourPipeline(path);
    const duck = await duckdbPipeline(path);
    expect(ours.rejected).toBeGreaterThan(50);
    expect([ours.read, ours.accepted, ours.rejected]).toEqual([duck.read, duck.accepted, duck.rejected]);
    expect(ours.ids).toEqual(duck.ids);
    expect(ours.table.numRows).toBe(duck.table.numRows);
    expect(ours.table.getChild("start")!.toArray()).toEqual(duck.table.getChild("start")!.toArray());
    expect(ours.table.getChild("end")!.toArray()).toEqual(duck.table.getChild("end")!.toArray());
  });
});
