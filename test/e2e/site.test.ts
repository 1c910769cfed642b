// The built dist/ in headless Chromium: its home page, downloads, language and phone width. The
// walk over every page (no console error, no Framework error cell, no request to a host other than
// loopback, main chart rendered) is in publish.test.ts, which serves dist/ the strictest way (a
// sub-path, no clean URLs, the CSP as a header): one walk, not two. It also checks every page's
// wording for readers (no finding ids, source files or developer commands).
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {dsvFormat, type DSVRowArray} from "d3-dsv";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {tableFromIPC} from "apache-arrow";
import {htmlFiles} from "../../loaders/site/harden.js";
import {nlValue} from "../../src/lib/nl-format.js";
import {DIST, servedSite} from "./browser.js";
import {listPages, watchQuiet} from "./smoke.js";


const site = servedSite(DIST);

describe("built site", () => {
  const pages = existsSync(DIST) ? listPages(DIST) : [];

  test("has pages", () => {
    expect(pages).toContain("index");
  });

  test("carries findings.json at its stable address, the same as the page's hashed copy", () => {
    // Framework builds dist/findings.json from src/findings.json.ts (dynamicPaths): no post-build copy.
    const hashed = readdirSync(join(DIST, "_file/data")).filter((n) => /^findings\.[0-9a-f]+\.json$/.test(n));
    expect(hashed).toHaveLength(1);
    const stable = JSON.parse(readFileSync(join(DIST, "findings.json"), "utf8"));
    expect(Array.isArray(stable) && stable.length > 0).toBe(true);
    expect(stable).toEqual(JSON.parse(readFileSync(join(DIST, "_file/data", hashed[0]), "utf8")));
  });

  test("home page shows its chart, its input and each year's total from the monthly file, without DuckDB", async () => {
    // A context of its own, with an empty cache: every library the start page loads is requested here.
    const page = await site.browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const quiet = await watchQuiet(page);
    try {
      await page.goto(site.server.url, {waitUntil: "load"});
      await page.waitForSelector("[data-main-chart] svg");
      await page.waitForSelector("[data-year-table] table tbody tr");
      const title = () => page.$eval("[data-main-chart] h2", (h) => h.textContent);
      expect(await title()).toContain("Regio");
      await page.selectOption("form select", {label: "Enschede"});
      await page.waitForFunction(() => document.querySelector("[data-main-chart] h2")?.textContent?.includes("Enschede"));
      expect(await page.$("[data-main-chart] svg")).not.toBeNull();
      // The year table follows the choice: Enschede's totals per year, all soorten together, are the
      // sums of its months in the published file (a year with a hidden month shows "≥ n" and is left out).
      await quiet();
      // Every row of the table (Inputs.table draws the first ones and the rest as the reader scrolls).
      const cells = await page.$eval("[data-year-table] form", (form) => (form as unknown as {value: {jaar: string; aantal: string}[]}).value.map((r) => [r.jaar, r.aantal]));
      const shown = new Map<number, number>(), hiddenYears = new Set<number>();
      for (const [jaar, aantal] of cells) {
        if (aantal.startsWith("≥")) hiddenYears.add(Number(jaar));
        else shown.set(Number(jaar), (shown.get(Number(jaar)) ?? 0) + displayNumber(aantal));
      }
      const file = readdirSync(join(DIST, "_file/data")).find((f) => /^counts-month\.[0-9a-f]+\.arrow$/.test(f))!;
      const expected = new Map<number, number>();
      for (const row of tableFromIPC(readFileSync(join(DIST, "_file/data", file)))) {
        const year = new Date(Number(row.month)).getUTCFullYear();
        if (row.area_code === "GM0153" && !hiddenYears.has(year)) expected.set(year, (expected.get(year) ?? 0) + Number(row.count));
      }
      expect(shown.size).toBeGreaterThan(5);
      expect(shown).toEqual(expected);
      // The start page is every visitor's first: it loads no DuckDB-wasm (35 MB); Verkennen does.
      expect(requests.filter((u) => /duckdb/i.test(u))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** A new tab of the file's context at 1280 px wide on `path`, once its main chart is drawn. */
async function openPage(path: string): Promise<Page> {
  const page = await site.page({width: 1280, height: 900});
  await page.goto(site.server.url + path, {waitUntil: "load"});
  await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
  return page;
}

/** The non-empty cells of the page's tables, each with whether it is cut off (wider than its box). */
const tableCells = (page: Page) => page.$$eval("form[class$='-table'] tbody td", (tds) =>
  tds.filter((td) => td.textContent).map((td) => ({text: td.textContent!, cut: td.scrollWidth > td.clientWidth + 1})));

/** A display number of a table cell ("1.728", "22,42") as a number. */
const displayNumber = (text: string) => Number(text.trim().replace(/\./g, "").replace(",", "."));
/** A cell that looks like a number in any notation (display or plain). */
const NUMBER_LIKE = /^[≥≤<>]?\s*[−+-]?\d[\d.,]*\s*%?$/;
/** The only notation a download may use for a number: ASCII minus, decimal comma, no grouping. */
const PLAIN_NUMBER = /^-?\d+(,\d+)?$/;

describe("beside the Netherlands on Overzicht (issue 14, item 4)", () => {
  test("the region's last full year beside CBS's figure, from national-rates.arrow, and the way to a municipality's own", async () => {
    const file = readdirSync(join(DIST, "_file/data")).find((n) => /^national-rates\.[0-9a-f]+\.arrow$/.test(n))!;
    const rows = tableFromIPC(readFileSync(join(DIST, "_file/data", file))).toArray().map((r) => r.toJSON());
    const latest = rows.filter((r) => r.delivery_full_year && r.region_rate !== null).sort((a, b) => b.year - a.year)[0];
    // The demo covers complete years that CBS publishes: the sentence must have something to say.
    expect(latest).toBeDefined();
    const page = await openPage("overzicht");
    try {
      const text = await page.innerText("[data-benchmark]");
      expect(text).toContain(`In ${latest.year}, het laatste volledige jaar in de levering`);
      expect(text).toContain(`in de regio ${nlValue(latest.region_rate, 1)} inbraken en pogingen per 1.000 woningen, in heel Nederland ${nlValue(latest.rate, 1)} (CBS)`);
      expect(await page.getAttribute("[data-benchmark] a", "href")).toMatch(/vergelijken\.html$/);
      // Choosing Enschede points to its report, whose chart sets Enschede beside the Netherlands.
      await page.goto(site.server.url + "overzicht?gemeente=GM0153", {waitUntil: "load"});
      await page.waitForFunction(() => document.querySelector("[data-benchmark]")?.textContent?.includes("Enschede"));
      await Promise.all([page.waitForURL(/gemeenten\/enschede/), page.click("[data-benchmark] a")]);
      await page.waitForSelector("[data-main-chart] svg");
      expect(await page.innerText("main")).toContain("Naast Nederland");
    } finally {
      await page.close();
    }
  });
});

describe("Wanneer's weekday x hour grid on its default period", () => {
  test("shows weights, not a grid of hidden cells, and says which years it pools", async () => {
    // The demo's recent years hide most cells year by year (small weights): the page falls back to
    // the all-years profile and says so, instead of an all-grey grid with an empty table.
    const page = await openPage("wanneer");
    try {
      await page.waitForSelector("[data-heat-caption]");
      expect(await page.innerText("[data-heat-caption]")).toMatch(/^Regio, alle jaren samen \(\d{4}–\d{4}\): voor de jaren \d{4}–\d{4} is meer dan de helft/);
      const table = page.locator("form[class$='-table']").filter({has: page.locator("th", {hasText: "weekdag"})}).first();
      const filled = await table.locator("tbody td").evaluateAll((tds) => tds.filter((td) => /\d/.test(td.textContent ?? "")).length);
      expect(filled).toBeGreaterThan(7 * 12);
    } finally {
      await page.close();
    }
  });
});

describe("downloads, language and print (issue 14, items 5, 6 and 8)", () => {
  test("every Overzicht download parses back into plain numbers; Enschede's equal the table's", async () => {
    const page = await openPage("overzicht");
    try {
      const buttons = await page.$$eval("button[data-download]", (b) => b.map((x) => x.getAttribute("data-download")!));
      expect(buttons).toContain("overzicht-gemeenten.csv");
      const files = new Map<string, DSVRowArray>();
      for (const name of buttons) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.click(`button[data-download="${name}"]`)]);
        const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
        const rows = dsvFormat(";").parse(text);
        expect(rows.length, name).toBeGreaterThan(0);
        for (const row of rows) for (const [column, cell] of Object.entries(row)) {
          if (cell && NUMBER_LIKE.test(cell)) expect(cell, `${name}: ${column}`).toMatch(PLAIN_NUMBER);
        }
        files.set(name, rows);
      }
      // The figures shown in the per-municipality table for Enschede, and the same row downloaded.
      const shown = await page.$$eval("form[class$='-table'] tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "").filter((t) => t !== "")).find((cells) => cells[0] === "Enschede"));
      expect(shown).toBeDefined();
      const row = files.get("overzicht-gemeenten.csv")!.find((r) => r.gemeente === "Enschede")!;
      expect(row.code).toBe("GM0153");
      expect(Number(row.aantal!.replace(",", "."))).toBe(displayNumber(shown![1]));
      expect(Number(row.per_1000_woningen!.replace(",", "."))).toBe(displayNumber(shown![5]));
    } finally {
      await page.close();
    }
  });

  test("every built page declares <html lang=\"nl\">", async () => {
    const files = htmlFiles(DIST);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(readFileSync(file, "utf8"), file).toMatch(/<html lang="nl"[ >]/);
    const page = await openPage("overzicht");
    try {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("nl");
    } finally {
      await page.close();
    }
  });

  // Print keeps every row of every table, header repeated per page: test/e2e/print.test.ts (issue 14, item 6).

  test("at 1280 px no table cell is cut off (Inputs.table's fixed layout cut Overzicht's goal names)", async () => {
    const page = await openPage("overzicht");
    try {
      for (const path of ["overzicht", "gemeenten/enschede"]) {
        if (path !== "overzicht") await page.goto(site.server.url + path, {waitUntil: "load"});
        await page.waitForSelector("form[class$='-table'] tbody tr", {timeout: 30_000});
        await page.waitForTimeout(500);
        const cells = await tableCells(page);
        expect(cells.length, path).toBeGreaterThan(20);
        expect(cells.filter((c) => c.cut), path).toEqual([]);
        // The goal names are whole, as written, not shortened with an ellipsis.
        if (path === "overzicht") expect(cells.map((c) => c.text)).toEqual(expect.arrayContaining(["DOR-aansluitingen", "inbraken per 1.000 woningen"]));
      }
    } finally {
      await page.close();
    }
  });

  test("cards that stack on Waar are as tall as their content, not as the tallest card", async () => {
    for (const width of [1280, 390]) {
      const page = await site.page({width, height: 900});
      try {
        await page.goto(site.server.url + "waar", {waitUntil: "load"});
        await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
        await page.waitForSelector("form[class$='-table'] tbody tr");
        await page.waitForTimeout(1000);
        // Empty band below each card's content (padding is 17 px); Framework's equal rows left 200+.
        const empty = await page.$$eval(".grid > .card", (cards) => cards.map((c) => {
          const r = c.getBoundingClientRect();
          return Math.round(r.bottom - [...c.children].reduce((m, ch) => Math.max(m, ch.getBoundingClientRect().bottom), r.top));
        }));
        expect(empty.length, String(width)).toBeGreaterThan(3);
        expect(empty.filter((e) => e > 40), String(width)).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });

  test("at 390 px the page does not widen and Overzicht's table keeps whole words, its names in view", async () => {
    // One visit per page, each page's checks on that visit.
    const page = await site.page({width: 390, height: 800});
    try {
      for (const path of ["overzicht", "waar", "gemeenten/enschede"]) {
        await page.goto(site.server.url + path, {waitUntil: "load"});
        await page.waitForSelector("form[class$='-table'] tbody tr", {timeout: 30_000});
        await page.waitForTimeout(1000);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
        if (path === "overzicht") await overzichtAt390(page);
        if (path === "gemeenten/enschede") await reportAt390(page);
      }
    } finally {
      await page.close();
    }
  });
});

/** Overzicht at 390 px: every table cell on one line, the names in view when scrolled sideways. */
async function overzichtAt390(page: Page): Promise<void> {
  // Every cell on one line: no word or number broken over lines, nothing cut off.
  const cells = await page.$$eval("form[class$='-table'] tbody td", (tds) => tds.filter((td) => td.textContent).map((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return {text: td.textContent!, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size, cut: td.scrollWidth > td.clientWidth + 1};
  }));
  expect(cells.length).toBeGreaterThan(20);
  expect(cells.filter((c) => c.lines > 1 || c.cut)).toEqual([]);
  // Scrolled sideways, the municipality names stay in view.
  const table = page.locator("form[class$='-table']").first();
  await table.evaluate((f) => (f.scrollLeft = 200));
  const [frame, name] = await Promise.all([table.boundingBox(), page.locator("form[class$='-table'] td", {hasText: "Enschede"}).first().boundingBox()]);
  expect(name!.x).toBeGreaterThanOrEqual(frame!.x);
  // A table wider than its frame shows that it scrolls: the frame has the edge shadow.
  expect(await table.evaluate((f) => f.scrollWidth > f.clientWidth && getComputedStyle(f).backgroundImage.includes("radial-gradient"))).toBe(true);
}

/** A municipality report at 390 px: whole words in its tables (they were the ones cut on phones), no overlapping ticks. */
async function reportAt390(page: Page): Promise<void> {
  const report = await tableCells(page);
  expect(report.length).toBeGreaterThan(20);
  expect(report.filter((c) => c.cut)).toEqual([]);
  // No two tick labels of an x axis overlap (the Netherlands chart labelled all twelve years).
  const overlaps = await page.$$eval("svg [aria-label='x-axis tick label']", (axes) => axes.flatMap((axis) => {
    const boxes = [...axis.querySelectorAll("text")].map((t) => ({text: t.textContent, box: t.getBoundingClientRect()})).sort((a, b) => a.box.left - b.box.left);
    return boxes.slice(1).filter((b, i) => b.box.left < boxes[i].box.right - 1).map((b, i) => `${boxes[i].text}/${b.text}`);
  }));
  expect(await page.locator("svg [aria-label='x-axis tick label']").count()).toBeGreaterThan(1);
  expect(overlaps).toEqual([]);
}
