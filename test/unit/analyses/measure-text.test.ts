import {describe, expect, test} from "vitest";
import {didWarnings} from "../../../loaders/analyses/whatsapp.js";
import {changeText, coversPlanted, effectSentence, failedPreTrend, formatInterval, formatPercent, percentSize, sensitivityDisagrees, sensitivityText, warningsOf, whatsappPolicyText, type EffectRecord} from "../../../src/lib/measure-text.js";
import {measureSummary, type FindingRecord} from "../../../src/lib/measure-summary.js";

const row = (o: Partial<EffectRecord>): EffectRecord => ({
  effect: "overall", area_code: "regio", label: "", estimate: -23.7, ci_low: -32.5, ci_high: -14.2, p_value: null, unit: "percent",
  observed: null, expected: null, areas: null, months: null, planted: null, verdict: "aangetoond", warning: null, ...o
});

describe("sensitivity rows beside the main estimate", () => {
  const main = row({estimate: -30, ci_low: -39.6, ci_high: -20.7, verdict: "aangetoond"});
  test("disagreement: intervals that do not overlap, or a different verdict", () => {
    expect(sensitivityDisagrees(main, row({ci_low: -35, ci_high: -25, verdict: "aangetoond"}))).toBe(false);
    expect(sensitivityDisagrees(main, row({ci_low: -48.6, ci_high: 0.5, verdict: "niet aangetoond"}))).toBe(true);
    expect(sensitivityDisagrees(main, row({ci_low: -60, ci_high: -40, verdict: "aangetoond"}))).toBe(true);
    expect(sensitivityDisagrees(main, row({ci_low: -60, ci_high: -39.6, verdict: "aangetoond"}))).toBe(false); // touching intervals overlap
    expect(sensitivityDisagrees(main, row({ci_low: null, ci_high: null}))).toBeNull();
  });
  test("the sentence cites the estimate and says in Dutch whether and how it disagrees", () => {
    const agree = sensitivityText(main, row({estimate: -28.9, ci_low: -35.9, ci_high: -19.6}), "Met een vroege basis");
    expect(agree).toBe("Met een vroege basis geeft −28,9% (95%-interval −35,9% tot −19,6%; aangetoond). Dat stemt overeen met de hoofdschatting: de intervallen overlappen en het oordeel is hetzelfde.");
    const cs = sensitivityText(main, row({estimate: -27.1, ci_low: -48.6, ci_high: 0.5, verdict: "niet aangetoond"}), "CS");
    expect(cs).toContain("−27,1% (95%-interval −48,6% tot +0,5%; niet aangetoond)");
    expect(cs).toContain("wijkt af van de hoofdschatting: het oordeel verschilt (niet aangetoond tegen aangetoond)");
    expect(cs).not.toContain("overlappen niet");
    expect(sensitivityText(main, row({estimate: -50, ci_low: -60, ci_high: -41}), "CS")).toContain("de intervallen overlappen niet.");
    expect(sensitivityText(main, row({estimate: null, ci_low: null, ci_high: null, verdict: "onvoldoende gegevens"}), "CS")).toBe("CS: geen schatting (onvoldoende gegevens).");
  });
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

  test("an opposite result says so, with the direction of its sign", () => {
    const text = effectSentence(row({estimate: 12.3, ci_low: 2.1, ci_high: 23.4, verdict: "tegengesteld"}));
    expect(text).toContain("Geschat: +12,3% (95%-interval +2,1% tot +23,4%)");
    expect(text).toContain("een stijging, het tegendeel");
    expect(text).not.toContain("aangetoond");
  });

  test("every sentence cites its numbers with their own sign and one decimal", () => {
    for (const [estimate, low, high, cited] of [[-23.64, -30.05, -14.25, "−23,6% (95%-interval −30,1% tot −14,3%)"], [23.66, 14.25, 30.04, "+23,7% (95%-interval +14,3% tot +30,0%)"]] as const) {
      for (const verdict of ["aangetoond", "tegengesteld", "onzeker", "niet aangetoond"]) {
        const text = effectSentence(row({estimate, ci_low: low, ci_high: high, verdict}));
        expect(text).toContain(`Geschat: ${cited}.`);
        expect(text).not.toContain(estimate < 0 ? "stijging" : "daling");
      }
    }
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
  const f = (id: string, verdict = "aangetoond"): FindingRecord => ({id, question: "", method: "", estimate: -1, ci_low: -2, ci_high: -0.5, p_value: null, unit: "percent", direction: "decrease", verdict});
  test("keeps measure findings in page order with titles and pages", () => {
    const s = measureSummary([f("knox.near_repeat"), f("measure.campaign.donkere-dagen-offensief"), f("measure.dor.level"), f("measure.whatsapp.overall")]);
    expect(s.map((d) => d.id)).toEqual(["measure.whatsapp.overall", "measure.dor.level", "measure.campaign.donkere-dagen-offensief"]);
    expect(s[2]).toMatchObject({title: "Campagne: donkere dagen offensief", page: "./campagnes.html"});
    const named = measureSummary([{...f("measure.campaign.donkere-dagen-offensief"), question: 'Zijn er minder woninginbraken in de maanden van de campagne "Donkere Dagen Offensief" dan ...?'}]);
    expect(named[0].title).toBe("Campagne: Donkere Dagen Offensief");
  });
  test("rejects bad input", () => {
    expect(() => measureSummary(null as never)).toThrow("invalid findings");
  });
});

describe("WhatsApp policy text", () => {
  const theme = {risk: "inbraakrisico", plural: "inbraken"};
  const none = row({effect: "displacement", estimate: 1.2, ci_low: -5, ci_high: 8, verdict: "niet aangetoond"});

  test("a fall says 'daalde ... met' and the size without a sign", () => {
    const text = whatsappPolicyText(row({estimate: -23.64, verdict: "aangetoond"}), none, theme);
    expect(text).toContain("daalde het inbraakrisico na de start met 23,6% ten opzichte van");
    expect(text).not.toMatch(/[+−-]\s?23[,.]6/);
    expect(text).not.toContain("steeg");
    expect(percentSize(-23.66)).toBe("23,7%");
  });

  test("a rise is never called a fall", () => {
    const text = whatsappPolicyText(row({estimate: 23.6, ci_low: 10, ci_high: 40, verdict: "tegengesteld"}), none, theme);
    expect(text).toContain("steeg het inbraakrisico na de start met 23,6%");
    expect(text).not.toContain("daalde");
  });

  test("the neighbours' change is cited with its own direction", () => {
    const fell = whatsappPolicyText(row({estimate: -20, verdict: "aangetoond"}), row({effect: "displacement", estimate: -8.65, ci_low: -14.8, ci_high: -1.7, verdict: "tegengesteld"}), theme);
    expect(fell).toContain("In de aangrenzende buurten zonder groep daalde het ook, met 8,7%");
    const rose = whatsappPolicyText(row({estimate: -20, verdict: "aangetoond"}), row({effect: "displacement", estimate: 6.04, ci_low: 1, ci_high: 12, verdict: "aangetoond"}), theme);
    expect(rose).toContain("steeg het met 6,0%");
  });

  test("no recommendation an observational design cannot carry", () => {
    const text = whatsappPolicyText(row({estimate: -23.6, verdict: "aangetoond"}), none, theme);
    expect(text).not.toMatch(/te verdedigen|stimuleren/);
    expect(text).toContain("vergelijking achteraf, geen experiment");
    expect(whatsappPolicyText(null, null, theme)).toBe("Zonder gegevens over appgroepen is hierover niets te zeggen.");
    expect(whatsappPolicyText(row({verdict: "niet aangetoond", ci_high: 3}), none, theme)).toContain("niet met voldoende zekerheid vast te stellen (niet aangetoond)");
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
    expect(fromPipeline).toContain("(toets p = 0,010)");
    // A tiny p reads "< 0,001", never "p = 0,000".
    expect(didWarnings({flags: {preTrendDiffers: true}, preTrend: {pValue: 3e-9}, n: {}} as never)[0]).toContain("(toets p < 0,001)");
  });
});
