/**
 * The delivery templates: which columns each file has, which are required, and how a row is
 * validated into a typed record. See docs/data-model.md for the user-facing description.
 */
import type {CsvFile} from "./csv.js";
import {inRdExtent, inWgs84Extent, wgs84ToRd} from "./geo.js";
import {DeliveryError, type Reject, type RejectReason} from "./reject.js";
import {
  dateLimits, municipalityOf, parseBuurtcode, parseDate, parseDecimal, parseGemeentecode, parseInteger, parseJaNee,
  parsePostcode, parseSoort, parseWijkcode, type DateLimits
} from "./values.js";

export interface TemplateSpec {
  file: string;
  required: readonly string[];
  optional: readonly string[];
  /** Column whose value must be unique (the first row is kept), if any. */
  key?: string;
}

export const TEMPLATES = {
  inbraken: {
    file: "inbraken.csv",
    required: ["registratienummer", "soort", "pleegdatum_van"],
    optional: ["pleegdatum_tot", "gemeentecode", "buurtcode", "postcode", "huisnummer", "x", "y", "lat", "lon", "werkwijze", "woningtype", "buit", "opgelost"],
    key: "registratienummer"
  },
  whatsapp: {
    file: "whatsapp_groepen.csv",
    required: ["groep_id", "gemeentecode", "startdatum"],
    optional: ["buurtcode", "postcode", "einddatum", "deelnemers"],
    key: "groep_id"
  },
  preventie: {file: "preventieadviezen.csv", required: ["datum", "gemeentecode", "aantal"], optional: ["buurtcode", "postcode"]},
  dor: {file: "dor_aansluitingen.csv", required: ["gemeentecode", "datum_aansluiting"], optional: ["aantal_opkopers"], key: "gemeentecode"},
  campagnes: {file: "campagnes.csv", required: ["naam", "gemeentecode", "startdatum", "einddatum"], optional: []},
  alerts: {file: "alerts.csv", required: ["datum", "soort"], optional: ["gemeentecode", "buurtcode", "postcode", "x", "y"]},
  doelen: {file: "doelen.csv", required: ["gebied", "jaar", "indicator", "doelwaarde"], optional: []},
  kerncijfers: {file: "kerncijfers.csv", required: ["gebiedscode", "jaar", "variabele", "waarde"], optional: []}
} as const satisfies Record<string, TemplateSpec>;

export type TemplateName = keyof typeof TEMPLATES;

/**
 * The longest cell accepted, in characters (UTF-16 code units). No template value needs more
 * (free text such as werkwijze is a sentence or a code); a longer cell is a broken export or an
 * attack, and its row is rejected as veld_te_lang.
 */
export const MAX_FIELD_LENGTH = 1000;

/** Index of the first cell longer than MAX_FIELD_LENGTH, or -1. */
export function overlongField(row: readonly string[]): number {
  for (let i = 0; i < row.length; i++) if (row[i].length > MAX_FIELD_LENGTH) return i;
  return -1;
}

/** Whether two records carry the same content (cells compared after trimming). */
export function sameContent(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((cell, i) => cell.trim() === b[i].trim());
}

/** Indicators allowed in doelen.csv. */
export const INDICATORS = ["inbraken", "pogingen", "inbraken_per_1000_woningen", "whatsapp_groepen", "preventieadviezen", "dor_aansluitingen"] as const;

/** A row's cells by column name, and a way to reject it. */
export interface RowContext {
  get(column: string): string;
  has(column: string): boolean;
  reject(column: string, reason: RejectReason, value?: string): undefined;
}

/**
 * Maps header names (case-insensitive, trimmed) to column indexes and checks that every required
 * column is present; a missing one stops the delivery with a message that names it.
 */
export function columnIndex(csv: Pick<CsvFile, "header">, spec: TemplateSpec): Map<string, number> {
  const index = new Map<string, number>();
  csv.header.forEach((name, i) => {
    const key = name.replace(/^\uFEFF/, "").trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = spec.required.filter((c) => !index.has(c));
  if (missing.length) {
    throw new DeliveryError(
      spec.file,
      `verplichte kolom${missing.length > 1 ? "men" : ""} ${missing.join(", ")} ontbreekt`,
      `Voeg de kolom toe aan de kopregel (gevonden kolommen: ${csv.header.join(", ") || "geen"}).`
    );
  }
  return index;
}

export interface Validated<T> {
  records: T[];
  /** The 1-based line of each accepted record. */
  lines: number[];
  rejects: Reject[];
  read: number;
}

/**
 * Validates every row of a file with `parse`; a row is accepted when `parse` returns a record and
 * rejected (first problem only) otherwise. Duplicate keys after the first are rejected.
 * Invariant: read === records.length + rejects.length.
 */
export function validateRows<T>(csv: CsvFile, spec: TemplateSpec, parse: (row: RowContext) => T | undefined): Validated<T> {
  const index = columnIndex(csv, spec);
  const records: T[] = [];
  const lines: number[] = [];
  const rejects: Reject[] = [];
  const seen = new Map<string, string[]>();
  const keyIndex = spec.key ? index.get(spec.key)! : -1;
  let row: string[] = [];
  let line = 0;
  let rejected = false;
  const context: RowContext = {
    get(column) {
      const i = index.get(column);
      return i === undefined ? "" : (row[i] ?? "").trim();
    },
    has(column) {
      return index.has(column) && context.get(column) !== "";
    },
    reject(column, reason, value) {
      if (!rejected) rejects.push({file: spec.file, line, column, value: value ?? context.get(column), reason});
      rejected = true;
      return undefined;
    }
  };
  for (let r = 0; r < csv.rows.length; r++) {
    row = csv.rows[r];
    line = csv.lines[r];
    rejected = false;
    if (row.length !== csv.header.length) {
      context.reject(csv.header[Math.min(row.length, csv.header.length) - 1] ?? "", "aantal_velden", `${row.length} velden in plaats van ${csv.header.length}`);
      continue;
    }
    const long = overlongField(row);
    if (long >= 0) {
      context.reject(csv.header[long], "veld_te_lang", `${row[long].length} tekens`);
      continue;
    }
    for (const column of spec.required) if (context.get(column) === "") context.reject(column, "verplicht_leeg");
    if (rejected) continue;
    const record = parse(context);
    if (record === undefined || rejected) {
      if (!rejected) context.reject("", "ongeldige_waarde");
      continue;
    }
    if (keyIndex >= 0) {
      const key = row[keyIndex].trim();
      const first = seen.get(key);
      if (first) {
        context.reject(spec.key!, sameContent(first, row) ? "dubbel" : "tegenstrijdig_dubbel");
        continue;
      }
      seen.set(key, row);
    }
    records.push(record);
    lines.push(line);
  }
  return {records, lines, rejects, read: csv.rows.length};
}

// Field helpers: return the parsed value, null for an empty optional cell, or reject.

function date(row: RowContext, column: string, required = true) {
  if (!row.has(column)) return required ? row.reject(column, "verplicht_leeg") : null;
  return parseDate(row.get(column)) ?? row.reject(column, "ongeldige_datum");
}

function gemeente(row: RowContext, column = "gemeentecode") {
  if (!row.has(column)) return null;
  return parseGemeentecode(row.get(column)) ?? row.reject(column, "ongeldige_code");
}

function buurt(row: RowContext) {
  if (!row.has("buurtcode")) return null;
  return parseBuurtcode(row.get("buurtcode")) ?? row.reject("buurtcode", "ongeldige_code");
}

function postcode(row: RowContext) {
  if (!row.has("postcode")) return null;
  return parsePostcode(row.get("postcode")) ?? row.reject("postcode", "ongeldige_postcode");
}

/** gemeentecode, buurtcode and postcode of a row (each null when empty), or undefined after a reject. */
function places(row: RowContext) {
  const gm = gemeente(row);
  const bu = buurt(row);
  const pc = postcode(row);
  return gm === undefined || bu === undefined || pc === undefined ? undefined : {gm, bu, pc};
}

/** The RD point of a row: [x, y] inside the Netherlands, null when both cells are empty, or undefined after a reject. */
function rdPoint(row: RowContext): [number, number] | null | undefined {
  const x = decimal(row, "x"), y = decimal(row, "y");
  if (x === undefined || y === undefined) return undefined;
  if ((x === null) !== (y === null)) return row.reject(x === null ? "x" : "y", "onvolledige_coordinaten", "");
  if (x === null || y === null) return null;
  return inRdExtent(x, y) ? [x, y] : row.reject("x", "coordinaten_buiten_nederland", `${row.get("x")}, ${row.get("y")}`);
}

function decimal(row: RowContext, column: string) {
  if (!row.has(column)) return null;
  return parseDecimal(row.get(column)) ?? row.reject(column, "ongeldig_getal");
}

function count(row: RowContext, column: string, required = false) {
  if (!row.has(column)) return required ? row.reject(column, "verplicht_leeg") : null;
  const value = parseInteger(row.get(column));
  return value === undefined || value < 0 ? row.reject(column, "ongeldig_getal") : value;
}

function text(row: RowContext, column: string): string | null {
  return row.has(column) ? row.get(column) : null;
}

/** A validated burglary registration (before linking to areas). */
export interface IncidentRecord {
  registratienummer: string;
  soort: "inbraak" | "poging";
  /** Window start and end in civil minutes since the epoch (end >= start). */
  start: number;
  end: number;
  gemeentecode: string | null;
  buurtcode: string | null;
  pc4: string | null;
  pc6: string | null;
  huisnummer: string | null;
  /** RD New metres, NaN when not delivered. */
  x: number;
  y: number;
  werkwijze: string | null;
  woningtype: string | null;
  buit: string | null;
  opgelost: boolean | null;
}

/**
 * Validates one row of inbraken.csv; a pleegdatum outside `limits` (default: from 2000 up to
 * today) is rejected as implausible.
 */
export function parseIncident(row: RowContext, limits: DateLimits = dateLimits()): IncidentRecord | undefined {
  const soort = parseSoort(row.get("soort")) ?? row.reject("soort", "ongeldige_soort");
  if (!soort) return undefined;
  const van = date(row, "pleegdatum_van");
  if (!van) return undefined;
  const tot = date(row, "pleegdatum_tot", false);
  if (tot === undefined) return undefined;
  const start = van.minutes;
  // A missing end is the same moment, or the whole day when only a date was given.
  const end = tot ? tot.minutes + (tot.hasTime ? 0 : 1439) : start + (van.hasTime ? 0 : 1439);
  if (end < start) return row.reject("pleegdatum_tot", "einde_voor_begin");
  if (start < limits.min) return row.reject("pleegdatum_van", "datum_voor_beginjaar");
  if (start > limits.max) return row.reject("pleegdatum_van", "datum_na_peildatum");
  if (end > limits.max) return row.reject("pleegdatum_tot", "datum_na_peildatum");
  const place = places(row);
  if (!place) return undefined;
  const {gm, bu, pc} = place;
  const point = rdPoint(row);
  if (point === undefined) return undefined;
  let [x, y]: (number | null)[] = point ?? [null, null];
  if (!point) {
    const lat = decimal(row, "lat"), lon = decimal(row, "lon");
    if (lat === undefined || lon === undefined) return undefined;
    if ((lat === null) !== (lon === null)) return row.reject(lat === null ? "lat" : "lon", "onvolledige_coordinaten", "");
    if (lat !== null && lon !== null) {
      if (!inWgs84Extent(lat, lon)) return row.reject("lat", "coordinaten_buiten_nederland", `${row.get("lat")}, ${row.get("lon")}`);
      [x, y] = wgs84ToRd(lon, lat);
    }
  }
  let opgelost: boolean | null = null;
  if (row.has("opgelost")) {
    const value = parseJaNee(row.get("opgelost"));
    if (value === undefined) return row.reject("opgelost", "ongeldige_waarde");
    opgelost = value;
  }
  return {
    registratienummer: row.get("registratienummer"),
    soort,
    start,
    end,
    gemeentecode: gm,
    buurtcode: bu,
    pc4: pc ? pc.pc4 : null,
    pc6: pc ? pc.pc6 : null,
    huisnummer: text(row, "huisnummer"),
    x: x ?? NaN,
    y: y ?? NaN,
    werkwijze: text(row, "werkwijze"),
    woningtype: text(row, "woningtype")?.toLowerCase() ?? null,
    buit: text(row, "buit"),
    opgelost
  };
}

export interface WhatsappRecord {
  groep_id: string;
  gemeentecode: string;
  buurtcode: string | null;
  pc4: string | null;
  /** Civil day numbers (days since the epoch). */
  start: number;
  end: number | null;
  deelnemers: number | null;
}

const day = (minutes: number) => Math.floor(minutes / 1440);

export function parseWhatsapp(row: RowContext): WhatsappRecord | undefined {
  const gm = gemeente(row);
  const bu = buurt(row);
  const pc = postcode(row);
  const start = date(row, "startdatum");
  const end = date(row, "einddatum", false);
  const deelnemers = count(row, "deelnemers");
  if (!gm || bu === undefined || pc === undefined || !start || end === undefined || deelnemers === undefined) return undefined;
  if (bu && municipalityOf(bu) !== gm) return row.reject("buurtcode", "tegenstrijdige_gebieden");
  if (end && end.minutes < start.minutes) return row.reject("einddatum", "einde_voor_begin");
  return {groep_id: row.get("groep_id"), gemeentecode: gm, buurtcode: bu, pc4: pc?.pc4 ?? null, start: day(start.minutes), end: end ? day(end.minutes) : null, deelnemers};
}

export interface PreventieRecord {
  day: number;
  gemeentecode: string;
  buurtcode: string | null;
  pc4: string | null;
  aantal: number;
}

export function parsePreventie(row: RowContext): PreventieRecord | undefined {
  const d = date(row, "datum");
  const gm = gemeente(row);
  const bu = buurt(row);
  const pc = postcode(row);
  const aantal = count(row, "aantal", true);
  if (!d || !gm || bu === undefined || pc === undefined || aantal == null) return undefined;
  if (bu && municipalityOf(bu) !== gm) return row.reject("buurtcode", "tegenstrijdige_gebieden");
  return {day: day(d.minutes), gemeentecode: gm, buurtcode: bu, pc4: pc?.pc4 ?? null, aantal};
}

export interface DorRecord {
  gemeentecode: string;
  day: number;
  aantal_opkopers: number | null;
}

export function parseDor(row: RowContext): DorRecord | undefined {
  const gm = gemeente(row);
  const d = date(row, "datum_aansluiting");
  const n = count(row, "aantal_opkopers");
  if (!gm || !d || n === undefined) return undefined;
  return {gemeentecode: gm, day: day(d.minutes), aantal_opkopers: n};
}

export interface CampagneRecord {
  naam: string;
  /** A GM code, or "regio". */
  gebied: string;
  start: number;
  end: number;
}

export function parseCampagne(row: RowContext): CampagneRecord | undefined {
  const raw = row.get("gemeentecode");
  const gebied = raw.toLowerCase() === "regio" ? "regio" : parseGemeentecode(raw) ?? row.reject("gemeentecode", "ongeldige_code");
  const start = date(row, "startdatum");
  const end = date(row, "einddatum");
  if (!gebied || !start || !end) return undefined;
  if (end.minutes < start.minutes) return row.reject("einddatum", "einde_voor_begin");
  return {naam: row.get("naam"), gebied, start: day(start.minutes), end: day(end.minutes)};
}

/** Kinds of warning alerts.csv records. */
export const ALERT_KINDS = ["buurtbrief", "inbraakalert", "huisbezoek"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A warning after a burglary (alerts.csv): where (a point, a neighbourhood or a postcode area) and when. */
export interface AlertRecord {
  day: number;
  soort: AlertKind;
  gemeentecode: string | null;
  buurtcode: string | null;
  pc4: string | null;
  /** RD New metres, NaN when not delivered. */
  x: number;
  y: number;
}

/**
 * Validates one row of alerts.csv. An alert needs a place finer than a municipality (x/y, buurtcode
 * or postcode): a municipality-wide warning cannot be tied to the burglary that triggered it.
 */
export function parseAlert(row: RowContext): AlertRecord | undefined {
  const d = date(row, "datum");
  if (!d) return undefined;
  const soort = row.get("soort").toLowerCase().replace(/[\s_-]+/g, "");
  if (!(ALERT_KINDS as readonly string[]).includes(soort)) return row.reject("soort", "ongeldige_waarde");
  const place = places(row);
  if (!place) return undefined;
  const {gm, bu, pc} = place;
  const point = rdPoint(row);
  if (point === undefined) return undefined;
  if (!point && !bu && !pc) return row.reject("x", "niet_te_plaatsen", "");
  if (bu && gm && municipalityOf(bu) !== gm) return row.reject("buurtcode", "tegenstrijdige_gebieden");
  return {day: day(d.minutes), soort: soort as AlertKind, gemeentecode: gm ?? (bu ? municipalityOf(bu)! : null), buurtcode: bu, pc4: pc?.pc4 ?? null, x: point?.[0] ?? NaN, y: point?.[1] ?? NaN};
}

export interface DoelRecord {
  gebied: string;
  jaar: number;
  indicator: string;
  doelwaarde: number;
}

export function parseDoel(row: RowContext): DoelRecord | undefined {
  const raw = row.get("gebied");
  const gebied = raw.toLowerCase() === "regio" ? "regio" : parseGemeentecode(raw) ?? row.reject("gebied", "ongeldige_code");
  const jaar = parseInteger(row.get("jaar"));
  if (!gebied) return undefined;
  if (jaar === undefined || jaar < 1900 || jaar > 2100) return row.reject("jaar", "ongeldig_getal");
  const indicator = row.get("indicator").toLowerCase();
  if (!(INDICATORS as readonly string[]).includes(indicator)) return row.reject("indicator", "ongeldige_waarde");
  const doelwaarde = parseDecimal(row.get("doelwaarde"));
  if (doelwaarde === undefined || doelwaarde < 0) return row.reject("doelwaarde", "ongeldig_getal");
  return {gebied, jaar, indicator, doelwaarde};
}

export interface KerncijferRecord {
  gebiedscode: string;
  jaar: number;
  variabele: string;
  waarde: number;
}

export function parseKerncijfer(row: RowContext): KerncijferRecord | undefined {
  const raw = row.get("gebiedscode");
  const code = parseGemeentecode(raw) ?? parseWijkcode(raw) ?? parseBuurtcode(raw);
  if (!code) return row.reject("gebiedscode", "ongeldige_code");
  const jaar = parseInteger(row.get("jaar"));
  if (jaar === undefined || jaar < 1900 || jaar > 2100) return row.reject("jaar", "ongeldig_getal");
  const variabele = row.get("variabele").toLowerCase();
  if (!/^[a-z][a-z0-9_]*$/.test(variabele)) return row.reject("variabele", "ongeldige_waarde");
  const waarde = parseDecimal(row.get("waarde"));
  if (waarde === undefined) return row.reject("waarde", "ongeldig_getal");
  return {gebiedscode: code, jaar, variabele, waarde};
}
