// The browser launcher lives in scripts/lib/browser.ts (shared with `npm run pdf`).
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchBrowser} from "../../scripts/lib/browser.js";
import {serveStatic, type StaticServer} from "./server.js";

export {CHROMIUM, launchBrowser} from "../../scripts/lib/browser.js";

let shared: Promise<Browser> | undefined;

/**
 * The browser of this test worker: launched by the first file that asks, and used by the files after
 * it in the same worker (the e2e project shares modules within a worker, `isolate: false`), which
 * saves about 1.9 CPU-s per file that would launch its own (docs/performance.md). A file gets its
 * own browser contexts (cookies, storage, HTTP cache); {@link releaseBrowser} closes them when the
 * file ends. Playwright closes the browser when the worker's process exits. A browser that crashed is
 * replaced by a new one.
 */
export function workerBrowser(): Promise<Browser> {
  shared = shared?.then((b) => (b.isConnected() ? b : launchBrowser())) ?? launchBrowser();
  return shared;
}

/**
 * Ends a file's use of {@link workerBrowser}: closes every context it opened (with their tabs, also
 * those of `browser.newPage()`), so the next file in the worker starts with none. Files in a worker
 * run one after another, so no other file's context is open.
 */
export async function releaseBrowser(browser: Browser | undefined): Promise<void> {
  await Promise.all(browser?.contexts().map((c) => c.close()) ?? []);
}

/** The demo site that `npm run build` writes (the e2e stage builds it first). */
export const DIST = join(import.meta.dirname, "../../dist");

/** A built site served for the tests of one file; see {@link servedSite}. */
export interface ServedSite {
  readonly browser: Browser;
  readonly server: StaticServer;
  /**
   * The file's browser context: its tabs share one HTTP cache, as a reader's tabs do, so a page after
   * the first takes DuckDB-wasm, Plot and the data from the cache (the server sends the caching
   * headers of docs/deployment.md). A test that needs other context options opens its own.
   */
  readonly context: BrowserContext;
  /** A new tab in {@link context}, at `viewport` (default 1280 x 720, Playwright's). */
  page(viewport?: {width: number; height: number}): Promise<Page>;
}

/**
 * The worker's browser ({@link workerBrowser}), one browser context and one static server over a
 * built site for the tests of a file: opened before them, closed after. `build`, when given, builds
 * the site first (an extra delivery's site); without it the site must exist, and a missing one fails
 * at once, naming the command.
 * @example const site = servedSite(); ... const page = await site.page(); page.goto(site.server.url)
 */
export function servedSite(dir = DIST, required = "index.html", build?: () => void): ServedSite {
  const state = {} as {browser: Browser; server: StaticServer; context: BrowserContext};
  beforeAll(async () => {
    build?.();
    if (!existsSync(join(dir, required))) throw new Error(`${join(dir, required)} is missing: run \`npm run build\` first`);
    state.browser = await workerBrowser();
    state.context = await state.browser.newContext();
    state.server = await serveStatic(dir);
  }, build ? 900_000 : undefined); // building a site on a shared 2-core machine takes minutes
  afterAll(async () => {
    await releaseBrowser(state.browser);
    await state.server?.close();
  });
  return {
    get browser() {
      return state.browser;
    },
    get server() {
      return state.server;
    },
    get context() {
      return state.context;
    },
    async page(viewport) {
      const page = await state.context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    }
  };
}
