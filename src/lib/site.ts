/** Shared page text: what every page says about the build it shows. */
import {CATALOGUE} from "./catalogue.js";
import {MONTHS_LONG} from "./nl-format.js";
import {themeOf, type Theme} from "./theme.js";

export interface SiteMeta {
  level: "openbaar" | "intern";
  source: string;
  suppress_below: number;
  first_month: string | null;
  last_month: string | null;
  incidents: number;
  /** The offence theme of the build (src/lib/theme.ts); absent means woninginbraak. */
  theme?: string;
  /** The publication policy's mode (src/lib/privacy/policy.ts); absent means standaard. */
  privacy?: "standaard" | "streng";
  /** Date of the delivery (newest file of the delivery folder), YYYY-MM-DD. */
  delivered?: string | null;
  /** The template files and whether each was delivered. */
  files?: {file: string; present: boolean}[];
}

/** The theme of a build's metadata. */
export function siteTheme(meta: Pick<SiteMeta, "theme">): Theme {
  return themeOf(meta.theme);
}

/** The Dutch sentence on every page naming the publication level, the delivery and the period. */
export function levelNote(meta: SiteMeta): string {
  const theme = siteTheme(meta);
  const level = meta.level === "intern"
    ? "Interne versie (alleen voor geautoriseerde analisten onder het convenant): bevat een gepseudonimiseerde incidententabel."
    : meta.privacy === "streng"
      ? "Openbare versie met de strenge privacyregel: alleen aantallen per gebied en periode; kleine aantallen zijn verborgen."
      : "Openbare versie: aantallen per gebied en periode exact, zoals de politie ze zelf publiceert; kleine aantallen verborgen in tabellen die verder gaan (zie Verantwoording).";
  const period = meta.first_month ? `${meta.first_month} t/m ${meta.last_month}` : "geen incidenten";
  return `${level} Levering: ${meta.source}; periode ${period}; ${meta.incidents.toLocaleString("nl-NL")} geregistreerde ${theme.withAttempts}.`;
}

/** Formats YYYY-MM-DD as a Dutch date ("30 juni 2025"); other text is returned as is. */
export function dutchDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS_LONG[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * The cover line of a printed page: delivery date, the data sources delivered (by owner), the
 * publication level and the privacy rule, in Dutch.
 * @example coverLine({level: "openbaar", source: "demo", suppress_below: 5, ...}) // "Levering van 30 juni 2025 ..."
 */
export function coverLine(meta: SiteMeta): string {
  const delivered = meta.delivered ? `Levering van ${dutchDate(meta.delivered)} (${meta.source})` : `Levering ${meta.source}`;
  const present = new Set((meta.files ?? []).filter((f) => f.present).map((f) => f.file));
  const owners = [...new Set(CATALOGUE.filter((s) => present.has(s.file))
    .flatMap((s) => s.owner.split(" (")[0].split(/,\s*|\s+en\s+|\s*\/\s*/))
    .map((o) => o.charAt(0).toUpperCase() + o.slice(1)))];
  const sources = owners.length ? `Bronnen: ${owners.join("; ")}.` : "Bronnen: zie de pagina Databronnen.";
  const period = meta.first_month ? `, periode ${meta.first_month} t/m ${meta.last_month}` : "";
  const privacy = meta.level !== "openbaar"
    ? "Interne versie: alleen voor geautoriseerde analisten onder het convenant; niet verspreiden."
    : meta.privacy === "streng"
      ? `Strenge privacyregel: aantallen van 1 tot en met ${meta.suppress_below - 1} zijn verborgen; een totaal met een verborgen deel staat er als "≥ n".`
      : `Privacyregel: aantallen per gebied en periode exact, zoals de politie ze publiceert; in tabellen die verder gaan zijn aantallen van 1 tot en met ${meta.suppress_below - 1} verborgen (zie Verantwoording).`;
  return `${delivered}${period}. ${sources} ${privacy}`;
}
