/**
 * The text of each page of a PDF that Chromium (Skia) printed, for the print tests: enough of PDF to
 * read Skia's output (no dependency for it): objects with Flate-compressed streams, pages with their
 * content streams and fonts, Type0 fonts whose ToUnicode CMap maps glyph ids to text, and the text
 * operators Tf, Tj and TJ. Each text object (BT ... ET) becomes one line.
 */
import {inflateSync} from "node:zlib";

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Every `n 0 obj ... endobj` of the file, streams inflated. */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const result = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\s*/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const id = Number(m[1]);
    const from = start.lastIndex;
    const streamAt = text.indexOf("stream", from);
    const end = text.indexOf("endobj", from);
    if (end < 0) throw new Error(`invalid pdf: object ${id} has no endobj`);
    if (streamAt >= 0 && streamAt < end && !text.slice(from, streamAt).includes("endstream")) {
      const dict = text.slice(from, streamAt);
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      let dataStart = streamAt + "stream".length;
      if (text[dataStart] === "\r") dataStart++;
      if (text[dataStart] === "\n") dataStart++;
      const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf("endstream", dataStart);
      const raw = pdf.subarray(dataStart, dataEnd);
      const stream = dict.includes("/FlateDecode") ? inflateSync(raw) : raw;
      const close = text.indexOf("endobj", dataEnd);
      result.set(id, {dict, stream});
      start.lastIndex = close + "endobj".length;
    } else {
      result.set(id, {dict: text.slice(from, end)});
      start.lastIndex = end + "endobj".length;
    }
  }
  return result;
}

const refs = (s: string) => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** Glyph id (hex) -> text, from a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(from.toLowerCase(), hex(to));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const width = lo.length;
      const targets = list ? [...list.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]) : undefined;
      for (let code = parseInt(lo, 16), i = 0; code <= parseInt(hi, 16); code++, i++) {
        const key = code.toString(16).padStart(width, "0");
        if (targets) map.set(key, hex(targets[i]));
        else map.set(key, String.fromCodePoint(...[...hex(dst!)].map((c, j, all) => (j === all.length - 1 ? c.codePointAt(0)! + i : c.codePointAt(0)!))));
      }
    }
  }
  return map;
}

/** The text of every page, in page order; a line per text object. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const all = objects(pdf);
  const get = (id: number) => {
    const o = all.get(id);
    if (!o) throw new Error(`invalid pdf: no object ${id}`);
    return o;
  };
  // Pages in document order: walk the page tree from the catalog's /Pages.
  const catalog = [...all.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  if (!catalog) throw new Error("invalid pdf: no catalog");
  const pages: PdfObject[] = [];
  const walk = (id: number) => {
    const node = get(id);
    if (/\/Type\s*\/Pages/.test(node.dict)) for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1])) walk(kid);
    else pages.push(node);
  };
  walk(Number(/\/Pages (\d+) 0 R/.exec(catalog.dict)![1]));
  const cmaps = new Map<number, Map<string, string>>();
  return pages.map((page) => {
    const resources = /\/Resources (\d+) 0 R/.exec(page.dict) ? get(Number(/\/Resources (\d+) 0 R/.exec(page.dict)![1])).dict : page.dict;
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? "";
    const fonts = new Map<string, Map<string, string>>();
    for (const [, name, id] of fontDict.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
      const font = get(Number(id)).dict;
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font);
      if (!cmapRef) continue;
      const ref = Number(cmapRef[1]);
      if (!cmaps.has(ref)) cmaps.set(ref, toUnicode(get(ref).stream!.toString("latin1")));
      fonts.set(name, cmaps.get(ref)!);
    }
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents (\d+ 0 R)/.exec(page.dict)?.[1] ?? "";
    const lines: string[] = [];
    for (const id of refs(contents)) {
      const ops = get(id).stream!.toString("latin1");
      let font = new Map<string, string>();
      let line = "";
      const decode = (h: string) => (h.replace(/\s+/g, "").match(/.{4}/g) ?? []).map((g) => font.get(g.toLowerCase()) ?? "").join("");
      for (const m of ops.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\b(BT|ET)\b/g)) {
        if (m[1] !== undefined) font = fonts.get(m[1]) ?? new Map();
        else if (m[2] !== undefined) line += decode(m[2]);
        else if (m[3] !== undefined) for (const part of m[3].matchAll(/<([0-9a-fA-F\s]*)>/g)) line += decode(part[1]);
        else if (m[4] === "ET" && line) {
          lines.push(line);
          line = "";
        }
      }
      if (line) lines.push(line);
    }
    return lines.join("\n");
  });
}
