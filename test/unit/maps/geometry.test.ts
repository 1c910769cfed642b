import {describe, expect, test} from "vitest";
import {simplifyRing} from "../../../loaders/analyses/area-geometry.js";
import {areaFeatures, featureExtent} from "../../../src/lib/maps/geometry.js";

describe("areaFeatures", () => {
  const v = (code: string, level: string, polygon: number, ring: number, seq: number, x: number, y: number) => ({code, level, polygon, ring, seq, x, y});
  const rows = [
    v("WK015301", "wijk", 0, 0, 1, 10, 0), v("WK015301", "wijk", 0, 0, 0, 0, 0), v("WK015301", "wijk", 0, 0, 2, 10, 10), v("WK015301", "wijk", 0, 0, 3, 0, 0),
    v("GM0153", "gemeente", 1, 0, 0, 50, 50), v("GM0153", "gemeente", 1, 0, 1, 60, 50), v("GM0153", "gemeente", 1, 0, 2, 60, 60), v("GM0153", "gemeente", 1, 0, 3, 50, 50),
    v("GM0153", "gemeente", 0, 1, 0, 2, 2), v("GM0153", "gemeente", 0, 1, 1, 3, 2), v("GM0153", "gemeente", 0, 1, 2, 3, 3), v("GM0153", "gemeente", 0, 1, 3, 2, 2),
    v("GM0153", "gemeente", 0, 0, 0, 0, 0), v("GM0153", "gemeente", 0, 0, 1, 20, 0), v("GM0153", "gemeente", 0, 0, 2, 20, 20), v("GM0153", "gemeente", 0, 0, 3, 0, 0)
  ];

  test("groups vertices into MultiPolygons by code, polygon, ring and sequence", () => {
    const features = areaFeatures(rows);
    expect(features.map((f) => f.id)).toEqual(["GM0153", "WK015301"]);
    expect(features[1].geometry.coordinates).toEqual([[[[0, 0], [10, 0], [10, 10], [0, 0]]]]);
    const gm = features[0].geometry.coordinates;
    expect(gm.length).toBe(2);
    expect(gm[0].length).toBe(2); // outer ring and a hole
    expect(gm[0][0][1]).toEqual([20, 0]);
    expect(gm[1][0][0]).toEqual([50, 50]);
  });

  test("filters by level and computes the extent", () => {
    expect(areaFeatures(rows, {level: "wijk"}).map((f) => f.id)).toEqual(["WK015301"]);
    expect(featureExtent(areaFeatures(rows))).toEqual([0, 0, 60, 60]);
    expect(featureExtent([])).toBeNull();
    expect(() => areaFeatures([v("X", "wijk", 0, 0, 0, NaN, 0)])).toThrow("invalid vertex");
  });
});

describe("simplifyRing", () => {
  test("drops vertices within the tolerance and keeps the ring closed", () => {
    const ring = [[0, 0], [5, 0.2], [10, 0], [10, 5], [10.3, 7], [10, 10], [0, 10], [0, 0]];
    const out = simplifyRing(ring, 1);
    expect(out).toEqual([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]);
    expect(simplifyRing(ring, 0.1).length).toBe(ring.length);
  });

  test("never collapses a ring below a closed triangle and rejects a bad tolerance", () => {
    const thin = [[0, 0], [1, 0.01], [2, 0], [1, -0.01], [0, 0]];
    expect(simplifyRing(thin, 100).length).toBeGreaterThanOrEqual(4);
    expect(() => simplifyRing(thin, -1)).toThrow("invalid tolerance");
  });
});
