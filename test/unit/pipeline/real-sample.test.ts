// The real police export (../shared/data/reference/real-mik: the public incident map for Twente,
// dates and PC4 only) through the whole pipeline with the default policy: the open tables show the
// delivery's own counts, computed here independently from the CSV, and nothing is withheld.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {describe, expect, test} from "vitest";
import {readConfig} from "../../../loaders/config.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {gateTables} from "../../../loaders/pipeline/gate.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../../loaders/pipeline/run.js";
import {MonthIndex, periodSumMixed, type MonthRow, type YearRow} from "../../../src/lib/overview.js";
import {defaultFilters} from "../../../src/lib/filters.js";
import {TWENTE_CODES} from "../../../src/lib/twente.js";
import {deliveryTimes} from "../../../src/lib/when.js";
import {referenceDir} from "../../helpers/reference.js";
import {rowsOf} from "../../helpers/published.js";

const dir = referenceDir("real-mik");

describe.skipIf(!dir)("the real police sample with the default policy", () => {
  const csv = dsvFormat(";").parse(readFileSync(join(dir!, "inbraken.csv"), "utf8"));
  // Independent counts: region rows by municipality, year, month and soort.
  const inRegion = csv.filter((r) => TWENTE_CODES.includes(r.gemeentecode!));
  const monthOf = (r: (typeof csv)[number]) => `${r.pleegdatum_van!.slice(6, 10)}-${r.pleegdatum_van!.slice(3, 5)}`;
  const soortOf = (r: (typeof csv)[number]) => (r.soort!.startsWith("Poging") ? "poging" : "inbraak");
  const count = (pred: (r: (typeof csv)[number]) => boolean) => inRegion.filter(pred).length;

  const delivery = readDelivery(dir!);
  const config = {...readConfig({}), dataDir: dir!};
  const {tables, meta} = publish(delivery, {level: "openbaar", suppressBelow: 5});
  runAnalyses(delivery, tables, config, dir!);
  const months = rowsOf(tables.get("counts_month")!);
  const years = rowsOf(tables.get("counts_year")!);

  test("accounts for every row: the region's rows are accepted, the rest rejected", () => {
    const report = delivery.reports.find((r) => r.file === "inbraken.csv")!;
    expect(report.read).toBe(csv.length);
    expect(report.accepted + report.rejected).toBe(report.read);
    expect(report.accepted).toBe(inRegion.length);
  });

  test("every month of the region's series equals the CSV's count, per soort", () => {
    const regio = months.filter((r) => r.area_code === "regio");
    expect(regio.length).toBe(2 * 39);
    for (const r of regio) {
      const m = new Date(r.month).toISOString().slice(0, 7);
      expect(r.count, `${m} ${r.soort}`).toBe(count((c) => monthOf(c) === m && soortOf(c) === r.soort));
    }
    expect(months.some((r) => r.suppressed)).toBe(false);
  });

  test("every municipality's yearly figures equal the CSV's counts", () => {
    const gm = years.filter((r) => r.area_level === "gemeente");
    expect(gm.length).toBe(14 * 4 * 3);
    for (const r of gm) {
      const want = count((c) => c.gemeentecode === r.area_code && c.pleegdatum_van!.slice(6, 10) === String(r.year) && (r.soort === "totaal" || soortOf(c) === r.soort));
      expect(r.count, `${r.area_code} ${r.year} ${r.soort}`).toBe(want);
    }
    expect(years.some((r) => r.suppressed)).toBe(false);
  });

  test("Overzicht's default figure (the last 12 months of the region) is the CSV's, exact", () => {
    const domain = {months: [...new Set(months.map((r) => new Date(r.month).toISOString().slice(0, 7)))].sort(), gemeenten: []};
    const filters = defaultFilters(domain);
    const index = new MonthIndex(months as MonthRow[]);
    const yearRows = years.filter((r) => r.area_level === "gemeente") as YearRow[];
    const shown = periodSumMixed(index, yearRows, {from: filters.from, to: filters.to, area: "regio", soort: "alle"});
    const want = count((c) => monthOf(c) >= filters.from && monthOf(c) <= filters.to);
    expect(want).toBeGreaterThan(600);
    expect(shown).toMatchObject({value: want, suppressed: false});
    for (const gm of TWENTE_CODES) {
      const s = periodSumMixed(index, yearRows, {from: filters.from, to: filters.to, area: gm, soort: "poging"});
      expect(s.value, gm).toBe(count((c) => c.gemeentecode === gm && soortOf(c) === "poging" && monthOf(c) >= filters.from && monthOf(c) <= filters.to));
    }
  });

  test("counts per PC4 and month add up to the municipality's months", () => {
    const pc4 = rowsOf(tables.get("counts_pc4")!);
    expect(new Set(pc4.map((r) => r.pc4)).size).toBeGreaterThan(40);
    const sum = new Map<string, number>();
    for (const r of pc4) sum.set(`${r.gemeentecode}|${r.month}|${r.soort}`, (sum.get(`${r.gemeentecode}|${r.month}|${r.soort}`) ?? 0) + r.count);
    for (const r of months.filter((m) => m.area_code !== "regio")) expect(sum.get(`${r.area_code}|${r.month}|${r.soort}`) ?? 0).toBe(r.count);
  });

  test("is recognised as a delivery of dates only, and passes the privacy gate", () => {
    expect(meta.incidents_with_time).toBe(0);
    // It starts on 20 April 2023 and stops on 7 June 2026: both end months are partial.
    const days = inRegion.map((c) => c.pleegdatum_van!.split("-").reverse().join("-")).sort();
    expect([days[0].slice(8), days.at(-1)!.slice(8)]).toEqual(["20", "07"]);
    expect(meta.partial_months).toEqual([days[0].slice(0, 7), days.at(-1)!.slice(0, 7)]);
    expect(deliveryTimes(meta).hasTimes).toBe(false);
    const accounts = gateTables(tables, {level: "openbaar", mode: "standaard", threshold: 5});
    expect(accounts.find((a) => a.table === "counts_month")).toMatchObject({class: "open", hidden: 0});
    expect(accounts.find((a) => a.table === "time_profile")!.hidden).toBeGreaterThan(0);
  });
});
