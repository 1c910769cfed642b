// The "what does this mean" paragraphs of the measure and near-repeat pages: every number they cite
// has the sign and rounding of the number itself, and none recommends what an observational design
// cannot carry (issue 13, items 1 and 8).
import {describe, expect, test} from "vitest";
import {dorPolicyText, preventionPolicyText, type EffectRecord} from "../../../src/lib/measure-text.js";
import {nearRepeatMeaning} from "../../../src/lib/hypotheses/near-repeat.js";

const theme = {risk: "inbraakrisico", plural: "inbraken", singular: "inbraak"};
const row = (o: Partial<EffectRecord>): EffectRecord => ({
  effect: "level", area_code: "regio", label: "", estimate: -18.08, ci_low: -23.9, ci_high: -11.8, p_value: 0.001, unit: "percent",
  observed: null, expected: null, areas: 14, months: 96, planted: null, verdict: "aangetoond", warning: null, ...o
});
const RECOMMENDS = /te verdedigen|belooft|steunt (aansluiting|het gericht)|de meeste winst|stimuleren/;

describe("DOR policy text", () => {
  test("a fall reads 'lager' with the size rounded to one decimal, no sign", () => {
    const text = dorPolicyText(row({}), theme);
    expect(text).toContain("lag het inbraakrisico gemiddeld 18,1% lager dan verwacht");
    expect(text).not.toMatch(/[−+-]18/);
    expect(text).not.toMatch(RECOMMENDS);
    expect(text).toContain("geen experiment");
  });
  test("a rise (opposite) reads 'hoger', never 'lager'", () => {
    const text = dorPolicyText(row({estimate: 7.25, ci_low: 1, ci_high: 14, verdict: "tegengesteld"}), theme);
    expect(text).toContain("gemiddeld 7,3% hoger dan verwacht");
    expect(text).not.toContain("lager");
  });
  test("nothing shown or nothing delivered", () => {
    expect(dorPolicyText(row({verdict: "niet aangetoond", ci_high: 2}), theme)).toBe("Een effect van aansluiting is op deze gegevens niet vastgesteld (niet aangetoond).");
    expect(dorPolicyText(null, theme)).toBe("Zonder aansluitdata is hierover niets te zeggen.");
  });
});

describe("prevention policy text", () => {
  test("a steeper fall per 10 visits is cited as 'lager' and called an association", () => {
    const text = preventionPolicyText(row({effect: "dose", estimate: -4.94, ci_low: -9, ci_high: -0.5, unit: "percent_per_10"}), theme);
    expect(text).toContain("sterkere daling: 4,9% lager per 10 bezoeken per 1.000 woningen");
    expect(text).toContain("samenhang tussen buurten, geen proef");
    expect(text).not.toMatch(RECOMMENDS);
  });
  test("a rise is never read as a fall", () => {
    const text = preventionPolicyText(row({effect: "dose", estimate: 4.94, ci_low: 0.5, ci_high: 9, verdict: "tegengesteld"}), theme);
    expect(text).toContain("minder sterke daling of een stijging: 4,9% hoger per 10 bezoeken");
    expect(text).not.toContain("lager");
  });
});

describe("near-repeat meaning", () => {
  test("cites the Knox ratio with one decimal and the p-value, and no promise of what works", () => {
    const text = nearRepeatMeaning({verdict: "aangetoond", estimate: 6.386103, p_value: 0.001}, {delivered: true, theme});
    expect(text).toContain("6,4 keer zo vaak voor als bij toeval (p = 0,001)");
    expect(text).not.toMatch(RECOMMENDS);
    expect(text).toContain("laat dit patroon niet zien");
    expect(nearRepeatMeaning({verdict: "aangetoond", estimate: 1.25, p_value: 0.0004}, {delivered: true, theme})).toContain("1,3 keer zo vaak voor als bij toeval (p < 0,001)");
  });
  test("not shown, not delivered", () => {
    expect(nearRepeatMeaning({verdict: "niet aangetoond", estimate: 1.02, p_value: 0.4}, {delivered: true, theme})).toMatch(/^In deze levering is geen verhoogd aantal/);
    expect(nearRepeatMeaning(null, {delivered: false, theme})).toMatch(/^Zonder coördinaten/);
  });
});
