/**
 * The Overzicht page's cards and tables (src/overzicht.md): the key figures of a period beside the
 * same period a year earlier, the municipalities side by side, the programme (WhatsApp groups,
 * prevention visits, DOR connections) and the monthly series under the sparklines. Pure: it returns
 * what KpiCard and Inputs.table draw; hidden counts stay hidden ("≥ n", "verborgen").
 */
import {latestRegionBenchmark, regionBenchmarkText, type NationalRow} from "./benchmark.js";
import type {Municipality} from "./gemeente.js";
import {formatSafeSum, type SafeSum} from "./privacy/safe-sum.js";
import {capitalise, type Theme} from "./theme.js";
import {
  activeGroups, attemptShare, changeLabel, changeSentence, dorConnected, fileEndsBefore, lastMonthOf, notCoveredText, percent, periodSumMixed,
  perThousand, relativeChange, shiftMonth, sparkSeries, sumInPeriod, type GroupRow, type MonthIndex, type YearRow
} from "./overview.js";

type Soort = "alle" | "inbraak" | "poging";
type Tone = "beter" | "slechter" | "neutraal";

/** What KpiCard (src/components/kpi-card.ts) draws: its monthly series and its options. */
export interface CardSpec {
  series: {month: string; value: number | null}[];
  options: {label: string; value: string; change?: string; tone?: Tone; sparkline?: boolean; sentence: string};
}

/** The published tables and build facts the page computes from, converted once. */
export interface OverviewData {
  monthIndex: MonthIndex;
  /** counts_year of the municipalities. */
  yearRows: readonly YearRow[];
  /** Dwellings per area code (areas). */
  dwellings: ReadonlyMap<string, number | null>;
  /** Area names by code. */
  names: ReadonlyMap<string, string>;
  /** The region's municipality codes (meta.region). */
  region: readonly string[];
  /** Neighbourhood rows of areas (for the WhatsApp coverage). */
  buurten: readonly {gemeentecode?: string | null}[];
  groups: readonly GroupRow[];
  advice: readonly {gemeentecode: string; month: number | Date; visits: number | null}[];
  dor: readonly {gemeentecode: string; connected: number | Date; dealers: number | null}[];
  /** Whether each delivery file was present (meta.files). */
  delivered: ReadonlyMap<string, boolean>;
  theme: Theme;
}

/** The page's choice: period, area (`regio` or a GM code) and soort. */
export interface OverviewView {
  from: string;
  to: string;
  area: string;
  soort: Soort;
  /** The period in words ("In 2024", "Van januari t/m juni 2025"), src/lib/overview.ts periodPhrase. */
  period: string;
}

/** Good news, bad news or neither: a change under half a percent is neither. */
export function tone(change: number | null, lowerIsBetter = true): Tone {
  return change === null || Math.abs(change) < 0.005 ? "neutraal" : (change < 0) === lowerIsBetter ? "beter" : "slechter";
}

/** The noun of each soort in a card's label and sentence. */
export function nouns(theme: Theme): Record<Soort, string> {
  return {alle: theme.withAttempts, inbraak: `geslaagde ${theme.plural}`, poging: "pogingen"};
}

/** Dwellings of an area: the region's sum over its municipalities, or the municipality's; null when unknown. */
export function areaDwellings(data: Pick<OverviewData, "dwellings" | "region">, area: string): number | null {
  if (area !== "regio") return data.dwellings.get(area) ?? null;
  return data.region.reduce((s, c) => s + (data.dwellings.get(c) ?? 0), 0) || null;
}

/** A period's sum for an area and soort, `shift` months earlier (whole years from counts_year). */
function periodSums(data: OverviewData, {from, to, area}: Pick<OverviewView, "from" | "to" | "area">, shift = 0): Record<Soort, SafeSum & {covered: boolean}> {
  const sel = (soort: Soort) => periodSumMixed(data.monthIndex, data.yearRows, {from: shiftMonth(from, shift), to: shiftMonth(to, shift), area, soort});
  return {alle: sel("alle"), inbraak: sel("inbraak"), poging: sel("poging")};
}

const nl2 = (x: number) => x.toLocaleString("nl-NL", {maximumFractionDigits: 2});

/** A count card: the sum, its change on a year earlier, its sparkline and the sentence. */
function countCard(data: OverviewData, view: OverviewView, soort: Soort, label: string, noun: string, now: SafeSum, before: SafeSum): CardSpec {
  const change = relativeChange(now, before);
  return {
    series: sparkSeries(data.monthIndex, {to: view.to, area: view.area, soort}),
    options: {label, value: formatSafeSum(now), change: changeLabel(change), tone: tone(change), sentence: changeSentence({noun, current: now, previous: before, period: view.period})}
  };
}

/** The five key-figure cards: the chosen soort, burglaries, attempts, the attempt share and the rate per 1,000 dwellings. */
export function keyFigureCards(data: OverviewData, view: OverviewView): CardSpec[] {
  const noun = nouns(data.theme);
  const main = view.soort;
  const now = periodSums(data, view), before = periodSums(data, view, -12);
  const dwellings = areaDwellings(data, view.area);
  const rate = perThousand(now[main].value, dwellings), rateBefore = perThousand(before[main].value, dwellings);
  const rateChange = rate !== null && rateBefore ? rate / rateBefore - 1 : null;
  const share = attemptShare(now.poging, now.alle), shareBefore = attemptShare(before.poging, before.alle);
  return [
    countCard(data, view, main, `Geregistreerd: ${noun[main]}`, noun[main], now[main], before[main]),
    countCard(data, view, "inbraak", capitalise(noun.inbraak), noun.inbraak, now.inbraak, before.inbraak),
    countCard(data, view, "poging", "Pogingen", "pogingen", now.poging, before.poging),
    {series: [], options: {
      label: "Aandeel pogingen", value: share === null ? "verborgen" : percent(share), sparkline: false,
      sentence: share === null
        ? "Niet te berekenen: een deel van de maandcijfers is verborgen (privacyregel) of er zijn geen registraties."
        : `${percent(share)} van de registraties is een poging${shareBefore === null ? "" : `; een jaar eerder ${percent(shareBefore)}`}. Een hoog aandeel pogingen kan wijzen op goed beveiligde ${data.theme.targets}.`
    }},
    {series: [], options: {
      label: `${capitalise(noun[main])} per 1.000 woningen`,
      value: rate === null ? (now[main].suppressed ? "verborgen" : "onbekend") : nl2(rate),
      sparkline: false, change: changeLabel(rateChange), tone: tone(rateChange),
      sentence: rate === null
        ? (dwellings ? "Niet te berekenen: het aantal is verborgen volgens de privacyregel." : "Niet te berekenen: de woningvoorraad is niet geleverd.")
        : `${view.period} ${nl2(rate)} per 1.000 woningen (${dwellings!.toLocaleString("nl-NL")} woningen${rateBefore === null ? "" : `; een jaar eerder ${nl2(rateBefore)}`}).`
    }}
  ];
}

/** One municipality's row in the table of municipalities. */
export interface MunicipalityRow {
  gemeente: string;
  code: string;
  aantal: string;
  vorig_jaar: string;
  verandering: string;
  aandeel_pogingen: string;
  per_1000_woningen: number | string;
  woningen: number | null;
}

/** Every municipality of the region for the period and soort: count, a year earlier, change, attempt share and rate. */
export function municipalityRows(data: OverviewData, view: Pick<OverviewView, "from" | "to" | "soort">): MunicipalityRow[] {
  return data.region.map((code) => {
    const now = periodSums(data, {...view, area: code}), before = periodSums(data, {...view, area: code}, -12);
    const cur = now[view.soort], prev = before[view.soort];
    const rate = perThousand(cur.value, data.dwellings.get(code) ?? null);
    const change = relativeChange(cur, prev);
    const share = attemptShare(now.poging, now.alle);
    return {
      gemeente: data.names.get(code) ?? code, code,
      aantal: formatSafeSum(cur), vorig_jaar: prev.covered ? formatSafeSum(prev) : "buiten levering",
      verandering: change === null ? "–" : changeLabel(change),
      aandeel_pogingen: share === null ? "–" : percent(share),
      per_1000_woningen: rate === null ? "–" : Math.round(rate * 100) / 100,
      woningen: data.dwellings.get(code) ?? null
    };
  });
}

/** The programme of the period's end: its three cards and its table (empty values where a file is missing). */
export function programme(data: OverviewData, view: OverviewView): {cards: CardSpec[]; table: {indicator: string; waarde: number | null; een_jaar_eerder: number | null}[]} {
  const {from, to, area, period} = view;
  const has = (file: string) => data.delivered.get(file) === true;
  const missing = (label: string, file: string): CardSpec => ({series: [], options: {label, value: "niet geleverd", sparkline: false, sentence: `${file} is niet geleverd.`}});
  const active = activeGroups(data.groups, {at: to, area}), activeBefore = activeGroups(data.groups, {at: shiftMonth(to, -12), area});
  const areaBuurten = data.buurten.filter((b) => area === "regio" || b.gemeentecode === area).length;
  // The advice file is a monthly flow: a period after its last month has no figures, not zero visits.
  const adviceEnds = fileEndsBefore(to, lastMonthOf(data.advice));
  const visits = sumInPeriod(data.advice, (d) => d.visits, {from, to, area});
  const visitsBefore = sumInPeriod(data.advice, (d) => d.visits, {from: shiftMonth(from, -12), to: shiftMonth(to, -12), area});
  const dorNow = dorConnected(data.dor, {at: to, area});
  const groupChange = activeBefore.groups ? active.groups / activeBefore.groups - 1 : null;
  const visitChange = visits.value !== null && visitsBefore.value ? visits.value / visitsBefore.value - 1 : null;
  const cards: CardSpec[] = [
    has("whatsapp_groepen.csv")
      ? {series: [], options: {
          label: "WhatsApp-buurtpreventiegroepen", value: active.groups.toLocaleString("nl-NL"), sparkline: false, change: changeLabel(groupChange), tone: tone(groupChange, false),
          sentence: `Eind ${to}: ${active.groups.toLocaleString("nl-NL")} actieve groepen (een jaar eerder ${activeBefore.groups.toLocaleString("nl-NL")}); ` +
            (areaBuurten ? `ze dekken ${active.covered} van de ${areaBuurten} buurten (${percent(active.covered / areaBuurten)}).` : "de dekking van buurten is niet te berekenen: er zijn geen buurten geleverd.")
        }}
      : missing("WhatsApp-buurtpreventiegroepen", "whatsapp_groepen.csv"),
    !has("preventieadviezen.csv") ? missing("Preventieadviezen", "preventieadviezen.csv")
      : adviceEnds ? {series: [], options: {label: "Preventieadviezen", value: "niet geleverd", sparkline: false, sentence: `${capitalise(notCoveredText(adviceEnds))}.`}}
      : {series: [], options: {
          label: "Preventieadviezen", value: formatSafeSum(visits), sparkline: false, change: changeLabel(visitChange), tone: tone(visitChange, false),
          sentence: `${period} ${formatSafeSum(visits)} preventieadviezen aan huis, een jaar eerder ${formatSafeSum(visitsBefore)}.`
        }},
    has("dor_aansluitingen.csv")
      ? {series: [], options: {
          label: "Aansluitingen Digitaal Opkopersregister", value: dorNow.municipalities.toLocaleString("nl-NL"), sparkline: false,
          sentence: `Eind ${to} ${area === "regio" ? `zijn ${dorNow.municipalities} van de ${data.region.length} gemeenten aangesloten` : dorNow.municipalities ? "is de gemeente aangesloten" : "is de gemeente nog niet aangesloten"}${dorNow.dealers ? `, met ${dorNow.dealers.toLocaleString("nl-NL")} opkopers` : ""}.`
        }}
      : missing("Aansluitingen Digitaal Opkopersregister", "dor_aansluitingen.csv")
  ];
  const whatsapp = has("whatsapp_groepen.csv"), covered = whatsapp && areaBuurten > 0;
  const table = [
    {indicator: "actieve WhatsApp-groepen (eind periode)", waarde: whatsapp ? active.groups : null, een_jaar_eerder: whatsapp ? activeBefore.groups : null},
    {indicator: "buurten met een groep", waarde: covered ? active.covered : null, een_jaar_eerder: covered ? activeBefore.covered : null},
    {indicator: "preventieadviezen in de periode", waarde: has("preventieadviezen.csv") && !adviceEnds ? visits.value : null, een_jaar_eerder: has("preventieadviezen.csv") ? visitsBefore.value : null},
    {indicator: "gemeenten aangesloten op het DOR", waarde: has("dor_aansluitingen.csv") ? dorNow.municipalities : null, een_jaar_eerder: null}
  ];
  return {cards, table};
}

/** The monthly series under the sparklines as a table: the chosen soort, burglaries and attempts per month. */
export function sparkTable(data: Pick<OverviewData, "monthIndex" | "theme">, view: Pick<OverviewView, "to" | "area" | "soort">): Record<string, string | number | null>[] {
  const series = (soort: Soort) => sparkSeries(data.monthIndex, {to: view.to, area: view.area, soort});
  const main = series(view.soort), inbraak = series("inbraak"), poging = series("poging");
  const noun = nouns(data.theme)[view.soort];
  return main.map((d, i) => ({maand: d.month, [noun]: d.value, [data.theme.plural]: inbraak[i].value, pogingen: poging[i].value}));
}

/**
 * The paragraph beside the Netherlands: the region's rate in the last complete year beside the national
 * one (national_rates alone, no area_rates), whether there is one (`available`: without a complete
 * calendar year there is none on the other pages either), and the chosen municipality's page when it
 * has one (`municipalities`: municipalitiesWithData).
 * @example overviewBenchmark(nationalRows, {area: "GM0153", municipalities, theme}).page // {href: "./gemeenten/enschede.html", name: "Enschede"}
 */
export function overviewBenchmark(national: readonly NationalRow[], {area, municipalities, theme}: {area: string; municipalities: readonly Municipality[]; theme: Theme}): {text: string; available: boolean; page: {href: string; name: string} | null} {
  const latest = latestRegionBenchmark(national);
  const text = regionBenchmarkText(latest, {regionName: "de regio", crimes: theme.withAttempts, national});
  const m = area === "regio" ? undefined : municipalities.find((d) => d.code === area);
  return {text, available: latest !== null, page: m ? {href: `./gemeenten/${m.slug}.html`, name: m.name} : null};
}
