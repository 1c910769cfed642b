// Every page of the built dist/ opens in headless Chromium with no console error, no Framework
// error cell, no request to a host other than loopback, and its main chart rendered.
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser} from "playwright-core";
import {launchBrowser} from "./browser.js";
import {serveStatic, type StaticServer} from "./server.js";
import {listPages, problems, smokePage} from "./smoke.js";

const DIST = join(import.meta.dirname, "../../dist");
const SCREENSHOTS = join(import.meta.dirname, "../output/screenshots");

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run `npm run build` first");
  browser = await launchBrowser();
  server = await serveStatic(DIST);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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

  for (const name of pages) {
    test(`page ${name} renders cleanly`, async () => {
      const result = await smokePage(browser, server.url + (name === "index" ? "" : name), name, {screenshots: SCREENSHOTS});
      expect(problems(result)).toEqual([]);
    });
  }

  test("home page shows its chart, its input and its SQL result, and the input filters the chart", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url, {waitUntil: "load"});
      await page.waitForSelector("[data-main-chart] svg");
      await page.waitForSelector("[data-sql-result] table tbody tr");
      const years = await page.$$eval("[data-sql-result] table tbody tr", (rows) => rows.length);
      expect(years).toBeGreaterThan(0);
      const title = () => page.$eval("[data-main-chart] h2", (h) => h.textContent);
      expect(await title()).toContain("Regio");
      await page.selectOption("form select", {label: "Enschede"});
      await page.waitForFunction(() => document.querySelector("[data-main-chart] h2")?.textContent?.includes("Enschede"));
      expect(await page.$("[data-main-chart] svg")).not.toBeNull();
    } finally {
      await page.close();
    }
  });
});
