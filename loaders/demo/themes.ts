/**
 * Demo generator settings per offence theme: the same template files (the delivery format does not
 * change with the theme), with the volume, season and measure effects of the theme.
 */
import type {ThemeId} from "../../src/lib/theme.js";
import type {DemoOptions} from "./generate.js";

/**
 * The generator options that make a demo delivery look like the theme (without a seed).
 * woninginbraak is the generator's default; fietsdiefstal has more incidents, no winter peak from
 * dark evenings, hardly any effect of WhatsApp groups and a larger effect of the Digitaal
 * Opkopersregister (stolen bicycles are resold).
 * @example demoOptionsForTheme("fietsdiefstal").winterPeak // 0
 */
export function demoOptionsForTheme(theme: ThemeId): DemoOptions {
  switch (theme) {
    case "woninginbraak":
      return {};
    case "fietsdiefstal":
      return {incidents: 40_000, winterPeak: 0, whatsappEffect: -0.05, dorEffect: -0.3, preventionDose: -0.001};
    default:
      throw new Error(`invalid theme: ${theme as string}`);
  }
}
