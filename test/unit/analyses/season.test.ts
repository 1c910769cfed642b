// Seasonality: the planted winter peak is recovered; sunset and clock-change dates; the clock-change contrast.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {seasonAnalysis} from "../../../loaders/analyses/season.js";
import {dstContrast, monthlyIndex, twoSidedP} from "../../../src/lib/hypotheses/season.js";
import {amsterdamOffset, clockChange, dstEndDay, sunsetHour} from "../../../src/lib/sun.js";
import {demoDelivery} from "../../helpers/demo.js";

const DAY = 86_400_000;

describe("sun", () => {
  test("clock changes and offsets", () => {
    expect(new Date(dstEndDay(2024) * DAY).toISOString().slice(0, 10)).toBe("2024-10-27");
    expect(new Date(dstEndDay(2023) * DAY).toISOString().slice(0, 10)).toBe("2023-10-29");
    expect(amsterdamOffset(Date.UTC(2024, 6, 1))).toBe(2);
    expect(amsterdamOffset(Date.UTC(2024, 11, 1))).toBe(1);
    expect(amsterdamOffset(Date.UTC(2024, 9, 27, 0, 59))).toBe(2);
    expect(amsterdamOffset(Date.UTC(2024, 9, 27, 1, 0))).toBe(1);
    expect(new Date(clockChange(2024, 2)).toISOString()).toBe("2024-03-31T01:00:00.000Z");
    expect(new Date(clockChange(2025, 9)).toISOString()).toBe("2025-10-26T01:00:00.000Z");
    // The offsets come from the time-zone database: before 1996 summer time ended in September,
    // which a hand-written "last Sunday of October" rule gets wrong.
    expect(amsterdamOffset(Date.UTC(1995, 9, 1))).toBe(1);
    expect(() => clockChange(1995, 9)).toThrow("no clock change in 1995-10");
  });

  test("sunset in Twente: about 16:30 at midwinter, about 22:05 at midsummer, one clock hour earlier after the change", () => {
    expect(sunsetHour(Date.UTC(2024, 11, 21) / DAY)).toBeCloseTo(16.5, 0);
    expect(sunsetHour(Date.UTC(2024, 5, 21) / DAY)).toBeGreaterThan(21.9);
    expect(sunsetHour(Date.UTC(2024, 5, 21) / DAY)).toBeLessThan(22.2);
    const change = dstEndDay(2024);
    expect(sunsetHour(change - 1) - sunsetHour(change)).toBeCloseTo(1.03, 1);
  });
});

describe("season library", () => {
  test("monthlyIndex: per day relative to the average day", () => {
    expect(monthlyIndex([{month: 1, incidents: 62, days: 31}, {month: 7, incidents: 31, days: 31}]).map((x) => Math.round(x * 10) / 10)).toEqual([133.3, 66.7]);
  });

  test("dstContrast: a known odds ratio and its Woolf interval", () => {
    const rows = [{week: "voor", hour: 17, weight: 10}, {week: "voor", hour: 3, weight: 90}, {week: "na", hour: 17, weight: 20}, {week: "na", hour: 3, weight: 80}];
    const r = dstContrast(rows, {fromHour: 17, toHour: 19})!;
    expect(r.estimate).toBeCloseTo((20 / 80) / (10 / 90), 12);
    const se = Math.sqrt(1 / 10 + 1 / 90 + 1 / 20 + 1 / 80);
    expect(r.low).toBeCloseTo(r.estimate * Math.exp(-1.959963984540054 * se), 10);
    expect(r.p).toBeCloseTo(twoSidedP(Math.log(r.estimate) / se), 12);
    expect(dstContrast(rows, {fromHour: 5, toHour: 6})).toBeNull();
    expect(() => dstContrast(rows, {fromHour: 19, toHour: 17})).toThrow(/invalid hours/);
  });

  test("twoSidedP matches the normal distribution", () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(twoSidedP(-3)).toBeCloseTo(0.0026998, 6);
  });
});

describe("season analysis", () => {
  test("the planted winter peak lies inside the 95% interval on the demo delivery", () => {
    const dir = demoDelivery();
    const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
    const result = seasonAnalysis.run({delivery: readDelivery(dir), level: "openbaar", suppressBelow: 5, tables: new Map(), truth});
    const winter = result.findings!.find((f) => f.id === "season.winter_peak")!;
    expect(winter.ci_low!).toBeLessThan(1 + truth.season.winterPeak);
    expect(winter.ci_high!).toBeGreaterThan(1 + truth.season.winterPeak);
    expect(winter.verdict).toBe("aangetoond (winterpiek)");
    const months = result.tables!.season_month.toArray().map((r) => r.toJSON());
    expect(months.reduce((a, m) => a + m.incidents, 0)).toBe(readDelivery(dir).incidents.length);
    const dst = result.tables!.season_dst.toArray().map((r) => r.toJSON());
    expect(dst).toHaveLength(48);
    expect(result.findings!.find((f) => f.id === "season.dark_evenings")!.verdict).not.toBe("niet geleverd");
  });

  test("a delivery with dates only: no hour tables, dark evenings 'niet geleverd'", () => {
    const result = seasonAnalysis.run({delivery: readDelivery(join(import.meta.dirname, "../../fixtures/minimal-delivery")), level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null});
    expect(result.tables!.season_sunset.numRows).toBe(0);
    expect(result.tables!.season_dst.numRows).toBe(0);
    expect(result.findings!.find((f) => f.id === "season.dark_evenings")!.verdict).toBe("niet geleverd");
  });

  test("times of day spanning more than a day still count as delivered times (one definition with the pipeline)", () => {
    const dir = mkdtempSync(join(tmpdir(), "season-timed-"));
    const lines = ["registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode"];
    for (let i = 0; i < 120; i++) {
      const month = String((i % 12) + 1).padStart(2, "0"), day = String((i % 25) + 1).padStart(2, "0"), next = String((i % 25) + 3).padStart(2, "0");
      lines.push(`T${i};inbraak;2024-${month}-${day} 18:30;2024-${month}-${next} 08:15;GM0153`);
    }
    writeFileSync(join(dir, "inbraken.csv"), lines.join("\n") + "\n");
    const result = seasonAnalysis.run({delivery: readDelivery(dir), level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null});
    expect(result.findings!.find((f) => f.id === "season.dark_evenings")!.verdict).not.toBe("niet geleverd");
  });
  test("a delivery that stops a week into June does not read as a quiet June", () => {
    // Two burglaries every day, no season at all, from 1 January 2024 to 7 June 2025.
    const dir = mkdtempSync(join(tmpdir(), "season-partial-"));
    const lines = ["registratienummer;soort;pleegdatum_van;gemeentecode"];
    for (let d = Date.UTC(2024, 0, 1), i = 0; d <= Date.UTC(2025, 5, 7); d += DAY) {
      const iso = new Date(d).toISOString().slice(0, 10);
      for (let k = 0; k < 2; k++) lines.push(`P${i++};inbraak;${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)};GM0153`);
    }
    writeFileSync(join(dir, "inbraken.csv"), lines.join("\n") + "\n");
    const result = seasonAnalysis.run({delivery: readDelivery(dir), level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null});
    const june = result.tables!.season_month.toArray().map((r) => r.toJSON()).find((m) => m.month === 6)!;
    expect(june.days).toBe(30 + 7);
    expect(june.index).toBe(100);
  });
});
