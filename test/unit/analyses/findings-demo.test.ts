// The findings of the default demo delivery, seed 11 (2012-2025, about 27,000 incidents), as a build
// computes them: every finding answers the question it asks, none is "aangetoond" with its estimate
// on the other side of "no effect", and associations never read "aangetoond" (issue 13).
// Generating the delivery and running every analysis takes about a minute.
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../../loaders/pipeline/run.js";
import {readConfig} from "../../../loaders/config.js";
import type {Finding} from "../../../src/lib/findings.js";
import {formatP} from "../../../src/lib/hypotheses/format.js";
import {demoDelivery} from "../../helpers/demo.js";

const RATIO_UNITS = ["ratio", "irr", "irr per sd"];

/** The side of "no effect" the estimate lies on: -1, 0 or +1. */
const sideOf = (f: Finding) => Math.sign(f.estimate! - (RATIO_UNITS.includes(f.unit) ? 1 : 0));

describe("findings on demo seed 11", () => {
  const dir = demoDelivery({seed: 11, fromYear: 2012, toYear: 2025, incidents: undefined});
  const delivery = readDelivery(dir);
  const {tables} = publish(delivery, {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
  const findings = runAnalyses(delivery, tables, {...readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "test-pseudonym-key-0123456789"}), dataDir: dir}, dir);

  test("every finding declares the direction its question asks", () => {
    expect(findings.filter((f) => !["decrease", "increase", "any"].includes(f.direction)).map((f) => f.id)).toEqual([]);
    const direction = Object.fromEntries(findings.map((f) => [f.id, f.direction]));
    expect(direction).toMatchObject({
      "measure.whatsapp.overall": "decrease", "measure.whatsapp.displacement": "increase", "measure.dor.level": "decrease",
      "knox.near_repeat": "increase", "season.winter_peak": "increase", "factor.gemiddelde_woz": "any"
    });
  });

  test("the reported case: the neighbours' fall is not displacement", () => {
    const displacement = findings.find((f) => f.id === "measure.whatsapp.displacement")!;
    expect(displacement.ci_high).toBeLessThan(0); // about -8.65% [-14.8, -1.7]
    // The page's own verdict (one question) is "tegengesteld"; the overview's adds Holm over the measures.
    const row = tables.get("whatsapp_effects")!.toArray().map((r) => r.toJSON()).find((r) => r.effect === "displacement")!;
    expect(row.verdict).toBe("tegengesteld");
    expect(displacement.verdict).toBe(displacement.p_holm! < 0.05 ? "tegengesteld" : "niet aangetoond");
  });

  test("no finding is 'aangetoond' in the wrong direction", () => {
    const wrong = findings.filter((f) => f.verdict.startsWith("aangetoond") && f.direction !== "any" && sideOf(f) !== (f.direction === "decrease" ? -1 : 1));
    expect(wrong.map((f) => `${f.id}: ${f.estimate} (${f.direction})`)).toEqual([]);
    // Something is shown at all on this delivery (the check above is not empty by accident).
    expect(findings.filter((f) => f.verdict.startsWith("aangetoond")).length).toBeGreaterThan(2);
  });

  test("no p-value is published as 0: a tiny p stays a tiny number, pages read it as '< 0,001'", () => {
    expect(findings.filter((f) => f.p_value === 0).map((f) => f.id)).toEqual([]);
    // The planted winter peak and the strongest factors have p far below 1e-8 (they read 0 before).
    const winter = findings.find((f) => f.id === "season.winter_peak")!;
    expect(winter.p_value).toBeGreaterThan(0);
    expect(winter.p_value).toBeLessThan(1e-8);
    expect(formatP(winter.p_value)).toBe("< 0,001");
    const tiny = findings.filter((f) => f.id.startsWith("factor.") && f.p_value !== null && f.p_value < 1e-8);
    expect(tiny.length).toBeGreaterThan(0);
    expect(tiny.filter((f) => !(f.p_value! > 0)).map((f) => f.id)).toEqual([]);
  });

  test("every p-value has its Holm-adjusted value over the family shown, and the verdicts use it", () => {
    const withP = findings.filter((f) => f.p_value !== null);
    expect(withP.filter((f) => !(f.p_holm! >= f.p_value!)).map((f) => f.id)).toEqual([]);
    expect(findings.filter((f) => f.p_value === null && f.p_holm !== null).map((f) => f.id)).toEqual([]);
    // The interval-based measures carry a Wald p from their bootstrap se, so they are in the family.
    expect(["measure.whatsapp.overall", "measure.whatsapp.displacement", "measure.dor.level", "measure.prevention_advice.dose"]
      .filter((id) => !(findings.find((f) => f.id === id)!.p_value! > 0))).toEqual([]);
    const claimed = findings.filter((f) => /^(aangetoond|tegengesteld|samenhang|onzeker)/.test(f.verdict));
    expect(claimed.filter((f) => f.p_holm !== null && f.p_holm! >= 0.05).map((f) => f.id)).toEqual([]);
  });

  test("the WhatsApp method is named for what it is, citing Callaway & Sant'Anna as the design only", () => {
    const method = findings.find((f) => f.id === "measure.whatsapp.overall")!.method;
    expect(method).toMatch(/^verhouding van het waargenomen tot het verwachte aantal, opgeteld over alle buurten en maanden na de start/);
    expect(method).toContain("eigen 12 maanden vóór de start");
    expect(method).toContain("naar het ontwerp van Callaway & Sant'Anna 2021, niet hun schatter");
  });

  test("associations of neighbourhood factors never read 'aangetoond'", () => {
    const factors = findings.filter((f) => f.id.startsWith("factor."));
    expect(factors.length).toBeGreaterThan(3);
    expect(factors.filter((f) => f.verdict.includes("aangetoond") && f.verdict !== "geen samenhang aangetoond").map((f) => f.verdict)).toEqual([]);
  });
});
