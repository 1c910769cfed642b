/**
 * Downloads the public CBS/police tables for a region into a delivery folder in our templates:
 * registered residential burglaries per area and year (47018NED -> cbs_misdrijven.csv), CBS
 * Kerncijfers wijken en buurten (-> kerncijfers.csv), optionally area boundaries (->
 * gebieden.geojson), and a provenance file (bronnen.json).
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {TWENTE_CODES} from "../../src/lib/twente.js";
import {municipalityOf, parseBuurtcode, parseGemeentecode, parseWijkcode} from "../delivery/values.js";
import {
  CBS_DATADERDEN, CBS_OPENDATA, CbsOdataError, cbsValue, checkTableId, fetchCodeList, fetchCollection, fetchDataProperties,
  fetchJson, fetchTableInfo, odataString, periodKey, regionFilter, resolveTopics, trimKey, yearOfPeriod,
  type CbsClientOptions, type CodeItem, type DataProperty, type FetchLike, type ResolvedTopic, type TableInfo, type TopicSpec
} from "./cbs-odata.js";

/** Police-registered crime per type, district and neighbourhood, per year (catalog Politie). */
export const CRIME_TABLE = "47018NED";
/** "1.1.1 Diefstal/inbraak woning" (residential burglary, attempts included), key trimmed. */
export const BURGLARY = "1.1.1";

/**
 * The yearly "Kerncijfers wijken en buurten" tables. The ids are checked against the title in
 * TableInfos at download time (a mismatch is a warning in bronnen.json).
 */
export const KWB_TABLES: Readonly<Record<number, string>> = {
  2015: "83220NED", 2016: "83487NED", 2017: "83765NED", 2018: "84286NED", 2019: "84583NED", 2020: "84799NED",
  2021: "85039NED", 2022: "85318NED", 2023: "85618NED", 2024: "85984NED", 2025: "86165NED"
};

/**
 * Our kerncijfers.csv variables and the KWB topics they come from, by key without its numeric
 * suffix (which differs per yearly table) and by title as a fallback. `perc_65_plus` is derived:
 * 100 x k_65JaarOfOuder / AantalInwoners.
 */
export const KWB_VARIABLES: readonly TopicSpec[] = [
  {name: "aantal_inwoners", prefix: "AantalInwoners", title: "Aantal inwoners"},
  {name: "woningvoorraad", prefix: "Woningvoorraad", title: "Woningvoorraad"},
  {name: "aantal_huishoudens", prefix: "HuishoudensTotaal", title: "Huishoudens totaal"},
  {name: "perc_koopwoningen", prefix: "Koopwoningen", title: "Koopwoningen"},
  {name: "perc_huurwoningen", prefix: "HuurwoningenTotaal", title: "Huurwoningen totaal"},
  {name: "perc_eengezinswoning", prefix: "PercentageEengezinswoning", title: "Percentage eengezinswoning"},
  {name: "gemiddelde_woz", prefix: "GemiddeldeWOZWaardeVanWoningen", title: "Gemiddelde WOZ-waarde van woningen"},
  {name: "gem_inkomen_per_inwoner", prefix: "GemiddeldInkomenPerInwoner", title: "Gemiddeld inkomen per inwoner"},
  {name: "perc_lage_inkomens", prefix: "HuishoudensMetEenLaagInkomen", title: "Huishoudens met een laag inkomen"},
  {name: "k_65_jaar_of_ouder", prefix: "k_65JaarOfOuder", title: "65 jaar of ouder"},
  {name: "omgevingsadressendichtheid", prefix: "Omgevingsadressendichtheid", title: "Omgevingsadressendichtheid"},
  {name: "afstand_oprit_hoofdweg", prefix: "AfstandTotOpritHoofdverkeersweg", title: "Afstand tot oprit hoofdverkeersweg"},
  {name: "oppervlakte_land_ha", prefix: "OppervlakteLand", title: "Oppervlakte land"}
];

const LICENCE = "CC BY 4.0";
const RD_CRS = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};

export interface OpenDataOptions {
  /** The delivery folder to write (created when missing; our files in it are overwritten). */
  out: string;
  /** Year(s) to fetch; default the latest year of the crime table. */
  year?: number | readonly number[];
  /** Municipality codes of the region (default the 14 Twente municipalities). */
  region?: readonly string[];
  /** Default globalThis.fetch. */
  fetch?: FetchLike;
  /** Timeout per request in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** Crime types to fetch, trimmed keys of 47018NED's SoortMisdrijf (default ["1.1.1"]). */
  crimeTypes?: readonly string[];
  crimeTable?: string;
  crimeBaseUrl?: string;
  /** KWB table per year (default {@link KWB_TABLES}); a year without a table is skipped with a warning. */
  kwbTables?: Readonly<Record<number, string>>;
  kwbBaseUrl?: string;
  /** A GeoJSON endpoint for area boundaries (PDOK WFS/OGC API); none means no gebieden.geojson. */
  boundariesUrl?: string;
  /** The clock, for the download times in bronnen.json. */
  now?: () => Date;
}

/** One downloaded table in bronnen.json. */
export interface SourceRecord {
  tabel: string;
  titel: string;
  uitgever: string;
  bronvermelding: string | null;
  catalogus: string | null;
  bron_url: string;
  /** The first page of the data request, with its $filter and $select. */
  data_url?: string;
  statline_url: string | null;
  opgehaald: string;
  licentie: string;
  periode: string | null;
  gewijzigd: string | null;
  bestand: string;
  rijen: number;
  /** Cells that CBS left empty or marked "." (suppressed/unknown), not written. */
  ontbrekende_waarden: number;
  ontbrekend_per_variabele?: Record<string, number>;
  /** CBS topic key behind each of our variables, as resolved from DataProperties. */
  variabelen?: Record<string, {cbs_sleutel: string; titel: string | null; eenheid: string | null; gevonden_op: string}>;
  niet_gevonden?: string[];
  opmerkingen: string[];
}

export interface Provenance {
  aangemaakt: string;
  regio: string[];
  jaren: number[];
  bronnen: SourceRecord[];
  waarschuwingen: string[];
}

export interface OpenDataResult {
  dir: string;
  files: {file: string; rows: number}[];
  provenance: Provenance;
}

/** A missing-value count per variable, in the order met. */
type Counts = Record<string, number>;
const bump = (counts: Counts, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** The municipality of a CBS region code (GM/WK/BU), or undefined for NL00, provinces, etc. */
function gemeenteOf(code: string): string | undefined {
  if (parseGemeentecode(code) === code) return code;
  if (parseWijkcode(code) || parseBuurtcode(code)) return municipalityOf(code);
  return undefined;
}

/**
 * The region's area codes from a WijkenEnBuurten code list: by its Municipality column where CBS
 * gives one, else by the digits of the code.
 */
export function regionAreas(items: readonly CodeItem[], region: readonly string[]): Map<string, CodeItem> {
  const inRegion = new Set(region);
  const areas = new Map<string, CodeItem>();
  for (const item of items) {
    if (!gemeenteOf(item.Key)) continue;
    const gm = item.Municipality ? parseGemeentecode(item.Municipality) : gemeenteOf(item.Key);
    if (gm && inRegion.has(gm)) areas.set(item.Key, item);
  }
  return areas;
}

function publisherOf(info: TableInfo): string {
  return info.Catalog === "Politie" ? "Politie (gepubliceerd via CBS StatLine, dataderden.cbs.nl)" : "Centraal Bureau voor de Statistiek (CBS)";
}

function source(tableId: string, info: TableInfo, baseUrl: string, file: string, downloaded: string): SourceRecord {
  return {
    tabel: tableId,
    titel: info.Title,
    uitgever: publisherOf(info),
    bronvermelding: typeof info.Source === "string" ? info.Source.replace(/&copy;/g, "©").replace(/[,\s]+$/, "") : null,
    catalogus: typeof info.Catalog === "string" ? info.Catalog : null,
    bron_url: `${baseUrl.replace(/\/+$/, "")}/${tableId}`,
    statline_url: info.Catalog === "CBS" ? `https://opendata.cbs.nl/#/CBS/nl/dataset/${tableId}/table` : null,
    opgehaald: downloaded,
    licentie: LICENCE,
    periode: typeof info.Period === "string" ? info.Period : null,
    gewijzigd: typeof info.Modified === "string" ? info.Modified : null,
    bestand: file,
    rijen: 0,
    ontbrekende_waarden: 0,
    opmerkingen: []
  };
}

/** A `;`-separated CSV with a header; values never contain `;`, quotes or newlines here. */
function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header.join(";"), ...rows.map((r) => r.join(";"))].join("\n") + "\n";
}

/** A number as written to our CSVs: decimal point, at most 6 decimals, no exponent. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

export interface CrimeRow {
  gebiedscode: string;
  jaar: number;
  soort_misdrijf: string;
  aantal: number;
}

/**
 * Downloads registered crime counts of the given types and years for the region's municipalities,
 * districts and neighbourhoods from 47018NED.
 * @returns rows for cbs_misdrijven.csv and their provenance
 */
export async function fetchCrimeCounts({years, region, crimeTypes = [BURGLARY], tableId = CRIME_TABLE, ...client}: CbsClientOptions & {years?: readonly number[]; region: readonly string[]; crimeTypes?: readonly string[]; tableId?: string}, downloaded: string): Promise<{rows: CrimeRow[]; years: number[]; source: SourceRecord}> {
  checkTableId(tableId);
  const options: CbsClientOptions = {...client, baseUrl: client.baseUrl ?? CBS_DATADERDEN};
  const info = await fetchTableInfo(tableId, options);
  const record = source(tableId, info, options.baseUrl!, "cbs_misdrijven.csv", downloaded);
  const properties = await fetchDataProperties(tableId, options);
  const [measure] = resolveTopics(properties, [{name: "geregistreerde_misdrijven", prefix: "GeregistreerdeMisdrijven", title: "Geregistreerde misdrijven"}]);
  if (!measure.key) throw new CbsOdataError(tableId, `CBS-tabel ${tableId} heeft geen onderwerp 'Geregistreerde misdrijven' meer; de tabel is van opzet veranderd.`);
  record.variabelen = {aantal: {cbs_sleutel: measure.key, titel: measure.title, eenheid: measure.unit, gevonden_op: measure.how}};

  const periods = (await fetchCodeList(tableId, "Perioden", options)).items;
  const available = periods.map((p) => yearOfPeriod(p.Key)).filter((y): y is number => y !== undefined).sort((a, b) => a - b);
  if (!available.length) throw new CbsOdataError(tableId, `CBS-tabel ${tableId} heeft geen jaarcijfers (Perioden ...JJ00).`);
  const wanted = years?.length ? [...years] : [available[available.length - 1]];
  const absent = wanted.filter((y) => !available.includes(y));
  if (absent.length) throw new CbsOdataError(tableId, `jaar ${absent.join(", ")} staat niet in CBS-tabel ${tableId} (beschikbaar: ${available[0]}–${available[available.length - 1]}).`);

  const types = await fetchCodeList(tableId, "SoortMisdrijf", options);
  const rawTypes = crimeTypes.map((t) => {
    const raw = types.rawKeys.get(t.trim());
    if (raw === undefined) throw new CbsOdataError(tableId, `soort misdrijf '${t}' staat niet in CBS-tabel ${tableId}.`);
    return raw;
  });
  const areas = regionAreas((await fetchCodeList(tableId, "WijkenEnBuurten", options)).items, region);

  const filter = [
    `(${rawTypes.map((t) => `SoortMisdrijf eq ${odataString(t)}`).join(" or ")})`,
    `(${wanted.map((y) => `Perioden eq ${odataString(periodKey(y))}`).join(" or ")})`,
    regionFilter(region)
  ].join(" and ");
  const data = await fetchCollection<Record<string, unknown>>(tableId, "TypedDataSet", {...options, filter, select: ["WijkenEnBuurten", "SoortMisdrijf", "Perioden", measure.key]});
  const rows: CrimeRow[] = [];
  const missing: Counts = {};
  let outside = 0;
  for (const r of data.rows) {
    const code = trimKey(r.WijkenEnBuurten);
    const jaar = yearOfPeriod(trimKey(r.Perioden));
    const soort = trimKey(r.SoortMisdrijf);
    if (!areas.has(code) || jaar === undefined || !wanted.includes(jaar) || !crimeTypes.includes(soort)) {
      outside++;
      continue;
    }
    const aantal = cbsValue(r[measure.key]);
    if (aantal === null) {
      bump(missing, soort);
      continue;
    }
    rows.push({gebiedscode: code, jaar, soort_misdrijf: soort, aantal});
  }
  rows.sort((a, b) => a.jaar - b.jaar || a.soort_misdrijf.localeCompare(b.soort_misdrijf) || a.gebiedscode.localeCompare(b.gebiedscode));
  record.rijen = rows.length;
  record.ontbrekende_waarden = Object.values(missing).reduce((a, b) => a + b, 0);
  record.ontbrekend_per_variabele = missing;
  record.data_url = data.url;
  record.opmerkingen.push(`${data.rows.length} rijen opgehaald in ${data.pages} pagina('s); ${outside} buiten de regio of selectie overgeslagen.`);
  return {rows, years: wanted, source: record};
}

export interface KerncijferRow {
  gebiedscode: string;
  jaar: number;
  variabele: string;
  waarde: number;
}

/**
 * Downloads one yearly Kerncijfers wijken en buurten table for the region and maps it to our
 * kerncijfers.csv variables (long format), resolving topic keys from DataProperties.
 */
export async function fetchKerncijfers({year, tableId, region, ...client}: CbsClientOptions & {year: number; tableId: string; region: readonly string[]}, downloaded: string): Promise<{rows: KerncijferRow[]; source: SourceRecord}> {
  checkTableId(tableId);
  const options: CbsClientOptions = {...client, baseUrl: client.baseUrl ?? CBS_OPENDATA};
  const info = await fetchTableInfo(tableId, options);
  const record = source(tableId, info, options.baseUrl!, "kerncijfers.csv", downloaded);
  if (!String(info.Title).includes(String(year))) record.opmerkingen.push(`Let op: de titel '${info.Title}' noemt het jaar ${year} niet; controleer de tabelkeuze.`);
  const properties: DataProperty[] = await fetchDataProperties(tableId, options);
  const resolved = resolveTopics(properties, KWB_VARIABLES);
  const found = resolved.filter((r): r is ResolvedTopic & {key: string} => r.key !== null);
  record.variabelen = Object.fromEntries(found.map((r) => [r.name, {cbs_sleutel: r.key, titel: r.title, eenheid: r.unit, gevonden_op: r.how}]));
  record.niet_gevonden = resolved.filter((r) => !r.key).map((r) => (r.how === "ambiguous" ? `${r.name} (meerdere kandidaten: ${r.candidates!.join(", ")})` : r.name));
  if (!found.length) throw new CbsOdataError(tableId, `CBS-tabel ${tableId} bevat geen van de kerncijfers (${KWB_VARIABLES.map((v) => v.prefix).join(", ")}).`);

  const areas = regionAreas((await fetchCodeList(tableId, "WijkenEnBuurten", options)).items, region);
  const hasPeriods = properties.some((p) => p.Type === "TimeDimension" && p.Key === "Perioden");
  const filters = [regionFilter(region)];
  if (hasPeriods) filters.push(`Perioden eq ${odataString(periodKey(year))}`);
  const select = ["WijkenEnBuurten", ...(hasPeriods ? ["Perioden"] : []), ...found.map((r) => r.key)];
  const data = await fetchCollection<Record<string, unknown>>(tableId, "TypedDataSet", {...options, filter: filters.join(" and "), select});

  const key = Object.fromEntries(found.map((r) => [r.name, r.key])) as Record<string, string>;
  const rows: KerncijferRow[] = [];
  const missing: Counts = {};
  let outside = 0;
  for (const r of data.rows) {
    const code = trimKey(r.WijkenEnBuurten);
    if (!areas.has(code) || (hasPeriods && yearOfPeriod(trimKey(r.Perioden)) !== year)) {
      outside++;
      continue;
    }
    for (const spec of KWB_VARIABLES) {
      if (spec.name === "k_65_jaar_of_ouder" || !key[spec.name]) continue;
      const value = cbsValue(r[key[spec.name]]);
      if (value === null) bump(missing, spec.name);
      else rows.push({gebiedscode: code, jaar: year, variabele: spec.name, waarde: value});
    }
    if (key.k_65_jaar_of_ouder && key.aantal_inwoners) {
      const old = cbsValue(r[key.k_65_jaar_of_ouder]);
      const all = cbsValue(r[key.aantal_inwoners]);
      if (old === null || all === null || all <= 0) bump(missing, "perc_65_plus");
      else rows.push({gebiedscode: code, jaar: year, variabele: "perc_65_plus", waarde: Math.round((1000 * old) / all) / 10});
    }
  }
  if (record.variabelen.k_65_jaar_of_ouder) record.variabelen.k_65_jaar_of_ouder.gevonden_op += "; geschreven als perc_65_plus = 100 x k_65JaarOfOuder / AantalInwoners";
  rows.sort((a, b) => a.gebiedscode.localeCompare(b.gebiedscode) || a.variabele.localeCompare(b.variabele));
  record.rijen = rows.length;
  record.ontbrekende_waarden = Object.values(missing).reduce((a, b) => a + b, 0);
  record.ontbrekend_per_variabele = missing;
  record.data_url = data.url;
  record.opmerkingen.push(`${data.rows.length} rijen opgehaald in ${data.pages} pagina('s); ${outside} buiten de regio overgeslagen.`);
  return {rows, source: record};
}

/** A GeoJSON FeatureCollection in our gebieden.geojson template. */
export interface BoundaryCollection {
  type: "FeatureCollection";
  crs?: unknown;
  features: {type: "Feature"; properties: {code: string; naam: string}; geometry: {type: string; coordinates: unknown}}[];
}

const CODE_FIELDS: readonly [string, string][] = [["code", "naam"], ["statcode", "statnaam"], ["buurtcode", "buurtnaam"], ["wijkcode", "wijknaam"], ["gemeentecode", "gemeentenaam"]];

/**
 * Downloads area boundaries from a GeoJSON endpoint (a PDOK WFS GetFeature with
 * `outputFormat=application/json`, or an OGC API Features `items` URL, whose `links` with
 * rel "next" are followed) and keeps the region's areas, with properties `code` and `naam` taken
 * from code/statcode/buurtcode/wijkcode/gemeentecode and the matching name field.
 * @example await fetchBoundaries("https://service.pdok.nl/cbs/wijkenbuurten/2023/wfs/v1_0?...", {region: ["GM0153"]})
 */
export async function fetchBoundaries(url: string, {region, fetch: fetchFn = globalThis.fetch as unknown as FetchLike, timeoutMs = 60_000, maxPages = 200}: {region: readonly string[]; fetch?: FetchLike; timeoutMs?: number; maxPages?: number}): Promise<{collection: BoundaryCollection; read: number; pages: number}> {
  if (!/^https?:\/\//.test(url)) throw new Error(`invalid url: ${url}`);
  const inRegion = new Set(region);
  const features: BoundaryCollection["features"] = [];
  let crs: unknown;
  let read = 0;
  let pages = 0;
  const seen = new Set<string>();
  for (let next: string | undefined = url; next; ) {
    if (seen.has(next) || pages >= maxPages) break;
    seen.add(next);
    const body = await fetchJson("gebieden", next, fetchFn, timeoutMs, "Gebiedsgrenzen");
    pages++;
    if (body.type !== "FeatureCollection" || !Array.isArray(body.features)) throw new CbsOdataError("gebieden", `Gebiedsgrenzen: het antwoord is geen GeoJSON FeatureCollection (${next}).`, next);
    crs ??= body.crs;
    for (const f of body.features as {properties?: Record<string, unknown>; geometry?: {type: string; coordinates: unknown}}[]) {
      read++;
      const props = f.properties ?? {};
      let code: string | undefined, naam = "";
      for (const [codeField, nameField] of CODE_FIELDS) {
        const raw = trimKey(props[codeField]);
        const parsed = parseBuurtcode(raw) ?? parseWijkcode(raw) ?? parseGemeentecode(raw);
        if (parsed) {
          code = parsed;
          naam = trimKey(props[nameField]) || parsed;
          break;
        }
      }
      const gm = code && gemeenteOf(code);
      if (!code || !gm || !inRegion.has(gm) || !f.geometry || !/^(Multi)?Polygon$/.test(f.geometry.type)) continue;
      features.push({type: "Feature", properties: {code, naam}, geometry: f.geometry});
    }
    const links = Array.isArray(body.links) ? (body.links as {rel?: string; href?: string}[]) : [];
    next = links.find((l) => l.rel === "next" && typeof l.href === "string")?.href;
  }
  if (crs === undefined && features.length) {
    let probe: unknown = features[0].geometry.coordinates;
    while (Array.isArray(probe) && Array.isArray(probe[0])) probe = probe[0];
    if (Array.isArray(probe) && Math.abs(Number(probe[0])) > 180) crs = RD_CRS;
  }
  const collection: BoundaryCollection = {type: "FeatureCollection", ...(crs === undefined ? {} : {crs}), features};
  return {collection, read, pages};
}

function toYears(year: OpenDataOptions["year"]): number[] | undefined {
  if (year === undefined) return undefined;
  const list = typeof year === "number" ? [year] : [...year];
  for (const y of list) if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new Error(`invalid year: ${y}`);
  return [...new Set(list)].sort((a, b) => a - b);
}

/**
 * Downloads the open data for a region into a delivery folder: cbs_misdrijven.csv (47018NED),
 * kerncijfers.csv (KWB per year), gebieden.geojson (when `boundariesUrl` is given) and
 * bronnen.json. Nothing is written unless every download succeeded.
 * @example await fetchOpenData({out: "data/open", year: 2023, region: ["GM0153"]})
 */
export async function fetchOpenData(options: OpenDataOptions): Promise<OpenDataResult> {
  const {out, region = TWENTE_CODES, timeoutMs, now = () => new Date()} = options;
  if (!out || typeof out !== "string") throw new Error(`invalid out: ${out}`);
  if (!region.length) throw new Error("invalid region: no municipality codes");
  for (const gm of region) if (parseGemeentecode(gm) !== gm) throw new Error(`invalid municipality code: ${gm}`);
  const years = toYears(options.year);
  const client: CbsClientOptions = {fetch: options.fetch, timeoutMs};
  const stamp = () => now().toISOString();
  const warnings: string[] = [];

  const crime = await fetchCrimeCounts({...client, baseUrl: options.crimeBaseUrl, years, region, crimeTypes: options.crimeTypes, tableId: options.crimeTable}, stamp());
  const kwbTables = options.kwbTables ?? KWB_TABLES;
  const kwb: {rows: KerncijferRow[]; source: SourceRecord}[] = [];
  for (const year of crime.years) {
    const tableId = kwbTables[year];
    if (!tableId) {
      warnings.push(`Geen tabel Kerncijfers wijken en buurten bekend voor ${year}; kerncijfers voor dat jaar ontbreken.`);
      continue;
    }
    kwb.push(await fetchKerncijfers({...client, baseUrl: options.kwbBaseUrl, year, tableId, region}, stamp()));
  }
  let boundaries: {collection: BoundaryCollection; read: number; pages: number; downloaded: string} | undefined;
  if (options.boundariesUrl) boundaries = {...(await fetchBoundaries(options.boundariesUrl, {region, fetch: options.fetch, timeoutMs})), downloaded: stamp()};
  else warnings.push("Geen gebiedsgrenzen opgehaald (geef --gebieden-url op voor gebieden.geojson).");

  mkdirSync(out, {recursive: true});
  const files: OpenDataResult["files"] = [];
  writeFileSync(join(out, "cbs_misdrijven.csv"), csv(["gebiedscode", "jaar", "soort_misdrijf", "aantal"], crime.rows.map((r) => [r.gebiedscode, r.jaar, r.soort_misdrijf, formatNumber(r.aantal)])));
  files.push({file: "cbs_misdrijven.csv", rows: crime.rows.length});
  if (kwb.length) {
    const rows = kwb.flatMap((k) => k.rows);
    writeFileSync(join(out, "kerncijfers.csv"), csv(["gebiedscode", "jaar", "variabele", "waarde"], rows.map((r) => [r.gebiedscode, r.jaar, r.variabele, formatNumber(r.waarde)])));
    files.push({file: "kerncijfers.csv", rows: rows.length});
  }
  const sources = [crime.source, ...kwb.map((k) => k.source)];
  if (boundaries) {
    writeFileSync(join(out, "gebieden.geojson"), JSON.stringify(boundaries.collection));
    files.push({file: "gebieden.geojson", rows: boundaries.collection.features.length});
    sources.push({
      tabel: "gebieden", titel: "Wijk- en buurtkaart (gebiedsgrenzen)", uitgever: "CBS / PDOK", bronvermelding: null, catalogus: null,
      bron_url: options.boundariesUrl!, statline_url: null, opgehaald: boundaries.downloaded, licentie: LICENCE, periode: null, gewijzigd: null,
      bestand: "gebieden.geojson", rijen: boundaries.collection.features.length, ontbrekende_waarden: 0,
      opmerkingen: [`${boundaries.read} gebieden gelezen in ${boundaries.pages} pagina('s); ${boundaries.read - boundaries.collection.features.length} buiten de regio of zonder geldige code/geometrie overgeslagen.`]
    });
  }
  const provenance: Provenance = {aangemaakt: stamp(), regio: [...region], jaren: crime.years, bronnen: sources, waarschuwingen: warnings};
  writeFileSync(join(out, "bronnen.json"), JSON.stringify(provenance, null, 2) + "\n");
  files.push({file: "bronnen.json", rows: sources.length});
  return {dir: out, files, provenance};
}
