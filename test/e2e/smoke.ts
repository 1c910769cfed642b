/**
 * The smoke check of a built site: opens a page in headless Chromium and reports every console
 * error, uncaught exception, Framework error cell, CSP violation and request to a host other than
 * loopback, whether the page's main chart rendered, and chart labels in English (Plot's default
 * date format).
 */
import {existsSync, mkdirSync, readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import type {Browser, BrowserContext, Page, Request} from "playwright-core";
import {watchQuiet} from "../../scripts/lib/browser.js";

/** The site's page sources. */
const SRC = join(import.meta.dirname, "../../src");

export interface SmokeResult {
  page: string;
  consoleErrors: string[];
  pageErrors: string[];
  externalRequests: string[];
  errorCells: string[];
  mainChart: boolean;
  /** Text in charts with an English month or weekday name: an axis without a Dutch tickFormat. */
  englishLabels: string[];
  /** The page's Content-Security-Policy violations (directive, blocked URI, source and line). */
  cspViolations: string[];
}

/** English month and weekday names that Dutch never uses (Dutch: mrt, mei, okt, ma, di, ...). */
export const ENGLISH_DATE_WORD = /\b(Mar|May|Oct|March|June|July|August|October|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** Problems found on a page, as readable lines; empty when the page is healthy. */
export function problems(r: SmokeResult): string[] {
  return [
    ...r.consoleErrors.map((e) => `${r.page}: console error: ${e}`),
    ...r.pageErrors.map((e) => `${r.page}: uncaught exception: ${e}`),
    ...r.externalRequests.map((u) => `${r.page}: request to a non-loopback host: ${u}`),
    ...r.errorCells.map((e) => `${r.page}: Framework error cell: ${e}`),
    ...r.englishLabels.map((e) => `${r.page}: chart label in English: ${e}`),
    ...r.cspViolations.map((e) => `${r.page}: CSP violation: ${e}`),
    ...(r.mainChart ? [] : [`${r.page}: main chart ([data-main-chart] svg) did not render`])
  ];
}

/** Lists the pages of a built site as URL paths relative to its root ("index", "wanneer", ...). */
export function listPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (name.startsWith("_")) continue; // _observablehq, _npm, _file, _import
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html") && name !== "404.html") pages.push(relative(dir, path).slice(0, -".html".length));
    }
  };
  walk(dir);
  return pages.sort();
}

/** Folders of src/ that hold a parameterised page (`gemeenten` for src/gemeenten/[gemeente].md). */
export function parameterisedRoutes(src = SRC): string[] {
  const routes: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true})) {
      if (entry.name.startsWith(".")) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/^\[\w+\]\.md$/.test(entry.name)) routes.push(relative(src, d).split("\\").join("/"));
    }
  };
  walk(src);
  return routes.sort();
}

/**
 * The pages of a built site with one instance of each parameterised page (the one named `keep`,
 * else the first): what a walk of an extra site visits. The fourteen municipality reports run the
 * same page code on other figures, so dist/'s walk (publish.test.ts) visits them all and the walks
 * of the intern, theme and minimal sites one each (a municipality report costs 3-5 s per visit).
 */
export function pagesOnePerRoute(dir: string, keep = "enschede", src = SRC): string[] {
  const routes = parameterisedRoutes(src);
  const pages = listPages(dir);
  /** The parameterised route a built page is an instance of (no .md of its own), or undefined. */
  const routeOf = (page: string) => (existsSync(join(src, `${page}.md`)) ? undefined : routes.find((r) => page === `${r}/${page.split("/").pop()}`));
  const chosen = new Map<string, string>();
  for (const page of pages) {
    const route = routeOf(page);
    if (route && (!chosen.has(route) || page === `${route}/${keep}`)) chosen.set(route, page);
  }
  return pages.filter((page) => {
    const route = routeOf(page);
    return !route || chosen.get(route) === page;
  });
}

/**
 * Where the site walks put a full-page screenshot of each page: test/output/screenshots/ when
 * INBRAAKLAB_SCREENSHOTS=1, else nowhere. They cost about 15% of a walk (146 s against 127 s for
 * dist/'s 38 pages, measured side by side); `npm run screenshots` takes them on demand.
 */
export function screenshotDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.INBRAAKLAB_SCREENSHOTS === "1" ? join(SRC, "../test/output/screenshots") : undefined;
}

export function isLoopback(url: string): boolean {
  const {protocol, hostname} = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]" || /^127\./.test(hostname);
}

// The wait for a quiet page lives with the browser launcher: `npm run pdf` uses it too.
export {watchQuiet};

export interface SmokeOptions {
  /** Folder for a full-page screenshot (`<page>.png`), or none. */
  screenshots?: string;
  /** How long to wait for the main chart. */
  timeout?: number;
  /** Runs on the loaded page before the result is taken (e.g. to change filters). */
  interact?: (page: Page) => Promise<void>;
  /** Runs once the page has settled (network idle), e.g. to read its text in the same visit. */
  inspect?: (page: Page) => Promise<void>;
  /**
   * Whether the page must draw a main chart (default true): waited for, then required. False for a
   * page without one (an edition's cover), which would otherwise wait out the whole timeout; its
   * `mainChart` is then true (nothing required).
   */
  awaitMainChart?: boolean;
}

/** The window size of a walk's tab. */
const VIEWPORT = {width: 1280, height: 900};

/** A tab that visits the pages of a walk one after another; see {@link openSmokeTab}. */
export interface SmokeTab {
  /** Opens `url` in the tab and reports what a reader would hit; never throws for page problems. */
  visit(url: string, name: string, options?: SmokeOptions): Promise<SmokeResult>;
  close(): Promise<void>;
}

/**
 * Opens one tab for a walk through a site: each visit navigates that tab to the next page, as a
 * reader following the site's links does, and reports only what happened during that visit (each
 * page is a new document). Walking in one tab cost about 30% less CPU per page than a fresh context
 * for each page (16 visits of dist/: 38.9 CPU-s against 54.5): the renderer process and the modules
 * it compiled stay (docs/performance.md). Given a browser, the tab gets a context of its own (closed
 * with the tab); given a context, the tab opens in it and shares its HTTP cache with the file's
 * other pages, and closing the tab leaves the context open.
 */
export async function openSmokeTab(from: Browser | BrowserContext): Promise<SmokeTab> {
  const owned = "newContext" in from;
  const context = owned ? await from.newContext({viewport: VIEWPORT}) : from;
  /** The result of the visit under way; events between visits belong to no page. */
  let current: SmokeResult | undefined;
  const page = await context.newPage();
  // The browser refuses every non-loopback request (launchBrowser's dead proxy); each one is
  // recorded here, from the page and from its workers alike (Playwright reports a dedicated
  // worker's requests on its page). Not from the context: a tab open beside this one in the same
  // context would have its requests counted here.
  page.on("request", (request: Request) => {
    const requested = request.url();
    if (current && !isLoopback(requested) && !current.externalRequests.includes(requested)) current.externalRequests.push(requested);
  });
  if (!owned) await page.setViewportSize(VIEWPORT);
  const quiet = await watchQuiet(page);
  // Every document records its CSP violations from the first script on (the served site's policy,
  // as a header or its meta tag).
  await page.addInitScript(() => {
    const w = window as unknown as {__csp: string[]};
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on("console", (message) => {
    if (current && message.type() === "error") current.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => current?.pageErrors.push(String(error.message ?? error)));
  const visit = async (url: string, name: string, {screenshots, timeout = 30_000, interact, inspect, awaitMainChart = true}: SmokeOptions = {}) => {
    const result: SmokeResult = (current = {page: name, consoleErrors: [], pageErrors: [], externalRequests: [], errorCells: [], mainChart: false, englishLabels: [], cspViolations: []});
    try {
      await page.goto(url, {waitUntil: "load", timeout});
      if (awaitMainChart) {
        await page.waitForSelector("[data-main-chart] svg", {timeout}).then(
          () => (result.mainChart = true),
          () => (result.mainChart = false)
        );
      }
      if (interact) await interact(page);
      // Let pending cells settle (DuckDB queries, resize observers).
      await quiet({timeout});
      if (inspect) await inspect(page);
      result.errorCells = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent ?? ""));
      result.mainChart = awaitMainChart ? result.mainChart && (await page.$("[data-main-chart] svg")) !== null : true;
      const chartTexts = await page.$$eval("svg text", (nodes) => nodes.map((n) => n.textContent ?? ""));
      result.englishLabels = [...new Set(chartTexts.filter((t) => ENGLISH_DATE_WORD.test(t)))];
      result.cspViolations = await page.evaluate(() => (window as unknown as {__csp?: string[]}).__csp ?? []);
      if (screenshots) {
        mkdirSync(screenshots, {recursive: true});
        await page.screenshot({path: join(screenshots, `${name.replace(/\//g, "__")}.png`), fullPage: true});
      }
    } catch (error) {
      result.pageErrors.push(`visit failed (navigation, wait or check): ${(error as Error).message}`);
    } finally {
      current = undefined;
    }
    return result;
  };
  const close = async () => {
    await (owned ? context.close() : page.close());
  };
  return {visit, close};
}

/**
 * Opens `url` in a tab of its own (in a context of its own, or in the given one) and reports what a
 * reader would hit; never throws for page problems.
 */
export async function smokePage(from: Browser | BrowserContext, url: string, name: string, options: SmokeOptions = {}): Promise<SmokeResult> {
  const tab = await openSmokeTab(from);
  try {
    return await tab.visit(url, name, options);
  } finally {
    await tab.close();
  }
}

/**
 * Opens `url` in a new tab of `context` (at the walks' window size) once its main chart is drawn, for
 * a test that goes on to use the page; records what a reader would hit: outside requests of the
 * page and its workers, console errors, uncaught exceptions, and dialogs (each dismissed).
 */
export async function openWatched(context: BrowserContext, url: string): Promise<{page: Page; problems: string[]; dialogs: string[]}> {
  const problems: string[] = [];
  const dialogs: string[] = [];
  const page = await context.newPage();
  page.on("request", (r: Request) => isLoopback(r.url()) || problems.push(`request ${r.url()}`));
  await page.setViewportSize(VIEWPORT);
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));
  await page.goto(url, {waitUntil: "load"});
  await page.waitForSelector("[data-main-chart] svg", {timeout: 30_000});
  return {page, problems, dialogs};
}
