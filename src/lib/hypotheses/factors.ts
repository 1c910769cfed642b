/**
 * The neighbourhood factors the environmental-factors page tests, with Dutch labels, and the rows
 * of the page's tables and downloads (factor_models, factor_quintiles, factor_correlations).
 */

import {formatP, nlNumber} from "./format.js";

/** Candidate factors (kerncijfers variables) in page order; perc_koopwoningen is left out (it is 100 - rental share). */
export const FACTOR_VARIABLES = [
  "gem_inkomen_per_inwoner", "gemiddelde_woz", "perc_huurwoningen", "perc_eengezinswoning",
  "omgevingsadressendichtheid", "perc_65_plus", "afstand_oprit_hoofdweg"
] as const;

export type FactorVariable = (typeof FACTOR_VARIABLES)[number];

/** Dutch labels with units. */
export const FACTOR_LABELS: Readonly<Record<string, string>> = {
  gem_inkomen_per_inwoner: "gemiddeld inkomen per inwoner (× € 1.000)",
  gemiddelde_woz: "gemiddelde WOZ-waarde (× € 1.000)",
  perc_huurwoningen: "aandeel huurwoningen (%)",
  perc_eengezinswoning: "aandeel eengezinswoningen (%)",
  omgevingsadressendichtheid: "adressendichtheid (adressen per km²)",
  perc_65_plus: "aandeel 65-plussers (%)",
  afstand_oprit_hoofdweg: "afstand tot oprit hoofdweg (km)"
};

/** Short Dutch names for charts. */
export const FACTOR_SHORT: Readonly<Record<string, string>> = {
  gem_inkomen_per_inwoner: "inkomen",
  gemiddelde_woz: "WOZ-waarde",
  perc_huurwoningen: "huurwoningen",
  perc_eengezinswoning: "eengezinswoningen",
  omgevingsadressendichtheid: "dichtheid",
  perc_65_plus: "65-plussers",
  afstand_oprit_hoofdweg: "afstand snelweg"
};

/** A row of factor_models (as `toJSON()` gives it). */
export interface FactorModelRow {
  level: string;
  period: string;
  family: string;
  term: string;
  irr: number | null;
  irr_low: number | null;
  irr_high: number | null;
  p_value: number | null;
  p_holm: number | null;
  var_sd: number | null;
  /** The planted log effect (demo only), else null. */
  truth: number | null;
  aic: number | null;
  areas: number;
  year_from: number;
  year_to: number;
}

const label = (term: string) => FACTOR_LABELS[term] ?? term;

/** The model table: IRR per standard deviation with its interval and p-values; `planted` adds the demo's planted IRR. */
export function modelTable(rows: readonly FactorModelRow[], {planted}: {planted: boolean}): Record<string, string>[] {
  return rows.map((d) => ({
    factor: label(d.term), IRR: nlNumber(d.irr, 3), "95%-interval": `${nlNumber(d.irr_low, 3)} – ${nlNumber(d.irr_high, 3)}`,
    p: formatP(d.p_value), "p (Holm)": formatP(d.p_holm), "1 sd =": nlNumber(d.var_sd, 1),
    ...(planted ? {geplant: d.truth === null ? "–" : nlNumber(Math.exp(d.truth), 3)} : {})
  }));
}

/**
 * The sentence under the model table: areas and years of the fit, and the AIC of the Poisson and
 * negative-binomial fits for one level and period (why only the latter's intervals are shown).
 */
export function modelFitText(rows: readonly FactorModelRow[], {level, period}: {level: string; period: string}): string {
  const fits = rows.filter((d) => d.level === level && d.period === period);
  const fit = fits.find((d) => d.family === "negbin" && d.term !== "(Intercept)");
  // One AIC per fitted model, repeated on each of its terms.
  const aic = (family: string) => nlNumber(fits.find((d) => d.family === family)?.aic, 1);
  return `${fit?.areas} gebieden, ${fit?.year_from}–${fit?.year_to}. AIC Poisson ${aic("poisson")}, negatief-binomiaal ${aic("negbin")} (lager is beter; een veel lagere AIC voor het negatief-binomiale model betekent dat buurten meer verschillen dan Poisson toelaat, en dat de Poisson-intervallen te smal zouden zijn: daarom staan alleen de negatief-binomiale hier).`;
}

/** A row of factor_quintiles. */
export interface QuintileRow {
  quintile: number;
  lower: number | null;
  upper: number | null;
  areas: number;
  count: number | null;
  rate: number | null;
  suppressed: boolean;
}

/** The quintile table: bounds, areas, the count and the rate per 1,000 `exposure` per year ("verborgen" when hidden). */
export function quintileTable(rows: readonly QuintileRow[], {plural, exposure}: {plural: string; exposure: string}): Record<string, string | number | null>[] {
  return rows.map((d) => ({
    kwintiel: d.quintile, van: nlNumber(d.lower, 1), tot: nlNumber(d.upper, 1), gebieden: d.areas,
    [plural]: d.suppressed ? "verborgen" : d.count, [`per 1.000 ${exposure} per jaar`]: d.suppressed ? "verborgen" : nlNumber(d.rate, 2)
  }));
}

/** The rank-correlation table: Spearman's rho per factor with its permutation p-value and Holm's. */
export function correlationTable(rows: readonly {variable: string; rho: number | null; p_value: number | null; p_holm: number | null; areas: number}[]): Record<string, string | number>[] {
  return rows.map((d) => ({factor: label(d.variable), "Spearman rho": nlNumber(d.rho, 3), p: formatP(d.p_value), "p (Holm)": formatP(d.p_holm), gebieden: d.areas}));
}
