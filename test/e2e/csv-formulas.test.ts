// Formula-safe downloads (issue 12, item 4): on a site built from a delivery whose werkwijze and
// woningtype carry spreadsheet formulas (test/e2e/sites.ts FORMULAS), every CSV download button of
// every page that has one is clicked, and no downloaded text cell starts with = + - @ tab or CR
// (OWASP CSV injection) unless it is a plain number; the formulas do reach the downloads, neutralised.
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {dsvFormat} from "d3-dsv";
import {describe, expect, test} from "vitest";
import {servedSite} from "./browser.js";
import {buildSite, ROOT} from "./build.js";
import {FORMULAS, SITES, writeXssDelivery} from "./sites.js";
import {isLoopback} from "./smoke.js";

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Page paths (without .html) whose source has a download button; a parameterised page by its built files. */
function pagesWithDownloads(site: string): string[] {
  const src = join(ROOT, "src");
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md") && readFileSync(path, "utf8").includes("DownloadButton(")) pages.push(relative(src, path).replace(/\.md$/, ""));
    }
  };
  walk(src);
  return pages.flatMap((page) => {
    const param = page.match(/^(.*)\/\[\w+\]$/);
    if (!param) return [page];
    // One built instance of a parameterised page (gemeenten/[gemeente] -> gemeenten/enschede).
    const built = readdirSync(join(site, param[1])).filter((f) => f.endsWith(".html") && f !== "index.html");
    return built.slice(0, 1).map((f) => `${param[1]}/${f.replace(/\.html$/, "")}`);
  });
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
    const problems: string[] = [];
    for (const path of pages) {
      const context = await site.browser.newContext({acceptDownloads: true});
      await context.route("**/*", (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
      try {
        await page.goto(`${site.server.url}${path.replace(/(^|\/)index$/, "$1")}`, {waitUntil: "networkidle"});
        await page.waitForTimeout(1000);
        const count = await page.locator("button.download").count();
        for (let i = 0; i < count; i++) {
          const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.download").nth(i).evaluate((b: HTMLButtonElement) => b.click())]);
          const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
          downloads[`${path}: ${download.suggestedFilename()}`] = dsvFormat(";").parseRows(text);
        }
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
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
