/**
 * The offence theme of a build: one dictionary of the Dutch words pages, the sidebar and the print
 * cover use, so that the same pipeline and pages serve woninginbraak (the first theme) and other
 * safety themes. Browser-safe; the build's theme travels to pages in meta.json (`theme`).
 */

/** The themes the workbench knows. */
export const THEME_IDS = ["woninginbraak", "fietsdiefstal"] as const;

export type ThemeId = (typeof THEME_IDS)[number];

/** The words of one theme (Dutch, lower case unless the field says otherwise). */
export interface Theme {
  id: ThemeId;
  /** Site title in the sidebar and the browser tab. */
  siteTitle: string;
  /** The offence, capitalised: "Woninginbraak". */
  name: string;
  /** One offence: "inbraak". */
  singular: string;
  /** Several offences: "inbraken". */
  plural: string;
  /** Offences including attempts: "inbraken en pogingen". */
  withAttempts: string;
  /** How pages name the two `soort` values of the delivery (the data keep inbraak/poging). */
  soort: {inbraak: string; poging: string};
  /** The exposure a rate is expressed in: "woningen". */
  exposure: string;
  /** One sentence on what the workbench is for. */
  tagline: string;
}

export const THEMES: Readonly<Record<ThemeId, Theme>> = {
  woninginbraak: {
    id: "woninginbraak",
    siteTitle: "Inbraaklab",
    name: "Woninginbraak",
    singular: "inbraak",
    plural: "inbraken",
    withAttempts: "inbraken en pogingen",
    soort: {inbraak: "inbraak", poging: "poging"},
    exposure: "woningen",
    tagline: "analysewerkbank voor woninginbraak in Twente"
  },
  fietsdiefstal: {
    id: "fietsdiefstal",
    siteTitle: "Fietsdiefstallab",
    name: "Fietsdiefstal",
    singular: "fietsdiefstal",
    plural: "fietsdiefstallen",
    withAttempts: "fietsdiefstallen en pogingen",
    soort: {inbraak: "diefstal", poging: "poging"},
    exposure: "woningen",
    tagline: "analysewerkbank voor fietsdiefstal in Twente"
  }
};

/** Whether `id` names a known theme. */
export function isThemeId(id: unknown): id is ThemeId {
  return typeof id === "string" && (THEME_IDS as readonly string[]).includes(id);
}

/**
 * The theme named `id`; undefined or empty gives woninginbraak, an unknown name is rejected.
 * @example themeOf("fietsdiefstal").plural // "fietsdiefstallen"
 */
export function themeOf(id: string | null | undefined): Theme {
  if (id === undefined || id === null || id === "") return THEMES.woninginbraak;
  if (!isThemeId(id)) throw new Error(`invalid theme: ${id} (${THEME_IDS.join(" of ")})`);
  return THEMES[id];
}

/** The page label of a delivered `soort` value ("inbraak" -> "diefstal" for fietsdiefstal). */
export function soortLabel(theme: Theme, soort: string): string {
  return soort === "inbraak" || soort === "poging" ? theme.soort[soort] : soort;
}

/** Capitalises the first letter ("inbraken" -> "Inbraken"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
