// Formula-safe downloads (issue 12, item 4): on a site built from a delivery whose werkwijze and
// woningtype carry spreadsheet formulas (test/e2e/sites.ts FORMULAS), every CSV download button of
// every page that has one is clicked, and no downloaded text cell starts with = + - @ tab or CR
// (OWASP CSV injection) unless it is a plain number; the formulas do reach the downloads, neutralised.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {servedSite} from "./browser.js";
import {buildSite, ROOT} from "./build.js";
import {FORMULAS, SITES, writeXssDelivery} from "./sites.js";
import {openSmokeTab, pagesOnePerRoute, problems} from "./smoke.js";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Built pages (without .html; one instance of a parameterised page) whose source has a download button. */
function pagesWithDownloads(site: string): string[] {
  const src = join(ROOT, "src");
  const source = (page: string): string => {
    const own = join(src, `${page}.md`);
    if (existsSync(own)) return own;
    const dir = join(src, dirname(page));
    return join(dir, readdirSync(dir).find((f) => /^\[\w+\]\.md$/.test(f))!);
  };
  return pagesOnePerRoute(site).filter((page) => readFileSync(source(page), "utf8").includes("DownloadButton("));
}

describe("CSV downloads of a delivery with formulas in its text", () => {
  const dir = join(ROOT, SITES.xss.output);
  const site = servedSite(dir, "index.html", () => {
    writeXssDelivery();
    buildSite(SITES.xss.output, SITES.xss.env);
  });

  test("every download on every page: no cell a spreadsheet would run", async () => {
    const pages = pagesWithDownloads(dir);
    expect(pages).toEqual(expect.arrayContaining(["wat", "wie", "gemeenten/index"]));
    const downloads: Record<string, string[][]> = {};
    const found: string[] = [];
    // Every download button the settled page has, clicked, each file read back.
    const clickDownloads = async (page: Page) => {
      const count = await page.locator("button.download").count();
      for (let i = 0; i < count; i++) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.download").nth(i).evaluate((b: HTMLButtonElement) => b.click())]);
        const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
        downloads[`${page.url()}: ${download.suggestedFilename()}`] = dsvFormat(";").parseRows(text);
      }
    };
    // One tab walks the pages with the smoke check of the other walks (openSmokeTab), so this site's
    // pages are also checked for errors, outside requests and CSP violations.
    const tab = await openSmokeTab(site.context);
    for (const path of pages) {
      const result = await tab.visit(`${site.server.url}${path.replace(/(^|\/)index$/, "$1")}`, `xss-${path}`, {inspect: clickDownloads});
      found.push(...problems(result));
    }
    await tab.close();
    expect(found).toEqual([]);
    // The downloads are among them, and the delivered formulas reached them (neutralised).
    const names = Object.keys(downloads);
    for (const file of ["wat-werkwijze.csv", "wat-woningtype.csv", "wie-woningtype.csv"]) expect(names.some((n) => n.endsWith(`: ${file}`))).toBe(true);
    const cells = Object.values(downloads).flat(2);
    for (const formula of [...FORMULAS, "@woning"]) expect(cells).toContain(`'${formula}`);
    const unsafe = Object.entries(downloads).flatMap(([name, rows]) =>
      rows.flatMap((row, r) => row.filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell)).map((cell) => `${name} row ${r + 1}: ${JSON.stringify(cell)}`))
    );
    expect(unsafe).toEqual([]);
    console.log(`csv-formulas: ${names.length} downloads on ${pages.length} pages`);
  });
});
