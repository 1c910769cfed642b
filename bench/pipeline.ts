/**
 * The two pipelines compared by pipeline.bench.ts, from inbraken.csv to validated, Arrow-ready
 * columns (accepted rows, duplicates removed, first kept) plus the accepted/rejected split:
 * ours (loaders/delivery byte tokenizer + validation) and DuckDB (read_csv + validation in SQL,
 * then a copy of its column vectors into apache-arrow buffers). Linking to areas is not included:
 * DuckDB has no counterpart for it.
 */
import {readFileSync} from "node:fs";
import {DuckDBInstance, type DuckDBVector} from "@duckdb/node-api";
import type {Table} from "apache-arrow";
import {byteLayout} from "../loaders/delivery/csv-bytes.js";
import {readIncidentHeader} from "../loaders/delivery/incident-columns.js";
import {dedupeIncidents, validateIncidents} from "../loaders/delivery/incidents.js";
import {incidentTable, type CodedStrings} from "./arrow-columns.js";

export interface PipelineResult {
  read: number;
  accepted: number;
  rejected: number;
  table: Table;
  /** Registration numbers of the accepted rows, in file order (for the comparison). */
  ids: string[];
}

/** Our pipeline: byte tokenizer + validation (optionally on two threads) + duplicate check. */
export function ourPipeline(path: string): PipelineResult {
  const bytes = readFileSync(path);
  const layout = byteLayout(bytes);
  const {header, bodyStart, bodyLine} = readIncidentHeader(bytes, layout);
  if (!header) throw new Error(`invalid path: ${path} has no header`);
  const validated = validateIncidents(bytes, layout, header, bodyStart, bodyLine);
  const {keep} = dedupeIncidents(bytes, validated);
  let accepted = 0;
  for (const k of keep) for (let i = 0; i < k.length; i++) accepted += k[i];
  const ids: string[] = new Array(accepted);
  const start = new Int32Array(accepted), end = new Int32Array(accepted), x = new Float64Array(accepted), y = new Float64Array(accepted);
  const soort = new Int32Array(accepted), gm = new Int32Array(accepted), bu = new Int32Array(accepted);
  // Chunks have their own dictionaries: merge them (they are small) while copying.
  const gmValues: string[] = [], buValues: string[] = [];
  const gmIds = new Map<string, number>(), buIds = new Map<string, number>();
  const remap = (values: string[], ids: Map<string, number>, into: string[]) => values.map((v) => {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = into.length)), into.push(v);
    return id;
  });
  let n = 0;
  validated.chunks.forEach((c, ci) => {
    const k = keep[ci];
    const gmMap = remap(c.dicts.gemeentecode, gmIds, gmValues), buMap = remap(c.dicts.buurtcode, buIds, buValues);
    for (let i = 0; i < c.length; i++) {
      if (!k[i]) continue;
      ids[n] = c.registratienummer[i];
      start[n] = c.start[i], end[n] = c.end[i], x[n] = c.x[i], y[n] = c.y[i], soort[n] = c.soort[i];
      gm[n] = c.gemeentecode[i] < 0 ? -1 : gmMap[c.gemeentecode[i]];
      bu[n] = c.buurtcode[i] < 0 ? -1 : buMap[c.buurtcode[i]];
      n++;
    }
  });
  const table = incidentTable({
    registratienummer: ids, soort: {codes: soort, values: ["inbraak", "poging"]}, start, end,
    gemeentecode: {codes: gm, values: gmValues}, buurtcode: {codes: bu, values: buValues}, x, y
  });
  return {read: validated.read, accepted, rejected: validated.read - accepted, table, ids};
}

const DATE_MACRO = String.raw`
CREATE MACRO civil(v) AS CASE
  WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}') THEN try_strptime(v, '%Y-%m-%d')
  WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}') THEN try_strptime(v[1:10] || ' ' || v[12:16], '%Y-%m-%d %H:%M')
  WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}') THEN try_strptime(v[1:10] || ' ' || v[12:19], '%Y-%m-%d %H:%M:%S')
  WHEN regexp_full_match(v, '\d{2}-\d{2}-\d{4}') THEN try_strptime(v, '%d-%m-%Y')
  WHEN regexp_full_match(v, '\d{2}-\d{2}-\d{4}[ T]\d{2}:\d{2}') THEN try_strptime(v[1:10] || ' ' || v[12:16], '%d-%m-%Y %H:%M')
  WHEN regexp_full_match(v, '\d{2}-\d{2}-\d{4}[ T]\d{2}:\d{2}:\d{2}') THEN try_strptime(v[1:10] || ' ' || v[12:19], '%d-%m-%Y %H:%M:%S')
END;
CREATE MACRO civil_ok(t) AS t IS NOT NULL AND year(t) BETWEEN 1900 AND 2100;
CREATE MACRO minutes(t) AS CAST(floor(epoch(t) / 60) AS INTEGER);
CREATE MACRO is_decimal(v) AS regexp_full_match(v, '[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)');
`;

/** The validation of templates.parseIncident in SQL: a reject reason per row, NULL when valid. */
function validationSql(path: string, separator: string, header: string[]): string {
  const has = (c: string) => header.includes(c);
  const col = (c: string) => (has(c) ? `coalesce(trim(${c}), '')` : "''");
  const columns = header.map((h) => `'${h.replace(/'/g, "''")}': 'VARCHAR'`).join(", ");
  return String.raw`
CREATE TABLE raw AS SELECT row_number() OVER () AS rn, * FROM read_csv('${path.replace(/'/g, "''")}',
  delim = '${separator}', header = true, quote = '"', escape = '"', auto_detect = false, columns = {${columns}});
CREATE TABLE cells AS SELECT rn,
  ${col("registratienummer")} AS id, lower(${col("soort")}) AS s,
  ${col("pleegdatum_van")} AS van_raw, ${col("pleegdatum_tot")} AS tot_raw,
  civil(${col("pleegdatum_van")}) AS van, civil(${col("pleegdatum_tot")}) AS tot,
  ${col("gemeentecode")} AS gm, ${col("buurtcode")} AS bu, ${col("postcode")} AS pc,
  ${col("x")} AS x_raw, ${col("y")} AS y_raw, lower(${col("opgelost")}) AS opg
FROM raw;
CREATE TABLE checked AS SELECT *,
  minutes(van) AS start_min,
  CASE WHEN tot_raw = '' THEN minutes(van) + CASE WHEN length(van_raw) > 10 THEN 0 ELSE 1439 END
       ELSE minutes(tot) + CASE WHEN length(tot_raw) > 10 THEN 0 ELSE 1439 END END AS end_min,
  CASE
    WHEN id = '' OR s = '' OR van_raw = '' THEN 'verplicht_leeg'
    WHEN s NOT IN ('inbraak', 'woninginbraak', 'inbraak woning', 'poging', 'poging tot woninginbraak', 'poging inbraak') THEN 'ongeldige_soort'
    WHEN NOT civil_ok(van) THEN 'ongeldige_datum'
    WHEN tot_raw <> '' AND NOT civil_ok(tot) THEN 'ongeldige_datum'
    WHEN tot_raw <> '' AND minutes(tot) + CASE WHEN length(tot_raw) > 10 THEN 0 ELSE 1439 END < minutes(van) THEN 'einde_voor_begin'
    WHEN gm <> '' AND NOT regexp_full_match(gm, '(?i)(GM)?[0-9]{4}') THEN 'ongeldige_code'
    WHEN bu <> '' AND NOT regexp_full_match(bu, '(?i)BU[0-9]{8}') THEN 'ongeldige_code'
    WHEN pc <> '' AND NOT regexp_full_match(pc, '[1-9][0-9]{3}(\s?[A-Za-z]{2})?') THEN 'ongeldige_postcode'
    WHEN x_raw <> '' AND NOT is_decimal(x_raw) THEN 'ongeldig_getal'
    WHEN y_raw <> '' AND NOT is_decimal(y_raw) THEN 'ongeldig_getal'
    WHEN (x_raw = '') <> (y_raw = '') THEN 'onvolledige_coordinaten'
    WHEN x_raw <> '' AND NOT (CAST(replace(x_raw, ',', '.') AS DOUBLE) BETWEEN 7000 AND 300000
      AND CAST(replace(y_raw, ',', '.') AS DOUBLE) BETWEEN 289000 AND 629000) THEN 'coordinaten_buiten_nederland'
    WHEN opg <> '' AND opg NOT IN ('ja', 'j', '1', 'true', 'nee', 'n', '0', 'false') THEN 'ongeldige_waarde'
  END AS reason
FROM cells;
CREATE TABLE accepted AS SELECT * FROM (
  SELECT *, row_number() OVER (PARTITION BY id ORDER BY rn) AS occurrence FROM checked WHERE reason IS NULL
) WHERE occurrence = 1;`;
}

function items(vector: DuckDBVector): Int32Array | Float64Array {
  return (vector as unknown as {items: Int32Array | Float64Array}).items;
}

/** DuckDB: read_csv with explicit (VARCHAR) types, validation in SQL, vectors copied into Arrow. */
export async function duckdbPipeline(path: string): Promise<PipelineResult> {
  const bytes = readFileSync(path);
  const layout = byteLayout(bytes);
  const {header} = readIncidentHeader(bytes, layout);
  if (!header) throw new Error(`invalid path: ${path} has no header`);
  const names = header.names.map((h) => h.toLowerCase());
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(DATE_MACRO);
  await connection.run(validationSql(path, layout.separator, names));
  const counts = (await connection.runAndReadAll("SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM accepted)")).getRows()[0];
  const read = Number(counts[0]), accepted = Number(counts[1]);
  const result = await connection.run(`SELECT id, CASE WHEN s IN ('poging', 'poging tot woninginbraak', 'poging inbraak') THEN 1 ELSE 0 END::INTEGER,
    start_min, end_min, CASE WHEN gm = '' THEN NULL ELSE 'GM' || right(gm, 4) END, CASE WHEN bu = '' THEN NULL ELSE 'BU' || right(bu, 8) END,
    CASE WHEN x_raw = '' THEN 'NaN'::DOUBLE ELSE CAST(replace(x_raw, ',', '.') AS DOUBLE) END,
    CASE WHEN y_raw = '' THEN 'NaN'::DOUBLE ELSE CAST(replace(y_raw, ',', '.') AS DOUBLE) END
    FROM accepted ORDER BY rn`);
  const ids: string[] = new Array(accepted);
  const soort = new Int32Array(accepted), start = new Int32Array(accepted), end = new Int32Array(accepted);
  const x = new Float64Array(accepted), y = new Float64Array(accepted);
  const gm: CodedStrings = {codes: new Int32Array(accepted), values: []}, bu: CodedStrings = {codes: new Int32Array(accepted), values: []};
  const gmIds = new Map<string, number>(), buIds = new Map<string, number>();
  const code = (value: string | null, dict: CodedStrings, ids: Map<string, number>) => {
    if (value === null) return -1;
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = dict.values.length)), dict.values.push(value);
    return id;
  };
  let n = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const rows = chunk.rowCount;
    soort.set(items(chunk.getColumnVector(1)).subarray(0, rows) as Int32Array, n);
    start.set(items(chunk.getColumnVector(2)).subarray(0, rows) as Int32Array, n);
    end.set(items(chunk.getColumnVector(3)).subarray(0, rows) as Int32Array, n);
    x.set(items(chunk.getColumnVector(6)).subarray(0, rows) as Float64Array, n);
    y.set(items(chunk.getColumnVector(7)).subarray(0, rows) as Float64Array, n);
    const idVector = chunk.getColumnVector(0), gmVector = chunk.getColumnVector(4), buVector = chunk.getColumnVector(5);
    for (let i = 0; i < rows; i++) {
      ids[n + i] = idVector.getItem(i) as string;
      gm.codes[n + i] = code(gmVector.getItem(i) as string | null, gm, gmIds);
      bu.codes[n + i] = code(buVector.getItem(i) as string | null, bu, buIds);
    }
    n += rows;
  }
  connection.closeSync();
  const table = incidentTable({registratienummer: ids, soort: {codes: soort, values: ["inbraak", "poging"]}, start, end, gemeentecode: gm, buurtcode: bu, x, y});
  return {read, accepted, rejected: read - accepted, table, ids};
}

export {plantErrors} from "../loaders/demo/faults.js";
