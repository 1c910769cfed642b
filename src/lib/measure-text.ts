/**
 * Dutch text for the measure pages: percentages, intervals, verdicts and warnings of the published
 * effect tables (loaders/analyses/measures/effects.ts). Pure and browser-safe.
 */
import {oneDecimal} from "./nl-format.js";

/** One row of a `<measure>_effects` table as the page reads it. */
export interface EffectRecord {
  effect: string;
  area_code: string;
  label: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  unit: string;
  observed: number | null;
  expected: number | null;
  areas: number | null;
  months: number | null;
  planted: number | null;
  verdict: string;
  warning: string | null;
}

/**
 * A signed Dutch percentage with one decimal: -25.04 -> "−25,0%".
 * @example formatPercent(12.34) // "+12,3%"
 */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const s = Math.abs(v).toFixed(digits).replace(".", ",");
  return `${v > 0 ? "+" : v < 0 ? "−" : ""}${s}%`;
}

/**
 * A change as a Dutch comparison: -24.4 -> "24,4% lager", 3 -> "3,0% hoger", 0 -> "even hoog".
 * @example changeText(-24.4) // "24,4% lager"
 */
export function changeText(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (v === 0) return "even hoog";
  return `${formatPercent(Math.abs(v), digits).slice(1)} ${v < 0 ? "lager" : "hoger"}`;
}

/** Dutch names of the DOR effect ids (dor-effects.arrow `effect`). */
export const DOR_EFFECT_LABELS: Readonly<Record<string, string>> = {level: "niveau", slope: "trend", placebo_level: "placebo (niveau)"};

/** "−32,5% tot −14,2%" for an interval, or "–". */
export function formatInterval(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined) return "–";
  return `${formatPercent(low)} tot ${formatPercent(high)}`;
}

/**
 * The size of a change without its sign, for sentences that say the direction in words
 * ("daalde ... met 23,6%"): -23.64 -> "23,6%".
 * @example percentSize(-23.64) // "23,6%"
 */
export function percentSize(v: number, digits = 1): string {
  if (!Number.isFinite(v)) throw new Error(`invalid percentage: ${v}`);
  return `${Math.abs(v).toFixed(digits).replace(".", ",")}%`;
}

/** The plain-Dutch sentence of an effect row: estimate, interval and what the verdict means. */
export function effectSentence(r: EffectRecord, {per = ""}: {per?: string} = {}): string {
  if (r.verdict === "niet geleverd") return "Niet geleverd: de levering bevat het bestand van deze maatregel niet, dus er is niets te schatten.";
  if (r.estimate === null) return `Geen schatting: ${r.warning ?? "onvoldoende gegevens"}`;
  const direction = r.estimate < 0 ? "daling" : "stijging";
  const base = `Geschat: ${formatPercent(r.estimate)}${per} (95%-interval ${formatInterval(r.ci_low, r.ci_high)}).`;
  switch (r.verdict) {
    case "aangetoond": return `${base} Het interval ligt geheel aan de kant van nul waar de vraag naar vraagt: een ${direction} is aangetoond.`;
    case "tegengesteld": return `${base} Het interval ligt geheel aan de andere kant van nul dan de vraag verwacht: een ${direction}, het tegendeel van wat de vraag toetst.`;
    case "onzeker": return `${base} Het interval sluit nul uit, maar een controle faalt: het effect is onzeker.`;
    case "onzeker (mogelijk regressie naar het gemiddelde)": return `${base} Het interval sluit nul uit, maar met een basis vóór een eventuele golf houdt het geen stand: het effect is onzeker, mogelijk regressie naar het gemiddelde.`;
    case "niet aangetoond": return `${base} Het interval bevat nul: een effect is niet aangetoond (wat niet hetzelfde is als: geen effect).`;
    default: return `${base} Te weinig gegevens voor een betrouwbaar oordeel.`;
  }
}

/**
 * Whether a sensitivity estimate disagrees with the main estimate: their 95% intervals do not
 * overlap, or their verdicts differ. Null when either has no interval.
 * @example sensitivityDisagrees({ci_low: -40, ci_high: -20, verdict: "aangetoond"}, {ci_low: -48, ci_high: 1, verdict: "niet aangetoond"}) // true
 */
export function sensitivityDisagrees(main: Pick<EffectRecord, "ci_low" | "ci_high" | "verdict">, other: Pick<EffectRecord, "ci_low" | "ci_high" | "verdict">): boolean | null {
  if (main.ci_low === null || main.ci_high === null || other.ci_low === null || other.ci_high === null) return null;
  return other.ci_high < main.ci_low || other.ci_low > main.ci_high || other.verdict !== main.verdict;
}

/**
 * A Dutch sentence on a sensitivity estimate beside the main one: the estimate, and whether the two
 * agree (intervals overlap and the verdict is the same) or disagree, and how.
 * @example sensitivityText(overall, cs, "De schatter van Callaway & Sant'Anna") // "De schatter van ... geeft -21,4% (95%-interval ...). Dat wijkt af van de hoofdschatting: ..."
 */
export function sensitivityText(main: EffectRecord, other: EffectRecord | null | undefined, name: string): string {
  if (!other || other.estimate === null || other.ci_low === null || other.ci_high === null) return `${name}: geen schatting (${other?.warning ?? other?.verdict ?? "niet berekend"}).`;
  const first = `${name} geeft ${formatPercent(other.estimate)} (95%-interval ${formatInterval(other.ci_low, other.ci_high)}; ${other.verdict}).`;
  const disagrees = sensitivityDisagrees(main, other);
  if (disagrees === null) return first;
  if (!disagrees) return `${first} Dat stemt overeen met de hoofdschatting: de intervallen overlappen en het oordeel is hetzelfde.`;
  const how = [
    other.ci_high! < main.ci_low! || other.ci_low! > main.ci_high! ? "de intervallen overlappen niet" : null,
    other.verdict !== main.verdict ? `het oordeel verschilt (${other.verdict} tegen ${main.verdict})` : null
  ].filter(Boolean).join(" en ");
  return `${first} Dat wijkt af van de hoofdschatting: ${how}. De uitkomst hangt dus af van de keuze van de methode; lees het hoofdeffect met die voorzichtigheid.`;
}

/** The warnings of a row as separate sentences. */
export function warningsOf(r: Pick<EffectRecord, "warning"> | null | undefined): string[] {
  return r?.warning ? r.warning.split(" | ").filter(Boolean) : [];
}

/**
 * Whether an effect row carries the failed pre-trend warning of the DiD (didWarnings in
 * loaders/analyses/whatsapp.ts: "De trends vóór de start verschillen ...").
 * @example failedPreTrend({warning: "De trends vóór de start verschillen (toets p = 0,010): ..."}) // true
 */
export function failedPreTrend(r: Pick<EffectRecord, "warning"> | null | undefined): boolean {
  return warningsOf(r).some((w) => w.startsWith("De trends vóór de start verschillen"));
}

/** A verdict's CSS class suffix. */
export function verdictClass(verdict: string): string {
  return ({"aangetoond": "yes", "tegengesteld": "opposite", "niet aangetoond": "no", "onzeker": "doubt", "onzeker (mogelijk regressie naar het gemiddelde)": "doubt", "onvoldoende gegevens": "thin", "niet geleverd": "absent"} as Record<string, string>)[verdict] ?? "thin";
}

/** The wording of a theme that the policy text needs (src/lib/theme.ts). */
export interface PolicyTheme {
  risk: string;
  plural: string;
}

/**
 * The policy paragraph of the WhatsApp page: what the estimate shows (the direction in words, the
 * size without a sign, so never "daalde met +23,6%"), whether burglary moved to the neighbours, and
 * what it would take to act on it. An observational comparison carries no recommendation.
 * @example whatsappPolicyText({...overall, verdict: "aangetoond", estimate: -23.6}, displacement, theme) // "In buurten met een appgroep daalde het inbraakrisico na de start met 23,6% ..."
 */
export function whatsappPolicyText(overall: EffectRecord | null | undefined, displacement: EffectRecord | null | undefined, theme: PolicyTheme): string {
  if (!overall || overall.verdict === "niet geleverd") return "Zonder gegevens over appgroepen is hierover niets te zeggen.";
  const design = "Dit is een vergelijking achteraf, geen experiment: buurten kozen zelf voor een groep en wanneer, dus het verschil kan ook andere oorzaken hebben (zie de kanttekeningen). Om er beleid op te bouwen is een opzet nodig waarin de start van groepen vooraf over buurten en maanden wordt gespreid (stapsgewijze invoering), gevolgd met dezelfde meting.";
  const est = overall.estimate;
  if ((overall.verdict === "aangetoond" || overall.verdict === "tegengesteld") && est !== null && est !== 0) {
    const fell = est < 0;
    const first = `In buurten met een appgroep ${fell ? "daalde" : "steeg"} het ${theme.risk} na de start met ${percentSize(est)} ten opzichte van vergelijkbare buurten zonder groep${fell ? "." : ": geen aanwijzing dat appgroepen beschermen."}`;
    let neighbours: string;
    const d = displacement?.estimate ?? null;
    if (failedPreTrend(displacement)) neighbours = `Of ${theme.plural} naar de buren verschuiven, is niet te zeggen: de toets op gelijke trends vooraf faalt voor de verplaatsingsschatting.`;
    else if ((displacement?.verdict === "aangetoond" || displacement?.verdict === "tegengesteld") && d !== null && d !== 0) {
      neighbours = d > 0
        ? `In de aangrenzende buurten zonder groep steeg het met ${percentSize(d)}: mogelijk verschuift een deel naar de buren.`
        : `In de aangrenzende buurten zonder groep daalde het ook, met ${percentSize(d)}: geen aanwijzing dat ${theme.plural} naar de buren verschuiven.`;
    } else neighbours = `Er is geen aanwijzing dat ${theme.plural} naar de buren verschuiven.`;
    const check = failedPreTrend(overall)
      ? `Let op: de toets op gelijke trends vooraf faalt voor het hoofdeffect, dus het verschil kan deels uit verschillen van vóór de start komen.`
      : "";
    return [first, neighbours, check, design].filter(Boolean).join(" ");
  }
  const preTrendFailedFor = [failedPreTrend(overall) ? "het hoofdeffect" : null, failedPreTrend(displacement) ? "de verplaatsingsschatting" : null].filter(Boolean);
  return `Op deze gegevens is een effect van appgroepen niet met voldoende zekerheid vast te stellen (${overall.verdict}). Dat is geen bewijs dat ze niet werken: met meer buurten of meer maanden wordt de meting scherper.${preTrendFailedFor.length ? ` Bovendien faalt de toets op gelijke trends vooraf voor ${preTrendFailedFor.join(" en ")}.` : ""}`;
}

/**
 * The policy paragraph of the DOR page: the pooled level change in words with its size, and what a
 * before-after comparison cannot rule out. No recommendation to connect: an interrupted time series
 * is observational.
 * @example dorPolicyText({...pooled, verdict: "aangetoond", estimate: -18.1}, theme) // "Na aansluiting op het DOR lag het inbraakrisico gemiddeld 18,1% lager ..."
 */
export function dorPolicyText(pooled: EffectRecord | null | undefined, theme: PolicyTheme): string {
  if (!pooled || pooled.verdict === "niet geleverd") return "Zonder aansluitdata is hierover niets te zeggen.";
  if ((pooled.verdict === "aangetoond" || pooled.verdict === "tegengesteld") && pooled.estimate !== null) {
    return `Na aansluiting op het DOR lag het ${theme.risk} gemiddeld ${changeText(pooled.estimate)} dan verwacht op grond van de rest van de regio. Dit is een vergelijking vóór en na, geen experiment: andere veranderingen rond de aansluiting kunnen meespelen. Een tweede meting bij gemeenten die later aansluiten, met dezelfde methode, zou laten zien of het verschil terugkomt.`;
  }
  return `Een effect van aansluiting is op deze gegevens niet vastgesteld (${pooled.verdict}).`;
}

/**
 * The policy paragraph of the prevention-advice page: the dose-response slope in words, as an
 * association between neighbourhoods, not a trial.
 * @example preventionPolicyText({...effect, verdict: "aangetoond", estimate: -4.9}, theme) // "Meer bezoeken gaan samen met een sterkere daling: 4,9% lager per 10 bezoeken ..."
 */
export function preventionPolicyText(effect: EffectRecord | null | undefined, theme: PolicyTheme): string {
  if (!effect || effect.verdict === "niet geleverd") return "Zonder bezoekgegevens is hierover niets te zeggen.";
  if (effect.verdict === "aangetoond" && effect.estimate !== null && effect.estimate < 0) {
    return `Meer bezoeken gaan samen met een sterkere daling: ${changeText(effect.estimate)} per 10 bezoeken per 1.000 woningen. Dat is een samenhang tussen buurten, geen proef: buurten met meer bezoeken kunnen ook op andere punten verschillen (zie de kanttekeningen). Of gerichte bezoeken ${theme.plural} voorkomen, kan een vooraf over buurten gespreide invoering laten zien.`;
  }
  if (effect.verdict === "tegengesteld" && effect.estimate !== null && effect.estimate > 0) {
    return `Meer bezoeken gaan hier samen met een minder sterke daling of een stijging: ${changeText(effect.estimate)} per 10 bezoeken per 1.000 woningen. Ook dat is een samenhang, geen proef: bezoeken gaan vaak naar buurten waar het risico net opliep.`;
  }
  return `Een verband tussen het aantal bezoeken en de daling is op deze gegevens niet vastgesteld (${effect.verdict}). Het aantal buurten met bezoeken in één periode is klein; meer jaren gegevens maken de meting scherper.`;
}

/** Whether the planted value lies inside the interval (demo deliveries). */
export function coversPlanted(r: EffectRecord): boolean | null {
  if (r.planted === null || r.ci_low === null || r.ci_high === null) return null;
  return r.ci_low <= r.planted && r.planted <= r.ci_high;
}

/** The WhatsApp page's effect rows by name (absent ones undefined). */
export function whatsappEffects(effects: readonly EffectRecord[]): Record<"overall" | "displacement" | "preTrend" | "robust" | "baseHistory" | "cs", EffectRecord | undefined> {
  const find = (effect: string) => effects.find((d) => d.effect === effect);
  return {
    overall: find("overall"), displacement: find("displacement"), preTrend: find("pre_trend"),
    robust: find("robust_base"), baseHistory: find("base_history"), cs: find("cs_simple")
  };
}

/** A row of whatsapp_event_study. */
export interface EventStudyRow {
  analysis: string;
  event_time: number;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  observed: number | null;
  expected: number | null;
  cohorts: number;
}

/** The event-study table: change per month since the start, with its interval, counts and cohorts. */
export function eventStudyTable(rows: readonly EventStudyRow[]): Record<string, string | number | null>[] {
  return rows.map((d) => ({
    analyse: d.analysis, "maanden sinds start": d.event_time, verandering: formatPercent(d.estimate), "95%-interval": formatInterval(d.ci_low, d.ci_high),
    geregistreerd: d.observed ?? "verborgen", verwacht: oneDecimal(d.expected), cohorten: d.cohorts
  }));
}

/** A row of whatsapp_cohorts (start as a Date, see plainRows). */
export interface CohortRow {
  start: Date | null;
  areas: number;
  post_months: number;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  observed: number | null;
  expected: number | null;
}

/** The cohort table: start month (`YYYY-MM`), areas, months after the start, the change and the counts. */
export function cohortTable(rows: readonly CohortRow[]): Record<string, string | number | null | undefined>[] {
  return rows.map((d) => ({
    start: d.start?.toISOString().slice(0, 7), buurten: d.areas, "maanden na start": d.post_months,
    verandering: formatPercent(d.estimate), "95%-interval": formatInterval(d.ci_low, d.ci_high), geregistreerd: d.observed ?? "verborgen", verwacht: oneDecimal(d.expected)
  }));
}

/** The estimates side by side: label, change, interval and verdict of each that exists. */
export function estimateTable(rows: readonly (EffectRecord | null | undefined)[]): {schatting: string; verandering: string; "95%-interval": string; oordeel: string}[] {
  return rows.filter((d): d is EffectRecord => Boolean(d)).map((d) => ({
    schatting: d.label, verandering: formatPercent(d.estimate), "95%-interval": formatInterval(d.ci_low, d.ci_high), oordeel: d.verdict
  }));
}
