/**
 * Screenshots of built pages at a desktop and a phone width, for looking at a change:
 * `npm run screenshots -- [dist] [outdir] page...` (pages as paths, e.g. waar gemeenten/enschede).
 * Full-page PNGs named <page>-<width>.png; waits for the main chart to draw.
 */
import {mkdirSync} from "node:fs";
import {join, resolve} from "node:path";
import {launchBrowser} from "./lib/browser.js";
import {serveStatic} from "./lib/static-server.js";

const [dist = "dist", out = "test/output/screenshots", ...pages] = process.argv.slice(2);
const WIDTHS = [1280, 390];

async function main(): Promise<void> {
  mkdirSync(out, {recursive: true});
  const server = await serveStatic(resolve(dist));
  const browser = await launchBrowser();
  try {
    for (const page of pages.length ? pages : ["waar"]) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({viewport: {width, height: 900}});
        const tab = await context.newPage();
        await tab.goto(server.url + page, {waitUntil: "load"});
        await tab.waitForSelector("[data-main-chart] svg", {timeout: 60_000}).catch(() => console.warn(`${page}: no main chart`));
        await tab.waitForTimeout(1500);
        const file = join(out, `${page.replace(/[/?=&]/g, "_")}-${width}.png`);
        await tab.screenshot({path: file, fullPage: true});
        console.log(`${file}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
