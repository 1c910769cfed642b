/**
 * The Dutch reading of a forecast evaluation for "Waar nu?": which method forecasts best at 5% of the
 * area, by how much over the simple count (paired over the months), and what that means for where
 * to send patrols or prevention visits, claiming no more than the evidence. Browser-safe.
 */
import {FORECAST_METHOD_LABEL, FORECAST_METHODS, meanInterval, type ForecastMethod} from "./forecast.js";
import {nlNumber} from "./hypotheses/format.js";

/** A row of forecast_summary. */
export interface ForecastSummaryRow {
  method: string;
  cell_level: string;
  cells: number;
  fraction: number;
  pai: number;
  pai_low: number | null;
  pai_high: number | null;
  hit_rate: number;
  months: number;
}

/** A row of forecast_months. */
export interface ForecastMonthRow {
  month: Date | number;
  method: string;
  fraction: number;
  pai: number | null;
}

export interface MethodComparison {
  method: ForecastMethod;
  pai: number;
  low: number | null;
  high: number | null;
  hitRate: number;
  /** Mean monthly PAI difference against the simple count, with its 95% t-interval (paired over months where both are shown). */
  diff: number;
  diffLow: number;
  diffHigh: number;
  months: number;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * Every method at a share of the area, with its paired difference against the simple count.
 * @example compareMethods(summary, months, 0.05)[0].method // "simple_count"
 */
export function compareMethods(summary: readonly ForecastSummaryRow[], months: readonly ForecastMonthRow[], fraction = 0.05): MethodComparison[] {
  const monthly = new Map<string, number>();
  for (const r of months) if (near(r.fraction, fraction) && r.pai !== null && Number.isFinite(r.pai)) monthly.set(`${r.method}|${Number(r.month)}`, r.pai);
  const base = [...monthly.entries()].filter(([k]) => k.startsWith("simple_count|"));
  return FORECAST_METHODS.flatMap((method) => {
    const s = summary.find((r) => r.method === method && near(r.fraction, fraction));
    if (!s || !Number.isFinite(s.pai)) return [];
    const diffs = base.flatMap(([k, v]) => {
      const other = monthly.get(`${method}|${k.slice(13)}`);
      return other === undefined ? [] : [other - v];
    });
    const d = meanInterval(diffs);
    return [{method, pai: s.pai, low: s.pai_low, high: s.pai_high, hitRate: s.hit_rate, diff: d.mean, diffLow: d.low, diffHigh: d.high, months: d.n}];
  });
}

const nl = (x: number, digits = 1) => x.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});
const pct = (x: number) => `${nl(100 * x, 0)}%`;
const interval = (c: MethodComparison) => (c.low !== null && c.high !== null && Number.isFinite(c.low) && Number.isFinite(c.high) ? ` (95%-interval ${nl(c.low)} tot ${nl(c.high)})` : "");

/**
 * Dutch paragraphs on the comparison at 5% of the area; `plural` is the theme's plural ("inbraken").
 * Claims a method beats the simple count only when the paired interval lies above 0.
 */
export function forecastReading(comparisons: readonly MethodComparison[], {plural = "inbraken", cellLevel = "vak500"}: {plural?: string; cellLevel?: string} = {}): string[] {
  const simple = comparisons.find((c) => c.method === "simple_count");
  if (!simple || comparisons.length < 2) return [`Er zijn te weinig maanden met ${plural} om de voorspellingen te toetsen (nodig: 12 maanden geschiedenis vóór elke getoetste maand).`];
  const best = [...comparisons].sort((a, b) => b.pai - a.pai)[0];
  const where = ({pc4: "de postcodegebieden", buurt: "de buurten"} as Record<string, string>)[cellLevel] ?? "de vakken van 500 m";
  const out: string[] = [];
  out.push(`Wie elke maand de 5% van ${where} met de hoogste voorspelling kiest, vindt daar met de eenvoudige telling van de vorige 12 maanden gemiddeld ${pct(simple.hitRate)} van de ${plural} van die maand: ${nl(simple.pai)} keer zoveel als bij een willekeurige keuze van even veel gebied (PAI ${nl(simple.pai)}${interval(simple)}).`);
  if (best.method === "simple_count") {
    out.push(`Geen andere methode doet het op deze levering beter dan deze eenvoudigste: houd het bij de telling.`);
  } else {
    const clear = best.diffLow > 0;
    out.push(`Het best scoort ${FORECAST_METHOD_LABEL[best.method]}: ${pct(best.hitRate)} van de ${plural} (PAI ${nl(best.pai)}${interval(best)}). ` +
      `Per maand is dat gemiddeld ${nl(best.diff, 2)} PAI-punten meer dan de telling (95%-interval ${nl(best.diffLow, 2)} tot ${nl(best.diffHigh, 2)}, over ${best.months} maanden). ` +
      (clear
        ? "Dat verschil is groter dan de schommeling tussen de maanden."
        : "Dat verschil valt binnen de schommeling tussen de maanden: op deze levering is niet aangetoond dat het beter is dan de eenvoudige telling."));
  }
  const prospective = comparisons.find((c) => c.method === "prospective");
  if (prospective && best.method !== "prospective") {
    out.push(prospective.diffHigh < 0
      ? `De prospectieve methode (alleen de ${plural} van de laatste 8 weken, zwaarder naarmate ze recenter en dichterbij zijn) voorspelt een hele maand vooruit slechter dan de telling: near repeats zijn kortstondig, voor een maand weegt het vaste patroon zwaarder. Gebruik ze voor de zones hierboven (dagen tot weken), niet voor de maandplanning.`
      : `De prospectieve methode (alleen de ${plural} van de laatste 8 weken) is voor een hele maand niet duidelijk beter dan de telling.`);
  }
  out.push(`Wat dit betekent: surveillance of preventiebezoeken in de 5% van het gebied met de hoogste voorspelling bereiken naar verwachting zo'n ${pct(best.hitRate)} van de ${plural} van de volgende maand. ` +
    "Dit meet alleen waar ze vallen, niet of surveillance of een bezoek ze voorkomt; en de schatting geldt voor deze levering en deze periode.");
  return out;
}

/**
 * What Waar nu? draws of the evaluation: the PAI curve per method over the share of the area, the
 * headline table at 1%, 5% and 10% of the area, and the monthly PAI at 5%.
 */
export function forecastView(summary: readonly ForecastSummaryRow[], months: readonly ForecastMonthRow[]): {
  cellLevel: string;
  curve: (ForecastSummaryRow & {methode: string; aandeel: number})[];
  headline: Record<string, string | number | null>[];
  monthly5: (ForecastMonthRow & {methode: string})[];
} {
  const label = (method: string) => FORECAST_METHOD_LABEL[method as ForecastMethod];
  return {
    cellLevel: summary[0]?.cell_level ?? "vak500",
    curve: summary.filter((d) => Number.isFinite(d.pai)).map((d) => ({...d, methode: label(d.method), aandeel: 100 * d.fraction})),
    headline: [0.01, 0.05, 0.1].flatMap((f) => summary.filter((d) => near(d.fraction, f))).map((d) => ({
      methode: label(d.method), "aandeel gebied": `${nlNumber(100 * d.fraction, 0)}%`,
      PAI: d.pai, "PAI ondergrens": d.pai_low, "PAI bovengrens": d.pai_high, trefkans: d.hit_rate, maanden: d.months
    })),
    monthly5: months.filter((d) => near(d.fraction, 0.05) && d.pai !== null).map((d) => ({...d, methode: label(d.method)}))
  };
}

/** How the headline table of `forecastView` shows its figures: PAI with two decimals, the hit rate in percent. */
export const FORECAST_TABLE_FORMAT: Readonly<Record<string, (x: number) => string>> = {
  PAI: (x) => nlNumber(x), "PAI ondergrens": (x) => nlNumber(x), "PAI bovengrens": (x) => nlNumber(x), trefkans: (x) => `${nlNumber(100 * x, 0)}%`
};
