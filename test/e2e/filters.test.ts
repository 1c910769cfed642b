// The page-wide filters on every dashboard page (Overzicht, Wanneer, Waar, Wat, Wie, Vergelijken,
// Verkennen): each opens on its own default period, every filter changes at least
// once with no console error or error cell, the reset restores the defaults, and reopening the
// shared URL restores the same filters; the view (Enschede and a period) survives "Volgende pagina"
// to the next pages and the share link. And delivered text is shown as text: a werkwijze value
// `<img src=x onerror=alert(1)>` appears literally on the Wat page and runs nothing.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {releaseBrowser, workerBrowser} from "./browser.js";
import {buildSite, ROOT} from "./build.js";
import {SITES, XSS, writeXssDelivery} from "./sites.js";
import {serveStatic, type StaticServer} from "./server.js";
import {openWatched} from "./smoke.js";

const DIST = join(ROOT, "dist");
const PAGES = ["overzicht", "wanneer", "waar", "wat", "wie", "vergelijken", "verkennen"];
/**
 * Months each page opens on (issue 14, item 3; the demo's complete years run to December 2025):
 * KPIs and the console the last 12 months, maps a calendar year, multi-year charts five years.
 */
const DEFAULT_MONTHS: Record<string, number> = {overzicht: 12, verkennen: 12, waar: 12, vergelijken: 12, wanneer: 60, wat: 60, wie: 60};
const monthsSpanned = (from: string, to: string) => (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + +to.slice(5) - +from.slice(5) + 1;

let browser: Browser;
// One context for the file: its pages share the HTTP cache, as a reader's tabs do, so a page after
// the first does not load DuckDB-wasm and Plot again. Each page is still a new document whose
// filters come from its URL alone (the site keeps no view in storage).
let context: BrowserContext;

beforeAll(async () => {
  browser = await workerBrowser();
  context = await browser.newContext();
});
afterAll(async () => releaseBrowser(browser));

/** A new tab of the file's context on `url`, watched for problems (openWatched in smoke.ts). */
const open = (url: string) => openWatched(context, url);

const values = (page: Page) => page.$$eval("form[data-filters] select", (s) => Object.fromEntries((s as HTMLSelectElement[]).map((x) => [x.name, x.value])));
const errorCells = (page: Page) => page.$$eval(".observablehq--error", (n) => n.map((x) => x.textContent ?? ""));

describe("page-wide filters", () => {
  let server: StaticServer;
  beforeAll(async () => {
    if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run `npm run build` first");
    server = await serveStatic(DIST);
  });
  afterAll(async () => server?.close());

  for (const name of PAGES) {
    test(`${name}: every filter changes, reset works, a shared URL restores the filters`, async () => {
      const {page, problems} = await open(server.url + name);
      try {
        const months = await page.$$eval("select[name=van] option", (o) => (o as HTMLOptionElement[]).map((x) => x.value));
        const defaults = await values(page);
        expect(monthsSpanned(defaults.van, defaults.tot), "default period").toBe(DEFAULT_MONTHS[name]);
        if (DEFAULT_MONTHS[name] > 12) expect([defaults.van.slice(5), defaults.tot.slice(5)]).toEqual(["01", "12"]);
        const from = months[Math.max(0, months.length - 30)], to = months[months.length - 7];
        await page.selectOption("select[name=van]", from);
        await page.waitForFunction((v) => location.search.includes(`van=${v}`), from);
        await page.selectOption("select[name=tot]", to);
        await page.waitForFunction((v) => location.search.includes(`tot=${v}`), to);
        await page.selectOption("select[name=gemeente]", "GM0153");
        await page.waitForFunction(() => location.search.includes("gemeente=GM0153"));
        await page.waitForFunction(() => document.querySelector("main")!.textContent!.includes("Enschede"));
        await page.selectOption("select[name=soort]", "poging");
        await page.waitForFunction(() => location.search.includes("soort=poging"));
        await page.waitForTimeout(500);
        expect(await page.$("[data-main-chart] svg")).not.toBeNull();
        expect(await errorCells(page)).toEqual([]);
        const chosen = await values(page);
        expect(chosen).toEqual({van: from, tot: to, gemeente: "GM0153", soort: "poging"});
        const shared = page.url();

        // Reopen the shared URL in a fresh page: the same filters.
        const again = await open(shared);
        try {
          expect(await values(again.page)).toEqual(chosen);
          expect(await again.page.textContent(".filter-text")).toContain("Enschede");
          expect(again.problems).toEqual([]);
        } finally {
          await again.page.close();
        }

        // Reset: the defaults and a clean URL.
        await page.click("button.filter-reset");
        await page.waitForFunction(() => location.search === "");
        expect(await values(page)).toEqual(defaults);
        await page.waitForTimeout(300);
        expect(await errorCells(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  // One view across pages (issue 14, item 2).
  /** Follows the pager's "Volgende pagina" link and waits for the next page to load. */
  async function next(page: Page, path: string): Promise<void> {
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/${path}.html`) || u.pathname.endsWith(`/${path}`)), page.click("#observablehq-footer nav a[rel=next]")]);
  }

  test("Enschede and a period chosen on Overzicht survive three \"Volgende pagina\" clicks and the share link", async () => {
    const {page, problems} = await open(server.url + "overzicht");
    try {
      const months = await page.$$eval("select[name=van] option", (o) => (o as HTMLOptionElement[]).map((x) => x.value));
      const from = months[months.length - 30], to = months[months.length - 7];
      await page.selectOption("select[name=gemeente]", "GM0153");
      await page.selectOption("select[name=van]", from);
      await page.selectOption("select[name=tot]", to);
      await page.waitForFunction((v) => location.search.includes(`tot=${v}`), to);
      const chosen = {van: from, tot: to, gemeente: "GM0153", soort: "alle"};
      expect(await values(page)).toEqual(chosen);

      await next(page, "wanneer");
      await page.waitForSelector("[data-main-chart] svg");
      expect(await values(page)).toEqual(chosen);
      expect(await page.textContent(".filter-text")).toContain("Enschede");

      await next(page, "waar");
      await page.waitForSelector("[data-main-chart] svg");
      expect(await values(page)).toEqual(chosen);

      // Waar nu? has no filter bar: it passes the view on to the page after it.
      await next(page, "waar-nu");
      expect(new URL(page.url()).searchParams.get("gemeente")).toBe("GM0153");
      await next(page, "wat");
      await page.waitForSelector("[data-main-chart] svg");
      expect(await values(page)).toEqual(chosen);

      // "Deel deze weergave" links to exactly this view; opened afresh it restores it.
      const shared = await page.getAttribute("a.share-view", "href");
      expect(shared).toBe(page.url());
      const again = await open(shared!);
      try {
        expect(await values(again.page)).toEqual(chosen);
        expect(again.problems).toEqual([]);
      } finally {
        await again.page.close();
      }
      expect(await errorCells(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

});

describe("delivered text is escaped", () => {
  let server: StaticServer;
  beforeAll(async () => {
    writeXssDelivery();
    const dir = buildSite(SITES.xss.output, SITES.xss.env);
    server = await serveStatic(dir);
  }, 240_000);
  afterAll(async () => server?.close());

  test("a werkwijze value with HTML shows literally on the Wat page and runs nothing", async () => {
    const {page, problems, dialogs} = await open(server.url + "wat");
    try {
      await page.waitForFunction((text) => [...document.querySelectorAll("td")].some((td) => td.textContent === text), XSS, {timeout: 30_000});
      await page.waitForTimeout(500);
      expect(await page.$("img[src=x]")).toBeNull();
      expect(await page.$("main b")).toBeNull();
      expect(await page.textContent("main")).toContain("<b>vrijstaand</b>");
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
