/**
 * Refreshes the national benchmark (loaders/reference/nederland.json, issue 14 item 4) from CBS
 * StatLine, as part of `npm run fetch:open`:
 * - burglaries: police-registered crimes of type "1.1.1 Diefstal/inbraak woning" in the Netherlands
 *   (RegioS NL01) per year, 47025NED "Geregistreerde misdrijven; soort misdrijf, regio" (catalog
 *   Politie, dataderden.cbs.nl);
 * - dwellings: the stock on 1 January (`BeginstandVoorraad`) of dwellings (Gebruiksfunctie A045364)
 *   in NL01, 81955NED "Voorraad woningen en niet-woningen; mutaties, gebruiksfunctie, regio";
 * - inhabitants: the yearly mean population (`GemiddeldeBevolking`), 83474NED "Bevolkingsontwikkeling;
 *   maand en jaar" (national only: no region dimension).
 * Topic keys are resolved by prefix and title (their numeric suffix differs between table versions),
 * dimension keys are looked up in the code lists (CBS pads them with spaces). Years the download does
 * not cover keep their row of the file; fetched years replace theirs (and end the interpolation of
 * 2022-2023). The file is written only after the whole series was downloaded and the new file passed
 * the same check the pipeline applies (readNational), via a temporary file and a rename, so an
 * offline run or a changed table leaves it as it was.
 */
import {readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {NATIONAL_REFERENCE, readNational} from "../analyses/national.js";
import {
  CBS_DATADERDEN, CBS_OPENDATA, CbsOdataError, cbsValue, fetchCodeList, fetchCollection, fetchDataProperties, fetchTableInfo,
  odataString, resolveTopics, trimKey, yearOfPeriod, type CbsClientOptions, type TopicSpec
} from "./cbs-odata.js";

/** One national yearly series: a table, its fixed dimension values and the topic to read. */
export interface NationalSeriesSpec {
  /** Our name of the series: burglaries, dwellings, inhabitants. */
  name: "burglaries" | "dwellings" | "inhabitants";
  tableId: string;
  baseUrl: string;
  /** Dimension key -> trimmed code to select (e.g. {RegioS: "NL01"}). */
  select: Readonly<Record<string, string>>;
  topic: TopicSpec;
}

export const NATIONAL_SERIES: readonly NationalSeriesSpec[] = [
  {name: "burglaries", tableId: "47025NED", baseUrl: CBS_DATADERDEN, select: {SoortMisdrijf: "1.1.1", RegioS: "NL01"},
    topic: {name: "burglaries", prefix: "GeregistreerdeMisdrijven", title: "Geregistreerde misdrijven"}},
  {name: "dwellings", tableId: "81955NED", baseUrl: CBS_OPENDATA, select: {Gebruiksfunctie: "A045364", RegioS: "NL01"},
    topic: {name: "dwellings", prefix: "BeginstandVoorraad", title: "Beginstand voorraad"}},
  {name: "inhabitants", tableId: "83474NED", baseUrl: CBS_OPENDATA, select: {},
    topic: {name: "inhabitants", prefix: "GemiddeldeBevolking", title: "Gemiddelde bevolking"}}
];

/** What was downloaded of one series: value per year and where it came from. */
export interface NationalSeries {
  spec: NationalSeriesSpec;
  values: Map<number, number>;
  /** Years present in the table whose cell is empty or suppressed. */
  missing: number[];
  source: {table: string; publisher: string; url: string; topic: string; modified: string | null; downloaded: string; licence: string};
}

/**
 * Reads the TypedDataSet rows of a national series into value per year: whole years only
 * (`2023JJ00`), rows of other dimension values skipped, empty cells listed as missing. Throws when a
 * year appears twice or a value is not a positive number.
 * @example parseNationalRows([{Perioden: "2023JJ00", RegioS: "NL01  ", X_1: 22706}], "X_1", {RegioS: "NL01"}) // {values: Map {2023 => 22706}, missing: []}
 */
export function parseNationalRows(rows: readonly Record<string, unknown>[], topicKey: string, select: Readonly<Record<string, string>>, tableId = "tabel"): {values: Map<number, number>; missing: number[]} {
  const values = new Map<number, number>();
  const missing: number[] = [];
  for (const row of rows) {
    if (Object.entries(select).some(([dimension, code]) => trimKey(row[dimension]) !== code)) continue;
    const year = yearOfPeriod(trimKey(row.Perioden));
    if (year === undefined) continue;
    if (values.has(year) || missing.includes(year)) throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: jaar ${year} komt twee keer voor in de selectie.`);
    const value = cbsValue(row[topicKey]);
    if (value === null) {
      missing.push(year);
      continue;
    }
    if (!(value > 0)) throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: ${topicKey} in ${year} is ${value}, verwacht een positief getal.`);
    values.set(year, Math.round(value));
  }
  return {values, missing: missing.sort((a, b) => a - b)};
}

/** Downloads one national series (table info, topic, code lists, the selected cells). */
export async function fetchNationalSeries(spec: NationalSeriesSpec, client: CbsClientOptions, downloaded: string): Promise<NationalSeries> {
  const options: CbsClientOptions = {...client, baseUrl: spec.baseUrl};
  const info = await fetchTableInfo(spec.tableId, options);
  const [topic] = resolveTopics(await fetchDataProperties(spec.tableId, options), [spec.topic]);
  if (!topic.key) throw new CbsOdataError(spec.tableId, `CBS-tabel ${spec.tableId} heeft geen onderwerp '${spec.topic.title}' (${topic.how}${topic.candidates ? `: ${topic.candidates.join(", ")}` : ""}); de tabel is van opzet veranderd.`);
  const filter: string[] = [];
  for (const [dimension, code] of Object.entries(spec.select)) {
    const raw = (await fetchCodeList(spec.tableId, dimension, options)).rawKeys.get(code);
    if (raw === undefined) throw new CbsOdataError(spec.tableId, `${dimension} '${code}' staat niet in CBS-tabel ${spec.tableId}.`);
    filter.push(`${dimension} eq ${odataString(raw)}`);
  }
  filter.push("substring(Perioden,4,4) eq 'JJ00'");
  const data = await fetchCollection<Record<string, unknown>>(spec.tableId, "TypedDataSet", {...options, filter: filter.join(" and "), select: [...Object.keys(spec.select), "Perioden", topic.key]});
  const {values, missing} = parseNationalRows(data.rows, topic.key, spec.select, spec.tableId);
  if (!values.size) throw new CbsOdataError(spec.tableId, `CBS-tabel ${spec.tableId} gaf geen jaarcijfers voor ${Object.entries(spec.select).map(([d, c]) => `${d} ${c}`).join(", ") || "Nederland"} (${data.url}).`);
  return {
    spec, values, missing,
    source: {
      table: `${spec.tableId} ${info.Title}`,
      publisher: info.Catalog === "Politie" ? "Politie / CBS (dataderden.cbs.nl)" : "CBS (opendata.cbs.nl)",
      url: data.url, topic: `${topic.key} (${topic.title}${topic.unit ? `, ${topic.unit}` : ""})`,
      modified: typeof info.Modified === "string" ? info.Modified : null, downloaded, licence: "CC BY 4.0"
    }
  };
}

/** The reference file's shape (the fields this module writes; others are kept as they are). */
interface NationalFile {
  years: Record<string, unknown>[];
  sources: Record<string, unknown>;
  dwellings_interpolation?: unknown;
  refreshed?: unknown;
  [key: string]: unknown;
}

/**
 * The reference file with the downloaded series merged in: a year with all three values gets a new
 * row (dwellings_source the dwelling table), other years keep their row; the sources gain the three
 * tables with their download URL and date. Returns the new file and the years replaced and added.
 */
export function mergeNational(file: NationalFile, series: readonly NationalSeries[], downloaded: string): {file: NationalFile; replaced: number[]; added: number[]; kept: number[]} {
  const by = (name: NationalSeriesSpec["name"]) => series.find((s) => s.spec.name === name);
  const burglaries = by("burglaries"), dwellings = by("dwellings"), inhabitants = by("inhabitants");
  if (!burglaries || !dwellings || !inhabitants) throw new Error("invalid series: burglaries, dwellings and inhabitants are all needed");
  const old = new Map(file.years.map((r) => [r.year as number, r]));
  const rows = new Map(old);
  const replaced: number[] = [], added: number[] = [];
  for (const [year, count] of [...burglaries.values].sort((a, b) => a[0] - b[0])) {
    const stock = dwellings.values.get(year), people = inhabitants.values.get(year);
    if (stock === undefined || people === undefined) continue;
    (old.has(year) ? replaced : added).push(year);
    rows.set(year, {year, burglaries: count, dwellings: stock, dwellings_source: dwellings.spec.tableId, inhabitants: people});
  }
  const years = [...rows.values()].sort((a, b) => (a.year as number) - (b.year as number));
  const kept = years.map((r) => r.year as number).filter((y) => !replaced.includes(y) && !added.includes(y));
  const next: NationalFile = {...file, years, sources: {...file.sources}};
  for (const s of series) next.sources[s.spec.tableId] = s.source;
  next.refreshed = {by: "npm run fetch:open", at: downloaded, years: [...replaced, ...added].sort((a, b) => a - b)};
  if (!years.some((r) => r.dwellings_source === "interpolated")) delete next.dwellings_interpolation;
  return {file: next, replaced, added, kept};
}

export interface NationalRefresh {
  path: string;
  replaced: number[];
  added: number[];
  kept: number[];
  series: NationalSeries[];
}

/**
 * Downloads the three national series and rewrites the reference file at `path` (default
 * loaders/reference/nederland.json). Nothing is written unless every download succeeded and the
 * merged file passes readNational.
 */
export async function refreshNational({path = NATIONAL_REFERENCE, now = () => new Date(), ...client}: CbsClientOptions & {path?: string; now?: () => Date} = {}): Promise<NationalRefresh> {
  const file = JSON.parse(readFileSync(path, "utf8")) as NationalFile;
  if (!Array.isArray(file.years) || typeof file.sources !== "object") throw new Error(`${path}: no "years" and "sources"`);
  const downloaded = now().toISOString();
  const series: NationalSeries[] = [];
  for (const spec of NATIONAL_SERIES) series.push(await fetchNationalSeries(spec, client, downloaded));
  const merged = mergeNational(file, series, downloaded);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(merged.file, null, 2) + "\n");
  try {
    readNational(temporary);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw new Error(`${path} niet bijgewerkt: de nieuwe reeks klopt niet (${(error as Error).message}).`);
  }
  return {path, ...merged, series};
}
