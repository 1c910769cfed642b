import {describe, expect, test} from "vitest";
import {thinLogTicks} from "../../src/components/estimate-plot.js";
import {FORECAST_METHODS} from "../../src/lib/forecast.js";
import {findingsOf, findingTitle, unitLabel, formatEstimate, isRatioFinding, formatP, formatShare, parseBands, pText, verdictClass} from "../../src/lib/hypotheses/format.js";

describe("hypothesis page helpers", () => {
  test("p-values and estimates in Dutch", () => {
    expect(formatP(0.0004)).toBe("< 0,001");
    expect(formatP(0.0123)).toBe("0,012");
    expect(formatP(null)).toBe("–");
    expect(pText(0.0004)).toBe("p < 0,001");
    expect(pText(0.5)).toBe("p = 0,500");
    expect(formatShare(0.2456)).toBe("24,6%");
    expect(formatEstimate({estimate: 1.2345, ci_low: 1.1, ci_high: 1.4, unit: "irr"})).toBe("1,23 (95%-interval 1,10 – 1,40)");
    expect(formatEstimate({estimate: 0.25, ci_low: null, ci_high: null, unit: "share"})).toBe("25,0%");
  });

  test("verdict classes and findings per page", () => {
    expect(["aangetoond (winterpiek)", "samenhang (hoger risico)", "tegengesteld (zomerpiek)", "niet aangetoond", "geen samenhang aangetoond", "niet geleverd", "onvoldoende gegevens"].map(verdictClass))
      .toEqual(["ja", "ja", "tegen", "nee", "nee", "leeg", "leeg"]);
    const f = [{id: "knox.a"}, {id: "knoxx.b"}, {id: "factor.c"}] as never[];
    expect(findingsOf(f, "knox").map((x: {id: string}) => x.id)).toEqual(["knox.a"]);
  });

  test("parseBands accepts typed lists and rejects bad ones by name", () => {
    expect(parseBands("0, 1, 100 200")).toEqual({breaks: [0, 1, 100, 200]});
    expect(parseBands("0;7;14")).toEqual({breaks: [0, 7, 14]});
    expect(parseBands("1, 2")).toEqual({error: "De eerste grens moet 0 zijn."});
    expect(parseBands("0, 5, 5")).toEqual({error: "De grenzen moeten oplopen."});
    expect(parseBands("0, x")).toEqual({error: "Geen geldig getal: x"});
    expect(parseBands("")).toHaveProperty("error");
  });

  test("the forest plot takes only ratio findings, with short Dutch titles and ticks that do not overlap", () => {
    expect(isRatioFinding({estimate: 1.2, ci_low: 1.1, ci_high: 1.3, unit: "irr per sd"})).toBe(true);
    expect(isRatioFinding({estimate: 23.6, ci_low: 10, ci_high: 40, unit: "percent"})).toBe(false);
    expect(isRatioFinding({estimate: 0.3, ci_low: 0.2, ci_high: 0.4, unit: "share"})).toBe(false);
    expect(isRatioFinding({estimate: 1.2, ci_low: null, ci_high: null, unit: "ratio"})).toBe(false);
    expect(findingTitle("factor.gemiddelde_woz")).toBe("Omgeving: WOZ-waarde");
    expect(findingTitle("season.dark_evenings")).toBe("Donkere avonden");
    expect(thinLogTicks([0.5, 0.9, 1, 1.1, 2], [0.5, 2], 100, 30)).toEqual([0.5, 1, 2]);
    expect(thinLogTicks([0.8, 0.9, 1, 1.1, 1.25], [0.75, 1.3], 400, 30)).toEqual([0.8, 0.9, 1, 1.1, 1.25]);
  });

  test("readers see titles and units in Dutch, not internal ids or unit codes (issue 14, item 8)", () => {
    const ids = ["knox.near_repeat", "knox.near_repeat_share", "season.winter_peak", "season.dark_evenings", "repeat.same_address", "factor.gemiddelde_woz",
      "measure.whatsapp.overall", ...FORECAST_METHODS.map((m) => `forecast.pai5.${m}`)];
    for (const id of ids) expect(findingTitle(id), id).not.toMatch(/^[a-z]+\.|_/);
    expect(findingTitle("forecast.pai5.kde")).toBe("Voorspelling: kerndichtheid (hotspotkaart)");
    // Every unit the analyses write (loaders/analyses/*.ts).
    for (const unit of ["ratio", "irr", "irr per sd", "percent", "percent_per_10", "share", "wald", "pai"]) {
      expect(unitLabel(unit), unit).not.toMatch(/\b(irr|sd|per_10|ratio|share|percent|wald)\b/);
    }
    expect(unitLabel("irr per sd")).toBe("verhouding per standaardafwijking");
  });
});
