// Maps with orientation on Waar: the search box finds a municipality ("Hengelo" zooms the page to
// GM0164, its squares clipped to it) and a postcode (selected in the filter and first in the PC4
// table); the maps carry names and one tip each (a hot-spot square and its class, an area and its
// figure); a click on a municipality zooms to it.
import {describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {DIST, servedSite} from "./browser.js";
import {openWatched} from "./smoke.js";

const site = servedSite(DIST, "index.html");

/** A new tab on Waar, watched for problems (openWatched in smoke.ts). */
const open = () => openWatched(site.context, site.server.url + "waar");

/** Runs `check` on a fresh Waar page, then asserts no error cell and no console error. */
async function onWaar(check: (page: Page) => Promise<void>): Promise<void> {
  const {page, problems} = await open();
  try {
    await check(page);
    expect(await errorCells(page)).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
}

const search = async (page: Page, text: string) => {
  await page.fill("[data-place-search] input[name=plaats]", text);
  await page.press("[data-place-search] input[name=plaats]", "Enter");
};
const mainLabels = (page: Page) => page.$$eval("[data-main-chart] svg text", (t) => t.map((x) => x.textContent ?? ""));
const errorCells = (page: Page) => page.$$eval(".observablehq--error", (n) => n.map((x) => x.textContent ?? ""));

describe("Waar: maps with orientation", () => {
  test("the region map names municipalities; searching Hengelo zooms to GM0164, clipped to it", async () => {
    await onWaar(async (page) => {
      const labels = await mainLabels(page);
      expect(labels).toContain("Enschede");
      await search(page, "Hengelo");
      await page.waitForFunction(() => location.search.includes("gemeente=GM0164"));
      expect(await page.$eval("select[name=gemeente]", (s) => (s as HTMLSelectElement).value)).toBe("GM0164");
      await page.waitForFunction(() => !document.querySelector("[data-main-chart] svg:last-of-type")?.textContent?.includes("Enschede"));
      // The squares are clipped to the municipality's outline (a clip path with a path, not the frame).
      const clip = await page.$$eval("[data-main-chart] svg g[clip-path]", (gs) => gs.map((g) => {
        const id = g.getAttribute("clip-path")!.slice(5, -1);
        return document.getElementById(id)?.firstElementChild?.tagName ?? "";
      }));
      expect(clip).toContain("path");
      expect(await page.textContent("[data-place-search]")).toContain("Gekozen: Hengelo (gemeente)");
    });
  });

  test("a postcode from the list selects it: its municipality is chosen and it heads the PC4 table", async () => {
    await onWaar(async (page) => {
      const options = await page.$$eval("[data-place-search] datalist option", (o) => o.map((x) => (x as HTMLOptionElement).value));
      const postcode = options.find((o) => o.endsWith("(postcode)"));
      expect(postcode).toBeDefined();
      const code = postcode!.slice(0, 4);
      await search(page, code);
      await page.waitForFunction(() => /gemeente=GM\d{4}/.test(location.search));
      await page.waitForFunction((c) => [...document.querySelectorAll("table")].some((t) => t.querySelector("tbody tr td:nth-child(2)")?.textContent === c), code);
      expect(await page.textContent("[data-place-search]")).toContain(`Gekozen: ${code} (postcode)`);
    });
  });

  test("one tip names a hot-spot square and its class, one an area; a click on a municipality's name zooms to it", async () => {
    await onWaar(async (page) => {
      // The hot-spot map (its legend names the classes) shows one tip on hover, as the grid map does.
      const map = page.locator("figure", {hasText: "hot spot (FDR"});
      await map.locator("svg g[aria-label=rect] rect").first().hover({force: true});
      const tip = map.locator("svg g[aria-label=tip]", {hasText: "Klasse"}).first();
      await tip.waitFor({timeout: 10_000});
      expect(await tip.textContent()).toMatch(/Vak.*E\d{4}N\d{4}.*Klasse/s);
      // One tip, not one from the shown squares and another from the hidden ones.
      expect(await map.locator("svg g[aria-label=tip]").evaluateAll((gs) => gs.filter((g) => g.textContent).length)).toBe(1);
      expect(await page.$$eval("figure svg title", (t) => t.length), "no <title> per square").toBe(0);
      // The area map's one tip names the area under the pointer (at the point where its name stands).
      const areas = page.locator("figure:has(g[aria-label=geo])").last();
      await areas.scrollIntoViewIfNeeded();
      const name = (await areas.locator("svg text", {hasText: /^Tubbergen$/}).first().boundingBox())!;
      await page.mouse.move(name.x + name.width / 2, name.y + name.height / 2 + 12);
      const areaTip = areas.locator("svg g[aria-label=tip]", {hasText: "Gebied"});
      await areaTip.first().waitFor({timeout: 10_000});
      expect(await areaTip.first().textContent()).toMatch(/Gebied.*Tubbergen.*Code.*GM0183/s);
      expect(await areas.locator("svg g[aria-label=tip]").evaluateAll((gs) => gs.filter((g) => g.textContent).length)).toBe(1);
      const label = page.locator("[data-main-chart] svg text", {hasText: /^Enschede$/});
      await label.first().click({force: true});
      await page.waitForFunction(() => location.search.includes("gemeente=GM0153"));
    });
  });
});
