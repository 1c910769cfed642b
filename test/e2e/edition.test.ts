// A municipality's edition (`npm run report -- --gemeente <naam>`, loaders/site/edition.ts), built
// on the minimal police-format delivery (dates and PC4 only): only its pages, no DuckDB-wasm, a few
// MB, every link resolves (in the HTML and in what the pages draw), the report shows the CSV's own
// figures and says in Dutch what this delivery cannot give.
import {execFileSync} from "node:child_process";
import {cpSync, existsSync, readFileSync, rmSync, statSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {expect, test} from "vitest";
import type {Page} from "playwright-core";
import {servedSite} from "./browser.js";
import {copyProject, ROOT} from "./build.js";
import {openSmokeTab, problems} from "./smoke.js";
import {htmlFiles} from "../../loaders/site/harden.js";
import {filesUnder} from "../../scripts/edition.js";

const OUTPUT = "dist-edition";
const dir = join(ROOT, OUTPUT);
const DELIVERY = "test/fixtures/minimal-delivery";
/** The bound on the edition's size: measured 2.5 MB on this delivery (the whole demo site: about 90 MB). */
const MAX_BYTES = 5e6;
const PAGES = ["datakwaliteit", "gemeenten/enschede", "index", "overzicht", "verantwoording", "vergelijken", "waar", "wanneer"];

/** Builds the edition in a copy of the project (builds in one tree share Framework's cache). */
function buildEdition(): void {
  const copy = copyProject("inbraaklab-edition-");
  try {
    execFileSync("npm", ["run", "report", "--", "--gemeente", "Enschede", "--data", DELIVERY, "--out", OUTPUT], {cwd: copy, stdio: "pipe", maxBuffer: 256 * 1024 * 1024});
    rmSync(dir, {recursive: true, force: true});
    cpSync(join(copy, OUTPUT), dir, {recursive: true});
  } finally {
    rmSync(copy, {recursive: true, force: true});
  }
}

const site = servedSite(dir, "gemeenten/enschede.html", buildEdition);

test("the edition holds the report, the pages it links to for a council, and no DuckDB-wasm, within a few MB", () => {
  const files = filesUnder(dir);
  const pages = files.filter((f) => f.endsWith(".html") && !f.startsWith("_")).map((f) => f.slice(0, -5)).sort();
  expect(pages).toEqual(PAGES);
  expect(files.filter((f) => /duckdb/i.test(f))).toEqual([]);
  const bytes = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  expect(bytes).toBeLessThan(MAX_BYTES);
  console.log(`edition: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
});

test("every local link and asset in the HTML resolves to a file of the edition", () => {
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, "utf8");
    for (const [, url] of html.matchAll(/\s(?:href|src)="([^"#?]+)[^"]*"/g)) {
      if (/^(https?:|data:|blob:|mailto:)/.test(url)) continue;
      const target = resolve(dirname(file), url);
      expect(existsSync(target) && statSync(target).isFile(), `${file}: ${url}`).toBe(true);
    }
  }
});

test("every page renders cleanly, and every link it draws (sidebar, pager, text) stays in the edition", async () => {
  const tab = await openSmokeTab(site.context);
  for (const name of PAGES) {
    // One visit per page, opened on the municipality as the cover's links open it. The cover has no
    // main chart (waiting for one cost the 30 s timeout); every other page has.
    let links: string[] = [];
    let sidebar = 0;
    const inspect = async (page: Page) => {
      links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      sidebar = await page.$$eval("#observablehq-sidebar a", (as) => as.length);
    };
    const result = await tab.visit(`${site.server.url}${name}.html?gemeente=GM0153`, `edition-${name}`, {awaitMainChart: name !== "index", inspect});
    expect(problems(result)).toEqual([]);
    expect(links.length, name).toBeGreaterThan(PAGES.length - 1);
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== new URL(site.server.url).origin || url.protocol === "blob:") continue;
      const path = decodeURIComponent(url.pathname.replace(/^\//, ""));
      const file = join(dir, path.endsWith("/") || path === "" ? `${path}index.html` : path);
      expect(existsSync(file) && statSync(file).isFile(), `${name}: ${href}`).toBe(true);
    }
    // The sidebar lists the edition's pages only.
    expect(sidebar, name).toBe(PAGES.length);
  }
  await tab.close();
});

test("the report shows Enschede's figures from the CSV, and says why the map, the hours and the goals are missing", async () => {
  const rows = readFileSync(join(ROOT, DELIVERY, "inbraken.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(";"));
  const page = await site.page();
  try {
    await page.goto(`${site.server.url}gemeenten/enschede.html`, {waitUntil: "load"});
    await page.waitForSelector("[data-main-chart] svg");
    expect(await page.textContent("h1")).toBe("Enschede");
    const card = page.locator(".kpi-grid .card").first();
    const year = /(\d{4})/.exec((await card.locator("h2").textContent())!)![1];
    const want = rows.filter((r) => r[3] === "GM0153" && r[2].slice(6, 10) === year).length;
    expect(want).toBeGreaterThan(5);
    expect(await card.locator(".big").textContent()).toBe(want.toLocaleString("nl-NL"));
    // The season is drawn from the dates; there are no district outlines, times or goals.
    await page.waitForSelector("[data-season] svg");
    expect(await page.textContent("[data-reason=wijkkaart]")).toContain("Geen wijkkaart");
    expect(await page.textContent("[data-reason=weekprofiel]")).toContain("geen tijdstippen");
    expect(await page.textContent("[data-reason=doelen]")).toContain("doelen.csv ontbreekt");
    // The cover opens every page on the municipality, and the view travels on along the pager.
    await page.goto(`${site.server.url}index.html`, {waitUntil: "load"});
    const report = page.locator("[data-edition-pages] a").first();
    expect(await report.textContent()).toBe("Gemeenterapport Enschede");
    await report.click();
    await page.waitForURL(/gemeenten\/enschede\.html\?gemeente=GM0153$/);
    await page.locator("#observablehq-footer a[rel=next]").click();
    await page.waitForURL(/overzicht\.html\?gemeente=GM0153$/);
    await page.waitForSelector("[data-main-chart] svg");
    // The sidebar from the cover, whose own address names no municipality: the edition's is the default.
    await page.goto(`${site.server.url}index.html`, {waitUntil: "load"});
    await page.locator('#observablehq-sidebar a[href$="overzicht.html"]').click();
    await page.waitForURL(/overzicht\.html\?gemeente=GM0153$/);
  } finally {
    await page.close();
  }
});
