// The build on a minimal real-format delivery (only inbraken.csv: `;`, DD-MM-YYYY, police wording,
// gemeentecode and PC4), given by INBRAAKLAB_DATA_DIR: every page renders without errors.
import {join} from "node:path";
import {afterAll, beforeAll, expect, test} from "vitest";
import type {Browser} from "playwright-core";
import {launchBrowser} from "./browser.js";
import {buildSite, ROOT} from "./build.js";
import {SITES} from "./sites.js";
import {serveStatic, type StaticServer} from "./server.js";
import {listPages, problems, smokePage} from "./smoke.js";

let browser: Browser;
let server: StaticServer;
let dir: string;

beforeAll(async () => {
  dir = buildSite(SITES.minimal.output, SITES.minimal.env);
  browser = await launchBrowser();
  server = await serveStatic(dir);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("every page renders on the minimal delivery", async () => {
  const pages = listPages(dir);
  expect(pages.length).toBeGreaterThan(1);
  for (const name of pages) {
    const result = await smokePage(browser, server.url + (name === "index" ? "" : name), `minimal-${name}`, {screenshots: join(ROOT, "test/output/screenshots")});
    expect(problems(result)).toEqual([]);
  }
});

test("the data-quality page accounts for the rows rejected as outside the region", async () => {
  const page = await browser.newPage();
  try {
    await page.goto(server.url + "datakwaliteit");
    await page.waitForSelector("text=buiten de regio");
    const text = await page.textContent("main");
    expect(text).toContain("403");
    expect(text).toContain("400");
  } finally {
    await page.close();
  }
});
