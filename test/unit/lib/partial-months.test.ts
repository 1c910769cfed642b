import {describe, expect, test} from "vitest";
import {partialInPeriod, partialSentence} from "../../../src/lib/partial-months.js";

describe("partial months", () => {
  test("only those inside the period", () => {
    expect(partialInPeriod(["2023-04", "2026-06"], "2025-07", "2026-06")).toEqual(["2026-06"]);
    expect(partialInPeriod(["2023-04", "2026-06"], "2023-04", "2026-06")).toEqual(["2023-04", "2026-06"]);
    expect(partialInPeriod(["2023-04", "2026-06"], "2024-01", "2025-12")).toEqual([]);
    expect(partialInPeriod(undefined, "2024-01", "2025-12")).toEqual([]);
  });
  test("say which month, in Dutch, one or two", () => {
    expect(partialSentence([])).toBe("");
    expect(partialSentence(["2026-06"])).toMatch(/^Juni 2026 is een onvolledige maand:/);
    expect(partialSentence(["2023-04", "2026-06"])).toMatch(/^April 2023 en juni 2026 zijn onvolledige maanden:/);
  });
});
