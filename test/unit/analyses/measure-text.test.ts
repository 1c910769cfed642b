import {describe, expect, test} from "vitest";
import {didWarnings} from "../../../loaders/analyses/whatsapp.js";
import {changeText, coversPlanted, effectSentence, failedPreTrend, formatInterval, formatPercent, warningsOf, type EffectRecord} from "../../../src/lib/measure-text.js";
import {measureSummary, type FindingRecord} from "../../../src/lib/measure-summary.js";

const row = (o: Partial<EffectRecord>): EffectRecord => ({
  effect: "overall", area_code: "regio", label: "", estimate: -23.7, ci_low: -32.5, ci_high: -14.2, p_value: null, unit: "percent",
  observed: null, expected: null, areas: null, months: null, planted: null, verdict: "aangetoond", warning: null, ...o
});

describe("measure text", () => {
  test("Dutch signed percentages and intervals", () => {
    expect(formatPercent(-23.74)).toBe("−23,7%");
    expect(formatPercent(12.34)).toBe("+12,3%");
    expect(formatPercent(null)).toBe("–");
    expect(formatInterval(-32.5, -14.2)).toBe("−32,5% tot −14,2%");
  });

  test("the sentence follows the verdict", () => {
    expect(effectSentence(row({}))).toContain("daling is aangetoond");
    expect(effectSentence(row({verdict: "niet aangetoond", ci_high: 3}))).toContain("niet aangetoond");
    expect(effectSentence(row({verdict: "niet geleverd", estimate: null}))).toMatch(/^Niet geleverd/);
    expect(effectSentence(row({verdict: "onvoldoende gegevens", estimate: null, warning: "Te weinig buurten."}))).toBe("Geen schatting: Te weinig buurten.");
  });

  test("warnings split and planted coverage", () => {
    expect(warningsOf(row({warning: "a | b"}))).toEqual(["a", "b"]);
    expect(warningsOf(row({}))).toEqual([]);
    expect(coversPlanted(row({planted: -25}))).toBe(true);
    expect(coversPlanted(row({planted: -40}))).toBe(false);
    expect(coversPlanted(row({}))).toBeNull();
  });
});

describe("measure summary", () => {
  const f = (id: string, verdict = "aangetoond"): FindingRecord => ({id, question: "", method: "", estimate: -1, ci_low: -2, ci_high: -0.5, p_value: null, unit: "percent", verdict});
  test("keeps measure findings in page order with titles and pages", () => {
    const s = measureSummary([f("knox.near_repeat"), f("measure.campaign.donkere-dagen-offensief"), f("measure.dor.level"), f("measure.whatsapp.overall")]);
    expect(s.map((d) => d.id)).toEqual(["measure.whatsapp.overall", "measure.dor.level", "measure.campaign.donkere-dagen-offensief"]);
    expect(s[2]).toMatchObject({title: "Campagne: donkere dagen offensief", page: "./campagnes"});
    const named = measureSummary([{...f("measure.campaign.donkere-dagen-offensief"), question: 'Zijn er minder woninginbraken in de maanden van de campagne "Donkere Dagen Offensief" dan ...?'}]);
    expect(named[0].title).toBe("Campagne: Donkere Dagen Offensief");
  });
  test("rejects bad input", () => {
    expect(() => measureSummary(null as never)).toThrow("invalid findings");
  });
});

describe("change text", () => {
  test("says lower or higher instead of a signed 'anders'", () => {
    expect(changeText(-24.4)).toBe("24,4% lager");
    expect(changeText(3)).toBe("3,0% hoger");
    expect(changeText(null)).toBe("–");
  });
});

describe("failed pre-trend", () => {
  test("reads the pipeline's pre-trend warning among the others", () => {
    expect(failedPreTrend(row({warning: "Te weinig maanden: ... | De trends vóór de start verschillen (toets p = 0,010): de buurten liepen al uiteen."}))).toBe(true);
    expect(failedPreTrend(row({warning: "Te weinig buurten: 3 met en 4 zonder maatregel."}))).toBe(false);
    expect(failedPreTrend(null)).toBe(false);
    const fromPipeline = didWarnings({flags: {preTrendDiffers: true}, preTrend: {pValue: 0.01}, n: {}} as never).join(" | ");
    expect(failedPreTrend(row({warning: fromPipeline}))).toBe(true);
  });
});
