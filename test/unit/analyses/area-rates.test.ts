// The funnel's reference rate may not reveal anything the published tables do not: it is the
// region's rate at every level, also when some incidents cannot be placed in a neighbourhood.
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {areaRates} from "../../../loaders/analyses/area-rates.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {THEMES} from "../../../src/lib/theme.js";
import {demoDelivery} from "../../helpers/demo.js";

describe("area rates", () => {
  test("wijken and buurten are compared with the region's rate, not their own level's total", () => {
    // A demo delivery in which every 20th incident has only its municipality (no buurt, postcode or
    // coordinates): the buurt level's own total is then smaller than the region's.
    const dir = mkdtempSync(join(tmpdir(), "inbraaklab-rates-"));
    cpSync(demoDelivery(), dir, {recursive: true});
    const [header, ...lines] = readFileSync(join(dir, "inbraken.csv"), "utf8").trimEnd().split("\n");
    const names = header.split(";");
    const blank = ["buurtcode", "postcode", "huisnummer", "x", "y"].map((n) => names.indexOf(n));
    const edited = lines.map((line, i) => (i % 20 === 0 ? line.split(";").map((v, k) => (blank.includes(k) ? "" : v)).join(";") : line));
    writeFileSync(join(dir, "inbraken.csv"), [header, ...edited].join("\n") + "\n");
    const delivery = readDelivery(dir);
    const {tables} = publish(delivery, {level: "openbaar", suppressBelow: 5});
    const result = areaRates.run({delivery, level: "openbaar", suppressBelow: 5, tables, truth: null, theme: THEMES.woninginbraak});
    const rows = result.tables!.area_rates.toArray().map((r) => r.toJSON()).filter((r) => r.indicator === "inbraken");
    const year = 2024;
    const gemeente = rows.filter((r) => r.area_level === "gemeente" && r.year === year);
    const buurt = rows.filter((r) => r.area_level === "buurt" && r.year === year);
    expect(buurt.length).toBeGreaterThan(10);
    // Every level carries the region's rate (with the old rule the buurt level had its own, lower one).
    const regionRate = gemeente[0].reference_rate;
    expect(new Set(buurt.map((r) => r.reference_rate))).toEqual(new Set([regionRate]));
    expect(new Set(gemeente.map((r) => r.reference_rate))).toEqual(new Set([regionRate]));
  });
});
