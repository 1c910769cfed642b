/**
 * The fast path for inbraken.csv: tokenizes and validates the bytes of the file in one pass into
 * columns (typed arrays and dictionary-encoded strings), with exactly the rules, reasons and order
 * of templates.parseIncident + validateRows. Only registration numbers become one string per row;
 * codes, postcodes and free-text columns are interned, so each distinct value is decoded and
 * validated once (by the functions of values.ts, so the semantics are theirs).
 */
import {ByteDict, StringDict, type RangeDecoder} from "./byte-dict.js";
import {RecordReader, rangeDecoder, type ByteLayout} from "./csv-bytes.js";
import {fastDate, fastDecimal} from "./fast-values.js";
import {inRdExtent, inWgs84Extent, wgs84ToRd} from "./geo.js";
import type {Reject, RejectReason} from "./reject.js";
import {MAX_FIELD_LENGTH, TEMPLATES} from "./templates.js";
import {dateLimits, parseBuurtcode, parseDate, parseDecimal, parseGemeentecode, parseJaNee, parsePostcode, parseSoort, type DateLimits} from "./values.js";

/** The columns of inbraken.csv that the reader uses, in template order. */
export const INCIDENT_COLUMNS = [
  "registratienummer", "soort", "pleegdatum_van", "pleegdatum_tot", "gemeentecode", "buurtcode", "postcode", "huisnummer",
  "x", "y", "lat", "lon", "werkwijze", "woningtype", "buit", "opgelost"
] as const;

export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];

/** Where each used column sits in the header (-1 when absent), and the header itself. */
export interface IncidentHeader {
  names: string[];
  index: Record<IncidentColumn, number>;
}

/**
 * Validated rows of one byte range of inbraken.csv (before the duplicate check and linking).
 * Dictionary columns hold an id into the matching `dicts` entry, or -1 for a missing value.
 */
export interface IncidentChunk {
  /** Rows read (blank lines excluded). */
  read: number;
  /** Rows that passed validation. */
  length: number;
  registratienummer: string[];
  /** 0 = inbraak, 1 = poging. */
  soort: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  gemeentecode: Int32Array;
  buurtcode: Int32Array;
  pc4: Int32Array;
  pc6: Int32Array;
  huisnummer: Int32Array;
  x: Float64Array;
  y: Float64Array;
  werkwijze: Int32Array;
  woningtype: Int32Array;
  buit: Int32Array;
  /** -1 missing, 0 nee, 1 ja. */
  opgelost: Int8Array;
  /** 1-based line on which each row starts (relative to `firstLine` of the chunk). */
  line: Int32Array;
  /** Byte offset at which each row starts, to recover its raw cells. */
  offset: Float64Array;
  /** Byte range of each registration number (start -1 when only the string is exact). */
  keyStart: Float64Array;
  keyEnd: Float64Array;
  dicts: Record<IncidentDictName, string[]>;
  rejects: Reject[];
  /** The line counter after the last record (the first line of the next chunk). */
  endLine: number;
}

export type IncidentDictName = "gemeentecode" | "buurtcode" | "pc4" | "pc6" | "huisnummer" | "werkwijze" | "woningtype" | "buit";
export const INCIDENT_DICTS: readonly IncidentDictName[] = ["gemeentecode", "buurtcode", "pc4", "pc6", "huisnummer", "werkwijze", "woningtype", "buit"];

const INVALID = -2;
const FILE = TEMPLATES.inbraken.file;

/** Reads the header record of the file; returns the header and where the first data record starts. */
export function readIncidentHeader(bytes: Uint8Array, layout: ByteLayout): {header: IncidentHeader | null; bodyStart: number; bodyLine: number} {
  const decode = rangeDecoder(layout.encoding, bytes);
  const reader = new RecordReader(bytes, layout);
  let line = 1;
  while (reader.next()) {
    line += reader.newlines + 1;
    if (reader.blank(decode)) continue;
    const names = reader.fields(decode).map((h) => h.trim());
    const lookup = new Map<string, number>();
    names.forEach((name, i) => {
      const key = name.replace(/^\uFEFF/, "").trim().toLowerCase();
      if (!lookup.has(key)) lookup.set(key, i);
    });
    const index = {} as Record<IncidentColumn, number>;
    for (const c of INCIDENT_COLUMNS) index[c] = lookup.get(c) ?? -1;
    return {header: {names, index}, bodyStart: reader.pos, bodyLine: line};
  }
  return {header: null, bodyStart: reader.pos, bodyLine: line};
}

/** Growable typed columns of a chunk. */
function allocate(capacity: number) {
  return {
    soort: new Uint8Array(capacity), start: new Int32Array(capacity), end: new Int32Array(capacity),
    gemeentecode: new Int32Array(capacity), buurtcode: new Int32Array(capacity), pc4: new Int32Array(capacity), pc6: new Int32Array(capacity),
    huisnummer: new Int32Array(capacity), x: new Float64Array(capacity), y: new Float64Array(capacity),
    werkwijze: new Int32Array(capacity), woningtype: new Int32Array(capacity), buit: new Int32Array(capacity),
    opgelost: new Int8Array(capacity), line: new Int32Array(capacity), offset: new Float64Array(capacity),
    keyStart: new Float64Array(capacity), keyEnd: new Float64Array(capacity)
  };
}

type Columns = ReturnType<typeof allocate>;

function resize(columns: Columns, capacity: number): Columns {
  const next = allocate(capacity);
  for (const key of Object.keys(columns) as (keyof Columns)[]) {
    const from = columns[key];
    (next[key] as typeof from).set(from.subarray(0, Math.min(from.length, capacity)) as never);
  }
  return next;
}

function view(columns: Columns, n: number): Columns {
  const next = {} as Record<keyof Columns, unknown>;
  for (const key of Object.keys(columns) as (keyof Columns)[]) next[key] = columns[key].subarray(0, n);
  return next as Columns;
}

/** Estimates the number of records in bytes[from, to) from the length of the first ones (+10%). */
function estimateRows(bytes: Uint8Array, layout: ByteLayout, from: number, to: number): number {
  const reader = new RecordReader(bytes, layout, from);
  let records = 0;
  while (records < 256 && reader.pos < to && reader.next()) records++;
  const sampled = reader.pos - from;
  if (!records || sampled <= 0) return 16;
  return Math.max(16, Math.ceil(((to - from) / sampled) * records * 1.1));
}

/**
 * Tokenizes and validates the records of inbraken.csv in bytes[from, to) (`from` at a record
 * start, `firstLine` its line number) into columns and rejects.
 */
export function parseIncidentChunk(bytes: Uint8Array, layout: ByteLayout, header: IncidentHeader, from: number, to: number, firstLine: number, limits: DateLimits = dateLimits()): IncidentChunk {
  const decode: RangeDecoder = rangeDecoder(layout.encoding, bytes);
  const reader = new RecordReader(bytes, layout, from);
  const ix = header.index;
  const width = header.names.length;
  const required = TEMPLATES.inbraken.required.map((c) => ix[c as IncidentColumn]);

  // Interned raw cell texts per column and what each distinct text parses to.
  const raw = {
    soort: new ByteDict(bytes, decode), gemeentecode: new ByteDict(bytes, decode), buurtcode: new ByteDict(bytes, decode),
    postcode: new ByteDict(bytes, decode, 1024), huisnummer: new ByteDict(bytes, decode, 256), werkwijze: new ByteDict(bytes, decode),
    woningtype: new ByteDict(bytes, decode), buit: new ByteDict(bytes, decode), opgelost: new ByteDict(bytes, decode)
  };
  const soortOf: number[] = [], opgelostOf: number[] = [], gmOf: number[] = [], buOf: number[] = [], pc4Of: number[] = [], pc6Of: number[] = [], typeOf: number[] = [];
  const out = {gemeentecode: new StringDict(), buurtcode: new StringDict(), pc4: new StringDict(), pc6: new StringDict(), woningtype: new StringDict()};

  let capacity = estimateRows(bytes, layout, from, to);
  let cols = allocate(capacity);
  const registratienummer: string[] = [];
  const rejects: Reject[] = [];
  let n = 0, read = 0, line = firstLine;

  // The trimmed cell of the current record: 0 empty, 1 bytes[ts, te), 2 the string `slow`.
  let ts = 0, te = 0, slow = "";
  const cell = (column: number): number => {
    if (column < 0) return 0;
    if (reader.escaped[column]) return slowCell(column);
    let s = reader.starts[column], e = reader.ends[column];
    while (s < e && (bytes[s] === 32 || (bytes[s] >= 9 && bytes[s] <= 13))) s++;
    while (e > s && (bytes[e - 1] === 32 || (bytes[e - 1] >= 9 && bytes[e - 1] <= 13))) e--;
    if (s === e) return 0;
    if (bytes[s] >= 0x80 || bytes[e - 1] >= 0x80) return slowCell(column);
    ts = s, te = e;
    return 1;
  };
  const slowCell = (column: number): number => {
    slow = reader.field(column, decode).trim();
    return slow === "" ? 0 : 2;
  };
  const text = (column: number): string => {
    const kind = cell(column);
    return kind === 0 ? "" : kind === 1 ? decode(bytes, ts, te) : slow;
  };
  const intern = (dict: ByteDict, kind: number): number => (kind === 1 ? dict.id(ts, te) : dict.idOfString(slow));
  let rowLine = 0;
  const reject = (column: string, reason: RejectReason, value?: string): void => {
    const i = (INCIDENT_COLUMNS as readonly string[]).includes(column) ? ix[column as IncidentColumn] : -1;
    rejects.push({file: FILE, line: rowLine, column, value: value ?? text(i), reason, raw: reader.fields(decode)});
  };
  const date = (column: number): number => {
    const kind = cell(column);
    if (kind === 1) {
      const minutes = fastDate(bytes, ts, te);
      if (minutes === minutes) return (dateHasTime = te - ts > 10), minutes;
    }
    const parsed = parseDate(kind === 1 ? decode(bytes, ts, te) : slow);
    if (!parsed) return NaN;
    dateHasTime = parsed.hasTime;
    return parsed.minutes;
  };
  let dateHasTime = false;
  /** A decimal cell: NaN when empty (has() false), undefined when invalid. */
  const decimal = (column: number): number | undefined => {
    const kind = cell(column);
    if (kind === 0) return NaN;
    if (kind === 1) {
      const value = fastDecimal(bytes, ts, te);
      if (value === value) return value;
    }
    const value = parseDecimal(kind === 1 ? decode(bytes, ts, te) : slow);
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };

  while (reader.pos < to && reader.next()) {
    rowLine = line;
    line += reader.newlines + 1;
    if (reader.blank(decode)) continue;
    read++;
    if (reader.count !== width) {
      reject(header.names[Math.min(reader.count, width) - 1] ?? "", "aantal_velden", `${reader.count} velden in plaats van ${width}`);
      continue;
    }
    let long = -1;
    for (let k = 0; k < width && long < 0; k++) {
      if (reader.ends[k] - reader.starts[k] > MAX_FIELD_LENGTH && reader.field(k, decode).length > MAX_FIELD_LENGTH) long = k;
    }
    if (long >= 0) {
      reject(header.names[long], "veld_te_lang", `${reader.field(long, decode).length} tekens`);
      continue;
    }
    let missing = -1;
    for (let k = 0; k < required.length && missing < 0; k++) if (cell(required[k]) === 0) missing = k;
    if (missing >= 0) {
      reject(TEMPLATES.inbraken.required[missing], "verplicht_leeg", "");
      continue;
    }
    // soort
    let kind = cell(ix.soort);
    let id = intern(raw.soort, kind);
    if (id === soortOf.length) {
      const s = parseSoort(raw.soort.values[id]);
      soortOf.push(s === "inbraak" ? 0 : s === "poging" ? 1 : INVALID);
    }
    const soort = soortOf[id];
    if (soort === INVALID) {
      reject("soort", "ongeldige_soort");
      continue;
    }
    // pleegdatum_van, pleegdatum_tot
    const start = date(ix.pleegdatum_van);
    if (start !== start) {
      reject("pleegdatum_van", "ongeldige_datum");
      continue;
    }
    const startHasTime = dateHasTime;
    let end: number;
    if (cell(ix.pleegdatum_tot) !== 0) {
      const tot = date(ix.pleegdatum_tot);
      if (tot !== tot) {
        reject("pleegdatum_tot", "ongeldige_datum");
        continue;
      }
      end = tot + (dateHasTime ? 0 : 1439);
    } else end = start + (startHasTime ? 0 : 1439);
    if (end < start) {
      reject("pleegdatum_tot", "einde_voor_begin");
      continue;
    }
    if (start < limits.min) {
      reject("pleegdatum_van", "datum_voor_beginjaar");
      continue;
    }
    if (start > limits.max) {
      reject("pleegdatum_van", "datum_na_peildatum");
      continue;
    }
    if (end > limits.max) {
      reject("pleegdatum_tot", "datum_na_peildatum");
      continue;
    }
    // gemeentecode, buurtcode, postcode
    let gm = -1, bu = -1, pc4 = -1, pc6 = -1;
    if ((kind = cell(ix.gemeentecode)) !== 0) {
      id = intern(raw.gemeentecode, kind);
      if (id === gmOf.length) {
        const code = parseGemeentecode(raw.gemeentecode.values[id]);
        gmOf.push(code === undefined ? INVALID : out.gemeentecode.id(code));
      }
      if ((gm = gmOf[id]) === INVALID) {
        reject("gemeentecode", "ongeldige_code");
        continue;
      }
    }
    if ((kind = cell(ix.buurtcode)) !== 0) {
      id = intern(raw.buurtcode, kind);
      if (id === buOf.length) {
        const code = parseBuurtcode(raw.buurtcode.values[id]);
        buOf.push(code === undefined ? INVALID : out.buurtcode.id(code));
      }
      if ((bu = buOf[id]) === INVALID) {
        reject("buurtcode", "ongeldige_code");
        continue;
      }
    }
    if ((kind = cell(ix.postcode)) !== 0) {
      id = intern(raw.postcode, kind);
      if (id === pc4Of.length) {
        const pc = parsePostcode(raw.postcode.values[id]);
        pc4Of.push(pc === undefined ? INVALID : out.pc4.id(pc.pc4));
        pc6Of.push(pc === undefined || pc.pc6 === null ? -1 : out.pc6.id(pc.pc6));
      }
      if ((pc4 = pc4Of[id]) === INVALID) {
        reject("postcode", "ongeldige_postcode");
        continue;
      }
      pc6 = pc6Of[id];
    }
    // coordinates
    let x = decimal(ix.x), y: number | undefined;
    if (x === undefined) {
      reject("x", "ongeldig_getal");
      continue;
    }
    if ((y = decimal(ix.y)) === undefined) {
      reject("y", "ongeldig_getal");
      continue;
    }
    if (Number.isNaN(x) !== Number.isNaN(y)) {
      reject(Number.isNaN(x) ? "x" : "y", "onvolledige_coordinaten", "");
      continue;
    }
    if (!Number.isNaN(x)) {
      if (!inRdExtent(x, y)) {
        reject("x", "coordinaten_buiten_nederland", `${text(ix.x)}, ${text(ix.y)}`);
        continue;
      }
    } else {
      const lat = decimal(ix.lat);
      if (lat === undefined) {
        reject("lat", "ongeldig_getal");
        continue;
      }
      const lon = decimal(ix.lon);
      if (lon === undefined) {
        reject("lon", "ongeldig_getal");
        continue;
      }
      if (Number.isNaN(lat) !== Number.isNaN(lon)) {
        reject(Number.isNaN(lat) ? "lat" : "lon", "onvolledige_coordinaten", "");
        continue;
      }
      if (!Number.isNaN(lat)) {
        if (!inWgs84Extent(lat, lon)) {
          reject("lat", "coordinaten_buiten_nederland", `${text(ix.lat)}, ${text(ix.lon)}`);
          continue;
        }
        [x, y] = wgs84ToRd(lon, lat);
      }
    }
    // opgelost
    let opgelost = -1;
    if ((kind = cell(ix.opgelost)) !== 0) {
      id = intern(raw.opgelost, kind);
      if (id === opgelostOf.length) {
        const value = parseJaNee(raw.opgelost.values[id]);
        opgelostOf.push(value === undefined ? INVALID : value ? 1 : 0);
      }
      if ((opgelost = opgelostOf[id]) === INVALID) {
        reject("opgelost", "ongeldige_waarde");
        continue;
      }
    }
    // accepted (before the duplicate check)
    if (n === capacity) cols = resize(cols, (capacity *= 2));
    kind = cell(ix.registratienummer);
    registratienummer.push(kind === 1 ? decode(bytes, ts, te) : slow);
    cols.keyStart[n] = kind === 1 ? ts : -1;
    cols.keyEnd[n] = kind === 1 ? te : -1;
    cols.soort[n] = soort;
    cols.start[n] = start;
    cols.end[n] = end;
    cols.gemeentecode[n] = gm;
    cols.buurtcode[n] = bu;
    cols.pc4[n] = pc4;
    cols.pc6[n] = pc6;
    cols.huisnummer[n] = (kind = cell(ix.huisnummer)) === 0 ? -1 : intern(raw.huisnummer, kind);
    cols.x[n] = x;
    cols.y[n] = y;
    cols.werkwijze[n] = (kind = cell(ix.werkwijze)) === 0 ? -1 : intern(raw.werkwijze, kind);
    if ((kind = cell(ix.woningtype)) === 0) cols.woningtype[n] = -1;
    else {
      id = intern(raw.woningtype, kind);
      if (id === typeOf.length) typeOf.push(out.woningtype.id(raw.woningtype.values[id].toLowerCase()));
      cols.woningtype[n] = typeOf[id];
    }
    cols.buit[n] = (kind = cell(ix.buit)) === 0 ? -1 : intern(raw.buit, kind);
    cols.opgelost[n] = opgelost;
    cols.line[n] = rowLine;
    cols.offset[n] = reader.recordStart;
    n++;
  }
  const trimmed = n * 4 >= capacity * 3 ? view(cols, n) : resize(cols, n);
  return {
    read, length: n, registratienummer, ...trimmed,
    dicts: {
      gemeentecode: out.gemeentecode.values, buurtcode: out.buurtcode.values, pc4: out.pc4.values, pc6: out.pc6.values,
      huisnummer: raw.huisnummer.values, werkwijze: raw.werkwijze.values, woningtype: out.woningtype.values, buit: raw.buit.values
    },
    rejects, endLine: line
  };
}
