// The knox analysis: the planted near-repeat window is detected; the openbaar build publishes no
// pair counts and hides small cells; deliveries without coordinates say "niet geleverd".
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {KNOX_DISTANCE, knoxAnalysis, nearShareTest} from "../../../loaders/analyses/knox.js";
import {nearRepeatShare} from "../../../src/lib/knox.js";
import {seededRng} from "../../../src/lib/random.js";
import {demoDelivery} from "../../helpers/demo.js";

const rowsOf = (result: ReturnType<typeof knoxAnalysis.run>, name: string) => result.tables![name].toArray().map((r) => r.toJSON());
const run = (dir: string, level: "openbaar" | "intern") => knoxAnalysis.run({delivery: readDelivery(dir), level, suppressBelow: 5, tables: new Map(), truth: null});

describe("knox analysis", () => {
  const dir = demoDelivery();
  const intern = run(dir, "intern");
  const openbaar = run(dir, "openbaar");

  test("every cell within 200 m and 14 days has a Knox ratio > 1 with p < 0.05 on the demo delivery", () => {
    const near = rowsOf(intern, "knox_cells").filter((c) => c.setting === "fijn" && c.period === "alle" && c.space_upper !== null && c.space_upper <= 200 && c.time_upper !== null && c.time_upper <= 14);
    expect(near).toHaveLength(6);
    for (const c of near) {
      expect(c.ratio, `${c.space_label} x ${c.time_label}`).toBeGreaterThan(1);
      expect(c.p_value, `${c.space_label} x ${c.time_label}`).toBeLessThan(0.05);
    }
    const finding = intern.findings!.find((f) => f.id === "knox.near_repeat")!;
    expect(finding.verdict).toBe("aangetoond");
    expect(finding.estimate).toBeGreaterThan(1);
  });

  test("far cells are not raised: beyond 400 m and 28 days the ratio is close to 1", () => {
    const far = rowsOf(intern, "knox_cells").find((c) => c.setting === "fijn" && c.period === "alle" && c.space_upper === null && c.time_upper === null)!;
    expect(Math.abs(far.ratio - 1)).toBeLessThan(0.02);
  });

  test("intern cells agree: ratio = observed / expected", () => {
    for (const c of rowsOf(intern, "knox_cells").filter((c) => c.expected > 0)) expect(c.ratio).toBeCloseTo(c.observed / c.expected, 4);
  });

  test("openbaar publishes no pair counts, and hides ratio and p-value of cells with 1-4 pairs", () => {
    const pub = rowsOf(openbaar, "knox_cells");
    const all = rowsOf(intern, "knox_cells");
    expect(pub).toHaveLength(all.length);
    expect(pub.every((c) => c.observed === null && c.expected === null)).toBe(true);
    pub.forEach((c, i) => {
      const small = all[i].observed > 0 && all[i].observed < 5;
      expect(c.suppressed).toBe(small);
      if (small) expect([c.ratio, c.p_value]).toEqual([null, null]);
      else expect(c.ratio).toBeCloseTo(all[i].ratio, 6);
    });
    expect(pub.some((c) => c.suppressed)).toBe(true);
  });

  test("the same delivery gives the same tables (seeded permutations)", () => {
    expect(rowsOf(run(dir, "intern"), "knox_share")).toEqual(rowsOf(intern, "knox_share"));
  });

  test("with near repeats switched off, the near-repeat ratio is close to 1", () => {
    const off = run(demoDelivery({plant: {nearRepeat: false}}), "intern");
    const finding = off.findings!.find((f) => f.id === "knox.near_repeat")!;
    expect(finding.estimate).toBeGreaterThan(0.7);
    expect(finding.estimate).toBeLessThan(1.3);
  });

  test("a delivery without coordinates: no cells, findings 'niet geleverd'", () => {
    const result = run(join(import.meta.dirname, "../../fixtures/minimal-delivery"), "openbaar");
    expect(result.tables!.knox_cells.numRows).toBe(0);
    expect(result.findings!.map((f) => [f.id, f.verdict])).toEqual([["knox.near_repeat", "niet geleverd"], ["knox.near_repeat_share", "niet geleverd"]]);
  });

  test("nearShareTest on a hand-made case: two pairs near in space and time", () => {
    // 0-1: 50 m, 3 days (near); 2-3: 10 m, 20 days (not near in time); 4: far away.
    const points = {x: Float64Array.of(0, 50, 1000, 1010, 5000), y: Float64Array.of(0, 0, 0, 0, 0), t: Float64Array.of(0, 3, 0, 20, 1)};
    const r = nearShareTest(points, {metres: 200, days: 14, permutations: 19, seed: 1});
    expect(r.count).toBe(2);
    expect(r.share).toBeCloseTo(0.4, 12);
    expect(r.p).toBeGreaterThan(0);
    expect(r.p).toBeLessThanOrEqual(1);
  });

  test("nearShareTest counts what nearRepeatShare counts, with the metric as an explicit option", () => {
    // 0-1: 120 m east and 120 m north, 2 days apart: 170 m as the crow flies, 240 m Manhattan.
    const pair = {x: Float64Array.of(0, 120, 9000), y: Float64Array.of(0, 120, 0), t: Float64Array.of(0, 2, 0)};
    expect(KNOX_DISTANCE).toBe("euclidean");
    expect(nearShareTest(pair, {metres: 200, days: 14, permutations: 9}).count).toBe(2);
    expect(nearShareTest(pair, {metres: 200, days: 14, permutations: 9, distance: "manhattan"}).count).toBe(0);
    const rng = seededRng(3);
    const points = {x: Float64Array.from({length: 400}, () => rng() * 3000), y: Float64Array.from({length: 400}, () => rng() * 3000), t: Float64Array.from({length: 400}, () => Math.floor(rng() * 365))};
    for (const distance of ["euclidean", "manhattan"] as const) {
      const share = nearRepeatShare(points, {maxDistance: 200, maxDays: 14, distance});
      expect(share.count).toBeGreaterThan(0);
      expect(nearShareTest(points, {metres: 200, days: 14, permutations: 9, distance}).count, distance).toBe(share.count);
    }
  });
});
