/**
 * Reading delivered CSV files as Dutch spreadsheets write them: UTF-8 (with or without BOM) or
 * Windows-1252, `,` or `;` separated, CRLF or LF, quoted fields with separators, quotes and
 * newlines. Every record keeps the physical line it starts on, for error messages.
 */
import {readFileSync} from "node:fs";
import {dsvFormat} from "d3-dsv";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le" | "utf-16be";

/**
 * A UTF-16 file, recognised by its byte-order mark (BOM), re-encoded as UTF-8 bytes (BOM dropped)
 * so that the byte-level readers see the text they know; null when the bytes are not UTF-16 with
 * a BOM. `error` names the problem when the bytes are not valid UTF-16.
 */
export function utf16AsUtf8(bytes: Uint8Array): {bytes: Uint8Array; encoding: "utf-16le" | "utf-16be"} | {error: string} | null {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (!encoding) return null;
  try {
    if (bytes.length % 2) throw new Error("odd length");
    const text = new TextDecoder(encoding, {fatal: true, ignoreBOM: false}).decode(bytes);
    return {bytes: new Uint8Array(Buffer.from(text, "utf8")), encoding};
  } catch {
    return {error: `het bestand begint met een ${encoding === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE"}-markering maar is geen geldige UTF-16-tekst`};
  }
}

/**
 * Whether bytes without a BOM look like UTF-16 text (ASCII characters with a zero byte beside
 * each): most bytes at one parity are zero and almost none at the other.
 */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) (bytes[i] === 0 && even++, bytes[i + 1] === 0 && odd++);
  const pairs = n / 2;
  return (even >= pairs * 0.4 && odd <= pairs * 0.05) || (odd >= pairs * 0.4 && even <= pairs * 0.05);
}

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
