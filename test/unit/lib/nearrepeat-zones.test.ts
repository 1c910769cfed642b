// Zone radius and duration from Knox cells: the unbroken runs of raised cells from the nearest
// neighbour band, and the documented default when nothing is raised.
import {describe, expect, test} from "vitest";
import {DEFAULT_ZONE, openUntil, zoneBands, type KnoxCellRow} from "../../../src/lib/nearrepeat-zones.js";

const SPACE = [0, 1, 100, 200, 300, 400], TIME = [0, 7, 14, 21, 28];

/** The fijn grid of cells with ratio 2, p 0.001 where `hot(space_lower, time_lower)`, else ratio 1, p 0.5. */
function grid(hot: (s: number, t: number) => boolean): KnoxCellRow[] {
  return SPACE.flatMap((s, i) => TIME.map((t, j) => ({
    space_index: i, space_lower: s, space_upper: SPACE[i + 1] ?? null, time_index: j, time_lower: t, time_upper: TIME[j + 1] ?? null,
    ratio: hot(s, t) ? 2 : 1, p_value: hot(s, t) ? 0.001 : 0.5
  })));
}

describe("zoneBands", () => {
  test("raised up to 200 m and 14 days: radius 200, duration 14", () => {
    expect(zoneBands(grid((s, t) => s >= 1 && s < 200 && t < 14))).toEqual({metres: 200, days: 14, source: "knox", ratio: 2, p_value: 0.001});
  });

  test("a gap ends the run: raised at 1-100 m and 200-300 m gives 100 m", () => {
    expect(zoneBands(grid((s, t) => (s === 1 || s === 200) && t < 7)).metres).toBe(100);
  });

  test("the same-address band [0, 1) does not make a zone; open-ended bands end a run", () => {
    expect(zoneBands(grid((s) => s === 0)).source).toBe("standaard");
    const wide = zoneBands(grid((s) => s >= 1));
    expect([wide.metres, wide.days]).toEqual([400, 28]);
  });

  test("not significant, suppressed (null ratio) or no cells: the default 200 m, 14 days", () => {
    expect(zoneBands(grid(() => false))).toMatchObject({...DEFAULT_ZONE, source: "standaard", ratio: 1});
    expect(zoneBands(grid((s) => s >= 1).map((c) => ({...c, ratio: null, p_value: null})))).toMatchObject({...DEFAULT_ZONE, source: "standaard"});
    expect(zoneBands([])).toEqual({...DEFAULT_ZONE, source: "standaard", ratio: null, p_value: null});
    expect(zoneBands(grid((s, t) => s >= 1 && t < 14).map((c) => ({...c, p_value: c.p_value === 0.001 ? 0.06 : c.p_value}))).source).toBe("standaard");
  });

  test("a zone is open from the incident day for `days` days", () => {
    expect(openUntil(100, 14)).toBe(113);
    expect(() => openUntil(100, 0)).toThrow(/invalid zone/);
  });
});
