/**
 * A small client for the CBS StatLine OData services: v3 (opendata.cbs.nl / dataderden.cbs.nl,
 * the one used by `fetch:open`) and a minimal v4 reader (datasets.cbs.nl).
 *
 * Formats this client relies on, and where they were checked:
 * - v3 responses are JSON objects with a `value` array (and `odata.metadata`); a paged response
 *   carries `odata.nextLink`, the absolute URL of the next page. The Python client
 *   J535D165/cbsodata (cbsodata/cbsodata3.py, `_download_metadata`) follows exactly this key;
 *   cbsodataR (R/dump-data.R) reads `$skip=` from the next link.
 * - `ODataApi` refuses queries of more than 10,000 rows ("query returns more than 10000 records");
 *   the bulk service `ODataFeed` pages instead (cbsodata's BULK = "ODataFeed/odata"). We therefore
 *   use ODataFeed for everything and follow the next links.
 * - Entity sets per table: TableInfos, DataProperties, one code list per dimension (named after the
 *   dimension key, e.g. WijkenEnBuurten, SoortMisdrijf, Perioden) and TypedDataSet (one row per
 *   dimension combination, one column per Topic key such as `AantalInwoners_5`).
 * - Dimension keys are fixed-width and padded with spaces: `"1.1.1 "`, `"GM0153    "` (see the
 *   DefaultSelection in 85984NED's TableInfos: `WijkenEnBuurten eq 'GM1680    '`). We trim keys
 *   on the way in and pad them again in filters.
 * - Region filters: 47018NED's own DefaultSelection uses `substring(WijkenEnBuurten,2,4) eq '0363'`
 *   to select a municipality with all its districts and neighbourhoods.
 * - Police tables (catalog "Politie", e.g. 47018NED) live on dataderden.cbs.nl, CBS's own tables on
 *   opendata.cbs.nl.
 * - v4 (datasets.cbs.nl/odata/v1/CBS/<id>/Observations, MeasureCodes, <Dimension>Codes) uses the
 *   OData 4 key `@odata.nextLink` (cbsodata/cbsodata4.py `_parse_odata4_response`; CBS's own
 *   examples statistiekcbs/CBS-Open-Data-v4 R/basics.R). Only the paging reader is provided.
 */

/** The part of the Fetch API this client needs; tests pass a fake that serves fixtures. */
export type FetchLike = (url: string, init?: {signal?: AbortSignal; headers?: Record<string, string>}) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  json(): Promise<unknown>;
}>;

/** CBS's own tables (bulk OData v3 service). */
export const CBS_OPENDATA = "https://opendata.cbs.nl/ODataFeed/odata";
/** Tables of third parties published by CBS, among them the police's (catalog "Politie"). */
export const CBS_DATADERDEN = "https://dataderden.cbs.nl/ODataFeed/odata";
/** The OData v4 service. */
export const CBS_ODATA4 = "https://datasets.cbs.nl/odata/v1/CBS";

export interface CbsClientOptions {
  /** Service root, e.g. {@link CBS_OPENDATA} (default) or {@link CBS_DATADERDEN}. */
  baseUrl?: string;
  /** Default globalThis.fetch. */
  fetch?: FetchLike;
  /** Timeout per request in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** Stop after this many pages (default 1,000): a guard against a next link that loops. */
  maxPages?: number;
}

/** A failure to get a CBS table; the message is Dutch and names the table. */
export class CbsOdataError extends Error {
  constructor(readonly tableId: string, message: string, readonly url?: string) {
    super(message);
    this.name = "CbsOdataError";
  }
}

/** One row of TableInfos (only the fields we use are typed). */
export interface TableInfo {
  Identifier: string;
  Title: string;
  ShortTitle?: string;
  Modified?: string;
  MetaDataModified?: string;
  Period?: string;
  Catalog?: string;
  Source?: string;
  Frequency?: string;
  [field: string]: unknown;
}

/** One row of DataProperties. */
export interface DataProperty {
  ID: number;
  Type: string;
  Key: string;
  Title: string;
  Unit?: string | null;
  Datatype?: string | null;
  Decimals?: number | null;
  [field: string]: unknown;
}

/** One row of a dimension code list, with its key trimmed. */
export interface CodeItem {
  Key: string;
  Title: string;
  /** The municipality of a region code (GeoDetail code lists), trimmed, when CBS gives it. */
  Municipality?: string;
  [field: string]: unknown;
}

const TABLE_ID = /^[0-9]{5}[A-Z]{3}$/i;

/** Checks a CBS table id like `85984NED` and returns it; throws on anything else. */
export function checkTableId(tableId: string): string {
  if (!TABLE_ID.test(tableId)) throw new Error(`invalid tableId: ${JSON.stringify(tableId)}`);
  return tableId;
}

/** Trims the padding CBS puts around dimension keys: `trimKey("1.1.1 ") === "1.1.1"`. */
export function trimKey(key: unknown): string {
  return typeof key === "string" ? key.trim() : String(key ?? "").trim();
}

/** Pads a region code to CBS's 10-character key: `padRegionKey("GM0153") === "GM0153    "`. */
export function padRegionKey(code: string): string {
  if (code.length > 10) throw new Error(`invalid region code: ${code}`);
  return code.padEnd(10, " ");
}

/** The CBS period key of a whole year: `periodKey(2023) === "2023JJ00"`. */
export function periodKey(year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new Error(`invalid year: ${year}`);
  return `${year}JJ00`;
}

/** The year of a whole-year period key, or undefined: `yearOfPeriod("2023JJ00") === 2023`. */
export function yearOfPeriod(key: string): number | undefined {
  const match = /^(\d{4})JJ00$/.exec(key.trim());
  return match ? Number(match[1]) : undefined;
}

/** Quotes a string literal for an OData filter: `odataString("'s-Gravenhage") === "'''s-Gravenhage'"`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A filter selecting the municipalities' own rows and all their districts and neighbourhoods,
 * in the form CBS uses itself (`substring(WijkenEnBuurten,2,4) eq '0153'`).
 * @example regionFilter(["GM0153"]) // "(substring(WijkenEnBuurten,2,4) eq '0153')"
 */
export function regionFilter(region: readonly string[], dimension = "WijkenEnBuurten"): string {
  if (!region.length) throw new Error("invalid region: no municipality codes");
  const parts = region.map((gm) => {
    const match = /^GM(\d{4})$/.exec(gm);
    if (!match) throw new Error(`invalid municipality code: ${gm}`);
    return `substring(${dimension},2,4) eq '${match[1]}'`;
  });
  return `(${parts.join(" or ")})`;
}

/**
 * A CBS cell as a number, or null when it is missing: TypedDataSet gives `null` for a suppressed or
 * unknown value, UntypedDataSet gives `"."` (often padded), and an empty cell means "cannot occur".
 * @example cbsValue("       .") // null
 */
export function cbsValue(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = String(value).trim();
  if (text === "" || text === "." || text === "x" || text === "-" || text === "?") return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/** Builds the URL of an entity set of a table, with OData query options. */
export function entityUrl(tableId: string, entity: string, {baseUrl = CBS_OPENDATA, filter, select}: {baseUrl?: string; filter?: string; select?: readonly string[]} = {}): string {
  checkTableId(tableId);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(entity)) throw new Error(`invalid entity: ${entity}`);
  const query = ["$format=json"];
  if (filter) query.push(`$filter=${encodeURIComponent(filter)}`);
  if (select?.length) query.push(`$select=${encodeURIComponent(select.join(","))}`);
  return `${baseUrl.replace(/\/+$/, "")}/${tableId}/${entity}?${query.join("&")}`;
}

function describe(error: unknown): string {
  const e = error as {name?: string; message?: string; cause?: {code?: string; message?: string}};
  if (e?.name === "AbortError" || e?.name === "TimeoutError") return "geen antwoord binnen de tijdslimiet";
  const cause = e?.cause?.code ?? e?.cause?.message;
  return [e?.message ?? String(error), cause].filter(Boolean).join(" — ");
}

/**
 * GETs one JSON object with a timeout; every failure becomes a {@link CbsOdataError} whose Dutch
 * message starts with `label` ("CBS-tabel 85984NED niet bereikbaar: ...").
 */
export async function fetchJson(tableId: string, url: string, fetchFn: FetchLike, timeoutMs: number, label = `CBS-tabel ${tableId}`): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchFn(url, {signal: controller.signal, headers: {accept: "application/json"}});
  } catch (error) {
    clearTimeout(timer);
    throw new CbsOdataError(tableId, `${label} niet bereikbaar: ${describe(error)} (${url}). Controleer de internetverbinding of probeer het later opnieuw.`, url);
  }
  try {
    if (!response.ok) {
      const hint = response.status === 404 ? " Bestaat de tabel nog (zie opendata.cbs.nl)?" : "";
      throw new CbsOdataError(tableId, `${label} gaf HTTP ${response.status} ${response.statusText} (${url}).${hint}`, url);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new CbsOdataError(tableId, `${label}: het antwoord is geen geldige JSON (${describe(error)}; ${url}).`, url);
    }
    if (!body || typeof body !== "object") throw new CbsOdataError(tableId, `${label}: onverwacht antwoord (${url}).`, url);
    return body as Record<string, unknown>;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads every page of an OData collection, following the next link under `nextKey`.
 * @param url the first page
 * @param nextKey `odata.nextLink` (v3) or `@odata.nextLink` (v4)
 * @returns the rows of all pages and the number of pages read
 */
export async function readAllPages<T = Record<string, unknown>>(tableId: string, url: string, nextKey: string, {fetch: fetchFn = globalThis.fetch as unknown as FetchLike, timeoutMs = 60_000, maxPages = 1000}: CbsClientOptions = {}): Promise<{rows: T[]; pages: number}> {
  if (!(timeoutMs > 0)) throw new Error(`invalid timeoutMs: ${timeoutMs}`);
  if (!(maxPages >= 1)) throw new Error(`invalid maxPages: ${maxPages}`);
  const rows: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    if (seen.has(next)) throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: de volgende pagina verwijst naar een eerdere pagina (${next}).`, next);
    if (pages >= maxPages) throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: meer dan ${maxPages} pagina's; verklein de selectie.`, next);
    seen.add(next);
    const body = await fetchJson(tableId, next, fetchFn, timeoutMs);
    if (!Array.isArray(body.value)) {
      const message = (body as {"odata.error"?: {message?: {value?: string}}})["odata.error"]?.message?.value;
      throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: onverwacht antwoord zonder 'value'-lijst${message ? `: ${message}` : ""} (${next}).`, next);
    }
    rows.push(...(body.value as T[]));
    pages++;
    const link = body[nextKey];
    next = typeof link === "string" && link ? link : undefined;
  }
  return {rows, pages};
}

/**
 * Reads a whole entity set of a v3 table, all pages.
 * @example await fetchCollection("47018NED", "Perioden", {baseUrl: CBS_DATADERDEN})
 */
export async function fetchCollection<T = Record<string, unknown>>(tableId: string, entity: string, {filter, select, ...options}: CbsClientOptions & {filter?: string; select?: readonly string[]} = {}): Promise<{rows: T[]; pages: number; url: string}> {
  const url = entityUrl(tableId, entity, {baseUrl: options.baseUrl, filter, select});
  const {rows, pages} = await readAllPages<T>(tableId, url, "odata.nextLink", options);
  return {rows, pages, url};
}

/** The table's description (title, period, modification date, catalog) from TableInfos. */
export async function fetchTableInfo(tableId: string, options: CbsClientOptions = {}): Promise<TableInfo> {
  const {rows, url} = await fetchCollection<TableInfo>(tableId, "TableInfos", options);
  if (!rows.length || typeof rows[0].Title !== "string") throw new CbsOdataError(tableId, `CBS-tabel ${tableId}: TableInfos is leeg (${url}).`, url);
  return rows[0];
}

/** The table's dimensions, topics and topic groups from DataProperties. */
export async function fetchDataProperties(tableId: string, options: CbsClientOptions = {}): Promise<DataProperty[]> {
  const {rows} = await fetchCollection<DataProperty>(tableId, "DataProperties", options);
  return rows.map((r) => ({...r, Key: trimKey(r.Key)}));
}

/**
 * A dimension's code list (e.g. WijkenEnBuurten, SoortMisdrijf, Perioden), keys and municipality
 * codes trimmed.
 * @example (await fetchCodeList("47018NED", "SoortMisdrijf", opts))[1].Key // "1.1.1"
 */
export async function fetchCodeList(tableId: string, dimension: string, options: CbsClientOptions = {}): Promise<{items: CodeItem[]; rawKeys: Map<string, string>}> {
  const {rows} = await fetchCollection<Record<string, unknown>>(tableId, dimension, options);
  const rawKeys = new Map<string, string>();
  const items = rows.map((r) => {
    const key = trimKey(r.Key);
    rawKeys.set(key, String(r.Key));
    const item: CodeItem = {...r, Key: key, Title: trimKey(r.Title)};
    if (typeof r.Municipality === "string" && r.Municipality.trim()) item.Municipality = r.Municipality.trim();
    else delete item.Municipality;
    return item;
  });
  return {items, rawKeys};
}

/** What a wanted topic is called: its key without the numeric suffix, and its title as fallback. */
export interface TopicSpec {
  name: string;
  prefix: string;
  title?: string;
}

/** Resolution of one wanted topic against a table's DataProperties. */
export interface ResolvedTopic {
  name: string;
  key: string | null;
  title: string | null;
  unit: string | null;
  /** How it was found, or why not. */
  how: "prefix" | "title" | "missing" | "ambiguous";
  candidates?: string[];
}

const normalizeTitle = (t: unknown) => String(t ?? "").trim().replace(/\s+/g, " ").toLowerCase();
/** A topic key without CBS's numeric suffix: `keyBase("Woningvoorraad_35") === "Woningvoorraad"`. */
export function keyBase(key: string): string {
  return key.trim().replace(/_\d+$/, "");
}

/**
 * Finds the Topic keys of a table for wanted variables. The numeric suffix of a key (`_35` in
 * `Woningvoorraad_35`) is its position in that year's table and differs between yearly tables and
 * even between versions of one table, so topics are matched on the key without its suffix, then on
 * their title; two matches are reported as ambiguous, none as missing.
 * @example resolveTopics(props, [{name: "woningvoorraad", prefix: "Woningvoorraad"}])[0].key // "Woningvoorraad_35"
 */
export function resolveTopics(properties: readonly DataProperty[], wanted: readonly TopicSpec[]): ResolvedTopic[] {
  const topics = properties.filter((p) => p.Type === "Topic" && p.Key);
  return wanted.map((w) => {
    let hits = topics.filter((p) => keyBase(p.Key) === w.prefix);
    let how: ResolvedTopic["how"] = "prefix";
    if (hits.length > 1 && w.title) {
      const byTitle = hits.filter((p) => normalizeTitle(p.Title) === normalizeTitle(w.title));
      if (byTitle.length) hits = byTitle;
    }
    if (!hits.length && w.title) {
      hits = topics.filter((p) => normalizeTitle(p.Title) === normalizeTitle(w.title));
      how = "title";
    }
    if (hits.length === 1) return {name: w.name, key: hits[0].Key, title: trimKey(hits[0].Title), unit: hits[0].Unit ? trimKey(hits[0].Unit) : null, how};
    if (hits.length > 1) return {name: w.name, key: null, title: null, unit: null, how: "ambiguous", candidates: hits.map((h) => h.Key)};
    return {name: w.name, key: null, title: null, unit: null, how: "missing"};
  });
}

/**
 * Reads an OData v4 collection of datasets.cbs.nl (e.g. Observations, MeasureCodes,
 * WijkenEnBuurtenCodes), all pages, following `@odata.nextLink`.
 * @example await fetchOdata4Collection("85984NED", "MeasureCodes")
 */
export async function fetchOdata4Collection<T = Record<string, unknown>>(tableId: string, entity: string, {filter, baseUrl = CBS_ODATA4, ...options}: CbsClientOptions & {filter?: string} = {}): Promise<{rows: T[]; pages: number; url: string}> {
  checkTableId(tableId);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(entity)) throw new Error(`invalid entity: ${entity}`);
  const url = `${baseUrl.replace(/\/+$/, "")}/${tableId}/${entity}${filter ? `?$filter=${encodeURIComponent(filter)}` : ""}`;
  const {rows, pages} = await readAllPages<T>(tableId, url, "@odata.nextLink", options);
  return {rows, pages, url};
}
