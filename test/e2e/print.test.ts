// Printed to PDF, a page keeps every row of every table, with the table's header repeated on each
// printed page it runs over (issue 14, item 6; src/lib/print-tables.ts and the print stylesheet). On
// screen Inputs.table draws only its first rows; the PDF's text is compared with the tables' data.
import {writeFileSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {DIST, servedSite} from "./browser.js";
import {pdfPageTexts} from "./pdf-text.js";
import {watchQuiet} from "./smoke.js";

const OUTPUT = join(import.meta.dirname, "../output/print");
const site = servedSite(DIST);

/** A table of the page: its header labels, its rows and a text column's values in data order. */
interface TableData {
  headers: string[];
  drawn: number;
  rows: number;
  names: string[];
}

/** Whitespace-free text, so a cell wrapped over two lines in print still matches. */
const squash = (text: string) => text.replace(/\s+/g, "");

for (const [path, longest] of [["overzicht", 14], ["waar", 200]] as const) {
  describe(`print: ${path}`, () => {
    test(`the PDF of ${path} holds every row of every table, the header on every page a table runs over`, async () => {
      const page = await site.page({width: 1280, height: 900});
      try {
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        const quiet = await watchQuiet(page);
        await page.goto(site.server.url + path, {waitUntil: "load"});
        await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
        await page.waitForSelector("form[class$='-table'] tbody tr", {timeout: 30_000});
        await quiet();
        // The data behind each table (Inputs.table's value: every row when none is selected), its
        // header labels and how many rows it draws on screen.
        const tables: TableData[] = await page.$$eval("form[class$='-table']", (forms) => forms.map((form) => {
          const value = (form as unknown as {value: Record<string, unknown>[] & {columns: string[]}}).value;
          const column = value.columns.find((c) => value.length > 0 && value.every((r) => typeof r[c] === "string" && !/^\d+$/.test(r[c] as string)));
          return {
            headers: [...form.querySelectorAll("thead th")].map((th) => th.textContent!.trim()).filter(Boolean),
            drawn: form.querySelectorAll("tbody tr").length,
            rows: value.length,
            names: column ? value.map((r) => r[column] as string) : []
          };
        }));
        expect(tables.length, "tables on the page").toBeGreaterThan(0);
        // Tables whose text column names each row once (a code or a name), long enough to run over pages.
        const long = tables.filter((t) => t.names.length >= longest && new Set(t.names).size === t.names.length);
        expect(long.length, `a table of at least ${longest} uniquely named rows`).toBeGreaterThan(0);
        if (path === "waar") expect(long.some((t) => t.drawn < t.rows), "a table that draws only part of its rows on screen").toBe(true);

        // page.pdf() prints with the print stylesheet and fires beforeprint, as a browser's print does.
        const pdf = await page.pdf({format: "A4", preferCSSPageSize: true});
        mkdirSync(OUTPUT, {recursive: true});
        writeFileSync(join(OUTPUT, `${path}.pdf`), pdf);
        expect(errors).toEqual([]);
        // A PDF to mail to a council: Waar's printed to 15 MB while each hidden map square was filled
        // with the hatch pattern (Chromium printed each as images); one hatch path prints it in 0.5 MB.
        expect(pdf.length, "PDF size in bytes").toBeLessThan(3e6);
        const texts = pdfPageTexts(pdf);
        const all = squash(texts.join(""));
        // No empty pages: Framework's equal-height grid rows once made a map card beside a long table
        // 13 blank pages (96 pages for Waar instead of 53).
        expect(texts.map((t, i) => (t.trim() ? "" : `page ${i + 1}`)).filter(Boolean), "pages without text").toEqual([]);
        for (const [i, table] of tables.entries()) {
          const missing = table.names.filter((name) => !all.includes(squash(name)));
          expect(missing, `table ${i + 1} (${table.headers.join(", ")}): rows missing from the PDF`).toEqual([]);
        }
        // A table that runs over a page break goes on with its header: no printed page starts with a
        // row of a table, and (on Waar) pages start with a table's header row.
        const startsWith = (page: string, cells: string[]) => squash(page).startsWith(squash(cells.join("")));
        const rowStarts = texts.flatMap((page, i) => {
          const first = page.split("\n").find((line) => line.trim())?.trim() ?? "";
          return i > 0 && long.some((t) => t.names.includes(first)) ? [`page ${i + 1} starts with row ${first}`] : [];
        });
        expect(rowStarts).toEqual([]);
        const headerStarts = texts.filter((page, i) => i > 0 && tables.some((t) => t.headers.length > 1 && startsWith(page, t.headers))).length;
        if (path === "waar") expect(headerStarts, "printed pages that start with a repeated table header").toBeGreaterThan(1);
        // After printing, the screen is as before apart from the appended rows; the on-screen frame still scrolls.
        const frame = await page.$eval("form[class$='-table']", (f) => getComputedStyle(f).maxHeight);
        expect(frame).not.toBe("none");
      } finally {
        await page.close();
      }
    });
  });
}
