/** Dutch number formatting and finding helpers for the hypothesis pages (browser-safe, no DOM). */

import type {FindingRow} from "../findings.js";
import {FACTOR_SHORT} from "./factors.js";
import {FORECAST_METHOD_LABEL, type ForecastMethod} from "../forecast.js";
export type {FindingRow};

/** The hypothesis page of a finding id, by its prefix. */
export const FINDING_PAGES: Readonly<Record<string, {page: string; title: string}>> = {
  knox: {page: "near-repeats", title: "Near repeats"},
  factor: {page: "omgevingsfactoren", title: "Omgevingsfactoren"},
  season: {page: "donkere-avonden", title: "Donkere avonden en seizoen"},
  repeat: {page: "herhaalslachtofferschap", title: "Herhaald slachtofferschap"}
};

/** Finding units that are ratios (1 = no effect) and so belong on a log ratio axis. */
export const RATIO_UNITS: readonly string[] = ["ratio", "irr", "irr per sd"];

/** Whether a finding is a ratio with a full interval, fit for the forest plot. */
export function isRatioFinding(f: Pick<FindingRow, "estimate" | "ci_low" | "ci_high" | "unit">): boolean {
  return RATIO_UNITS.includes(f.unit) && [f.estimate, f.ci_low, f.ci_high].every((v) => v !== null && Number.isFinite(v) && v > 0);
}

const FINDING_TITLES: Readonly<Record<string, string>> = {
  "knox.near_repeat": "Near repeats (Knox)",
  "knox.near_repeat_share": "Aandeel near repeats",
  "season.winter_peak": "Winterpiek",
  "season.dark_evenings": "Donkere avonden",
  "repeat.same_address": "Herhaling op hetzelfde adres",
  "measure.whatsapp.overall": "WhatsApp-groepen",
  "measure.whatsapp.displacement": "WhatsApp-groepen: verplaatsing",
  "measure.dor.level": "Digitaal Opkopersregister (DOR)",
  "measure.campaigns": "Campagnes",
  "measure.prevention_advice.dose": "Preventieadvies"
};

/**
 * A short Dutch title for a finding id, for chart rows.
 * @example findingTitle("factor.gemiddelde_woz") // "Omgeving: WOZ-waarde"
 */
export function findingTitle(id: string): string {
  if (FINDING_TITLES[id]) return FINDING_TITLES[id];
  if (id.startsWith("factor.")) return `Omgeving: ${FACTOR_SHORT[id.slice(7)] ?? id.slice(7).replaceAll("_", " ")}`;
  if (id.startsWith("measure.campaign.")) return `Campagne ${id.slice(17).replaceAll("_", " ").replaceAll("-", " ")}`;
  if (id.startsWith("forecast.pai5.")) return `Voorspelling: ${FORECAST_METHOD_LABEL[id.slice(14) as ForecastMethod] ?? id.slice(14).replaceAll("_", " ")}`;
  return id;
}

/** Readers' words for the finding units of findings.json (issue 14, item 8: no internal units on pages). */
const UNIT_LABELS: Readonly<Record<string, string>> = {
  ratio: "verhouding", irr: "verhouding (risico)", "irr per sd": "verhouding per standaardafwijking",
  percent: "procent", percent_per_10: "procent per 10 eenheden", share: "aandeel", m: "meter", wald: "toetsgrootheid",
  pai: "PAI (trefkans ten opzichte van de oppervlakte)"
};

/**
 * The unit of a finding in plain Dutch (units that already are Dutch words stay as they are).
 * @example unitLabel("irr per sd") // "verhouding per standaardafwijking"
 */
export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? unit.replaceAll("_", " ");
}

/** Formats a number the Dutch way with a fixed number of decimals; "–" for null or NaN. */
export function nlNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return x.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/** Formats a p-value: "< 0,001" below 0.001, else three decimals. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  return p < 0.001 ? "< 0,001" : nlNumber(p, 3);
}

/** "p < 0,001" or "p = 0,123" ("p = –" when unknown). */
export function pText(p: number | null | undefined): string {
  const text = formatP(p);
  return text.startsWith("<") ? `p ${text}` : `p = ${text}`;
}

/**
 * A p-value with its Holm-adjusted value over the overview's family, for the overviews:
 * "p = 0,012; na Holm-correctie p = 0,048" (only the first part without an adjusted value).
 * @example pWithHolm({p_value: 0.012, p_holm: 0.048}) // "p = 0,012; na Holm-correctie p = 0,048"
 */
export function pWithHolm(f: {p_value: number | null; p_holm?: number | null}): string {
  const raw = pText(f.p_value);
  return f.p_holm === null || f.p_holm === undefined || !Number.isFinite(f.p_holm) ? raw : `${raw}; na Holm-correctie ${pText(f.p_holm)}`;
}

/** Formats a share as a percentage with one decimal. */
export function formatShare(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${nlNumber(x * 100, 1)}%`;
}

/** Formats an estimate with its unit and interval, e.g. "1,24 (95%-interval 1,17 – 1,31)". */
export function formatEstimate(f: Pick<FindingRow, "estimate" | "ci_low" | "ci_high" | "unit">): string {
  const value = f.unit === "share" ? formatShare : (x: number | null) => nlNumber(x, 2);
  if (f.estimate === null) return "–";
  const interval = f.ci_low !== null && f.ci_high !== null ? ` (95%-interval ${value(f.ci_low)} – ${value(f.ci_high)})` : "";
  return value(f.estimate) + interval;
}

/**
 * A short class for a verdict (src/lib/verdict.ts): "ja" (shown on the asked side, or an
 * association), "tegen" (shown on the other side), "nee" (not shown), "leeg" (not delivered or too
 * little data).
 */
export function verdictClass(verdict: string): "ja" | "tegen" | "nee" | "leeg" {
  if (verdict.startsWith("aangetoond") || verdict.startsWith("samenhang")) return "ja";
  if (verdict.startsWith("tegengesteld")) return "tegen";
  if (verdict === "niet aangetoond" || verdict === "geen samenhang aangetoond") return "nee";
  return "leeg";
}

/** The findings of one page (by id prefix), in file order. */
export function findingsOf(findings: readonly FindingRow[], prefix: string): FindingRow[] {
  return findings.filter((f) => f.id.startsWith(prefix + "."));
}

/**
 * Parses a list of band breaks typed by an analyst ("0, 1, 100, 200"): numbers separated by commas
 * or spaces, strictly increasing, starting at 0. Returns the breaks or a Dutch error message.
 * @example parseBands("0,1,100") // {breaks: [0, 1, 100]}
 */
export function parseBands(text: string, {max = 30}: {max?: number} = {}): {breaks: number[]} | {error: string} {
  const parts = String(text).split(/[\s;,]+/).filter(Boolean);
  if (!parts.length) return {error: "Geef minstens één grens op, te beginnen met 0."};
  const breaks = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isFinite(breaks[i]) || breaks[i] < 0);
  if (bad !== undefined) return {error: `Geen geldig getal: ${bad}`};
  if (breaks[0] !== 0) return {error: "De eerste grens moet 0 zijn."};
  for (let k = 1; k < breaks.length; k++) if (!(breaks[k] > breaks[k - 1])) return {error: "De grenzen moeten oplopen."};
  if (breaks.length > max) return {error: `Hooguit ${max} grenzen.`};
  return {breaks};
}
