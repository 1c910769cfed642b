/**
 * scaffold_source: reads `scaffold_source.csv` from the delivery folder into a typed Arrow table, one row per area
 * and date. The file is optional: without it the table is empty and pages say it was not delivered.
 * Template columns (`;` or `,`): gebiedscode;datum;aantal. Change SCHEMA and parseRow together.
 *
 * Publish only figures without personal data: this table goes to the site as it is, without the
 * small-number suppression of the burglary counts.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Table} from "apache-arrow";
import {buildTable, type ColumnSpec} from "../../../loaders/arrow.js";
import {readCsv} from "../../../loaders/delivery/csv.js";
import {parseDate, parseInteger} from "../../../loaders/delivery/values.js";

export const FILE = "scaffold_source.csv";

/** The published columns (snake_case), each with its type and meaning. */
export const SCHEMA: readonly ColumnSpec[] = [
  {name: "area_code", kind: "dict", description: "GM, WK or BU code (gebiedscode)"},
  {name: "day", kind: "date", description: "date (datum)"},
  {name: "count", kind: "int32", description: "number (aantal)"}
];

/** A rejected row: the line in the file and the reason (Dutch). */
export interface Rejected {
  line: number;
  reason: string;
}

interface Row {
  area_code: string;
  day: number;
  count: number;
}

/** Parses one record, or returns the reason it is rejected. */
export function parseRow(record: Record<string, string>): Row | string {
  const area = (record.gebiedscode ?? "").trim().toUpperCase();
  if (!/^(GM\d{4}|WK\d{6}|BU\d{8})$/.test(area)) return `ongeldige gebiedscode: ${record.gebiedscode ?? ""}`;
  const date = parseDate((record.datum ?? "").trim());
  if (!date) return `ongeldige datum: ${record.datum ?? ""}`;
  const count = parseInteger((record.aantal ?? "").trim());
  if (count === undefined || count < 0) return `ongeldig aantal: ${record.aantal ?? ""}`;
  return {area_code: area, day: Math.floor(date.minutes / 1440), count};
}

/**
 * Reads `scaffold_source.csv` from a delivery folder: the table and the rejected rows.
 * @example readScaffoldSource("data/levering").table.numRows
 */
export function readScaffoldSource(dir: string): {table: Table; rejected: Rejected[]; delivered: boolean} {
  const path = join(dir, FILE);
  const rows: Row[] = [];
  const rejected: Rejected[] = [];
  const delivered = existsSync(path);
  if (delivered) {
    const csv = readCsv(path);
    for (const column of ["gebiedscode", "datum", "aantal"]) {
      if (!csv.header.includes(column)) throw new Error(`${FILE}: kolom ${column} ontbreekt (kolommen: ${csv.header.join(", ")})`);
    }
    csv.rows.forEach((values, i) => {
      const record = Object.fromEntries(csv.header.map((h, j) => [h, values[j] ?? ""]));
      const row = parseRow(record);
      if (typeof row === "string") rejected.push({line: csv.lines[i], reason: row});
      else rows.push(row);
    });
  }
  const table = buildTable(SCHEMA, {
    area_code: rows.map((r) => r.area_code),
    day: Int32Array.from(rows, (r) => r.day),
    count: Int32Array.from(rows, (r) => r.count)
  });
  return {table, rejected, delivered};
}
