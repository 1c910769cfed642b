/** The neighbourhood factors the environmental-factors page tests, with Dutch labels. */

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
