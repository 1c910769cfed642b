// The build on a minimal real-format delivery (only inbraken.csv: `;`, DD-MM-YYYY, police wording,
// gemeentecode and PC4), given by INBRAAKLAB_DATA_DIR: every page renders without errors.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {expect, test} from "vitest";
import type {Page} from "playwright-core";
import {servedSite} from "./browser.js";
import {buildSite, ROOT} from "./build.js";
import {SITES} from "./sites.js";
import {openSmokeTab, pagesOnePerRoute, problems, screenshotDir} from "./smoke.js";
import {TWENTE_CODES} from "../../src/lib/twente.js";

const dir = join(ROOT, SITES.minimal.output);
const site = servedSite(dir, "index.html", () => buildSite(SITES.minimal.output, SITES.minimal.env));

test("every page renders on the minimal delivery (one municipality report); an empty table says so in Dutch", async () => {
  const pages = pagesOnePerRoute(dir);
  expect(pages.length).toBeGreaterThan(1);
  const tab = await openSmokeTab(site.context);
  // This delivery has no measures data, so some pages show a table without rows: its text (what a
  // screen reader reads) is "Geen rijen.", not Inputs' "No results." (src/lib/empty-tables.ts).
  const empty: string[] = [];
  for (const name of pages) {
    const inspect = async (page: Page) => {
      const cells = await page.$$eval("form[class$='-table'] td[rowspan]", (tds) => tds.map((td) => td.textContent ?? ""));
      empty.push(...cells.map((text) => `${name}: ${text}`));
    };
    const result = await tab.visit(site.server.url + (name === "index" ? "" : name), `minimal-${name}`, {screenshots: screenshotDir(), inspect});
    expect(problems(result)).toEqual([]);
  }
  await tab.close();
  expect(empty.length, "pages with an empty table").toBeGreaterThan(0);
  expect(empty.filter((cell) => !cell.endsWith(": Geen rijen."))).toEqual([]);
});

test("the data-quality page accounts for the rows rejected as outside the region", async () => {
  const page = await site.page();
  try {
    await page.goto(site.server.url + "datakwaliteit");
    await page.waitForSelector("text=buiten de regio");
    const text = await page.textContent("main");
    expect(text).toContain("403");
    expect(text).toContain("400");
  } finally {
    await page.close();
  }
});

test("Overzicht, Wanneer and Waar show the open counts exactly: no ≥, no hidden cell, the CSV's own figure", async () => {
  // The fixture is a police-map export (dates and PC4 only, about 100 a year): its counts are open.
  const rows = readFileSync(join(ROOT, "test/fixtures/minimal-delivery/inbraken.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(";"));
  const month = (r: string[]) => `${r[2].slice(6, 10)}-${r[2].slice(3, 5)}`;
  const inRegion = rows.filter((r) => TWENTE_CODES.includes(r[3]));
  const last = inRegion.map(month).sort().at(-1)!;
  const from = `${+last.slice(0, 4) - 1}-${String(+last.slice(5, 7) % 12 + 1).padStart(2, "0")}`;
  const want = inRegion.filter((r) => month(r) >= from && month(r) <= last).length;
  expect(want).toBeGreaterThan(50);
  const page = await site.page();
  try {
    await page.goto(site.server.url + "overzicht");
    await page.waitForSelector(".kpi-value");
    expect(await page.locator(".kpi-value").first().textContent()).toBe(want.toLocaleString("nl-NL"));
    for (const name of ["overzicht", "wanneer", "waar"]) {
      await page.goto(site.server.url + name);
      await page.waitForSelector("[data-main-chart] svg, table");
      await page.waitForTimeout(500);
      const cells = await page.locator("main .kpi-value, main table td").allTextContents();
      expect(cells.length, name).toBeGreaterThan(10);
      expect(cells.filter((t) => t.includes("≥") || t.includes("verborgen")), name).toEqual([]);
    }
    // Without times of day, Wanneer says so instead of drawing a flat hour profile.
    await page.goto(site.server.url + "wanneer");
    await page.waitForSelector("text=geen tijdstippen");
    expect(await page.locator("svg.heat-map").count()).toBe(0);
  } finally {
    await page.close();
  }
});
