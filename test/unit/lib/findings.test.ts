import {describe, expect, test} from "vitest";
import {adjustFindings, familyOf, type Finding} from "../../../src/lib/findings.js";
import {adjustPValues} from "../../../src/lib/stats/correlation.js";
import {pWithHolm} from "../../../src/lib/hypotheses/format.js";

const finding = (id: string, p_value: number | null, verdict = "aangetoond"): Finding => ({
  id, question: "", method: "", estimate: 1.2, ci_low: 1.1, ci_high: 1.3, p_value, unit: "ratio", direction: "increase", verdict
});

describe("adjustFindings: Holm over the family each overview shows", () => {
  const findings = [
    finding("knox.near_repeat", 0.001), finding("season.winter_peak", 0.03), finding("factor.gemiddelde_woz", 0.02, "samenhang (hoger risico)"),
    finding("repeat.same_address", null, "onvoldoende gegevens"),
    finding("measure.whatsapp.overall", 0.004), finding("measure.dor.level", 0.04, "onzeker"), finding("measure.campaign.x", 0.6, "niet aangetoond")
  ];
  const adjusted = adjustFindings(findings);

  test("the families are the hypotheses and the measures, each adjusted with adjustPValues", () => {
    expect(findings.map((f) => familyOf(f.id))).toEqual(["hypothesen", "hypothesen", "hypothesen", "hypothesen", "maatregelen", "maatregelen", "maatregelen"]);
    expect(adjusted.slice(0, 3).map((f) => f.p_holm)).toEqual(adjustPValues([0.001, 0.03, 0.02], "holm"));
    expect(adjusted.slice(4).map((f) => f.p_holm)).toEqual(adjustPValues([0.004, 0.04, 0.6], "holm"));
    expect(adjusted[3].p_holm).toBeNull();
  });

  test("the verdicts use the adjusted value: claims above 0.05 after Holm are withdrawn", () => {
    // Hypotheses: 0.001 -> 0.003, 0.03 -> 0.04, 0.02 -> 0.04: all stay.
    expect(adjusted.slice(0, 4).map((f) => f.verdict)).toEqual(["aangetoond", "aangetoond", "samenhang (hoger risico)", "onvoldoende gegevens"]);
    // Measures: 0.004 -> 0.012 stays; 0.04 -> 0.08 is no longer shown.
    expect(adjusted.slice(4).map((f) => f.verdict)).toEqual(["aangetoond", "niet aangetoond", "niet aangetoond"]);
    const association = adjustFindings([finding("factor.a", 0.03, "samenhang (lager risico)"), finding("factor.b", 0.04, "samenhang (hoger risico)"), finding("knox.c", 0.5, "niet aangetoond")]);
    expect(association.map((f) => f.verdict)).toEqual(["geen samenhang aangetoond", "geen samenhang aangetoond", "niet aangetoond"]);
  });

  test("returns new objects and leaves the input alone", () => {
    expect(findings[5].verdict).toBe("onzeker");
    expect("p_holm" in findings[0]).toBe(false);
    expect(() => adjustFindings(null as never)).toThrow("invalid findings");
  });

  test("the overviews cite both values", () => {
    expect(pWithHolm({p_value: 0.012, p_holm: 0.048})).toBe("p = 0,012; na Holm-correctie p = 0,048");
    expect(pWithHolm({p_value: 1e-9, p_holm: 3e-9})).toBe("p < 0,001; na Holm-correctie p < 0,001");
    expect(pWithHolm({p_value: null, p_holm: null})).toBe("p = –");
  });
});
