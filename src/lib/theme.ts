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
  /** The offence in full, plural: "woninginbraken" (where `plural` is the short "inbraken"). */
  namePlural: string;
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
  /** The offender: "inbreker". */
  offender: string;
  /** Several offenders: "inbrekers". */
  offenders: string;
  /** The risk of the offence, one word: "inbraakrisico". */
  risk: string;
  /** The object that is hit: "woning" (fietsdiefstal: "fiets"). Rates stay per 1,000 `exposure`. */
  target: string;
  /** Several objects that are hit: "woningen". */
  targets: string;
  /** Page label of the delivered column `woningtype`: "woningtype" (fietsdiefstal: "stallingsplek"). */
  targetType: string;
  /** The question that column answers, lower case: "in wat voor woning". */
  targetTypeQuestion: string;
  /** What that column describes: "het type woning waar is ingebroken". */
  targetTypeMeaning: string;
  /** The question the column `werkwijze` answers, lower case: "hoe komt de inbreker binnen". */
  modusQuestion: string;
  /** The same in the past tense, attempts included, as a sentence. */
  modusQuestionPast: string;
  /** The offence as a passive verb around a middle part, see {@link happens}: ["wordt", "ingebroken"]. */
  passive: readonly [string, string];
  /** The policy programme against the offence: "inbraakprogramma". */
  programme: string;
  /** Examples of making the target harder to hit: "hang- en sluitwerk, verlichting". */
  hardening: string;
  /** The advice for dark winter evenings, one sentence. */
  darkAdvice: string;
  /**
   * Published evidence the pages cite for this offence, one sentence each; null where the workbench
   * knows of no source for the theme (the page then leaves the sentence out rather than borrow
   * another offence's numbers).
   */
  evidence: {
    /** National clearance rate. */
    clearance: string | null;
    /** Near repeats (space-time window). */
    nearRepeat: string | null;
    /** Repeat victimisation at the same address. */
    repeat: string | null;
    /** Area factors. */
    factors: string | null;
    /** Neighbourhood WhatsApp groups. */
    whatsapp: string | null;
    /** When registrations and victimisation peak in the year (registration vs survey). */
    season: string | null;
  };
}

export const THEMES: Readonly<Record<ThemeId, Theme>> = {
  woninginbraak: {
    id: "woninginbraak",
    siteTitle: "Inbraaklab",
    name: "Woninginbraak",
    namePlural: "woninginbraken",
    singular: "inbraak",
    plural: "inbraken",
    withAttempts: "inbraken en pogingen",
    soort: {inbraak: "inbraak", poging: "poging"},
    exposure: "woningen",
    tagline: "analysewerkbank voor woninginbraak in Twente",
    offender: "inbreker",
    offenders: "inbrekers",
    risk: "inbraakrisico",
    target: "woning",
    targets: "woningen",
    targetType: "woningtype",
    targetTypeQuestion: "in wat voor woning",
    targetTypeMeaning: "het type woning waar is ingebroken",
    modusQuestion: "hoe komt de inbreker binnen",
    modusQuestionPast: "Hoe kwam de inbreker binnen (of probeerde hij dat)?",
    passive: ["wordt", "ingebroken"],
    programme: "inbraakprogramma",
    hardening: "hang- en sluitwerk, verlichting",
    darkAdvice: "campagnes als het Donkere Dagen Offensief en verlichting of tijdschakelaars richten zich op de vroege avond in de winter.",
    evidence: {
      clearance: "Landelijk lukt dat bij 7–10% van de woninginbraken.",
      nearRepeat: "Internationaal onderzoek (Johnson e.a. 2007, ook in Nederland) vond dit binnen ongeveer 200 m en minstens twee weken.",
      repeat: "(onderzoek in Enschede, Kleemans: het risico is direct na de eerste inbraak het hoogst)",
      factors: "Eerder onderzoek vond meer inbraak bij eengezins- en vrijstaande woningen, hoge WOZ-waarden en dicht bij uitvalswegen (Bernasco & Nieuwbeerta 2005; CBS Veiligheidsmonitor).",
      whatsapp: "In Tilburg vonden Akkermans en Vollaard (2015) ongeveer 40% minder inbraken, zonder verplaatsing.",
      season: "de politieregistratie piekt in de donkere maanden; de slachtofferenquête van het CBS vindt ook pieken in juli en augustus (vakantie) en december."
    }
  },
  fietsdiefstal: {
    id: "fietsdiefstal",
    siteTitle: "Fietsdiefstallab",
    name: "Fietsdiefstal",
    namePlural: "fietsdiefstallen",
    singular: "fietsdiefstal",
    plural: "fietsdiefstallen",
    withAttempts: "fietsdiefstallen en pogingen",
    soort: {inbraak: "diefstal", poging: "poging"},
    exposure: "woningen",
    tagline: "analysewerkbank voor fietsdiefstal in Twente",
    offender: "dief",
    offenders: "dieven",
    risk: "diefstalrisico",
    target: "fiets",
    targets: "fietsen",
    targetType: "stallingsplek",
    targetTypeQuestion: "waar stond de fiets",
    targetTypeMeaning: "de plek bij de woning waar de fiets stond",
    modusQuestion: "hoe neemt de dief de fiets mee",
    modusQuestionPast: "Hoe nam de dief de fiets mee (of probeerde hij dat)?",
    passive: ["worden", "fietsen gestolen"],
    programme: "programma tegen fietsdiefstal",
    hardening: "een tweede slot, een afsluitbare stalling",
    darkAdvice: "verlichte, afsluitbare stallingen en een tweede slot helpen vooral op donkere winteravonden.",
    evidence: {clearance: null, nearRepeat: null, repeat: null, factors: null, whatsapp: null, season: null}
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

/**
 * The offence as a passive verb phrase with `middle` after the auxiliary.
 * @example happens(THEMES.woninginbraak, "er vaker") // "wordt er vaker ingebroken"
 * @example happens(THEMES.fietsdiefstal, "er vaker") // "worden er vaker fietsen gestolen"
 */
export function happens(theme: Theme, middle: string): string {
  const [aux, rest] = theme.passive;
  return middle ? `${aux} ${middle} ${rest}` : `${aux} ${rest}`;
}

/** Capitalises the first letter ("inbraken" -> "Inbraken"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
