/**
 * The extra sites the browser tests build besides dist/ (another level, delivery or theme), in one
 * place so that the tests and the parallel prebuild (test/e2e/run.ts) ask for identical builds.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ROOT} from "./build.js";

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

/** Output folder and build environment of each extra site. */
export const SITES = {
  intern: {output: "dist-intern", env: {INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "e2e-pseudonym-key-0123456789"}},
  minimal: {output: "dist-minimal", env: {INBRAAKLAB_DATA_DIR: join(ROOT, "test/fixtures/minimal-delivery")}},
  fiets: {output: "dist-fiets", env: {INBRAAKLAB_THEME: "fietsdiefstal"}},
  xss: {output: "dist-xss", env: {INBRAAKLAB_DATA_DIR: XSS_DELIVERY}}
} as const satisfies Record<string, {output: string; env: Record<string, string>}>;
