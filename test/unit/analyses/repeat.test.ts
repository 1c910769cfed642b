// Repeat victimisation: a hand-computed case, the demo delivery and the privacy rule.
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {buildTable} from "../../../loaders/arrow.js";
import {readDelivery, type Delivery} from "../../../loaders/delivery/read.js";
import {repeatAnalysis, wilson} from "../../../loaders/analyses/repeat.js";
import {SCHEMAS} from "../../../loaders/pipeline/tables.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {demoDelivery} from "../../helpers/demo.js";

const areas = (dwellings: number) => new Map([["areas", buildTable(SCHEMAS.areas, {code: ["GM0153"], name: ["Enschede"], level: ["gemeente"], gemeentecode: ["GM0153"], dwellings: [dwellings], inhabitants: [1], has_boundary: Uint8Array.of(0)})]]);
const incident = (day: number, pc6: string, huisnummer: string) => ({start: day * 1440 + 600, end: day * 1440 + 600, pc6, huisnummer, x: NaN, y: NaN});

describe("repeat analysis", () => {
  test("hand-computed: one repeat after 10 days, none after 390 days; expected under equal risk", () => {
    const delivery = {incidents: [incident(0, "7511AB", "1"), incident(0, "7511AB", "3"), incident(10, "7511AB", " 1"), incident(400, "7511AB", "1")]} as unknown as Delivery;
    const result = repeatAnalysis.run({delivery, level: "intern", suppressBelow: 5, tables: areas(100), truth: null});
    const s = result.tables!.repeat_summary.toArray()[0].toJSON();
    expect(s.repeats).toBe(1);
    expect(s.share).toBeCloseTo(0.25, 12);
    // Earlier incidents within 365 days: 0, 1, 2, 0 -> 3 / 100 dwellings.
    expect(s.expected).toBeCloseTo(0.03, 12);
    expect(s.p_value).toBeCloseTo(1 - Math.exp(-0.03), 8);
    const weeks = result.tables!.repeat_weeks.toArray().map((r) => r.toJSON());
    expect(weeks.map((w) => w.count)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    const [low, high] = wilson(1, 4);
    expect([s.share_low, s.share_high].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([low, high].map((v) => Math.round(v * 1e6) / 1e6));
  });

  test("openbaar hides 1-4 repeats and the bands (and the finding says so)", () => {
    const delivery = {incidents: [incident(0, "7511AB", "1"), incident(10, "7511AB", "1"), incident(20, "7511AC", "2")]} as unknown as Delivery;
    const result = repeatAnalysis.run({delivery, level: "openbaar", suppressBelow: 5, tables: areas(100), truth: null});
    const s = result.tables!.repeat_summary.toArray()[0].toJSON();
    expect([s.repeats, s.share, s.ratio, s.p_value, s.suppressed]).toEqual([null, null, null, null, true]);
    const weeks = result.tables!.repeat_weeks.toArray().map((r) => r.toJSON());
    expect(weeks.filter((w) => w.count !== null && w.count > 0)).toEqual([]);
    expect(result.findings![0].verdict).toBe("onvoldoende gegevens");
  });

  test("the demo delivery: repeats far above equal risk; bands add up to the repeats", () => {
    const dir = demoDelivery();
    const delivery = readDelivery(dir);
    const {tables} = publish(delivery, {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
    const result = repeatAnalysis.run({delivery, level: "intern", suppressBelow: 5, tables, truth: null});
    const s = result.tables!.repeat_summary.toArray()[0].toJSON();
    expect(s.ratio).toBeGreaterThan(2);
    expect(result.findings![0].verdict).toBe("aangetoond");
    // The finding answers "more often than other dwellings?": the ratio, with an interval around it.
    const f = result.findings![0];
    expect(f).toMatchObject({unit: "ratio", estimate: s.ratio});
    expect(f.ci_low!).toBeLessThan(f.estimate!);
    expect(f.ci_high!).toBeGreaterThan(f.estimate!);
    expect(f.ci_low!).toBeGreaterThan(1);
    const weeks = result.tables!.repeat_weeks.toArray().map((r) => r.toJSON());
    expect(weeks.reduce((a, w) => a + w.count, 0)).toBe(s.repeats);
  });

  test("a delivery without addresses or coordinates: 'niet geleverd'", () => {
    const result = repeatAnalysis.run({delivery: readDelivery(join(import.meta.dirname, "../../fixtures/minimal-delivery")), level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null});
    expect(result.findings![0].verdict).toBe("niet geleverd");
    expect(result.tables).toBeUndefined();
  });
});
