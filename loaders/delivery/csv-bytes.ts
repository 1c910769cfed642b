/**
 * A single-pass CSV tokenizer over the bytes of a delivered file. It follows d3-dsv's `parseRows`
 * rules exactly (a quote opens a quoted field only at its start, `""` is an escaped quote, CR, LF
 * and CRLF end a record, a trailing line end is ignored) and parseCsv's line numbering, but records
 * only byte offsets: no string is made for a cell until a validator asks for one. Separators,
 * quotes and line ends are ASCII, so the same scan serves UTF-8 and Windows-1252.
 */
import {isUtf8} from "node:buffer";
import iconv from "iconv-lite";
import type {Encoding} from "./csv.js";
import type {RangeDecoder} from "./byte-dict.js";

const QUOTE = 34, LF = 10, CR = 13;

/** Where the text of a file starts and ends, how it is encoded and separated. */
export interface ByteLayout {
  encoding: Encoding;
  /** First byte of the text (3 after a UTF-8 BOM). */
  begin: number;
  /** End of the text, without one trailing LF and then one trailing CR (as d3-dsv does). */
  end: number;
  /** Byte length of the file. */
  length: number;
  separator: "," | ";";
}

/** Detects encoding (like csv.decodeText), the text range and the separator of a file's bytes. */
export function byteLayout(bytes: Uint8Array): ByteLayout {
  let encoding: Encoding, begin = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = "utf-8-bom", begin = 3;
  else encoding = isUtf8(bytes) ? "utf-8" : "windows-1252";
  let end = bytes.length;
  if (end > begin && bytes[end - 1] === LF) end--;
  if (end > begin && bytes[end - 1] === CR) end--;
  let semicolons = 0, commas = 0, quoted = false;
  for (let i = begin; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && c === 59) semicolons++;
    else if (!quoted && c === 44) commas++;
  }
  return {encoding, begin, end, length: bytes.length, separator: semicolons >= commas && semicolons > 0 ? ";" : ","};
}

interface FastSlices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

/** A decoder of byte ranges of `bytes` (and only of them) for the file's encoding. */
export function rangeDecoder(encoding: Encoding, bytes: Uint8Array): RangeDecoder {
  // Buffer's own slice methods: the documented toString(encoding, start, end) minus its argument checks.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as FastSlices;
  if (encoding !== "windows-1252") return (b, s, e) => (b === bytes ? view.utf8Slice(s, e) : Buffer.from(b).toString("utf8", s, e));
  return (b, s, e) => {
    for (let i = s; i < e; i++) if (b[i] >= 0x80) return iconv.decode(Buffer.from(b.buffer, b.byteOffset + s, e - s), "win1252");
    return b === bytes ? view.latin1Slice(s, e) : Buffer.from(b).toString("latin1", s, e);
  };
}

/**
 * Reads records one at a time: after {@link next} returns true, fields `0..count-1` of the record
 * are the byte ranges `[starts[i], ends[i])` (quotes removed; `escaped[i]` when `""` must still be
 * unescaped), and `newlines` is the number of LFs inside its quoted fields.
 */
export class RecordReader {
  pos: number;
  eof: boolean;
  count = 0;
  newlines = 0;
  /** Byte offset where the current record starts. */
  recordStart = 0;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  escaped = new Uint8Array(32);
  private readonly sep: number;

  constructor(readonly bytes: Uint8Array, readonly layout: ByteLayout, pos = layout.begin) {
    this.pos = pos;
    this.eof = layout.end <= layout.begin;
    this.sep = layout.separator.charCodeAt(0);
  }

  /** Reads the next record; false at the end of the text. */
  next(): boolean {
    if (this.eof) return false;
    const b = this.bytes, N = this.layout.end, sep = this.sep;
    let I = this.pos, count = 0, newlines = 0, eol = false;
    this.recordStart = I;
    while (!eol && !this.eof) {
      if (count === this.starts.length) this.grow();
      const j = I;
      if (b[j] === QUOTE) {
        let escaped = 0;
        // d3-dsv: while (I++ < N && c(I) !== QUOTE || c(++I) === QUOTE);
        for (;;) {
          if (I++ < N) {
            if (b[I] !== QUOTE) continue;
            if (b[++I] === QUOTE) {
              escaped = 1;
              continue;
            }
            break;
          }
          if (b[++I] !== QUOTE) break;
        }
        const i = I;
        const contentEnd = Math.min(i - 1, this.layout.length);
        if (i >= N) this.eof = true;
        else {
          const c = b[I++];
          if (c === LF) eol = true;
          else if (c === CR) {
            eol = true;
            if (b[I] === LF) ++I;
          }
        }
        for (let k = j + 1; k < contentEnd; k++) if (b[k] === LF) newlines++;
        this.starts[count] = j + 1, this.ends[count] = contentEnd, this.escaped[count] = escaped;
        count++;
        continue;
      }
      let i = 0, ended = false;
      while (I < N) {
        const c = b[(i = I++)];
        if (c === LF) eol = true;
        else if (c === CR) {
          eol = true;
          if (b[I] === LF) ++I;
        } else if (c !== sep) continue;
        ended = true;
        break;
      }
      if (!ended) this.eof = true, i = N;
      this.starts[count] = j, this.ends[count] = i, this.escaped[count] = 0;
      count++;
    }
    // parseCsv drops a trailing CR from the last field of a record.
    if (count && this.ends[count - 1] > this.starts[count - 1] && b[this.ends[count - 1] - 1] === CR) this.ends[count - 1]--;
    this.pos = I;
    this.count = count;
    this.newlines = newlines;
    return true;
  }

  /** Whether the current record is a blank line (one field, whitespace only). */
  blank(decode: RangeDecoder): boolean {
    if (this.count !== 1) return false;
    const b = this.bytes;
    for (let i = this.starts[0]; i < this.ends[0]; i++) {
      const c = b[i];
      if (c >= 0x80) return decode(b, this.starts[0], this.ends[0]).trim() === "";
      if (!(c === 32 || (c >= 9 && c <= 13))) return false;
    }
    return true;
  }

  /** The untrimmed text of field i of the current record (as d3-dsv returns it). */
  field(i: number, decode: RangeDecoder): string {
    const text = decode(this.bytes, this.starts[i], this.ends[i]);
    return this.escaped[i] ? text.replace(/""/g, '"') : text;
  }

  /** All fields of the current record as text. */
  fields(decode: RangeDecoder): string[] {
    const out: string[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.field(i, decode);
    return out;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n), ends = new Int32Array(n), escaped = new Uint8Array(n);
    starts.set(this.starts), ends.set(this.ends), escaped.set(this.escaped);
    this.starts = starts, this.ends = ends, this.escaped = escaped;
  }
}
