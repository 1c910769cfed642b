import {describe, expect, test} from "vitest";
import {P_FLOOR, round, roundP} from "../../../loaders/analyses/common.js";
import {pValueOf} from "../../../loaders/analyses/measures/effects.js";

describe("published p-values are never 0", () => {
  test("rounding to fixed decimals turned a tiny p into 0; roundP keeps ten significant digits", () => {
    expect(round(1.234567e-123, 10)).toBe(0); // the old way
    expect(roundP(1.234567e-123)).toBe(1.234567e-123);
    expect(roundP(0.012345678912345)).toBe(0.01234567891);
    expect(roundP(1)).toBe(1);
  });

  test("an underflowed p is published as the documented floor, NaN stays NaN", () => {
    expect(roundP(0)).toBe(P_FLOOR);
    expect(roundP(1e-320)).toBe(P_FLOOR);
    expect(roundP(NaN)).toBeNaN();
    expect(pValueOf(NaN)).toBeNull();
    expect(pValueOf(null)).toBeNull();
    expect(pValueOf(4.2e-50)).toBe(4.2e-50);
  });
});
