import {describe, expect, test} from "vitest";
import {cohortTable, estimateTable, eventStudyTable, whatsappEffects, type EffectRecord} from "../../../src/lib/measure-text.js";

const effect = (over: Partial<EffectRecord>): EffectRecord => ({
  effect: "overall", area_code: "regio", label: "Appgroep: totaal", estimate: -12.34, ci_low: -20, ci_high: -4.5, p_value: 0.01, unit: "percent",
  observed: 40, expected: 45.67, areas: 30, months: 12, planted: null, verdict: "aangetoond", warning: null, ...over
});

describe("WhatsApp page tables", () => {
  test("effects are found by name; a missing one is undefined", () => {
    const rows = [effect({}), effect({effect: "cs_simple", label: "C&S"}), effect({effect: "pre_trend", p_value: 0.3})];
    const found = whatsappEffects(rows);
    expect(found.overall).toBe(rows[0]);
    expect(found.cs).toBe(rows[1]);
    expect(found.preTrend?.p_value).toBe(0.3);
    expect(found.displacement).toBeUndefined();
    expect(found.robust).toBeUndefined();
  });

  test("the event-study table hides a hidden count and rounds the expected count to one decimal", () => {
    expect(eventStudyTable([{analysis: "effect", event_time: -3, estimate: 5, ci_low: -1.25, ci_high: 12, observed: null, expected: 7.349, cohorts: 4}])).toEqual([{
      analyse: "effect", "maanden sinds start": -3, verandering: "+5,0%", "95%-interval": "−1,3% tot +12,0%", geregistreerd: "verborgen", verwacht: 7.3, cohorten: 4
    }]);
  });

  test("the cohort table gives the start month and keeps a shown count", () => {
    const [row] = cohortTable([{start: new Date(Date.UTC(2021, 2, 1)), areas: 3, post_months: 18, estimate: null, ci_low: null, ci_high: null, observed: 12, expected: null}]);
    expect(row).toEqual({start: "2021-03", buurten: 3, "maanden na start": 18, verandering: "–", "95%-interval": "–", geregistreerd: 12, verwacht: null});
  });

  test("the estimate table leaves out estimates that do not exist", () => {
    expect(estimateTable([effect({}), undefined, null])).toEqual([{schatting: "Appgroep: totaal", verandering: "−12,3%", "95%-interval": "−20,0% tot −4,5%", oordeel: "aangetoond"}]);
  });
});
