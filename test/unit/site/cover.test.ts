import {mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {coverLine, dutchDate} from "../../../src/lib/site.js";
import {deliveryDate} from "../../../loaders/site/delivery-date.js";

const meta = {
  level: "openbaar" as const, source: "levering-2025-06", suppress_below: 5, first_month: "2020-01", last_month: "2025-05",
  incidents: 10, delivered: "2025-06-30",
  files: [{file: "inbraken.csv", present: true}, {file: "kerncijfers.csv", present: true}, {file: "doelen.csv", present: false}]
};

describe("coverLine", () => {
  test("names the delivery date, the period, the sources delivered and the privacy rule", () => {
    const line = coverLine(meta);
    expect(line).toContain("Levering van 30 juni 2025 (levering-2025-06), periode 2020-01 t/m 2025-05.");
    expect(line).toContain("Politie");
    expect(line).toContain("CBS");
    expect(line).not.toContain("regionale stuurgroep"); // doelen.csv was not delivered
    expect(line).toContain("aantallen per gebied en periode exact");
    expect(line).toContain("aantallen van 1 tot en met 4 verborgen");
    expect(coverLine({...meta, privacy: "streng"})).toContain("Strenge privacyregel: aantallen van 1 tot en met 4 zijn verborgen");
  });
  test("the intern build says it must not be spread", () => {
    expect(coverLine({...meta, level: "intern"})).toContain("niet verspreiden");
    expect(coverLine({...meta, delivered: null, files: []})).toContain("Bronnen: zie de pagina Databronnen.");
  });
  test("dutchDate", () => {
    expect(dutchDate("2025-03-01")).toBe("1 maart 2025");
    expect(dutchDate("onbekend")).toBe("onbekend");
  });
});

describe("deliveryDate", () => {
  test("is the date of the newest file, hidden files ignored", () => {
    const dir = mkdtempSync(join(tmpdir(), "delivery-"));
    try {
      expect(deliveryDate(dir)).toBeNull();
      writeFileSync(join(dir, "a.csv"), "x");
      writeFileSync(join(dir, "b.csv"), "x");
      writeFileSync(join(dir, ".generator"), "x");
      mkdirSync(join(dir, "sub"));
      utimesSync(join(dir, "a.csv"), new Date("2025-06-30T10:00:00Z"), new Date("2025-06-30T10:00:00Z"));
      utimesSync(join(dir, "b.csv"), new Date("2025-05-01T10:00:00Z"), new Date("2025-05-01T10:00:00Z"));
      utimesSync(join(dir, ".generator"), new Date("2026-01-01T10:00:00Z"), new Date("2026-01-01T10:00:00Z"));
      expect(deliveryDate(dir)).toBe("2025-06-30");
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
