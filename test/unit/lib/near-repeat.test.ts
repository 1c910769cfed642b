import {describe, expect, test} from "vitest";
import {KNOX_MAX_INCIDENTS as LOADER_MAX} from "../../../loaders/analyses/knox.js";
import {KNOX_MAX_INCIDENTS, knoxScopeText, windowStart} from "../../../src/lib/hypotheses/near-repeat.js";

describe("near-repeat page text", () => {
  test("the page's cap is the pipeline's cap", () => {
    expect(KNOX_MAX_INCIDENTS).toBe(LOADER_MAX);
  });

  test("the window starts at the month where the counts, walked back from the end, reach the used number", () => {
    const months = [{month: "2024-01", count: 5}, {month: "2024-02", count: 3}, {month: "2024-02", count: 2}, {month: "2024-03", count: null}];
    expect(windowStart(months, 4)).toBe("2024-02");
    expect(windowStart(months, 6)).toBe("2024-01");
    expect(windowStart(months, 99)).toBe("2024-01");
    expect(windowStart([], 3)).toBeNull();
  });

  test("says 'de laatste 25.000' when the test was capped, and 'alle' when not", () => {
    expect(knoxScopeText({used: 25_000, total: 27_158, start: "2014-03"})).toBe("De Knox-test gebruikt de laatste 25.000 incidenten met coördinaten van de 27.158 in de levering (vanaf ongeveer maart 2014); meer rekent de verwerking niet door.");
    expect(knoxScopeText({used: 1200, total: 1200, start: "2020-01"})).toBe("De Knox-test gebruikt alle 1.200 incidenten met coördinaten.");
  });
});
