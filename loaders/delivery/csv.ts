/**
 * Reading delivered CSV files as Dutch spreadsheets write them: UTF-8 (with or without BOM) or
 * Windows-1252, `,` or `;` separated, CRLF or LF, quoted fields with separators, quotes and
 * newlines. Every record keeps the physical line it starts on, for error messages.
 */
import {readFileSync} from "node:fs";
import {dsvFormat} from "d3-dsv";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

export interface CsvFile {
  /** Header names as written (trimmed). */
  header: string[];
  /** Records (header excluded), blank lines skipped. */
  rows: string[][];
  /** 1-based physical line number on which each record starts. */
  lines: Int32Array;
  separator: "," | ";";
  encoding: Encoding;
}

/** Decodes bytes as UTF-8 when they are valid UTF-8, else as Windows-1252. */
export function decodeText(bytes: Uint8Array): {text: string; encoding: Encoding} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom"};
  }
  try {
    return {text: new TextDecoder("utf-8", {fatal: true}).decode(bytes), encoding: "utf-8"};
  } catch {
    return {text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252"), encoding: "windows-1252"};
  }
}

/** Picks the separator that occurs most often (outside quotes) in the header line. */
export function detectSeparator(text: string): "," | ";" {
  let semicolons = 0, commas = 0, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === ",") commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ";" : ",";
}

/** Parses CSV text into header, records and their starting line numbers. */
export function parseCsv(text: string, encoding: Encoding = "utf-8"): CsvFile {
  const separator = detectSeparator(text);
  const all = dsvFormat(separator).parseRows(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let header: string[] | undefined;
  for (const record of all) {
    const start = line;
    for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) line++;
    line++;
    if (record.length === 1 && record[0].trim() === "") continue; // blank line
    // CRLF: d3-dsv strips "\r\n" between records; a lone trailing "\r" is removed here.
    const last = record.length - 1;
    if (record[last].endsWith("\r")) record[last] = record[last].slice(0, -1);
    if (!header) header = record.map((h) => h.trim());
    else rows.push(record), lines.push(start);
  }
  return {header: header ?? [], rows, lines: Int32Array.from(lines), separator, encoding};
}

/** Reads and parses a delivered CSV file. */
export function readCsv(path: string): CsvFile {
  const {text, encoding} = decodeText(readFileSync(path));
  return parseCsv(text, encoding);
}
