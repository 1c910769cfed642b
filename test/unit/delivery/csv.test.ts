import iconv from "iconv-lite";
import {describe, expect, test} from "vitest";
import {decodeText, detectSeparator, parseCsv} from "../../../loaders/delivery/csv.js";

describe("decodeText", () => {
  test("UTF-8 with BOM, UTF-8, and Windows-1252", () => {
    const text = "naam;plaats\nCafé;Hengelo\n";
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]))).toEqual({text, encoding: "utf-8-bom"});
    expect(decodeText(Buffer.from(text))).toEqual({text, encoding: "utf-8"});
    expect(decodeText(iconv.encode(text, "win1252"))).toEqual({text, encoding: "windows-1252"});
  });
});

describe("parseCsv", () => {
  test("detects ; and , from the header", () => {
    expect(detectSeparator("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectSeparator("a,b,c\n1;2;3")).toBe(",");
    expect(detectSeparator('"a;b",c\n')).toBe(",");
  });

  test("quoted separators, quotes and newlines; CRLF; line numbers of records", () => {
    const csv = parseCsv('id;tekst\r\n1;"a;b"\r\n2;"regel\r\nnog een regel"\r\n\r\n3;"zei ""ja"""\r\n');
    expect(csv.header).toEqual(["id", "tekst"]);
    expect(csv.rows).toEqual([["1", "a;b"], ["2", "regel\r\nnog een regel"], ["3", 'zei "ja"']]);
    expect(Array.from(csv.lines)).toEqual([2, 3, 6]);
    expect(csv.separator).toBe(";");
  });

  test("trims header names and keeps a missing trailing newline", () => {
    const csv = parseCsv(" a , b \n1,2");
    expect(csv.header).toEqual(["a", "b"]);
    expect(csv.rows).toEqual([["1", "2"]]);
  });
});
