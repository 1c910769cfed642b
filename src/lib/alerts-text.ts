/**
 * Dutch text for the "Buurtwaarschuwingen" section of Waar nu?: what the alert_effects
 * and alert_groups tables (loaders/analyses/alerts.ts) say, and what they cannot say. Browser-safe.
 */
import {changeText, formatInterval, formatPercent, type EffectRecord} from "./measure-text.js";

/** One row of alert_groups. */
export interface AlertGroupRecord {
  group: string;
  triggers: number | null;
  near_repeats: number | null;
  before: number | null;
  metres: number;
  days: number;
}

/** Whether alerts.csv was delivered: the overall row is not "niet geleverd". */
export function alertsDelivered(effects: readonly EffectRecord[]): boolean {
  const overall = effects.find((e) => e.effect === "alert" && e.area_code === "regio");
  return overall !== undefined && overall.verdict !== "niet geleverd";
}

/**
 * The reading of the estimate in one paragraph: the change with its interval and verdict, the
 * placebo, and always that the comparison is observational.
 * @example alertReading(effects, {singular: "inbraak", plural: "inbraken", metres: 200, days: 14})
 */
export function alertReading(effects: readonly EffectRecord[], {singular, plural, metres, days}: {singular: string; plural: string; metres: number; days: number}): string {
  const overall = effects.find((e) => e.effect === "alert" && e.area_code === "regio");
  if (!overall || overall.verdict === "niet geleverd") {
    return "Deze levering bevat geen alerts.csv: er is niets te schatten. Lever per waarschuwing de datum, de soort (buurtbrief, inbraakalert of huisbezoek) en de plaats (x/y, buurtcode of postcode).";
  }
  if (overall.estimate === null) return `Geen schatting: ${(overall.warning ?? "te weinig gegevens").replace(/\.$/, "")}.`;
  const placebo = effects.find((e) => e.effect === "placebo_before");
  const parts = [
    `Binnen ${metres} m en ${days} dagen na een ${singular} met waarschuwing was het aantal ${plural} ${changeText(overall.estimate)} dan na vergelijkbare ${plural} zonder waarschuwing (95%-interval ${formatInterval(overall.ci_low, overall.ci_high)}; oordeel: ${overall.verdict}).`
  ];
  if (placebo && placebo.estimate !== null) {
    parts.push(placebo.verdict === "niet aangetoond"
      ? `In de ${days} dagen vóór de ${singular} verschilden de twee groepen niet (${changeText(placebo.estimate)}, ${formatInterval(placebo.ci_low, placebo.ci_high)}): dat maakt de vergelijking geloofwaardiger.`
      : `Maar ook in de ${days} dagen vóór de ${singular} verschilden de groepen al (${changeText(placebo.estimate)}, ${formatInterval(placebo.ci_low, placebo.ci_high)}): de plekken met waarschuwing waren vooraf al anders, dus het verschil erna is niet aan de waarschuwing toe te schrijven.`);
  }
  parts.push("Dit is een waarneming, geen experiment: wie een waarschuwing kreeg, is gekozen (bijvoorbeeld na een opvallende inbraak of in een actieve buurt), niet geloot.");
  return parts.join(" ");
}

/**
 * The rows Waar nu? shows of the alert tables: the zone the estimate used, the effects named for the
 * forest chart, the groups table and the effects download.
 */
export function alertView(effects: readonly EffectRecord[], groups: readonly AlertGroupRecord[], {fallback, plural}: {fallback: {metres: number; days: number}; plural: string}): {
  zone: {metres: number; days: number};
  rows: (EffectRecord & {name: string})[];
  groups: Record<string, string | number | null>[];
  download: {schatting: string; verandering: string; interval: string; oordeel: string; waarschuwing: string}[];
} {
  const rows = effects.map((d) => ({...d, name: d.effect === "placebo_before" ? "Placebo: de dagen ervóór" : d.area_code === "regio" ? "Alle waarschuwingen" : d.area_code}));
  return {
    zone: groups[0] ?? fallback,
    rows,
    groups: groups.map((g) => ({groep: g.group === "met_waarschuwing" ? "met waarschuwing" : "zonder waarschuwing", [plural]: g.triggers, "binnen de zone erna": g.near_repeats, "binnen de zone ervóór": g.before})),
    download: rows.map((d) => ({schatting: d.name, verandering: formatPercent(d.estimate), interval: formatInterval(d.ci_low, d.ci_high), oordeel: d.verdict, waarschuwing: d.warning ?? ""}))
  };
}
