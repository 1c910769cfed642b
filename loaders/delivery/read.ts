/**
 * Reads a delivery folder: validates every file against its template, links incidents to the
 * region's areas, and accounts for every row (read = accepted + rejected, per file and reason).
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {TWENTE_CODES} from "../../src/lib/twente.js";
import {buildRegistry, readBoundaryFile, registerCode, wijkOf, type Registry} from "./areas.js";
import {checkBoundaries} from "./boundary-checks.js";
import {inNetherlands, outsideMunicipality, rdText} from "./builtin.js";
import {decodeText, looksLikeUtf16, parseCsv, utf16AsUtf8, type CsvFile, type Encoding} from "./csv.js";
import {byteLayout} from "./csv-bytes.js";
import {readIncidentHeader} from "./incident-columns.js";
import {dedupeAndLink, validateIncidents} from "./incidents.js";
import {DeliveryError, REJECT_REASONS, type Reject, type RejectReason} from "./reject.js";
import {
  TEMPLATES, columnIndex, parseAlert, parseCampagne, parseDoel, parseDor, parseKerncijfer, parsePreventie, parseWhatsapp,
  validateRows, type AlertRecord, type CampagneRecord, type DoelRecord, type DorRecord, type IncidentRecord, type KerncijferRecord,
  type PreventieRecord, type TemplateName, type WhatsappRecord
} from "./templates.js";
import {dateLimits, municipalityOf} from "./values.js";

export interface DeliveryOptions {
  /** Municipality codes of the region (default: the 14 Twente municipalities). */
  region?: readonly string[];
  /** Largest acceptable share of rejected rows per file (default 0.05). */
  maxRejectShare?: number;
  /** The day of the check (YYYY-MM-DD): a later pleegdatum is rejected (default: today, Europe/Amsterdam). */
  peildatum?: string;
  /** A pleegdatum before 1 January of this year is rejected (default 2000). */
  firstYear?: number;
}

/** What happened to one file of the delivery. Counts only, never row contents. */
export interface FileReport {
  file: string;
  present: boolean;
  read: number;
  accepted: number;
  rejected: number;
  byReason: Partial<Record<RejectReason, number>>;
  encoding: string | null;
  separator: string | null;
  /** A file-level problem that makes the delivery unusable, if any. */
  error: string | null;
}

/** An incident after linking: municipality always known, district/neighbourhood where derivable. */
export interface LinkedIncident extends IncidentRecord {
  gemeentecode: string;
  wijkcode: string | null;
  line: number;
}

export interface Delivery {
  /** Header of each delivered CSV, for the quarantine files. */
  headers: Record<string, string[]>;
  dir: string;
  region: readonly string[];
  registry: Registry;
  incidents: LinkedIncident[];
  whatsapp: WhatsappRecord[] | null;
  preventie: PreventieRecord[] | null;
  dor: DorRecord[] | null;
  campagnes: CampagneRecord[] | null;
  /** Warnings after burglaries (alerts.csv); null when not delivered. */
  alerts: AlertRecord[] | null;
  doelen: DoelRecord[] | null;
  kerncijfers: KerncijferRecord[] | null;
  boundaries: boolean;
  reports: FileReport[];
  rejects: Reject[];
  /** File-level problems; a delivery with any is not usable. */
  errors: DeliveryError[];
  /** Doubts that do not stop the delivery (Dutch), shown by check-data. */
  warnings: string[];
}

/** At most this many per-feature errors of gebieden.geojson are listed (then a count). */
const MAX_BOUNDARY_ERRORS = 20;

/** Reads a file's bytes, or stops the delivery with a Dutch message when it cannot be read. */
function readBytes(path: string, file: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new DeliveryError(file, `het bestand is niet leesbaar (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, "Controleer de bestandsrechten.");
  }
}

const BINARY = (file: string) => new DeliveryError(file, "het bestand bevat binaire gegevens en is geen CSV", "Exporteer het bestand als CSV (puntkomma- of kommagescheiden).");
const EMPTY = (file: string) => new DeliveryError(file, "het bestand is leeg", "Lever een CSV met een kopregel.");
const SAVE_AS = "Sla het bestand op als CSV in UTF-8 (of UTF-16 met BOM).";

/**
 * A delivered CSV's bytes as the readers take them: UTF-16 with a BOM re-encoded as UTF-8 (its
 * encoding kept for the report); UTF-16 without a BOM, invalid UTF-16 and binary data refused by name.
 */
function readCsvBytes(path: string, file: string): {bytes: Uint8Array; encoding: Encoding | null} {
  const bytes = readBytes(path, file);
  const utf16 = utf16AsUtf8(bytes);
  if (utf16 && "error" in utf16) throw new DeliveryError(file, utf16.error, SAVE_AS);
  if (utf16) {
    if (utf16.bytes.indexOf(0) >= 0) throw BINARY(file);
    return utf16;
  }
  if (bytes.indexOf(0) >= 0) {
    if (looksLikeUtf16(bytes)) throw new DeliveryError(file, "het bestand lijkt UTF-16-tekst zonder byte-order-markering (BOM), zodat de bytevolgorde niet vaststaat", SAVE_AS);
    throw BINARY(file);
  }
  return {bytes, encoding: null};
}

function readTemplateCsv(dir: string, file: string): CsvFile | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  const read = readCsvBytes(path, file);
  const {text, encoding} = decodeText(read.bytes);
  const csv = parseCsv(text, read.encoding ?? encoding);
  if (!csv.header.length) throw EMPTY(file);
  return csv;
}

/** Attaches each reject's original cells, found by its line (binary search on record lines). */
function attachRaw(csv: CsvFile, rejects: Reject[]): void {
  for (const r of rejects) {
    let lo = 0, hi = csv.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (csv.lines[mid] <= r.line) lo = mid;
      else hi = mid - 1;
    }
    if (csv.lines[lo] === r.line) r.raw = csv.rows[lo];
  }
}

function byReason(rejects: Reject[]): Partial<Record<RejectReason, number>> {
  const counts: Partial<Record<RejectReason, number>> = {};
  for (const r of rejects) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}

/** Resolves each incident's municipality (and neighbourhood, from coordinates) or rejects it. */
export function linkIncidents(records: IncidentRecord[], lines: number[], registry: Registry, file = TEMPLATES.inbraken.file): {incidents: LinkedIncident[]; rejects: Reject[]} {
  const incidents: LinkedIncident[] = [];
  const rejects: Reject[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    let buurtcode = r.buurtcode;
    let fromPoint: string | undefined;
    if (!Number.isNaN(r.x) && registry.checkBuiltin && !inNetherlands(r.x, r.y)) {
      rejects.push({file, line: lines[i], column: "x", value: rdText(r.x, r.y), reason: "coordinaten_buiten_nederland"});
      continue;
    }
    if (!Number.isNaN(r.x)) {
      const bu = registry.buurtIndex?.find(r.x, r.y);
      if (bu) {
        fromPoint = municipalityOf(bu.code);
        if (!buurtcode) buurtcode = bu.code;
      } else {
        fromPoint = registry.gemeenteIndex?.find(r.x, r.y)?.code;
      }
    }
    const candidates = [r.gemeentecode, r.buurtcode ? municipalityOf(r.buurtcode)! : null, fromPoint ?? null].filter((c): c is string => c !== null);
    const reject = (column: string, reason: RejectReason, value: string) => rejects.push({file, line: lines[i], column, value, reason});
    if (!candidates.length) {
      reject("gemeentecode", "niet_te_plaatsen", "");
      continue;
    }
    if (candidates.some((c) => c !== candidates[0])) {
      reject("gemeentecode", "tegenstrijdige_gebieden", candidates.join(" / "));
      continue;
    }
    const gm = candidates[0];
    if (!registry.region.includes(gm)) {
      reject(r.gemeentecode ? "gemeentecode" : r.buurtcode ? "buurtcode" : "x", "buiten_de_regio", gm);
      continue;
    }
    const outside = Number.isNaN(r.x) || !registry.checkBuiltin ? undefined : outsideMunicipality(gm, r.x, r.y);
    if (outside !== undefined) {
      reject("x", "buiten_gemeentegrens", outside);
      continue;
    }
    if (buurtcode) registerCode(registry, buurtcode), registerCode(registry, wijkOf(buurtcode));
    incidents.push({...r, gemeentecode: gm, buurtcode, wijkcode: buurtcode ? wijkOf(buurtcode) : null, line: lines[i]});
  }
  return {incidents, rejects};
}

/** Rejects records of a measure/target file whose area lies outside the region. */
function inRegion<T>(records: T[], lines: number[], file: string, column: string, codeOf: (r: T) => string, region: readonly string[]): {kept: T[]; rejects: Reject[]} {
  const kept: T[] = [];
  const rejects: Reject[] = [];
  records.forEach((r, i) => {
    const code = codeOf(r);
    const gm = code === "regio" ? "regio" : code.startsWith("GM") ? code : municipalityOf(code);
    if (gm === "regio" || (gm && region.includes(gm))) kept.push(r);
    else rejects.push({file, line: lines[i], column, value: code, reason: "buiten_de_regio"});
  });
  return {kept, rejects};
}

/**
 * Rejects alerts whose place lies outside the region: the municipality from gemeentecode or
 * buurtcode, else from the point (delivered boundaries), else from the postcode (the PC4 table).
 * A point or postcode that cannot be placed is kept: the analysis ties it to incidents by place.
 */
function alertsInRegion(records: AlertRecord[], lines: number[], registry: Registry, region: readonly string[]): {kept: AlertRecord[]; rejects: Reject[]} {
  const kept: AlertRecord[] = [];
  const rejects: Reject[] = [];
  records.forEach((r, i) => {
    const fromPoint = Number.isNaN(r.x) ? undefined : registry.gemeenteIndex?.find(r.x, r.y)?.code;
    if (r.gemeentecode && fromPoint && fromPoint !== r.gemeentecode) {
      rejects.push({file: TEMPLATES.alerts.file, line: lines[i], column: "x", value: `${r.x}, ${r.y}`, reason: "tegenstrijdige_gebieden"});
      return;
    }
    const gm = r.gemeentecode ?? fromPoint ?? null;
    if (gm && !region.includes(gm)) rejects.push({file: TEMPLATES.alerts.file, line: lines[i], column: r.gemeentecode ? "gemeentecode" : "x", value: gm, reason: "buiten_de_regio"});
    else kept.push(gm && !r.gemeentecode ? {...r, gemeentecode: gm} : r);
  });
  return {kept, rejects};
}

/**
 * Reads, validates and links a delivery folder. Never throws for bad rows or files: problems are
 * in `rejects`, `reports` and `errors` (see {@link assertUsable}).
 */
export function readDelivery(dir: string, {region = TWENTE_CODES, maxRejectShare = 0.05, peildatum, firstYear}: DeliveryOptions = {}): Delivery {
  if (!existsSync(dir)) throw new DeliveryError(dir, "de leveringsmap bestaat niet", "Geef een bestaande map op (INBRAAKLAB_DATA_DIR of het argument van check-data).");
  if (!region.length) throw new Error("invalid region: no municipality codes");
  const limits = dateLimits({peildatum, firstYear});
  const reports: FileReport[] = [];
  const rejects: Reject[] = [];
  const errors: DeliveryError[] = [];
  const headers: Record<string, string[]> = {};
  const warnings: string[] = [];

  let registry = buildRegistry(region);
  let boundaries = false;
  const geojson = join(dir, "gebieden.geojson");
  if (existsSync(geojson)) {
    try {
      const {features, fictional} = readBoundaryFile(geojson);
      if (fictional) warnings.push("gebieden.geojson verklaart zijn geografie fictief (\"geografie\": \"fictief\", zoals de demo): punten worden niet aan de ingebouwde lands- en gemeentegrenzen getoetst");
      const check = checkBoundaries(features, region, {builtin: !fictional});
      warnings.push(...check.warnings.map((w) => `gebieden.geojson: ${w}`));
      if (check.errors.length) {
        // One error per feature, so check-data lists each; the file is then not used to link.
        const fix = "Lever de grenzen van CBS/PDOK (wijk- en buurtkaart) voor de regio, bijvoorbeeld met npm run fetch:open.";
        const each = "Herstel of verwijder dit gebied.";
        for (const e of check.errors.slice(0, MAX_BOUNDARY_ERRORS)) errors.push(new DeliveryError("gebieden.geojson", e, each));
        if (check.errors.length > MAX_BOUNDARY_ERRORS) errors.push(new DeliveryError("gebieden.geojson", `en nog ${check.errors.length - MAX_BOUNDARY_ERRORS} fouten in de gebiedsgrenzen`, each));
        throw new DeliveryError("gebieden.geojson", `${check.errors.length} ${check.errors.length === 1 ? "fout" : "fouten"} in de gebiedsgrenzen (elk afzonderlijk gemeld); het bestand zou inbraken aan een verkeerd gebied of een andere gemeente toewijzen en wordt niet gebruikt`, fix);
      }
      registry = buildRegistry(region, features, {checkBuiltin: !fictional});
      boundaries = true;
      reports.push({file: "gebieden.geojson", present: true, read: features.length, accepted: features.length, rejected: 0, byReason: {}, encoding: "utf-8", separator: null, error: null});
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      errors.push(error);
      reports.push({file: "gebieden.geojson", present: true, read: 0, accepted: 0, rejected: 0, byReason: {}, encoding: null, separator: null, error: error.message});
    }
  } else {
    reports.push({file: "gebieden.geojson", present: false, read: 0, accepted: 0, rejected: 0, byReason: {}, encoding: null, separator: null, error: null});
  }

  /** Checks a file's outcome (reconciliation, reject share) and records it in its report. */
  function settle(report: FileReport, file: string, read: number, accepted: number, fileRejects: Reject[]): void {
    fileRejects.sort((a, b) => a.line - b.line);
    report.read = read;
    report.accepted = accepted;
    report.rejected = fileRejects.length;
    report.byReason = byReason(fileRejects);
    for (const r of fileRejects) rejects.push(r);
    if (report.read !== report.accepted + report.rejected) {
      throw new Error(`reconciliation failed for ${file}: ${report.read} read != ${report.accepted} + ${report.rejected}`);
    }
    const share = report.read ? report.rejected / report.read : 0;
    if (share > maxRejectShare) {
      const top = Object.entries(report.byReason).sort((a, b) => b[1] - a[1])[0];
      throw new DeliveryError(
        file,
        `te veel afgekeurde rijen: ${report.rejected} van ${report.read} (${(share * 100).toFixed(1).replace(".", ",")}%, de grens is ${(maxRejectShare * 100).toFixed(1).replace(".", ",")}%)`,
        `Meest voorkomende reden: ${REJECT_REASONS[top[0] as RejectReason]} (${top[1]} rijen). Herstel de export en lever opnieuw.`
      );
    }
  }

  function newReport(file: string): FileReport {
    const report: FileReport = {file, present: false, read: 0, accepted: 0, rejected: 0, byReason: {}, encoding: null, separator: null, error: null};
    reports.push(report);
    return report;
  }

  function fail(report: FileReport, error: unknown): null {
    if (!(error instanceof DeliveryError)) throw error;
    report.error = error.message;
    errors.push(error);
    return null;
  }

  function load<T>(name: TemplateName, parse: Parameters<typeof validateRows<T>>[2], post?: (records: T[], lines: number[]) => {kept: T[]; rejects: Reject[]}): T[] | null {
    const spec = TEMPLATES[name];
    const report = newReport(spec.file);
    // A delivered file is present even when it cannot be read: check-data says what is wrong with it.
    report.present = existsSync(join(dir, spec.file));
    try {
      const csv = readTemplateCsv(dir, spec.file);
      if (!csv) return null;
      report.present = true;
      report.encoding = csv.encoding;
      headers[spec.file] = csv.header;
      report.separator = csv.separator;
      const validated = validateRows(csv, spec, parse);
      let records = validated.records;
      const fileRejects = validated.rejects;
      if (post) {
        const linked = post(records, validated.lines);
        records = linked.kept;
        fileRejects.push(...linked.rejects);
      }
      fileRejects.sort((a, b) => a.line - b.line);
      attachRaw(csv, fileRejects);
      settle(report, spec.file, validated.read, records.length, fileRejects);
      return records;
    } catch (error) {
      return fail(report, error);
    }
  }

  /** inbraken.csv, the large file: validated from its bytes into columns, then deduplicated and linked. */
  function loadIncidents(): LinkedIncident[] | null {
    const file = TEMPLATES.inbraken.file;
    const report = newReport(file);
    try {
      const path = join(dir, file);
      if (!existsSync(path)) return null;
      report.present = true;
      const read = readCsvBytes(path, file);
      const bytes = read.bytes;
      const layout = byteLayout(bytes);
      const {header, bodyStart, bodyLine} = readIncidentHeader(bytes, layout);
      if (!header) throw EMPTY(file);
      report.present = true;
      report.encoding = read.encoding ?? layout.encoding;
      headers[file] = header.names;
      report.separator = layout.separator;
      columnIndex({header: header.names}, TEMPLATES.inbraken);
      const validated = validateIncidents(bytes, layout, header, bodyStart, bodyLine, {limits});
      const linked = dedupeAndLink(bytes, layout, validated, registry);
      settle(report, file, validated.read, linked.incidents.length, linked.rejects);
      if (validated.read === 0) throw new DeliveryError(file, "het bestand bevat alleen een kopregel en geen enkele inbraak", "Lever een export met de geregistreerde inbraken.");
      if (linked.incidents.length === 0) throw new DeliveryError(file, `geen enkele rij is geaccepteerd (${validated.read} gelezen, alle afgekeurd)`, "Herstel de export en lever opnieuw.");
      return linked.incidents;
    } catch (error) {
      return fail(report, error);
    }
  }

  const spec = TEMPLATES.inbraken;
  const incidents: LinkedIncident[] = loadIncidents() ?? [];
  if (!reports.find((r) => r.file === spec.file)!.present && !errors.some((e) => e.file === spec.file)) {
    errors.push(new DeliveryError(spec.file, "het bestand ontbreekt", "Elke levering bevat inbraken.csv."));
    reports.find((r) => r.file === spec.file)!.error = errors[errors.length - 1].message;
  }
  const byGm = <T extends {gemeentecode: string}>(file: string) => (records: T[], lines: number[]) => inRegion(records, lines, file, "gemeentecode", (r) => r.gemeentecode, region);
  const whatsapp = load("whatsapp", parseWhatsapp, byGm<WhatsappRecord>(TEMPLATES.whatsapp.file));
  const preventie = load("preventie", parsePreventie, byGm<PreventieRecord>(TEMPLATES.preventie.file));
  const dor = load("dor", parseDor, byGm<DorRecord>(TEMPLATES.dor.file));
  const campagnes = load("campagnes", parseCampagne, (records, lines) => inRegion(records, lines, TEMPLATES.campagnes.file, "gemeentecode", (r) => r.gebied, region));
  const alerts = load("alerts", parseAlert, (records, lines) => alertsInRegion(records, lines, registry, region));
  const doelen = load("doelen", parseDoel, (records, lines) => inRegion(records, lines, TEMPLATES.doelen.file, "gebied", (r) => r.gebied, region));
  const kerncijfers = load("kerncijfers", parseKerncijfer, (records, lines) => inRegion(records, lines, TEMPLATES.kerncijfers.file, "gebiedscode", (r) => r.gebiedscode, region));
  for (const r of whatsapp ?? []) if (r.buurtcode) registerCode(registry, r.buurtcode), registerCode(registry, wijkOf(r.buurtcode));
  for (const r of kerncijfers ?? []) registerCode(registry, r.gebiedscode);

  return {headers, dir, region, registry, incidents, whatsapp, preventie, dor, campagnes, alerts, doelen, kerncijfers, boundaries, reports, rejects, errors, warnings};
}

/** Throws the first file-level error of a delivery (the build stops with its message). */
export function assertUsable(delivery: Delivery): void {
  if (delivery.errors.length) {
    const lines = delivery.errors.map((e) => `- ${e.message}`).join("\n");
    throw new Error(`De levering in ${delivery.dir} is niet bruikbaar:\n${lines}`);
  }
}
