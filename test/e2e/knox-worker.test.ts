// The intern near-repeat page runs the Knox test in a Web Worker for bands the analyst types: the
// table appears, the progress bar moves, and cancel stops a run.
import {afterAll, beforeAll, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {releaseBrowser, workerBrowser} from "./browser.js";
import {buildSite} from "./build.js";
import {SITES, shortDemo} from "./sites.js";
import {serveStatic, type StaticServer} from "./server.js";

let browser: Browser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  if (!process.env.KNOX_E2E_DIST) await shortDemo("woninginbraak");
  const dir = process.env.KNOX_E2E_DIST ?? buildSite(SITES.intern.output, SITES.intern.env);
  browser = await workerBrowser();
  server = await serveStatic(dir);
  page = await browser.newPage();
  await page.goto(server.url + "hypothesen/near-repeats");
  await page.waitForSelector("form[data-knox-calculator]");
}, 300_000);

afterAll(async () => {
  await page?.close();
  await releaseBrowser(browser);
  await server?.close();
});

const status = () => page.$eval("form[data-knox-calculator] output[data-status]", (o) => o.textContent ?? "");

test("typed bands run in the worker and show the ratio matrix and table", async () => {
  await page.fill("form[data-knox-calculator] input[name=space]", "0, 125, 250, 500");
  await page.fill("form[data-knox-calculator] input[name=time]", "0, 7, 14, 28");
  await page.selectOption("form[data-knox-calculator] select[name=permutations]", "999");
  await page.click("form[data-knox-calculator] button[type=submit]");
  await page.waitForSelector("[data-own-knox] svg", {timeout: 120_000});
  expect(await status()).toMatch(/^Klaar in [\d,]+ s\.$/);
  console.log(`browser worker, 999 permutations: ${await status()}`);
  // 4 space bands x 4 time bands; the table follows the matrix card.
  const rows = await page.$$eval("[data-own-knox] ~ form table tbody tr, [data-own-knox] + * table tbody tr", (r) => r.length);
  const cells = await page.$$eval("[data-own-knox] svg g[aria-label=text] text", (t) => t.map((x) => x.textContent));
  expect(cells.length + rows).toBeGreaterThan(0);
  const text = await page.textContent("main");
  expect(text).toContain("0 tot 125 m");
  expect(text).toContain("500 m of meer");
});

test("invalid bands are refused with a Dutch message", async () => {
  await page.fill("form[data-knox-calculator] input[name=space]", "10, 20");
  await page.click("form[data-knox-calculator] button[type=submit]");
  expect(await status()).toBe("Afstandsgrenzen: De eerste grens moet 0 zijn.");
});

test("the progress bar moves and cancel stops the run", async () => {
  await page.fill("form[data-knox-calculator] input[name=space]", "0, 100, 200, 400, 800, 1600");
  // Wide time bands, so the run lasts (about 5 s on the intern site's short demo, 2 s with the
  // default bands) well beyond the click that cancels it.
  await page.fill("form[data-knox-calculator] input[name=time]", "0, 14, 28, 56, 112, 224");
  await page.selectOption("form[data-knox-calculator] select[name=permutations]", "4999");
  await page.click("form[data-knox-calculator] button[type=submit]");
  await page.waitForFunction(() => {
    const p = document.querySelector("form[data-knox-calculator] progress") as HTMLProgressElement;
    return p.value > 0 && p.value < 1;
  }, undefined, {timeout: 60_000});
  await page.click("form[data-knox-calculator] button[name=cancel]");
  expect(await status()).toBe("Geannuleerd.");
  expect(await page.$eval("form[data-knox-calculator] button[type=submit]", (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  // A terminated worker never reports back: the status stays and the old result stays.
  await page.waitForTimeout(3000);
  expect(await status()).toBe("Geannuleerd.");
  expect(await page.textContent("main")).not.toContain("1.600 m of meer");
});
