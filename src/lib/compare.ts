/**
 * Fair comparison of areas: the indicators per 1,000 dwellings that the pipeline publishes in
 * `area_rates` (crude and Empirical Bayes rates, funnel signals) and `funnel_limits`, and the
 * page-side selection of points and limits. Browser-safe: all statistics are computed in the
 * pipeline (loaders/analyses/area-rates.ts).
 */
import {capitalise, type Theme} from "./theme.js";

/** The indicators, in page order, with Dutch labels. */
export const INDICATORS = [
  {id: "inbraken", label: "Inbraken en pogingen", unit: "inbraken en pogingen", suppressed: true},
  {id: "inbraak", label: "Geslaagde inbraken", unit: "geslaagde inbraken", suppressed: true},
  {id: "poging", label: "Pogingen", unit: "pogingen", suppressed: true},
  {id: "whatsapp_groepen", label: "Buurtpreventie-appgroepen (actief in het jaar)", unit: "appgroepen", suppressed: false},
  {id: "preventieadviezen", label: "Preventieadviezen (bezoeken)", unit: "preventiebezoeken", suppressed: false}
] as const;

export type IndicatorId = (typeof INDICATORS)[number]["id"];

/** An indicator with its Dutch label and unit. */
export interface Indicator {
  id: IndicatorId;
  label: string;
  unit: string;
  suppressed: boolean;
}

/**
 * The indicators labelled in the theme's words (the ids stay those of the published table).
 * @example indicatorsFor(THEMES.fietsdiefstal)[0].label // "Fietsdiefstallen en pogingen"
 */
export function indicatorsFor(theme: Theme): Indicator[] {
  return INDICATORS.map((i): Indicator => i.id === "inbraken" ? {...i, label: capitalise(theme.withAttempts), unit: theme.withAttempts}
    : i.id === "inbraak" ? {...i, label: `Geslaagde ${theme.plural}`, unit: `geslaagde ${theme.plural}`}
    : {...i});
}

export const LEVELS = [
  {id: "gemeente", label: "Gemeenten"},
  {id: "wijk", label: "Wijken"},
  {id: "buurt", label: "Buurten"}
] as const;

export type AreaLevel = (typeof LEVELS)[number]["id"];

/** Funnel signals: where an area's count lies against the exact Poisson limits around the reference. */
export const SIGNALS = ["hoog998", "hoog95", "binnen", "laag95", "laag998"] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_LABELS: Record<Signal | "verborgen", string> = {
  hoog998: "hoger dan verwacht (99,8%)",
  hoog95: "hoger dan verwacht (95%)",
  binnen: "binnen de verwachting",
  laag95: "lager dan verwacht (95%)",
  laag998: "lager dan verwacht (99,8%)",
  verborgen: "verborgen (klein aantal)"
};

export const SIGNAL_COLORS: Record<Signal, string> = {
  hoog998: "#b2182b", hoog95: "#ef8a62", binnen: "#8c8c8c", laag95: "#67a9cf", laag998: "#2166ac"
};

/**
 * The signal of a count against exact funnel limits: above the upper limit or below the lower.
 * @example funnelSignal(30, {lower95: 5, upper95: 15, lower998: 2, upper998: 20}); // "hoog998"
 */
export function funnelSignal(count: number, limits: {lower95: number; upper95: number; lower998: number; upper998: number}): Signal {
  if (!(count >= 0)) throw new Error(`invalid count: ${count}`);
  if (count > limits.upper998) return "hoog998";
  if (count > limits.upper95) return "hoog95";
  if (count < limits.lower998) return "laag998";
  if (count < limits.lower95) return "laag95";
  return "binnen";
}

/** The indicator of a page soort filter (alle -> inbraken). */
export function indicatorOfSoort(soort: string): IndicatorId {
  return soort === "inbraak" ? "inbraak" : soort === "poging" ? "poging" : "inbraken";
}

/** One published row of `area_rates`. */
export interface RateRow {
  indicator: string;
  area_level: string;
  area_code: string;
  area_name: string;
  gemeentecode: string;
  year: number;
  count: number | null;
  dwellings: number;
  rate: number | null;
  eb_rate: number | null;
  reference_rate: number | null;
  signal: string;
  suppressed: boolean;
}

/** One published row of `funnel_limits`. */
export interface LimitRow {
  indicator: string;
  area_level: string;
  year: number;
  dwellings: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface Selection {
  indicator: string;
  level: string;
  year: number;
  /** `regio` or a GM code: areas of other municipalities are left out (the reference stays regional). */
  gemeente?: string;
}

/**
 * The points and limits of one funnel view: published areas (with a rate), hidden areas (listed, not
 * drawn) and the limit curve.
 */
export function funnelView(rates: Iterable<RateRow>, limits: Iterable<LimitRow>, {indicator, level, year, gemeente = "regio"}: Selection) {
  const rows = Array.from(rates).filter((r) => r.indicator === indicator && r.area_level === level && r.year === year && (gemeente === "regio" || r.gemeentecode === gemeente));
  const shown = rows.filter((r) => !r.suppressed && r.rate !== null).sort((a, b) => a.dwellings - b.dwellings || a.area_code.localeCompare(b.area_code));
  const hidden = rows.filter((r) => r.suppressed || r.rate === null).sort((a, b) => a.area_code.localeCompare(b.area_code));
  const curve = Array.from(limits).filter((l) => l.indicator === indicator && l.area_level === level && l.year === year).sort((a, b) => a.dwellings - b.dwellings);
  const reference = rows.find((r) => r.reference_rate !== null)?.reference_rate ?? null;
  return {shown, hidden, curve, reference};
}

/** Table rows of a funnel view for display and CSV (Dutch column names; hidden values read "verborgen"). */
export function funnelTable(view: ReturnType<typeof funnelView>): Record<string, string | number | null>[] {
  const shown = (v: number | null, hidden: boolean) => (hidden || v === null ? "verborgen" : v);
  const row = (r: RateRow) => ({
    code: r.area_code,
    gebied: r.area_name,
    woningen: r.dwellings,
    aantal: shown(r.count, r.suppressed),
    per_1000_woningen: shown(r.rate, r.suppressed),
    eb_per_1000_woningen: shown(r.eb_rate, r.suppressed),
    signaal: SIGNAL_LABELS[(r.suppressed ? "verborgen" : r.signal) as Signal] ?? r.signal
  });
  return [...view.shown.map(row), ...view.hidden.map(row)];
}
