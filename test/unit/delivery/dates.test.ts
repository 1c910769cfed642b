// Plausible dates (issue 12): a pleegdatum after the peildatum (the day of the check, default
// today) or before the first year (default 2000) is rejected with its own reason, on the fast
// reader and the reference path alike, and the published period is that of the accepted rows.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {checkData} from "../../../loaders/cli/check-data.js";
import {readConfig} from "../../../loaders/config.js";
import {decodeText, parseCsv} from "../../../loaders/delivery/csv.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {TEMPLATES, parseIncident, validateRows} from "../../../loaders/delivery/templates.js";
import {dateLimits, todayInAmsterdam} from "../../../loaders/delivery/values.js";
import {publish} from "../../../loaders/pipeline/publish.js";

function delivery(csv: string): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-dates-"));
  writeFileSync(join(dir, "inbraken.csv"), csv);
  return dir;
}

const HEADER = "registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode";
// The rows (2099, 2100, 1900) among a 2023-2025 delivery.
const rows = [
  "A1;inbraak;2023-01-15;;GM0153",
  "A2;inbraak;2025-06-30 23:59;;GM0153", // on the peildatum: accepted
  "A3;poging;2000-01-01 00:00;;GM0164", // the first minute of the first year: accepted
  "B1;inbraak;01-01-2099;;GM0153",
  "B2;inbraak;15-06-2100;;GM0153",
  "B3;inbraak;01-01-1900;;GM0153",
  "B4;inbraak;1999-12-31 23:59;2000-01-01 01:00;GM0153",
  "B5;inbraak;2025-07-01 00:00;;GM0153", // the day after the peildatum
  "B6;inbraak;2025-06-30;2025-07-02;GM0153" // the window ends after the peildatum
];
const CSV = [HEADER, ...rows].join("\n") + "\n";
const EXPECTED = [
  [5, "pleegdatum_van", "datum_na_peildatum"],
  [6, "pleegdatum_van", "datum_na_peildatum"],
  [7, "pleegdatum_van", "datum_voor_beginjaar"],
  [8, "pleegdatum_van", "datum_voor_beginjaar"],
  [9, "pleegdatum_van", "datum_na_peildatum"],
  [10, "pleegdatum_tot", "datum_na_peildatum"]
];

describe("implausible pleegdata are rejected with their own reasons", () => {
  test("the fast reader", () => {
    const dir = delivery(CSV);
    const d = readDelivery(dir, {maxRejectShare: 1, peildatum: "2025-06-30"});
    expect(d.rejects.map((r) => [r.line, r.column, r.reason])).toEqual(EXPECTED);
    expect(d.incidents.map((r) => r.registratienummer)).toEqual(["A1", "A2", "A3"]);
    expect(d.reports.find((r) => r.file === "inbraken.csv")).toMatchObject({read: 9, accepted: 3, rejected: 6});
  });

  test("the reference path (validateRows + parseIncident) agrees", () => {
    const csv = parseCsv(decodeText(new TextEncoder().encode(CSV)).text);
    const limits = dateLimits({peildatum: "2025-06-30"});
    const validated = validateRows(csv, TEMPLATES.inbraken, (row) => parseIncident(row, limits));
    expect(validated.rejects.map((r) => [r.line, r.column, r.reason])).toEqual(EXPECTED);
  });

  test("the first year is configurable", () => {
    const d = readDelivery(delivery(CSV), {maxRejectShare: 1, peildatum: "2025-06-30", firstYear: 2024});
    expect(d.incidents.map((r) => r.registratienummer)).toEqual(["A2"]);
    expect(d.rejects.filter((r) => r.reason === "datum_voor_beginjaar").map((r) => r.line)).toEqual([2, 4, 7, 8]);
  });

  test("without a peildatum the day of the check is today (Europe/Amsterdam)", () => {
    const today = todayInAmsterdam();
    const d = readDelivery(delivery([HEADER, `T1;inbraak;${today} 00:00;;GM0153`, "T2;inbraak;01-01-2099;;GM0153"].join("\n")), {maxRejectShare: 1});
    expect(d.incidents.map((r) => r.registratienummer)).toEqual(["T1"]);
    expect(d.rejects.map((r) => r.reason)).toEqual(["datum_na_peildatum"]);
    expect(todayInAmsterdam(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
  });

  test("invalid settings are refused by name", () => {
    expect(() => dateLimits({peildatum: "2025-13-01"})).toThrow(/ongeldige peildatum: 2025-13-01/);
    expect(() => dateLimits({firstYear: 1800})).toThrow(/ongeldig eerste jaar: 1800/);
    expect(() => readConfig({INBRAAKLAB_PEILDATUM: "morgen"})).toThrow(/INBRAAKLAB_PEILDATUM/);
    expect(readConfig({INBRAAKLAB_PEILDATUM: "30-06-2025", INBRAAKLAB_FIRST_YEAR: "2010"})).toMatchObject({peildatum: "2025-06-30", firstYear: 2010});
    expect(readConfig({})).toMatchObject({peildatum: undefined, firstYear: 2000});
  });
});

describe("check-data and the published period", () => {
  test("check-data takes --peildatum and --eerste-jaar", () => {
    const dir = delivery(CSV);
    const q = mkdtempSync(join(tmpdir(), "inbraaklab-dates-q-"));
    const result = checkData([dir, "--peildatum", "2025-06-30", "--max-afkeur", "1", "--quarantaine", join(q, "out"), "--json"]);
    const json = JSON.parse(result.output);
    expect(json.rejects.map((r: {reason: string}) => r.reason)).toEqual(EXPECTED.map((e) => e[2]));
    const later = JSON.parse(checkData([dir, "--peildatum", "2100-12-31", "--eerste-jaar", "1900", "--max-afkeur", "1", "--quarantaine", join(q, "out"), "--json"]).output);
    expect(later.rejects).toEqual([]);
    expect(checkData([dir, "--peildatum", "gisteren"]).output).toMatch(/^Fout: ongeldige peildatum: gisteren/);
  });

  test("the published period is the accepted data's, not 1900-01 t/m 2100-06", () => {
    const d = readDelivery(delivery(CSV), {maxRejectShare: 1, peildatum: "2025-06-30", firstYear: 2023});
    const {meta} = publish(d, {level: "openbaar", suppressBelow: 5});
    expect([meta.first_month, meta.last_month]).toEqual(["2023-01", "2025-06"]);
  });
});
