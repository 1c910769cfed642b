import {describe, expect, test} from "vitest";
import {centroid, dayOfMonth, monthOfDay, neighbourLists} from "../../../loaders/analyses/measures/panel.js";
import {poolRandomEffects} from "../../../loaders/analyses/measures/pool.js";
import {protectParts, safeCount, verdictOf, waldP, withHiddenRatio} from "../../../loaders/analyses/measures/effects.js";
import {runWhatsapp} from "../../../loaders/analyses/whatsapp.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {demoDelivery} from "../../helpers/demo.js";
import {campaignSlug} from "../../../loaders/analyses/campaigns.js";
import type {Area} from "../../../loaders/delivery/geo.js";

const square = (code: string, x0: number, y0: number, size = 100): Area => ({
  code, name: code, bbox: [x0, y0, x0 + size, y0 + size],
  polygons: [[[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]]]
});

describe("neighbour lists from boundaries", () => {
  const grid = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => square(`B${r}${c}`, c * 100, r * 100)));

  test("squares on a grid touching at an edge or a corner are neighbours", () => {
    const n = neighbourLists(grid);
    expect(n.get("B11")).toHaveLength(8);
    expect(n.get("B00")).toEqual(["B01", "B10", "B11"]);
    expect(n.get("B02")).toEqual(["B01", "B11", "B12"]);
  });

  test("separate areas are not neighbours unless within the centroid distance", () => {
    const apart = [square("A", 0, 0), square("B", 300, 0)];
    expect(neighbourLists(apart).get("A")).toEqual([]);
    expect(neighbourLists(apart, {distance: 300}).get("A")).toEqual(["B"]);
  });

  test("rejects a bad tolerance", () => {
    expect(() => neighbourLists(grid, {tolerance: 0})).toThrow("invalid tolerance: 0");
  });

  test("centroid of a square and of an L-shape", () => {
    expect(centroid(square("A", 100, 200))).toEqual([150, 250]);
    const l: Area = {code: "L", name: "L", bbox: [0, 0, 200, 200], polygons: [[[[0, 0], [200, 0], [200, 100], [100, 100], [100, 200], [0, 200], [0, 0]]]]};
    const [x, y] = centroid(l);
    expect(x).toBeCloseTo(250 / 3, 6);
    expect(y).toBeCloseTo(250 / 3, 6);
  });
});

describe("months", () => {
  test("month index and its first day round-trip", () => {
    const day = Date.UTC(2020, 4, 17) / 86_400_000;
    expect(monthOfDay(day)).toBe(2020 * 12 + 4);
    expect(dayOfMonth(monthOfDay(day))).toBe(Date.UTC(2020, 4, 1) / 86_400_000);
  });
});

describe("random-effects pooling", () => {
  test("equal errors and equal effects give the effect with a narrower interval", () => {
    const p = poolRandomEffects([-0.2, -0.2, -0.2, -0.2], [0.1, 0.1, 0.1, 0.1])!;
    expect(p.estimate).toBeCloseTo(-0.2, 12);
    expect(p.se).toBeCloseTo(0.05, 12);
    expect(p.tau2).toBe(0);
  });

  test("heterogeneous effects get tau2 > 0 and a wider interval than fixed effect", () => {
    const y = [-0.6, 0.3, -0.4, 0.2], se = [0.05, 0.05, 0.05, 0.05];
    const p = poolRandomEffects(y, se)!;
    expect(p.tau2).toBeGreaterThan(0.1);
    expect(p.se).toBeGreaterThan(0.05 / 2);
    expect(p.pHeterogeneity).toBeLessThan(0.001);
    expect(p.estimate).toBeCloseTo(-0.125, 10);
  });

  test("skips unusable entries and returns null with none", () => {
    expect(poolRandomEffects([NaN], [0.1])).toBeNull();
    expect(poolRandomEffects([-0.1, 0.5], [0.1, NaN])!.k).toBe(1);
  });
});

describe("verdicts and counts", () => {
  test("verdict follows the interval and the checks", () => {
    expect(verdictOf(-30, -10, {direction: "decrease"})).toBe("aangetoond");
    expect(verdictOf(-30, 10, {direction: "decrease"})).toBe("niet aangetoond");
    expect(verdictOf(-30, -10, {direction: "decrease", doubtful: true})).toBe("onzeker");
    expect(verdictOf(-30, -10, {direction: "decrease", thin: true})).toBe("onvoldoende gegevens");
    expect(verdictOf(null, null, {direction: "decrease"})).toBe("onvoldoende gegevens");
    // The side the question asks: a rise asked "Daalt ...?" is not shown but opposite.
    expect(verdictOf(10, 30, {direction: "decrease"})).toBe("tegengesteld");
    expect(verdictOf(-14.8, -1.7, {direction: "increase"})).toBe("tegengesteld");
  });

  test("waldP: two-sided normal p of a log effect and its se", () => {
    expect(waldP(-0.3, 0.1)).toBeCloseTo(0.0026997961, 9);
    expect(waldP(0.3, 0.1)).toBe(waldP(-0.3, 0.1));
    expect(waldP(-40, 0.1)).toBeGreaterThan(0); // never 0
    expect(waldP(-0.3, 0)).toBeNull();
    expect(waldP(null, 0.1)).toBeNull();
  });

  test("small counts are hidden below the threshold only", () => {
    expect([0, 1, 4, 5].map((n) => safeCount(n, 5))).toEqual([0, null, null, 5]);
    expect(safeCount(3, 0)).toBe(3);
  });

  test("campaign slugs drop edition years", () => {
    expect(campaignSlug("Donkere dagen offensief 2019")).toBe("donkere-dagen-offensief");
    expect(campaignSlug("Almelo \"Sluit af\" voorjaar")).toBe("almelo-sluit-af-voorjaar");
    expect(campaignSlug("2020")).toBe("campagne");
  });
});

describe("published effects never give a hidden count back", () => {
  test("protectParts hides a second part when one part alone would be recoverable from the total", () => {
    expect(protectParts([2, 30, 40], 72, 5)).toEqual([null, null, 40]);
    expect(protectParts([2, 3, 40], 45, 5)).toEqual([null, null, 40]);
    expect(protectParts([0, 30, 40], 70, 5)).toEqual([0, 30, 40]);
    // The secondary cell is the smallest non-zero part; a hidden total protects its parts itself.
    expect(protectParts([3, 0, 5], 8, 5)).toEqual([null, 0, null]);
    expect(protectParts([3, 0], 3, 5)).toEqual([null, 0]);
    expect(protectParts([7, 9], 16, 0)).toEqual([7, 9]);
  });

  test("withHiddenRatio drops the estimate and interval of a row whose count is hidden", () => {
    const row = {observed: null, expected: 1.71, estimate: -41.38, ci_low: -80, ci_high: 20};
    // expected x (1 + estimate / 100) would be the hidden count 1.
    expect(withHiddenRatio(row)).toEqual({observed: null, expected: 1.71, estimate: null, ci_low: null, ci_high: null});
    expect(withHiddenRatio({...row, observed: 12})).toEqual({...row, observed: 12});
    // A Wald p-value beside the interval would narrow the hidden ratio down as well.
    expect(withHiddenRatio({...row, p_value: 0.003}).p_value).toBeNull();
  });

  test("WhatsApp cohorts and event bins: a hidden count has no ratio beside it and never stands alone", () => {
    const r = runWhatsapp(readDelivery(demoDelivery({fromYear: 2012, toYear: 2021, incidents: 12_000, seed: 11})), {replicates: 19, threshold: 40});
    const rows = (name: "whatsapp_cohorts" | "whatsapp_event_study") => r.tables[name].toArray().map((d) => d.toJSON());
    const cohorts = rows("whatsapp_cohorts"), bins = rows("whatsapp_event_study").filter((d) => d.analysis === "effect");
    expect(bins.length).toBeGreaterThan(0);
    let hidden = 0;
    for (const d of [...cohorts, ...bins]) {
      if (d.observed !== null) continue;
      hidden++;
      expect([d.estimate, d.ci_low, d.ci_high]).toEqual([null, null, null]);
    }
    expect(hidden).toBeGreaterThan(0); // the threshold does hide some
    expect(r.effects[0].observed).not.toBeNull();
    expect(cohorts.filter((d) => d.observed === null).length).not.toBe(1);
    expect(bins.filter((d) => d.event_time >= 0 && d.observed === null).length).not.toBe(1);
  });
});
