/**
 * Demo generator settings per offence theme: the same template files (the delivery format does not
 * change with the theme), with the volume, season, measure effects and category labels of the theme.
 */
import type {ThemeId} from "../../src/lib/theme.js";
import {BURGLARY_LABELS, type DemoLabels, type DemoOptions} from "./generate.js";

/**
 * Bicycle-theft labels. werkwijze: how the bicycle was taken (a shared storage is mostly at
 * apartments, an unlocked bicycle mostly at houses); buit: the bicycle and what came with it;
 * woningtype: where at the dwelling the bicycle stood, one place per dwelling type (a simplification:
 * the demo ties the place to the address); campaigns: bicycle-lock campaigns.
 */
const BICYCLE_LABELS: DemoLabels = {
  werkwijzen: ["stalling opengebroken", "slot doorgeknipt", "slot geforceerd", "niet op slot", "meegenomen met slot en al", "onbekend"],
  werkwijzeApartment: [0.3, 0.25, 0.2, 0.05, 0.05, 0.15],
  werkwijzeHouse: [0.1, 0.25, 0.2, 0.2, 0.12, 0.13],
  buit: ["fiets", "e-bike", "accu", "fietstas", "slot", "kinderzitje", "fietscomputer", "overig"],
  buitWeights: [0.5, 0.35, 0.12, 0.1, 0.08, 0.04, 0.03, 0.06],
  woningtypen: ["schuur of garage", "oprit of voortuin", "achtertuin", "straat voor de deur", "gemeenschappelijke stalling"],
  campaigns: ["Fiets op slot", "Dubbel slot Enschede", "Hengelo Fietsveilig", "Almelo \"Zet 'm vast\" voorjaar"]
};

/**
 * The category labels (werkwijze, buit, woningtype) the demo writes for a theme.
 * @example demoLabelsForTheme("fietsdiefstal").buit[1] // "e-bike"
 */
export function demoLabelsForTheme(theme: ThemeId): DemoLabels {
  switch (theme) {
    case "woninginbraak":
      return BURGLARY_LABELS;
    case "fietsdiefstal":
      return BICYCLE_LABELS;
    default:
      throw new Error(`invalid theme: ${theme as string}`);
  }
}

/**
 * The generator options that make a demo delivery look like the theme (without a seed).
 * woninginbraak is the generator's default; fietsdiefstal has more incidents, no winter peak from
 * dark evenings, hardly any effect of WhatsApp groups, a larger effect of the Digitaal
 * Opkopersregister (stolen bicycles are resold) and bicycle labels.
 * @example demoOptionsForTheme("fietsdiefstal").winterPeak // 0
 */
export function demoOptionsForTheme(theme: ThemeId): DemoOptions {
  switch (theme) {
    case "woninginbraak":
      return {};
    case "fietsdiefstal":
      return {incidents: 40_000, winterPeak: 0, whatsappEffect: -0.05, dorEffect: -0.3, preventionDose: -0.001, labels: demoLabelsForTheme(theme)};
    default:
      throw new Error(`invalid theme: ${theme as string}`);
  }
}
