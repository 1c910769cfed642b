// The Verkennen SQL console in headless Chromium: an example query gives a result table and a chart;
// a bad query shows a Dutch message in the page, with no console error and no Framework error cell.
// The tests share one tab, opened on the default query: each opening of Verkennen starts DuckDB-wasm
// and loads every published table into it (about 7 CPU-s in headless Chromium, five times a plain
// page), and none of these checks needs a fresh console, only the one before it to have ended.
import {afterAll, beforeAll, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {DUTCH_VIEWS} from "../../src/lib/explore.js";
import {DIST, servedSite} from "./browser.js";

const site = servedSite(DIST, "verkennen.html");

let page: Page;
/** Errors the page reported during the current test (emptied before each). */
let errors: string[] = [];

beforeAll(async () => {
  page = await site.page();
  // The browser's own favicon request (the site has no favicon) is not the page's error.
  page.on("console", (m) => void (m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && errors.push(m.text())));
  page.on("pageerror", (e) => errors.push(String(e.message)));
  await page.goto(site.server.url + "verkennen", {waitUntil: "load"});
  await page.waitForSelector("[data-sql-result] table tbody tr", {timeout: 60_000});
}, 120_000);
afterAll(async () => page?.close());

/** The shared tab, its errors forgotten: a test sees only what happens while it runs. */
function sharedTab(): {page: Page; errors: string[]} {
  errors = [];
  return {page, errors};
}

test("an example query shows a result table and a chart", async () => {
  const {page, errors} = sharedTab();
  await page.click('[data-example="2"]'); // hour of the day: 24 rows
  await page.waitForFunction(() => (document.querySelector("[data-sql-editor] textarea") as HTMLTextAreaElement | null)?.value.includes("time_profile"));
  await page.waitForFunction(() => document.querySelector("[data-sql-result] p")?.textContent?.startsWith("24 rijen"), undefined, {timeout: 30_000});
  const header = await page.$$eval("[data-sql-result] table thead th", (ths) => ths.map((th) => th.textContent?.trim()));
  expect(header).toEqual(expect.arrayContaining(["uur", "gewicht"]));
  await page.waitForSelector("[data-main-chart] svg");
  const marks = await page.$$eval("[data-main-chart] svg [aria-label] rect, [data-main-chart] svg [aria-label] path", (n) => n.length);
  expect(marks).toBeGreaterThan(0);
  expect(await page.$(".loading:visible")).toBeNull();
  expect(errors).toEqual([]);
});

test("a bad query shows a Dutch error in the page and no console error", async () => {
  const {page, errors} = sharedTab();
  await page.fill("[data-sql-editor] textarea", "SELECT * FROM geen_tabel");
  await page.click("[data-sql-editor] [data-run]");
  await page.waitForSelector("[data-sql-error]", {timeout: 30_000});
  expect(await page.textContent("[data-sql-error]")).toContain("De tabel geen_tabel bestaat niet");
  await page.fill("[data-sql-editor] textarea", "SELECT count( FROM areas");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => document.querySelector("[data-sql-error]")?.textContent?.includes("schrijffout"));
  await page.fill("[data-sql-editor] textarea", "INSTALL httpfs");
  await page.click("[data-sql-editor] [data-run]");
  await page.waitForFunction(() => document.querySelector("[data-sql-error]")?.textContent?.includes("Alleen lezen"));
  expect(await page.$$(".observablehq--error")).toEqual([]);
  expect(await page.textContent("[data-main-chart]")).toContain("de query gaf een fout");
  expect(errors).toEqual([]);
});

test("the Dutch views count each registration once; a double-counting sum is warned about (issue 14, item 8)", async () => {
  const {page, errors} = sharedTab();
  // The table list starts with the Dutch views.
  await page.waitForSelector(".loaded details summary code");
  const listed = await page.$$eval(".loaded details summary code", (c) => c.map((x) => x.textContent));
  expect(new Set(listed.slice(0, Object.keys(DUTCH_VIEWS).length))).toEqual(new Set(Object.keys(DUTCH_VIEWS)));
  // The delivery's total, as the page's note states it ("27.158 geregistreerde ...").
  const total = Number(/([\d.]+) geregistreerde/.exec((await page.textContent("main"))!)![1].replace(/\./g, ""));
  const run = async (query: string) => {
    await page.fill("[data-sql-editor] textarea", query);
    await page.click("[data-sql-editor] [data-run]");
    await page.waitForFunction((q) => document.querySelector("[data-sql-result]")?.textContent?.includes("1 rij, 1 kolom") && (document.querySelector("[data-sql-editor] textarea") as HTMLTextAreaElement).value === q, query, {timeout: 30_000});
  };
  await run("SELECT sum(aantal) AS totaal_maanden FROM maandcijfers_regio");
  await page.waitForFunction(() => document.querySelector("[data-sql-result] thead")?.textContent?.includes("totaal_maanden"));
  expect(Number((await page.textContent("[data-sql-result] tbody td:last-child"))!.replace(/\./g, ""))).toBe(total);
  expect(await page.$("[data-double-count]")).toBeNull();
  await run("SELECT sum(count) AS n FROM counts_year");
  await page.waitForSelector("[data-double-count]", {timeout: 30_000});
  expect(await page.textContent("[data-double-count]")).toContain("dubbel");
  expect(errors).toEqual([]);
});
