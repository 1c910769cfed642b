/**
 * The Overzicht page's figures: period totals from the published monthly counts (never adding a
 * hidden cell), change against the same period a year earlier, rates per 1,000 dwellings, progress
 * against targets, the programme indicators, and the plain Dutch sentence under each KPI card.
 * Browser-safe and pure.
 */
import {monthName, type PageFilters} from "./filters.js";
import {formatSafeSum, safeSum, type SafeSum} from "./privacy/safe-sum.js";
import {THEMES, type Theme} from "./theme.js";
import {percentOneDecimal} from "./nl-format.js";

/** A row of counts_month as pages read it (month: epoch ms of the first day, UTC). */
export interface MonthRow {
  area_code: string;
  month: number | Date;
  soort: string;
  count: number | null;
}

/** `YYYY-MM` of an epoch-ms month start (or a Date). */
export function monthKey(month: number | Date): string {
  const ms = typeof month === "number" ? month : month.getTime();
  if (!Number.isFinite(ms)) throw new Error(`invalid month: ${month}`);
  return new Date(ms).toISOString().slice(0, 7);
}

/**
 * Shifts a `YYYY-MM` month by n months.
 * @example shiftMonth("2024-03", -12) // "2023-03"
 */
export function shiftMonth(month: string, n: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || !Number.isInteger(n)) throw new Error(`invalid month shift: ${month} ${n}`);
  const index = +m[1] * 12 + (+m[2] - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Number of months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number), [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export interface SumSelection {
  from: string;
  to: string;
  /** `regio` or a GM code. */
  area: string;
  /** Which soorten to add: `alle` = inbraak + poging. */
  soort: "alle" | "inbraak" | "poging";
}

/** One published monthly cell of an area. */
export interface MonthCell {
  soort: string;
  count: number | null;
}

/**
 * The published monthly counts indexed by area and `YYYY-MM`, built once per page so that a filter
 * change looks up the months of its period instead of rescanning (and re-dating) every row.
 * @example const index = new MonthIndex(rows); periodSum(index, {from: "2024-01", to: "2024-12", area: "regio", soort: "alle"})
 */
export class MonthIndex {
  private readonly byArea = new Map<string, Map<string, MonthCell[]>>();

  constructor(rows: Iterable<MonthRow>) {
    for (const r of rows) {
      const months = this.byArea.get(r.area_code) ?? this.byArea.set(r.area_code, new Map()).get(r.area_code)!;
      const k = monthKey(r.month);
      (months.get(k) ?? months.set(k, []).get(k)!).push({soort: r.soort, count: r.count});
    }
  }

  /** `rows` itself when it already is an index, else a new index of them. */
  static of(rows: Iterable<MonthRow> | MonthIndex): MonthIndex {
    return rows instanceof MonthIndex ? rows : new MonthIndex(rows);
  }

  /** Every month of an area that has published cells, keyed `YYYY-MM`. */
  monthsOf(area: string): ReadonlyMap<string, readonly MonthCell[]> {
    return this.byArea.get(area) ?? NO_MONTHS;
  }

  /** The published cells of an area in one month (empty when the delivery has none). */
  cells(area: string, month: string): readonly MonthCell[] {
    return this.byArea.get(area)?.get(month) ?? NO_CELLS;
  }
}

const NO_CELLS: readonly MonthCell[] = [];
const NO_MONTHS: ReadonlyMap<string, readonly MonthCell[]> = new Map();

/**
 * The cells of an area and soort over the months `from`..`to`, skipping months whose year is in
 * `skipYears`; `months` counts the months with any cell of the area (any soort), `matched` those
 * with a cell of the soort.
 */
function collect(index: MonthIndex, {from, to, area, soort}: SumSelection, skipYears?: ReadonlySet<number>): {parts: (number | null)[]; months: number; matched: number} {
  const parts: (number | null)[] = [];
  let months = 0, matched = 0;
  for (let i = 0, n = monthsBetween(from, to); i < n; i++) {
    const k = shiftMonth(from, i);
    if (skipYears?.has(+k.slice(0, 4))) continue;
    const cells = index.cells(area, k);
    if (cells.length) months++;
    let hit = false;
    for (const c of cells) {
      if (soort !== "alle" && c.soort !== soort) continue;
      parts.push(c.count);
      hit = true;
    }
    if (hit) matched++;
  }
  return {parts, months, matched};
}

/**
 * Per year and soort, the total of one area's published monthly counts (the start page's table):
 * exact when every month of the year is shown, else hidden with its lower bound ("≥ n"), as every
 * filtered total on the site; `months` counts the year's whole months in the file (the months in
 * `partial`, meta.partial_months, do not count), so a part-year is not read as a year. Sorted by
 * year, then soort.
 * @example yearTotals(rows.filter((r) => r.area_code === "regio"), ["2026-06"]) // [{year: 2024, soort: "inbraak", months: 12, sum: {value: 18, ...}}, ...]
 */
export function yearTotals(rows: Iterable<Pick<MonthRow, "month" | "soort" | "count">>, partial: readonly string[] = []): {year: number; soort: string; months: number; sum: SafeSum}[] {
  const groups = new Map<string, {year: number; soort: string; months: Set<string>; cells: (number | null)[]}>();
  for (const row of rows) {
    const month = monthKey(row.month);
    const year = Number(month.slice(0, 4));
    const key = `${year}\t${row.soort}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = {year, soort: row.soort, months: new Set(), cells: []}));
    group.cells.push(row.count);
    if (!partial.includes(month)) group.months.add(month);
  }
  return [...groups.values()]
    .sort((a, b) => a.year - b.year || (a.soort < b.soort ? -1 : a.soort > b.soort ? 1 : 0))
    .map(({year, soort, months, cells}) => ({year, soort, months: months.size, sum: safeSum(cells)}));
}

/**
 * The total of the published monthly counts for a selection, hidden (with a lower bound) when a
 * part is hidden; `covered` says whether every month of the selection lies within the delivery.
 * @param rows the monthly rows, or a {@link MonthIndex} of them (faster when called repeatedly).
 * @example periodSum(rows, {from: "2024-01", to: "2024-12", area: "regio", soort: "alle"})
 */
export function periodSum(rows: Iterable<MonthRow> | MonthIndex, selection: SumSelection): SafeSum & {covered: boolean} {
  const {parts, matched} = collect(MonthIndex.of(rows), selection);
  return {...safeSum(parts), covered: matched === monthsBetween(selection.from, selection.to)};
}

/** A row of counts_year as pages read it (soort includes `totaal`). */
export interface YearRow {
  area_code: string;
  year: number;
  soort: string;
  count: number | null;
}

/**
 * As {@link periodSum}, but every whole calendar year inside the period is taken from the yearly
 * table (a municipality's year is often shown where some of its months are hidden), the remaining
 * months from the monthly table. Only published cells are added.
 * @example periodSumMixed(monthRows, yearRows, {from: "2024-01", to: "2024-12", area: "GM0153", soort: "alle"})
 */
export function periodSumMixed(monthRows: Iterable<MonthRow> | MonthIndex, yearRows: Iterable<YearRow>, selection: SumSelection): SafeSum & {covered: boolean} {
  const {from, to, area, soort} = selection;
  const wanted = soort === "alle" ? "totaal" : soort;
  const yearly = new Map<number, number | null>();
  for (const r of yearRows) if (r.area_code === area && r.soort === wanted) yearly.set(r.year, r.count);
  const whole = new Set<number>();
  for (let y = +from.slice(0, 4); y <= +to.slice(0, 4); y++) {
    if (`${y}-01` >= from && `${y}-12` <= to && yearly.has(y)) whole.add(y);
  }
  const monthly = collect(MonthIndex.of(monthRows), selection, whole);
  const rest = safeSum(monthly.parts);
  const sum = safeSum([...whole].map((y) => yearly.get(y)!));
  const restMonths = monthsBetween(from, to) - whole.size * 12;
  const hidden = sum.hidden + rest.hidden;
  const known = (sum.suppressed ? sum.lowerBound - sum.hidden : sum.value!) + (rest.suppressed ? rest.lowerBound - rest.hidden : rest.value!);
  const covered = monthly.months === restMonths;
  return hidden ? {value: null, suppressed: true, lowerBound: known + hidden, hidden, covered} : {value: known, suppressed: false, lowerBound: known, hidden: 0, covered};
}

/** Relative change (0.12 = 12% more), or null when either side is hidden, missing or zero before. */
export function relativeChange(current: SafeSum, previous: SafeSum): number | null {
  if (current.suppressed || previous.suppressed || previous.value === null || current.value === null || previous.value === 0) return null;
  return current.value / previous.value - 1;
}

const formats = new Map<number, Intl.NumberFormat>();
/** Dutch number with a fixed number of decimals (one formatter per precision: creating them is slow). */
const nl = (n: number, digits = 0) => {
  const format = formats.get(digits) ?? formats.set(digits, new Intl.NumberFormat("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits})).get(digits)!;
  return format.format(n);
};

/** A percentage in Dutch notation: 0.123 -> "12%"; one decimal under 10%. */
export function percent(share: number): string {
  const p = Math.abs(share) * 100;
  return `${nl(p, p > 0 && p < 10 ? 1 : 0)}%`;
}

/** "In de afgelopen 12 maanden" when the period is the delivery's last year, else "Van jan 2024 t/m ...". */
export function periodPhrase({from, to}: Pick<PageFilters, "from" | "to">, lastMonth: string): string {
  const n = monthsBetween(from, to);
  if (to === lastMonth) return n === 1 ? "In de laatste maand" : `In de afgelopen ${n} maanden`;
  return from === to ? `In ${monthName(from)}` : `Van ${monthName(from)} t/m ${monthName(to)}`;
}

export interface ChangeSentenceOptions {
  /** What is counted, plural Dutch noun phrase: "inbraken", "pogingen", "inbraken en pogingen". */
  noun: string;
  current: SafeSum & {covered?: boolean};
  previous: SafeSum & {covered?: boolean};
  /** The phrase for the period ("In de afgelopen 12 maanden"). */
  period: string;
}

/**
 * The plain sentence under a count card: what moved against the same period a year earlier.
 * @example changeSentence({noun: "inbraken", current: safeSum([712]), previous: safeSum([809]), period: "In de afgelopen 12 maanden"})
 * // "In de afgelopen 12 maanden 12% minder inbraken dan een jaar eerder (712 tegen 809)."
 */
export function changeSentence({noun, current, previous, period}: ChangeSentenceOptions): string {
  if (current.covered === false) return `${period} vallen deels buiten de levering; er is geen volledig totaal.`;
  if (previous.covered === false) {
    return `${period} ${formatSafeSum(current)} ${noun}; dezelfde periode een jaar eerder valt (deels) buiten de levering, dus er is geen vergelijking.`;
  }
  if (current.suppressed || previous.suppressed) {
    return `${period} ${formatSafeSum(current)} ${noun}, een jaar eerder ${formatSafeSum(previous)}: ` +
      "een deel van de maandcijfers is verborgen (privacyregel), dus de verandering wordt niet berekend.";
  }
  const c = current.value!, p = previous.value!;
  const counts = `(${nl(c)} tegen ${nl(p)})`;
  if (c === p) return `${period} evenveel ${noun} als een jaar eerder ${counts}.`;
  if (p === 0) return `${period} ${nl(c)} ${noun}, tegen geen enkele een jaar eerder.`;
  const change = c / p - 1;
  return `${period} ${percent(change)} ${change < 0 ? "minder" : "meer"} ${noun} dan een jaar eerder ${counts}.`;
}

/** A signed change label for a card: "−12%", "+3%", "0%", or "" when unknown. */
export function changeLabel(change: number | null): string {
  if (change === null) return "";
  if (Math.round(change * 1000) === 0) return "0%";
  return `${change < 0 ? "−" : "+"}${percent(change)}`;
}

/** Monthly values of one area and soort for a sparkline: the `n` months up to `to` (null = hidden or missing). */
export function sparkSeries(rows: Iterable<MonthRow> | MonthIndex, {to, area, soort}: Omit<SumSelection, "from">, n = 24): {month: string; value: number | null}[] {
  const index = MonthIndex.of(rows);
  const from = shiftMonth(to, -(n - 1));
  return Array.from({length: n}, (_, i) => {
    const month = shiftMonth(from, i);
    const parts = index.cells(area, month).filter((c) => soort === "alle" || c.soort === soort).map((c) => c.count);
    return {month, value: parts.length ? safeSum(parts).value : null};
  });
}

/** Count per 1,000 dwellings, or null when either is unknown (a hidden count or no dwellings). */
export function perThousand(count: number | null, dwellings: number | null): number | null {
  if (count === null || dwellings === null || !(dwellings > 0)) return null;
  return (1000 * count) / dwellings;
}

/** Share of attempts among all registrations, or null when a part is hidden or there are none. */
export function attemptShare(poging: SafeSum, total: SafeSum): number | null {
  if (poging.suppressed || total.suppressed || !total.value) return null;
  return poging.value! / total.value;
}

/** Indicators where a lower number is the goal. */
export const LOWER_IS_BETTER = new Set(["inbraken", "pogingen", "inbraken_per_1000_woningen"]);

/** Dutch names of the target indicators. */
export const INDICATOR_NAMES: Record<string, string> = {
  inbraken: "inbraken",
  pogingen: "pogingen",
  inbraken_per_1000_woningen: "inbraken per 1.000 woningen",
  whatsapp_groepen: "WhatsApp-groepen",
  preventieadviezen: "preventieadviezen",
  dor_aansluitingen: "DOR-aansluitingen"
};

/**
 * The Dutch names of the target indicators in the theme's words (the ids stay the template's).
 * @example indicatorNamesFor(THEMES.fietsdiefstal).inbraken // "fietsdiefstallen"
 */
export function indicatorNamesFor(theme: Theme): Record<string, string> {
  return {...INDICATOR_NAMES, inbraken: theme.plural, inbraken_per_1000_woningen: `${theme.plural} per 1.000 ${theme.exposure}`};
}

export interface TargetProgress {
  indicator: string;
  year: number;
  target: number;
  /** The value so far in the target year (null when hidden). */
  actual: number | null;
  /** actual / target, or null. */
  share: number | null;
  /** Months of the target year covered by the delivery (1..12). */
  months: number;
  sentence: string;
}

/**
 * Progress towards a yearly target: the value so far against the target, with the share of the
 * year that has passed, in a plain sentence.
 * `fileEnds`: the last month of the programme file when the period lies (partly) after it; then
 * the sentence says so and gives no figure or verdict.
 * @example targetProgress({indicator: "inbraken", year: 2025, target: 700, actual: safeSum([350]), months: 6})
 */
export function targetProgress({indicator, year, target, actual, months, theme = THEMES.woninginbraak, fileEnds = null}: {indicator: string; year: number; target: number; actual: SafeSum; months: number; theme?: Theme; fileEnds?: string | null}): TargetProgress {
  if (!(target >= 0) || !Number.isInteger(months) || months < 0 || months > 12) throw new Error(`invalid target progress: ${target} ${months}`);
  const name = indicatorNamesFor(theme)[indicator] ?? indicator;
  const lower = LOWER_IS_BETTER.has(indicator);
  const digits = indicator === "inbraken_per_1000_woningen" ? 1 : 0;
  const fmt = (n: number) => nl(n, digits);
  const goal = `Doel ${year}: ${lower ? "hoogstens" : "minstens"} ${fmt(target)} ${name}`;
  if (fileEnds) return {indicator, year, target, actual: null, share: null, months, sentence: `${goal}; ${notCoveredText(fileEnds)}.`};
  if (actual.suppressed) {
    return {indicator, year, target, actual: null, share: null, months, sentence: `${goal}; tot nu toe ${formatSafeSum(actual)} (een deel is verborgen volgens de privacyregel).`};
  }
  const value = actual.value!;
  const share = target > 0 ? value / target : null;
  const elapsed = months === 12 ? "het hele jaar" : `${months} van de 12 maanden`;
  let verdict: string;
  if (lower) {
    if (value > target) verdict = "het doel is al overschreden";
    else if (months < 12 && share !== null && share > months / 12) verdict = "bij dit tempo wordt het doel overschreden";
    else verdict = months === 12 ? "het doel is gehaald" : "op koers";
  } else {
    if (value >= target) verdict = "het doel is gehaald";
    else verdict = months === 12 ? "het doel is niet gehaald" : share !== null && share >= months / 12 ? "op koers" : "achter op schema";
  }
  const so = share === null ? "" : ` (${percent(share)} van het doel, ${elapsed} verstreken)`;
  return {indicator, year, target, actual: value, share, months, sentence: `${goal}; tot nu toe ${fmt(value)}${so}: ${verdict}.`};
}

/**
 * The last `YYYY-MM` month of a monthly programme table (its `month` column), or null when empty.
 * @example lastMonthOf([{month: Date.UTC(2024, 11, 1)}]) // "2024-12"
 */
export function lastMonthOf(rows: Iterable<{month: number | Date}>): string | null {
  let last: string | null = null;
  for (const r of rows) {
    const m = monthKey(r.month);
    if (last === null || m > last) last = m;
  }
  return last;
}

/**
 * The file's last month when a period ending in `to` lies (partly) after it, else null.
 * @example fileEndsBefore("2025-06", "2024-12") // "2024-12"
 */
export function fileEndsBefore(to: string, last: string | null): string | null {
  return last !== null && to > last ? last : null;
}

/** "niet geleverd voor deze periode (bestand loopt t/m december 2024)". */
export function notCoveredText(last: string): string {
  return `niet geleverd voor deze periode (bestand loopt t/m ${monthName(last)})`;
}

/** A WhatsApp group as published (dates: epoch ms). */
export interface GroupRow {
  gemeentecode: string;
  buurtcode: string | null;
  start: number | Date;
  end: number | Date | null;
}

const ms = (d: number | Date) => (typeof d === "number" ? d : d.getTime());

/** The first day after a `YYYY-MM` month, epoch ms. */
export function monthEndExclusive(month: string): number {
  const next = shiftMonth(month, 1);
  return Date.parse(`${next}-01T00:00:00Z`);
}

/**
 * WhatsApp groups active at the end of a month in an area, and the neighbourhoods they cover.
 * @returns {groups, covered (distinct neighbourhoods), withoutArea (groups without a neighbourhood)}
 */
export function activeGroups(rows: Iterable<GroupRow>, {at, area}: {at: string; area: string}): {groups: number; covered: number; withoutArea: number} {
  const end = monthEndExclusive(at);
  let groups = 0, withoutArea = 0;
  const covered = new Set<string>();
  for (const g of rows) {
    if (area !== "regio" && g.gemeentecode !== area) continue;
    if (ms(g.start) >= end || (g.end !== null && ms(g.end) < end)) continue;
    groups++;
    if (g.buurtcode) covered.add(g.buurtcode);
    else withoutArea++;
  }
  return {groups, covered: covered.size, withoutArea};
}

/** Sum of a monthly measure (prevention advice visits) over a period and area. */
export function sumInPeriod<T extends {gemeentecode: string; month: number | Date}>(rows: Iterable<T>, value: (r: T) => number | null, {from, to, area}: {from: string; to: string; area: string}): SafeSum {
  const cells: (number | null)[] = [];
  for (const r of rows) {
    if (area !== "regio" && r.gemeentecode !== area) continue;
    const k = monthKey(r.month);
    if (k >= from && k <= to) cells.push(value(r));
  }
  return safeSum(cells);
}

/** DOR connections made by the end of a month: municipalities connected and dealers (when delivered). */
export function dorConnected(rows: Iterable<{gemeentecode: string; connected: number | Date; dealers: number | null}>, {at, area}: {at: string; area: string}): {municipalities: number; dealers: number | null} {
  const end = monthEndExclusive(at);
  const connected = new Set<string>();
  let dealers: number | null = 0;
  for (const r of rows) {
    if (area !== "regio" && r.gemeentecode !== area) continue;
    if (ms(r.connected) >= end) continue;
    connected.add(r.gemeentecode);
    dealers = r.dealers === null || dealers === null ? null : dealers + r.dealers;
  }
  return {municipalities: connected.size, dealers: connected.size ? dealers : 0};
}

/** A row of targets (doelen.csv): a yearly target per area and indicator. */
export interface TargetRow {area_code: string; year: number; indicator: string; target: number}

/** What {@link targetsProgress} needs: the published tables of the page, indexed once. */
export interface TargetInputs {
  targets: Iterable<TargetRow>;
  monthIndex: MonthIndex;
  /** counts_year of the municipalities (year cells are often visible where months are hidden). */
  yearRows: Iterable<YearRow>;
  groups: Iterable<GroupRow>;
  advice: Iterable<{gemeentecode: string; month: number | Date; visits: number | null}>;
  dor: Iterable<{gemeentecode: string; connected: number | Date; dealers: number | null}>;
}

/**
 * Progress towards the area's targets for the year of `to`, from January to `to` (Overzicht and the
 * municipality report): counts from the published cells (hidden parts stay lower bounds), the rate
 * per 1,000 dwellings only when the count is complete and dwellings are known, the programme's
 * figures at the end of `to`; a programme file that ends before `to` gives no figure.
 * @example targetsProgress(inputs, {area: "GM0153", to: "2025-06", dwellings: 75000})
 */
export function targetsProgress(input: TargetInputs, {area, to, dwellings, theme = THEMES.woninginbraak}: {area: string; to: string; dwellings: number | null; theme?: Theme}): {year: number; progress: TargetProgress[]} {
  const year = +to.slice(0, 4);
  const from = `${year}-01`;
  const yearRows = [...input.yearRows];
  const advice = [...input.advice];
  const ytd = (soort: SumSelection["soort"]) => periodSumMixed(input.monthIndex, yearRows, {from, to, area, soort});
  const months = Math.min(12, +to.slice(5, 7));
  const actualFor = (indicator: string): SafeSum | null => {
    if (indicator === "inbraken") return ytd("inbraak");
    if (indicator === "pogingen") return ytd("poging");
    if (indicator === "whatsapp_groepen") return safeSum([activeGroups(input.groups, {at: to, area}).groups]);
    if (indicator === "preventieadviezen") return sumInPeriod(advice, (d) => d.visits, {from, to, area});
    if (indicator === "dor_aansluitingen") return safeSum([dorConnected(input.dor, {at: to, area}).municipalities]);
    return null;
  };
  const progress: TargetProgress[] = [];
  for (const t of input.targets) {
    if (t.area_code !== area || t.year !== year) continue;
    if (t.indicator === "inbraken_per_1000_woningen") {
      const s = ytd("inbraak");
      if (s.suppressed || s.value === null || !dwellings) {
        progress.push({indicator: t.indicator, year, target: t.target, actual: null, share: null, months,
          sentence: `Doel ${year}: hoogstens ${nl(t.target, 1)} ${theme.plural} per 1.000 ${theme.exposure}; tot nu toe niet te berekenen.`});
      } else {
        progress.push(targetProgress({indicator: t.indicator, year, target: t.target, actual: {value: Math.round((1e4 * s.value) / dwellings) / 10, suppressed: false, lowerBound: 0, hidden: 0}, months, theme}));
      }
      continue;
    }
    const actual = actualFor(t.indicator);
    if (!actual) continue;
    const fileEnds = t.indicator === "preventieadviezen" ? fileEndsBefore(to, lastMonthOf(advice)) : null;
    progress.push(targetProgress({indicator: t.indicator, year, target: t.target, actual, months, theme, fileEnds}));
  }
  return {year, progress};
}

/** The progress rows as a table for display and download (Dutch column names, plain numbers). */
export function targetTable(progress: readonly TargetProgress[], theme: Theme = THEMES.woninginbraak): Record<string, string | number | null>[] {
  return progress.map((p) => ({
    indicator: indicatorNamesFor(theme)[p.indicator] ?? p.indicator, jaar: String(p.year), doel: p.target, tot_nu_toe: p.actual,
    aandeel_van_doel: percentOneDecimal(p.share), maanden: p.months
  }));
}
