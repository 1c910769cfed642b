import {describe, expect, test} from "vitest";
import {correlationTable, modelFitText, modelTable, quintileTable, type FactorModelRow} from "../../../src/lib/hypotheses/factors.js";

const model = (over: Partial<FactorModelRow>): FactorModelRow => ({
  level: "buurt", period: "alle", family: "negbin", term: "perc_huurwoningen", irr: 1.2345, irr_low: 1.1, irr_high: 1.4, p_value: 0.0004,
  p_holm: 0.0123, var_sd: 12.34, truth: Math.log(1.25), aic: 1234.56, areas: 185, year_from: 2019, year_to: 2023, ...over
});

describe("environmental-factors page tables", () => {
  test("the model table labels the factor in Dutch and adds the planted IRR only for the demo", () => {
    expect(modelTable([model({})], {planted: true})).toEqual([{
      factor: "aandeel huurwoningen (%)", IRR: "1,235", "95%-interval": "1,100 – 1,400", p: "< 0,001", "p (Holm)": "0,012", "1 sd =": "12,3", geplant: "1,250"
    }]);
    expect(modelTable([model({term: "onbekend", truth: null})], {planted: false})[0]).not.toHaveProperty("geplant");
    expect(modelTable([model({truth: null})], {planted: true})[0].geplant).toBe("–");
  });

  test("the fit sentence takes areas and years from the negative-binomial fit and one AIC per family", () => {
    const rows = [
      model({family: "poisson", term: "(Intercept)", aic: 2000, areas: 999}),
      model({family: "negbin", term: "(Intercept)", aic: 1500, areas: 999}),
      model({family: "negbin", aic: 1500}),
      model({family: "poisson", period: "2024", aic: 1})
    ];
    const text = modelFitText(rows, {level: "buurt", period: "alle"});
    expect(text.startsWith("185 gebieden, 2019–2023. AIC Poisson 2.000,0, negatief-binomiaal 1.500,0 (lager is beter;")).toBe(true);
  });

  test("the quintile table hides count and rate together and names the exposure", () => {
    const rows = [
      {quintile: 1, lower: 0, upper: 12.5, areas: 37, count: 120, rate: 4.567, suppressed: false},
      {quintile: 2, lower: 12.5, upper: 20, areas: 37, count: null, rate: null, suppressed: true}
    ];
    expect(quintileTable(rows, {plural: "inbraken", exposure: "woningen"})).toEqual([
      {kwintiel: 1, van: "0,0", tot: "12,5", gebieden: 37, inbraken: 120, "per 1.000 woningen per jaar": "4,57"},
      {kwintiel: 2, van: "12,5", tot: "20,0", gebieden: 37, inbraken: "verborgen", "per 1.000 woningen per jaar": "verborgen"}
    ]);
  });

  test("the correlation table gives rho to three decimals and both p-values", () => {
    expect(correlationTable([{variable: "perc_65_plus", rho: -0.2, p_value: 0.04, p_holm: null, areas: 185}])).toEqual([
      {factor: "aandeel 65-plussers (%)", "Spearman rho": "-0,200", p: "0,040", "p (Holm)": "–", gebieden: 185}
    ]);
  });
});
