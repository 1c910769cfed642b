/**
 * The extra sites the browser tests build besides dist/ (another level, delivery or theme), in one
 * place so that the tests and the parallel prebuild (test/e2e/run.ts) ask for identical builds.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ROOT} from "./build.js";
import {demoOptionsForTheme} from "../../loaders/demo/themes.js";
import {demoIsCurrent, writeDemo} from "../../loaders/pipeline/cache.js";
import type {ThemeId} from "../../src/lib/theme.js";

/** A delivered value that would run script if a page did not escape it. */
export const XSS = "<img src=x onerror=alert(1)>";

/**
 * Delivered values that a spreadsheet would run as formulas (OWASP CSV injection), each frequent
 * enough (20 of the 120 rows) to be published.
 */
export const FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.invalid","klik")', "+1+1", "@SUM(1)", "-2+3"] as const;

/**
 * A small delivery whose text columns carry {@link XSS} and {@link FORMULAS}; written by
 * {@link writeXssDelivery}.
 */
export const XSS_DELIVERY = join(ROOT, "test/output/xss-delivery");

/**
 * Writes the XSS delivery: 120 burglaries in Enschede, a sixth with the script as werkwijze, the
 * rest each with one of the formulas; woningtype `<b>vrijstaand</b>` or the formula `@woning`.
 */
export function writeXssDelivery(): string {
  const lines = ["registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode;werkwijze;woningtype"];
  for (let i = 0; i < 120; i++) {
    const day = String((i % 28) + 1).padStart(2, "0"), month = String((i % 12) + 1).padStart(2, "0");
    const werkwijze = i % 6 === 0 ? XSS : FORMULAS[(i % 6) - 1];
    lines.push(`XSS${String(i).padStart(4, "0")};${i % 4 === 0 ? "poging" : "inbraak"};2024-${month}-${day} 18:00;2024-${month}-${day} 22:00;GM0153;${werkwijze};${i % 2 === 0 ? "<b>vrijstaand</b>" : "@woning"}`);
  }
  mkdirSync(XSS_DELIVERY, {recursive: true});
  writeFileSync(join(XSS_DELIVERY, "inbraken.csv"), lines.join("\n") + "\n");
  return XSS_DELIVERY;
}

/** The folder of a theme's {@link shortDemo}. */
const shortDemoDir = (theme: ThemeId) => join(ROOT, "test/output", `demo-${theme}-2019-2025`);

/**
 * Writes (once per version of the demo generator) a theme's demo delivery shortened to 2019-2025,
 * seed 1: about 6,600 incidents, where the built-in demo has about 27,000 (woninginbraak, 2012-2025)
 * or 40,000 (fietsdiefstal). The intern and fietsdiefstal sites test a level and a theme, not the
 * demo's figures, and the pipeline on the full demo cost each of their builds about 10 s more. It
 * carries the demo's truth.json, so the pages treat it as the demo; written as the built-in demo is
 * (writeDemo in loaders/pipeline/cache.ts), without its broken rows. Returns its folder.
 */
export async function shortDemo(theme: ThemeId): Promise<string> {
  const dir = shortDemoDir(theme);
  if (!demoIsCurrent(dir)) await writeDemo(dir, {...demoOptionsForTheme(theme), seed: 1, fromYear: 2019, toYear: 2025, incidents: undefined});
  return dir;
}

/** Writes every delivery an extra site is built from: the XSS delivery and the short demos. */
export async function writeSiteDeliveries(): Promise<void> {
  writeXssDelivery();
  await shortDemo("woninginbraak");
  await shortDemo("fietsdiefstal");
}

/**
 * Output folder and build environment of each extra site. The intern and fietsdiefstal sites are
 * built from a {@link shortDemo} (write it first).
 */
export const SITES = {
  intern: {output: "dist-intern", env: {INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "e2e-pseudonym-key-0123456789", INBRAAKLAB_DATA_DIR: shortDemoDir("woninginbraak")}},
  minimal: {output: "dist-minimal", env: {INBRAAKLAB_DATA_DIR: join(ROOT, "test/fixtures/minimal-delivery")}},
  fiets: {output: "dist-fiets", env: {INBRAAKLAB_THEME: "fietsdiefstal", INBRAAKLAB_DATA_DIR: shortDemoDir("fietsdiefstal")}},
  xss: {output: "dist-xss", env: {INBRAAKLAB_DATA_DIR: XSS_DELIVERY}}
} as const satisfies Record<string, {output: string; env: Record<string, string>}>;
