/**
 * The per-municipality report (src/gemeenten/[gemeente].md): a municipality's figures beside the
 * region's, computed from the published tables only. Browser-safe and pure.
 */
import {safeSum, type SafeSum} from "./privacy/safe-sum.js";

type Day = number | Date;

export interface MonthRow {area_level: string; area_code: string; area_name: string; month: Day; soort: string; count: number | null}
export interface YearRow {area_level: string; area_code: string; year: number; soort: string; count: number | null}
export interface AreaRow {code: string; name: string; level: string; dwellings: number | null}
export interface WhatsappRow {gemeentecode: string; start: Day; end: Day | null}
export interface AdviceRow {gemeentecode: string; month: Day; visits: number | null}
export interface DorRow {gemeentecode: string; connected: Day}

export interface Municipality {code: string; name: string; slug: string}

/**
 * The URL name of a municipality: lower case, accents dropped, words joined by "-".
 * @example slugify("Hof van Twente") // "hof-van-twente"
 */
export function slugify(name: string): string {
  if (typeof name !== "string" || !name.trim()) throw new Error(`invalid name: ${name}`);
  const slug = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  if (!slug) throw new Error(`invalid name: ${name}`);
  return slug;
}

/**
 * The municipalities of a delivery that have data: at least one month with a count above zero or a
 * hidden (so 1..threshold-1) count, sorted by name.
 */
export function municipalitiesWithData(monthly: Iterable<Pick<MonthRow, "area_level" | "area_code" | "area_name" | "count">>): Municipality[] {
  const found = new Map<string, string>();
  for (const r of monthly) {
    if (r.area_level !== "gemeente") continue;
    if (r.count === null || r.count > 0) found.set(r.area_code, r.area_name);
  }
  const list = [...found].map(([code, name]) => ({code, name, slug: ""})).sort((a, b) => a.name.localeCompare(b.name, "nl") || a.code.localeCompare(b.code));
  const used = new Set<string>();
  for (const m of list) {
    let slug = pageSlug(m, list);
    for (let k = 2; used.has(slug); k++) slug = `${pageSlug(m, list)}-${k}`; // pathological names only
    used.add((m.slug = slug));
  }
  return list;
}

/** Page names that a municipality's page may not take (the folder's index page). */
const RESERVED_SLUGS = new Set(["index"]);

/** The slug of a name, or "" when nothing usable is left (a name like "!!!"). */
function baseSlug(name: string): string {
  try {
    return slugify(name);
  } catch {
    return "";
  }
}

/**
 * A valid page name for every municipality, unique within `all`: the slug of its name, or its
 * code (lower case) when the name gives none; the code is appended when two names give the same
 * slug or the slug is reserved. Codes are unique, so the result is too.
 */
export function pageSlug(m: {code: string; name: string}, all: readonly {code: string; name: string}[]): string {
  const code = m.code.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "gemeente";
  const slug = baseSlug(m.name);
  if (!slug || slug === code) return code;
  const taken = all.some((o) => o.code !== m.code && (baseSlug(o.name) === slug || o.code.toLowerCase() === slug));
  return taken || RESERVED_SLUGS.has(slug) ? `${slug}-${code}` : slug;
}

const time = (d: Day) => (d instanceof Date ? d.getTime() : d);
const yearOf = (d: Day) => new Date(time(d)).getUTCFullYear();

export interface YearFigures {
  year: number;
  /** Whole months of the year in the delivered period (a partly covered first or last month does not count). */
  months: number;
  gemeente: SafeSum;
  regio: SafeSum;
  /** Per 1,000 dwellings in a whole year; null when hidden, without dwellings, or over part of a year. */
  gemeenteRate: number | null;
  regioRate: number | null;
}

export interface MeasureFigures {
  /** WhatsApp groups active on 31 December of the year. */
  whatsappGemeente: number;
  whatsappRegio: number;
  /** The year the advice figures are for: the latest year with visits in the region, up to the report's year. */
  adviceYear: number | null;
  /** Visits in the year; a lower bound when a month is hidden (prevention_advice is protected). */
  adviceGemeente: SafeSum;
  adviceRegio: SafeSum;
  /** Month the municipality joined the Digitaal Opkopersregister (YYYY-MM), or null. */
  dorSince: string | null;
  /** Municipalities of the region connected by the end of the year. */
  dorRegio: number;
  regionSize: number;
}

export interface MunicipalityReport {
  code: string;
  name: string;
  dwellings: number | null;
  regionDwellings: number | null;
  years: YearFigures[];
  /** The last year with 12 months of data (else the last year), or null without data. */
  latest: YearFigures | null;
  previous: YearFigures | null;
  /** Relative change latest vs previous year (0.1 = +10%), null when either is hidden. */
  changeGemeente: number | null;
  changeRegio: number | null;
  /** The municipality's share of the region's offences in the latest year, null when hidden. */
  share: number | null;
  measures: MeasureFigures | null;
  /** Which measure files were delivered (non-empty). */
  delivered: {whatsapp: boolean; advice: boolean; dor: boolean};
}

export interface ReportInput {
  monthly: Iterable<MonthRow>;
  yearly?: Iterable<YearRow>;
  areas?: Iterable<AreaRow>;
  whatsapp?: Iterable<WhatsappRow>;
  advice?: Iterable<AdviceRow>;
  dor?: Iterable<DorRow>;
  /** Months the delivery covers only in part (meta.partial_months): not counted as whole months. */
  partial?: readonly string[];
}

const rate = (sum: SafeSum, dwellings: number | null) => (sum.value === null || !dwellings ? null : (sum.value / dwellings) * 1000);
const change = (a: SafeSum | undefined, b: SafeSum | undefined) => (a?.value == null || !b?.value ? null : a.value / b.value - 1);

/**
 * A municipality's figures beside the region's: offences per year (hidden parts kept hidden), rates
 * per 1,000 dwellings, the change on the previous year, and the measures in the latest year.
 * @example municipalityReport({monthly, yearly, areas}, "GM0153").latest?.gemeenteRate
 */
export function municipalityReport(input: ReportInput, code: string): MunicipalityReport {
  const monthly = [...input.monthly];
  const own = monthly.filter((r) => r.area_level === "gemeente" && r.area_code === code);
  if (!own.length) throw new Error(`invalid municipality: ${code}`);
  const name = own[0].area_name;
  const regionCodes = [...new Set(monthly.filter((r) => r.area_level === "gemeente").map((r) => r.area_code))];
  const areas = [...(input.areas ?? [])].filter((a) => a.level === "gemeente");
  const dwellingsOf = new Map(areas.map((a) => [a.code, a.dwellings]));
  const dwellings = dwellingsOf.get(code) ?? null;
  const regionDwellings = regionCodes.every((c) => dwellingsOf.get(c)) ? regionCodes.reduce((s, c) => s + (dwellingsOf.get(c) as number), 0) : null;

  // Per year: months in the period, the region's monthly cells, and the municipality's year cell.
  const byYear = new Map<number, {months: Set<number>; regio: (number | null)[]; gemeente: (number | null)[]}>();
  const entry = (y: number) => byYear.get(y) ?? byYear.set(y, {months: new Set(), regio: [], gemeente: []}).get(y)!;
  const partial = new Set(input.partial ?? []);
  for (const r of monthly) {
    if (r.area_code === "regio") {
      const e = entry(yearOf(r.month));
      if (!partial.has(new Date(time(r.month)).toISOString().slice(0, 7))) e.months.add(time(r.month));
      e.regio.push(r.count);
    } else if (r.area_code === code) entry(yearOf(r.month)).gemeente.push(r.count);
  }
  const yearCells = new Map<number, number | null>();
  for (const r of input.yearly ?? []) {
    if (r.area_level === "gemeente" && r.area_code === code && r.soort === "totaal") yearCells.set(r.year, r.count);
  }
  const years: YearFigures[] = [...byYear].sort((a, b) => a[0] - b[0]).map(([year, e]) => {
    // The published year cell is exact where months are hidden; fall back to the months.
    const gemeente = yearCells.has(year) ? safeSum([yearCells.get(year)!]) : safeSum(e.gemeente);
    const regio = safeSum(e.regio);
    // A rate per 1,000 dwellings is a yearly rate: over part of a year it would read as a fall.
    const whole = e.months.size === 12;
    return {year, months: e.months.size, gemeente, regio, gemeenteRate: whole ? rate(gemeente, dwellings) : null, regioRate: whole ? rate(regio, regionDwellings) : null};
  });
  const complete = years.filter((y) => y.months === 12);
  const latest = complete.at(-1) ?? years.at(-1) ?? null;
  // The change on the year before compares whole years only (a delivery that starts in April has a
  // first year of eight months).
  const previous = latest ? years.find((y) => y.year === latest.year - 1 && (y.months === 12 || latest.months < 12)) ?? null : null;

  const whatsapp = [...(input.whatsapp ?? [])];
  const advice = [...(input.advice ?? [])];
  const dor = [...(input.dor ?? [])];
  let measures: MeasureFigures | null = null;
  if (latest) {
    const end = Date.UTC(latest.year, 11, 31);
    const active = (g: WhatsappRow) => time(g.start) <= end && (g.end === null || time(g.end) > end);
    const adviceYears = advice.filter((a) => (a.visits === null || a.visits > 0) && yearOf(a.month) <= latest.year).map((a) => yearOf(a.month));
    const adviceYear = adviceYears.length ? Math.max(...adviceYears) : null;
    const inYear = (d: Day) => yearOf(d) === adviceYear;
    const firstDor = new Map<string, number>();
    for (const d of dor) firstDor.set(d.gemeentecode, Math.min(firstDor.get(d.gemeentecode) ?? Infinity, time(d.connected)));
    const since = firstDor.get(code);
    measures = {
      whatsappGemeente: whatsapp.filter((g) => g.gemeentecode === code && active(g)).length,
      whatsappRegio: whatsapp.filter(active).length,
      adviceYear,
      adviceGemeente: safeSum(advice.filter((a) => a.gemeentecode === code && inYear(a.month)).map((a) => a.visits)),
      adviceRegio: safeSum(advice.filter((a) => inYear(a.month)).map((a) => a.visits)),
      dorSince: since === undefined ? null : new Date(since).toISOString().slice(0, 7),
      dorRegio: regionCodes.filter((c) => (firstDor.get(c) ?? Infinity) <= end).length,
      regionSize: regionCodes.length
    };
  }
  return {
    code, name, dwellings, regionDwellings, years, latest, previous,
    changeGemeente: change(latest?.gemeente, previous?.gemeente),
    changeRegio: change(latest?.regio, previous?.regio),
    share: latest && latest.gemeente.value !== null && latest.regio.value ? latest.gemeente.value / latest.regio.value : null,
    measures,
    delivered: {whatsapp: whatsapp.length > 0, advice: advice.length > 0, dor: dor.length > 0}
  };
}

/**
 * The report's yearly figures as table rows (Dutch column names; hidden totals as "≥ n"; rates per
 * 1,000 dwellings only for whole years).
 */
export function reportRows(report: MunicipalityReport): Record<string, string | number | null>[] {
  const shown = (s: SafeSum) => (s.suppressed ? `≥ ${s.lowerBound}` : s.value);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return report.years.map((y) => ({
    jaar: y.year,
    "volledige maanden": y.months,
    [report.name]: shown(y.gemeente),
    regio: shown(y.regio),
    [`${report.name} per 1.000 woningen`]: round(y.gemeenteRate),
    "regio per 1.000 woningen": round(y.regioRate)
  }));
}

/** Formats a relative change in Dutch ("+12%", "−5%"), or "—" when unknown. */
export function formatChange(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "—";
  const pct = Math.round(x * 100);
  return `${pct > 0 ? "+" : pct < 0 ? "−" : "±"}${Math.abs(pct)}%`;
}

/** The report of the municipality whose page slug is `slug`; null when the delivery has no such municipality. */
export function reportForSlug(input: ReportInput, slug: string): MunicipalityReport | null {
  const monthly = [...input.monthly];
  const found = municipalitiesWithData(monthly).find((m) => m.slug === slug);
  return found ? municipalityReport({...input, monthly}, found.code) : null;
}
