/**
 * Build configuration, from environment variables (documented in README.md):
 * INBRAAKLAB_DATA_DIR, INBRAAKLAB_LEVEL, INBRAAKLAB_REGION, INBRAAKLAB_MAX_REJECT_SHARE,
 * INBRAAKLAB_SUPPRESS_BELOW, INBRAAKLAB_DEMO_SEED, INBRAAKLAB_THEME, INBRAAKLAB_PRIVACY,
 * INBRAAKLAB_PEILDATUM, INBRAAKLAB_FIRST_YEAR, INBRAAKLAB_PSEUDONYM_KEY, INBRAAKLAB_INTERN_FREE_TEXT.
 */
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {TWENTE_CODES} from "../src/lib/twente.js";
import {themeOf, type ThemeId} from "../src/lib/theme.js";
import {DEFAULT_FIRST_YEAR, dateLimits, parseGemeentecode} from "./delivery/values.js";
import {assertPseudonymKey} from "./pipeline/pseudonym.js";
import {PRIVACY_MODES, type PrivacyMode} from "../src/lib/privacy/policy.js";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export type Level = "openbaar" | "intern";

export interface BuildConfig {
  /** The delivery folder; undefined means the built-in demo delivery. */
  dataDir: string | undefined;
  level: Level;
  region: readonly string[];
  maxRejectShare: number;
  /** Counts 1..suppressBelow-1 are suppressed in the openbaar build. */
  suppressBelow: number;
  demoSeed: number;
  /** The offence theme (src/lib/theme.ts): page wording and the demo generator's settings. */
  theme: ThemeId;
  /** The publication policy's mode (src/lib/privacy/policy.ts): standaard, or streng (every count table protected). */
  privacy: PrivacyMode;
  /** The day of the check (YYYY-MM-DD): a later pleegdatum is rejected. Undefined: today. */
  peildatum: string | undefined;
  /** A pleegdatum before 1 January of this year is rejected. */
  firstYear: number;
  /** intern: the secret key of the pseudonyms (required there; never written to any output). */
  pseudonymKey: string | undefined;
  /** intern: keep the free-text columns werkwijze and buit in the incident table. */
  internFreeText: boolean;
}

/** Reads the configuration from an environment; invalid values are rejected by name. */
export function readConfig(env: Record<string, string | undefined> = process.env): BuildConfig {
  const level = env.INBRAAKLAB_LEVEL ?? "openbaar";
  if (level !== "openbaar" && level !== "intern") throw new Error(`invalid INBRAAKLAB_LEVEL: ${level} (openbaar of intern)`);
  const region = env.INBRAAKLAB_REGION
    ? env.INBRAAKLAB_REGION.split(",").map((s) => {
        const code = parseGemeentecode(s.trim());
        if (!code) throw new Error(`invalid INBRAAKLAB_REGION code: ${s}`);
        return code;
      })
    : TWENTE_CODES;
  const maxRejectShare = Number(env.INBRAAKLAB_MAX_REJECT_SHARE ?? 0.05);
  if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) throw new Error(`invalid INBRAAKLAB_MAX_REJECT_SHARE: ${env.INBRAAKLAB_MAX_REJECT_SHARE}`);
  const suppressBelow = Number(env.INBRAAKLAB_SUPPRESS_BELOW ?? 5);
  if (!Number.isInteger(suppressBelow)) throw new Error(`invalid INBRAAKLAB_SUPPRESS_BELOW: ${env.INBRAAKLAB_SUPPRESS_BELOW}`);
  if (level === "openbaar" && suppressBelow < 2) {
    throw new Error(
      `INBRAAKLAB_SUPPRESS_BELOW=${env.INBRAAKLAB_SUPPRESS_BELOW} zet het verbergen van kleine aantallen uit; dat mag niet voor het niveau openbaar (minimaal 2, standaard 5). ` +
        `/ invalid INBRAAKLAB_SUPPRESS_BELOW: below 2 turns suppression off, which the openbaar level does not allow.`
    );
  }
  if (suppressBelow < 1) throw new Error(`invalid INBRAAKLAB_SUPPRESS_BELOW: ${env.INBRAAKLAB_SUPPRESS_BELOW}`);
  const privacy = (env.INBRAAKLAB_PRIVACY ?? "standaard") as PrivacyMode;
  if (!PRIVACY_MODES.includes(privacy)) throw new Error(`invalid INBRAAKLAB_PRIVACY: ${env.INBRAAKLAB_PRIVACY} (standaard of streng)`);
  const demoSeed = Number(env.INBRAAKLAB_DEMO_SEED ?? 1);
  if (!Number.isInteger(demoSeed)) throw new Error(`invalid INBRAAKLAB_DEMO_SEED: ${env.INBRAAKLAB_DEMO_SEED}`);
  const theme = themeOf(env.INBRAAKLAB_THEME).id; // rejects an unknown theme by name
  const firstYear = env.INBRAAKLAB_FIRST_YEAR === undefined ? DEFAULT_FIRST_YEAR : Number(env.INBRAAKLAB_FIRST_YEAR);
  let peildatum: string | undefined;
  try {
    peildatum = env.INBRAAKLAB_PEILDATUM ? dateLimits({peildatum: env.INBRAAKLAB_PEILDATUM, firstYear}).peildatum : (dateLimits({firstYear}), undefined);
  } catch (error) {
    throw new Error(`invalid INBRAAKLAB_PEILDATUM or INBRAAKLAB_FIRST_YEAR: ${(error as Error).message}`);
  }
  const pseudonymKey = env.INBRAAKLAB_PSEUDONYM_KEY || undefined;
  if (level === "intern") assertPseudonymKey(pseudonymKey);
  const freeText = (env.INBRAAKLAB_INTERN_FREE_TEXT ?? "nee").trim().toLowerCase();
  if (!["ja", "nee", "1", "0", "true", "false"].includes(freeText)) throw new Error(`invalid INBRAAKLAB_INTERN_FREE_TEXT: ${env.INBRAAKLAB_INTERN_FREE_TEXT} (ja of nee)`);
  return {
    dataDir: env.INBRAAKLAB_DATA_DIR ? resolve(env.INBRAAKLAB_DATA_DIR) : undefined,
    level,
    region,
    maxRejectShare,
    suppressBelow,
    demoSeed,
    theme,
    privacy,
    peildatum,
    firstYear,
    pseudonymKey: level === "intern" ? pseudonymKey : undefined,
    internFreeText: level === "intern" && ["ja", "1", "true"].includes(freeText)
  };
}
