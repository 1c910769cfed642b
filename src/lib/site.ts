/** Shared page text: what every page says about the build it shows. */

export interface SiteMeta {
  level: "openbaar" | "intern";
  source: string;
  suppress_below: number;
  first_month: string | null;
  last_month: string | null;
  incidents: number;
}

/** The Dutch sentence on every page naming the publication level, the delivery and the period. */
export function levelNote(meta: SiteMeta): string {
  const level = meta.level === "intern"
    ? "Interne versie (alleen voor geautoriseerde analisten onder het convenant): bevat een gepseudonimiseerde incidententabel."
    : "Openbare versie: alleen aantallen per gebied en periode; kleine aantallen zijn verborgen.";
  const period = meta.first_month ? `${meta.first_month} t/m ${meta.last_month}` : "geen incidenten";
  return `${level} Levering: ${meta.source}; periode ${period}; ${meta.incidents.toLocaleString("nl-NL")} geregistreerde inbraken en pogingen.`;
}
