import {describe, expect, test} from "vitest";
import {formatCell, formatSafeSum, PRIVACY_RULE_TEXT, privacyRuleText, safeSum} from "../../../src/lib/privacy/index.js";

describe("safeSum", () => {
  test("adds shown cells exactly", () => {
    expect(safeSum([12, 0, 7])).toEqual({value: 19, suppressed: false, lowerBound: 19, hidden: 0});
    expect(safeSum([])).toEqual({value: 0, suppressed: false, lowerBound: 0, hidden: 0});
  });
  test("hides a sum with a hidden part, and bounds it from shown figures only", () => {
    expect(safeSum([12, null, 7, null])).toEqual({value: null, suppressed: true, lowerBound: 21, hidden: 2});
    expect(safeSum([{value: 5}, {value: null}])).toEqual({value: null, suppressed: true, lowerBound: 6, hidden: 1});
  });
  test("rejects a non-count", () => {
    expect(() => safeSum([1.5])).toThrow("invalid count: 1.5");
    expect(() => safeSum(null as unknown as number[])).toThrow("invalid cells: null");
  });
  test("formats cells and sums for pages", () => {
    expect(formatCell(1234, null)).toBe("1.234");
    expect(formatCell(null, "primair")).toBe("<5");
    expect(formatCell(null, "primair", {threshold: 10})).toBe("<10");
    expect(formatCell(null, "secundair")).toBe("x");
    expect(formatSafeSum(safeSum([12, null]))).toBe("≥ 13");
    expect(formatSafeSum(safeSum([1200, 34]))).toBe("1.234");
  });
  test("states the rule in Dutch for the threshold", () => {
    expect(PRIVACY_RULE_TEXT).toContain("Aantallen van 1 tot en met 4 zijn verborgen (een lege cel of \"verborgen\")");
    expect(PRIVACY_RULE_TEXT).toContain("\"≥ n\" (ten minste n)");
    expect(PRIVACY_RULE_TEXT).not.toMatch(/"<5"|"x"/);
    expect(privacyRuleText(10)).toContain("1 tot en met 9 zijn verborgen");
    expect(() => privacyRuleText(1)).toThrow("invalid threshold: 1");
  });
});
