// The browser launcher lives in scripts/lib/browser.ts (shared with `npm run pdf`).
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchBrowser} from "../../scripts/lib/browser.js";
import {serveStatic, type StaticServer} from "./server.js";

export {CHROMIUM, launchBrowser} from "../../scripts/lib/browser.js";

/** The demo site that `npm run build` writes (the e2e stage builds it first). */
export const DIST = join(import.meta.dirname, "../../dist");

/**
 * One browser and one static server over a built site for the tests of a file: opened before
 * them, closed after. `build`, when given, builds the site first (an extra delivery's site);
 * without it the site must exist, and a missing one fails at once, naming the command.
 * @example const site = servedSite(); ... await site.browser.newPage(); page.goto(site.server.url)
 */
export function servedSite(dir = DIST, required = "index.html", build?: () => void): {readonly browser: Browser; readonly server: StaticServer} {
  const state = {} as {browser: Browser; server: StaticServer};
  beforeAll(async () => {
    build?.();
    if (!existsSync(join(dir, required))) throw new Error(`${join(dir, required)} is missing: run \`npm run build\` first`);
    state.browser = await launchBrowser();
    state.server = await serveStatic(dir);
  }, build ? 900_000 : undefined); // building a site on a shared 2-core machine takes minutes
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}
