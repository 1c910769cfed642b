// Unusable is unusable (issue 12): a header-only inbraken.csv, UTF-16, overlong fields and
// duplicate keys with other content.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {checkData} from "../../../loaders/cli/check-data.js";
import {decodeText, parseCsv} from "../../../loaders/delivery/csv.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {MAX_FIELD_LENGTH, TEMPLATES, parseIncident, validateRows} from "../../../loaders/delivery/templates.js";

function delivery(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-unusable-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const check = (dir: string, ...args: string[]) => checkData([dir, "--quarantaine", join(mkdtempSync(join(tmpdir(), "inbraaklab-q-")), "q"), ...args]);

const HEADER = "registratienummer;soort;pleegdatum_van;gemeentecode;werkwijze";
const CSV = [HEADER, "R1;inbraak;2024-01-05;GM0153;raam geforceerd", "R2;poging;05-01-2024;GM0164;Café-deur"].join("\r\n") + "\r\n";

describe("an inbraken.csv without rows is NIET BRUIKBAAR", () => {
  test("header only", () => {
    const result = check(delivery({"inbraken.csv": HEADER + "\n"}));
    expect(result.usable).toBe(false);
    expect(result.output).toContain("inbraken.csv: 0 gelezen = 0 geaccepteerd + 0 afgekeurd");
    expect(result.output).toContain("Oordeel: NIET BRUIKBAAR");
    expect(result.output).toContain("inbraken.csv: het bestand bevat alleen een kopregel en geen enkele inbraak");
  });

  test("every row rejected, even when the reject share allows it", () => {
    const result = check(delivery({"inbraken.csv": HEADER + "\nR1;diefstal;2024-01-05;GM0153;x\n"}), "--max-afkeur", "1");
    expect(result.usable).toBe(false);
    expect(result.output).toContain("geen enkele rij is geaccepteerd (1 gelezen, alle afgekeurd)");
  });
});

describe("UTF-16", () => {
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(CSV, "utf16le")]);
  const be = new Uint8Array(Buffer.from(CSV, "utf16le").swap16());
  const beBom = new Uint8Array([0xfe, 0xff, ...be]);

  for (const [name, bytes, encoding] of [["LE", le, "utf-16le"], ["BE", beBom, "utf-16be"]] as const) {
    test(`with a BOM (${name}) is decoded like UTF-8, in inbraken.csv and the other templates`, () => {
      const doelen = "gebied;jaar;indicator;doelwaarde\r\nregio;2025;inbraken;700\r\n";
      const doelenBytes = name === "LE" ? new Uint8Array([0xff, 0xfe, ...Buffer.from(doelen, "utf16le")]) : new Uint8Array([0xfe, 0xff, ...Buffer.from(doelen, "utf16le").swap16()]);
      const d = readDelivery(delivery({"inbraken.csv": bytes, "doelen.csv": doelenBytes}));
      const utf8 = readDelivery(delivery({"inbraken.csv": CSV}));
      expect(d.errors).toEqual([]);
      expect(d.incidents).toEqual(utf8.incidents);
      expect(d.incidents.map((r) => r.werkwijze)).toEqual(["raam geforceerd", "Café-deur"]);
      expect(d.reports.find((r) => r.file === "inbraken.csv")).toMatchObject({read: 2, accepted: 2, encoding});
      expect(d.reports.find((r) => r.file === "doelen.csv")).toMatchObject({read: 1, accepted: 1, encoding});
    });
  }

  test("without a BOM is refused naming UTF-16, not as binary data", () => {
    for (const bytes of [new Uint8Array(Buffer.from(CSV, "utf16le")), new Uint8Array(be)]) {
      const result = check(delivery({"inbraken.csv": bytes}));
      expect(result.usable).toBe(false);
      expect(result.output).toContain("inbraken.csv: het bestand lijkt UTF-16-tekst zonder byte-order-markering (BOM)");
      expect(result.output).not.toContain("binaire gegevens");
      expect(result.output).not.toContain("inbraken.csv: niet geleverd"); // delivered, but unreadable
    }
  });

  test("a UTF-16 BOM before invalid UTF-16 is named as such", () => {
    const result = check(delivery({"inbraken.csv": new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00])}));
    expect(result.output).toContain("inbraken.csv: het bestand begint met een UTF-16 LE-markering maar is geen geldige UTF-16-tekst");
  });

  test("real binary data is still called binary", () => {
    expect(check(delivery({"inbraken.csv": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00])})).output).toContain("binaire gegevens");
  });
});

describe("fields over MAX_FIELD_LENGTH characters are rejected per row", () => {
  const long = "é".repeat(MAX_FIELD_LENGTH + 1); // 1,001 characters, 2,002 bytes
  const edge = "x".repeat(MAX_FIELD_LENGTH);
  const csv = [HEADER, `R1;inbraak;2024-01-05;GM0153;${edge}`, `R2;inbraak;2024-01-05;GM0153;"${long}"`, `R3;inbraak;2024-01-05;GM0153;"a""${"b".repeat(MAX_FIELD_LENGTH)}"`, "R4;inbraak;2024-01-05;GM0153;kort"].join("\n");

  test("on the fast reader and the reference path, with the length as the value", () => {
    expect(MAX_FIELD_LENGTH).toBe(1000);
    const d = readDelivery(delivery({"inbraken.csv": csv}), {maxRejectShare: 1});
    expect(d.rejects.map((r) => [r.line, r.column, r.reason, r.value])).toEqual([
      [3, "werkwijze", "veld_te_lang", "1001 tekens"],
      [4, "werkwijze", "veld_te_lang", "1002 tekens"]
    ]);
    expect(d.incidents.map((r) => r.registratienummer)).toEqual(["R1", "R4"]);
    const reference = validateRows(parseCsv(decodeText(new TextEncoder().encode(csv)).text), TEMPLATES.inbraken, parseIncident);
    expect(reference.rejects.map((r) => [r.line, r.column, r.reason, r.value])).toEqual(d.rejects.map((r) => [r.line, r.column, r.reason, r.value]));
  });

  test("in the other templates too, and the quarantine keeps no more than the limit of a cell", () => {
    const dir = delivery({"inbraken.csv": CSV, "campagnes.csv": `naam;gemeentecode;startdatum;einddatum\n${"c".repeat(50_000)};regio;2023-10-01;2024-03-31\nKort;regio;2023-10-01;2024-03-31\n`});
    const q = join(mkdtempSync(join(tmpdir(), "inbraaklab-q-")), "q");
    const result = checkData([dir, "--quarantaine", q, "--max-afkeur", "1"]);
    expect(result.delivery!.reports.find((r) => r.file === "campagnes.csv")).toMatchObject({read: 2, accepted: 1, byReason: {veld_te_lang: 1}});
    const quarantined = readFileSync(join(q, "campagnes.csv"), "utf8");
    expect(quarantined.length).toBeLessThan(2 * MAX_FIELD_LENGTH);
    expect(quarantined).toContain("… (ingekort, 50000 tekens)");
  });
});

describe("a repeated key with other content is tegenstrijdig_dubbel", () => {
  const csv = [HEADER, "R1;inbraak;2024-01-05;GM0153;raam", "R1;inbraak;2024-01-05;GM0153;raam", " R1 ;inbraak;2024-01-05; GM0153;raam ", "R1;inbraak;2024-01-06;GM0153;raam", "R2;poging;2024-01-05;GM0153;", "R2;poging;2024-01-05;GM0164;"].join("\n");

  test("exact repeats (after trimming) stay dubbel; the fast reader and the reference path agree", () => {
    const expected = [[3, "dubbel"], [4, "dubbel"], [5, "tegenstrijdig_dubbel"], [7, "tegenstrijdig_dubbel"]];
    const dir = delivery({"inbraken.csv": csv});
    const d = readDelivery(dir, {maxRejectShare: 1});
    expect(d.rejects.map((r) => [r.line, r.reason])).toEqual(expected);
    expect(d.reports[1]).toMatchObject({file: "inbraken.csv", read: 6, accepted: 2, rejected: 4, byReason: {dubbel: 2, tegenstrijdig_dubbel: 2}});
    const reference = validateRows(parseCsv(csv), TEMPLATES.inbraken, parseIncident);
    expect(reference.rejects.map((r) => [r.line, r.reason])).toEqual(expected);
  });
});

describe("odd GeoJSON is a file error, not a crash (found by the fuzz test)", () => {
  test("null, a feature that is null", () => {
    for (const geojson of ["null", '{"type": "FeatureCollection", "features": [null]}', "42"]) {
      const d = readDelivery(delivery({"gebieden.geojson": geojson, "inbraken.csv": CSV}));
      expect(d.errors.map((e) => e.file)).toEqual(["gebieden.geojson"]);
    }
  });
});

describe("check-data --out writes the report to a file (pipeable without npm's banner)", () => {
  test("--json --out: the file parses as JSON, the screen gets one line", () => {
    const out = join(mkdtempSync(join(tmpdir(), "inbraaklab-out-")), "verslag.json");
    const result = check(delivery({"inbraken.csv": CSV}), "--json", "--out", out);
    expect(result.output).toBe(`Oordeel: BRUIKBAAR; het verslag staat in ${out}`);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.usable).toBe(true);
    expect(json.files.map((f: {file: string}) => f.file)).toContain("inbraken.csv");
  });

  test("an unwritable --out is an error that names the option", () => {
    const result = check(delivery({"inbraken.csv": CSV}), "--out", join(tmpdir(), "bestaat-niet", "x", "verslag.txt"));
    expect(result.usable).toBe(false);
    expect(result.output).toContain("(--out)");
  });
});

describe("check-data --out overwrites only its own earlier reports", () => {
  test("inside the delivery folder, a folder, or a file that is not a report: refused, nothing written", () => {
    const dir = delivery({"inbraken.csv": CSV});
    const other = join(mkdtempSync(join(tmpdir(), "inbraaklab-out-")), "aantekeningen.txt");
    writeFileSync(other, "mijn aantekeningen\n");
    for (const [out, reason] of [
      [join(dir, "inbraken.csv"), "ligt in de leveringsmap"],
      [join(dir, "verslag.json"), "ligt in de leveringsmap"],
      [dir, "ligt in de leveringsmap"],
      [tmpdir(), "is een map"],
      [other, "bestaat al en is geen verslag van check-data"]
    ] as const) {
      const result = check(dir, "--json", "--out", out);
      expect(result.usable, out).toBe(false);
      expect(result.output, out).toContain(reason);
      expect(result.output, out).toContain("(--out)");
    }
    expect(readFileSync(join(dir, "inbraken.csv"), "utf8")).toBe(CSV);
    expect(readFileSync(other, "utf8")).toBe("mijn aantekeningen\n");
  });

  test("an earlier report (readable or JSON) is overwritten; a sibling folder named like the delivery is outside it", () => {
    const dir = delivery({"inbraken.csv": CSV});
    const out = join(mkdtempSync(join(tmpdir(), "inbraaklab-out-")), "verslag.txt");
    expect(check(dir, "--out", out).usable).toBe(true);
    expect(readFileSync(out, "utf8")).toMatch(/^Controle van levering: /);
    expect(check(dir, "--json", "--out", out).usable).toBe(true);
    expect(JSON.parse(readFileSync(out, "utf8")).usable).toBe(true);
    expect(check(dir, "--out", out).usable).toBe(true);
    expect(check(dir, "--out", `${dir}-verslag.txt`).usable).toBe(true);
  });
});
