// Hardened publishing: the built dist/ works from a sub-path of a plain static server (no clean
// URLs) with the CSP as a header too; no page breaks the policy; injected inline code is blocked;
// the per-municipality reports show the published figures; a page prints to PDF with its cover.
import {existsSync, mkdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {releaseBrowser, workerBrowser} from "./browser.js";
import {serveStatic, type StaticServer} from "./server.js";
import {listPages, openSmokeTab, problems, screenshotDir, type SmokeTab} from "./smoke.js";
import {htmlFiles} from "../../loaders/site/harden.js";
import {inlineHandlers, inlineScripts, scriptHash} from "../../loaders/site/csp.js";
import {readPublished} from "../../loaders/pipeline/run.js";
import {printPdf} from "../../scripts/pdf.js";

const DIST = join(import.meta.dirname, "../../dist");
const OUTPUT = join(import.meta.dirname, "../output");

let browser: Browser;
// One context for the file: its tabs share the HTTP cache (the walk loads each library once, and the
// later tests' pages come from that cache).
let context: BrowserContext;
let server: StaticServer;

beforeAll(async () => {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run `npm run build` first");
  browser = await workerBrowser();
  context = await browser.newContext();
  const policy = readFileSync(join(DIST, "_deploy", "csp-header.txt"), "utf8").trim();
  server = await serveStatic(DIST, {base: "/a/b/", cleanUrls: false, headers: {"content-security-policy": policy}});
});

afterAll(async () => {
  await releaseBrowser(browser);
  await server?.close();
});

/**
 * Words a reader of a public page should never meet: finding ids (knox.near_repeat), source files
 * (season.ts), unit codes, developer commands, and Inputs.table's English "No results." (style.css
 * paints Dutch over it, but it stays in the page's text).
 */
const DEVELOPER_WORDS = /\b(knox|factor|season|repeat|forecast|measure)\.[a-z_]+|irr per sd|berekend in DuckDB|npm run|No results\./g;

/** Opens a page recording CSP violation events from the first script on. */
async function openWithViolations(url: string): Promise<{page: Page; violations: () => Promise<string[]>}> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as {__csp: string[]}).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as {__csp: string[]}).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(url, {waitUntil: "load"});
  await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
  return {page, violations: () => page.evaluate(() => (window as unknown as {__csp: string[]}).__csp)};
}

describe("built HTML", () => {
  const files = existsSync(DIST) ? htmlFiles(DIST) : [];
  test("every page carries a CSP meta tag that allows exactly its own inline scripts", () => {
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const html = readFileSync(file, "utf8");
      const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
      expect(meta, file).toHaveLength(1);
      const policy = meta[0];
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const scripts = inlineScripts(html);
      expect(scripts.length, file).toBeGreaterThan(0);
      for (const s of scripts) expect(policy, file).toContain(scriptHash(s));
      // The meta tag comes before the first inline script.
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
    }
  });
  test("no page has an inline event handler attribute", () => {
    for (const file of files) expect(inlineHandlers(readFileSync(file, "utf8")), file).toEqual([]);
  });
  test("every local link and asset resolves to a file of dist/ (relative links, explicit .html)", () => {
    for (const file of files) {
      const html = readFileSync(file, "utf8");
      for (const [, url] of html.matchAll(/\s(?:href|src)="([^"#?]+)[^"]*"/g)) {
        if (/^(https?:|data:|blob:|mailto:)/.test(url)) continue;
        expect(url.startsWith("/"), `${file}: absolute link ${url}`).toBe(false);
        const target = resolve(dirname(file), url);
        expect(existsSync(target) && statSync(target).isFile(), `${file}: ${url}`).toBe(true);
      }
    }
  });
});

describe("served under /a/b/ by a plain static server with the CSP header", () => {
  const pages = existsSync(DIST) ? listPages(DIST) : [];
  // One tab walks every page, as a reader following links does (openSmokeTab).
  let tab: SmokeTab;
  beforeAll(async () => {
    tab = await openSmokeTab(context);
  });
  afterAll(async () => tab?.close());
  /** Each page's main text as the walk saw it, for the wording test after the walk. */
  const texts = new Map<string, string>();
  // Each visit also fails on a CSP violation under the header (smoke.ts records them on every page),
  // which covers the DuckDB worker on Verkennen, the fonts and Plot's styles.
  for (const name of pages) {
    test(`page ${name} renders cleanly`, async () => {
      let sqlRows = 0;
      const inspect = async (page: Page) => {
        texts.set(name, await page.innerText("main"));
        if (name === "verkennen") sqlRows = await page.locator("[data-sql-result] table tbody tr").count();
      };
      const result = await tab.visit(`${server.url}${name}.html`, name, {screenshots: screenshotDir(), inspect});
      expect(problems(result)).toEqual([]);
      if (name === "verkennen") expect(sqlRows, "DuckDB-wasm ran the example query").toBeGreaterThan(0);
    });
  }

  test("every page speaks to readers: no finding ids, source files, unit codes or developer commands", async () => {
    // The walk's texts; a page it did not visit (a run filtered to this test) is read here.
    const missing = pages.filter((name) => !texts.has(name));
    if (missing.length) {
      const page = await context.newPage();
      try {
        for (const name of missing) {
          await page.goto(`${server.url}${name}.html`, {waitUntil: "load"});
          await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
          await page.waitForTimeout(500);
          texts.set(name, await page.innerText("main"));
        }
      } finally {
        await page.close();
      }
    }
    const found = pages.flatMap((name) => [...texts.get(name)!.matchAll(DEVELOPER_WORDS)].map((m) => `${name}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  test("an injected inline script and an inline event handler are blocked", async () => {
    const {page, violations} = await openWithViolations(`${server.url}index.html`);
    try {
      await page.evaluate(() => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true;";
        document.head.append(s);
        const b = document.createElement("button");
        b.id = "evil";
        b.setAttribute("onclick", "window.__clicked = true;");
        document.body.append(b);
      });
      await page.dispatchEvent("#evil", "click");
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as {__injected?: boolean}).__injected)).toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as {__clicked?: boolean}).__clicked)).toBeUndefined();
      const seen = await violations();
      expect(seen.some((v) => v.startsWith("script-src-elem"))).toBe(true);
      expect(seen.some((v) => v.startsWith("script-src-attr"))).toBe(true);
    } finally {
      await page.close();
    }
  });

  test("the pager walks from the start page to the next page in narrative order", async () => {
    const page = await context.newPage();
    try {
      await page.goto(server.url, {waitUntil: "load"});
      const next = page.locator("#observablehq-footer a[rel=next]");
      expect(await next.textContent()).toContain("Overzicht");
      await next.click();
      await page.waitForURL(/\/a\/b\/overzicht\.html$/);
      await page.waitForSelector("[data-main-chart] svg");
      expect(await page.$(".what-to-look-at")).not.toBeNull();
    } finally {
      await page.close();
    }
  });

  test("a municipality report shows that municipality's published figures beside the region's", async () => {
    const yearly = (await readPublished("counts_year")).toArray().filter((r) => r.area_code === "GM0153" && r.soort === "totaal");
    const latest = Math.max(...yearly.map((r) => r.year as number));
    const count = yearly.find((r) => r.year === latest)!.count as number | null;
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}gemeenten/enschede.html`, {waitUntil: "load"});
      await page.waitForSelector("[data-main-chart] svg");
      expect(await page.textContent("h1")).toBe("Enschede");
      const card = page.locator(".kpi-grid .card").first();
      expect(await card.locator("h2").textContent()).toContain(String(latest));
      expect(await card.locator(".big").textContent()).toBe(count === null ? expect.stringMatching(/^≥/) : count.toLocaleString("nl-NL"));
      const legend = await page.locator("[data-main-chart]").textContent();
      expect(legend).toContain("Regio");
      expect(await page.$$eval("table tbody tr", (rows) => rows.length)).toBeGreaterThan(3);
    } finally {
      await page.close();
    }
  });
});

describe("print", () => {
  test("a page prints to a PDF, and in print the cover line shows and the sidebar does not", async () => {
    mkdirSync(OUTPUT, {recursive: true});
    const path = await printPdf({page: "gemeenten/enschede", dist: DIST, out: join(OUTPUT, "gemeente-enschede.pdf")});
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThanOrEqual(1);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}gemeenten/enschede.html`, {waitUntil: "load"});
      await page.waitForSelector("[data-main-chart] svg");
      expect(await page.isVisible(".print-cover")).toBe(false);
      await page.emulateMedia({media: "print"});
      expect(await page.isVisible(".print-cover")).toBe(true);
      expect(await page.isVisible("#observablehq-sidebar")).toBe(false);
      const cover = await page.textContent(".print-cover");
      expect(cover).toMatch(/Levering van \d+ \w+ \d{4}/);
      expect(cover).toContain("Bronnen: Politie");
      expect(cover).toContain("Privacyregel");
    } finally {
      await page.close();
    }
  });
  test("printPdf rejects a page that is not in the site", async () => {
    await expect(printPdf({page: "bestaat-niet", dist: DIST})).rejects.toThrow("invalid page: bestaat-niet");
    await expect(printPdf({page: "../etc/passwd", dist: DIST})).rejects.toThrow("invalid page");
  });
});
