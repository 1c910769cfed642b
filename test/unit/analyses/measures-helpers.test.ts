import {describe, expect, test} from "vitest";
import {centroid, dayOfMonth, monthOfDay, neighbourLists} from "../../../loaders/analyses/measures/panel.js";
import {poolRandomEffects} from "../../../loaders/analyses/measures/pool.js";
import {safeCount, verdictOf} from "../../../loaders/analyses/measures/effects.js";
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
    expect(verdictOf(-30, -10)).toBe("aangetoond");
    expect(verdictOf(-30, 10)).toBe("niet aangetoond");
    expect(verdictOf(-30, -10, {doubtful: true})).toBe("onzeker");
    expect(verdictOf(-30, -10, {thin: true})).toBe("onvoldoende gegevens");
    expect(verdictOf(null, null)).toBe("onvoldoende gegevens");
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
