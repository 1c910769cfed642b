// The smoke check is only worth something if it fails: each fixture page breaks one rule.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, test} from "vitest";
import type {Browser, BrowserContext} from "playwright-core";
import {releaseBrowser, workerBrowser} from "./browser.js";
import {serveStatic, type StaticServer} from "./server.js";
import {openSmokeTab, openWatched, problems, smokePage, watchQuiet} from "./smoke.js";
import {pdfPageTexts} from "./pdf-text.js";
import {printPdf} from "../../scripts/pdf.js";

let browser: Browser;
// The single-page checks open their tabs in one context (a tab each, as openSmokeTab does for a
// context it is given); the walk below opens a context of its own.
let context: BrowserContext;
let server: StaticServer;

beforeAll(async () => {
  browser = await workerBrowser();
  context = await browser.newContext();
  server = await serveStatic(join(import.meta.dirname, "fixtures/broken-site"));
});

afterAll(async () => {
  await releaseBrowser(browser);
  await server?.close();
});

// The checks wait on timeouts more than they work (a main chart that never comes, a page that never goes
// quiet), so they run side by side, each in its own tab; the walk and the print keep their order inside
// their own test. `expect` comes from each test's context, so a failure is reported by its own test.
const run = (name: string) => smokePage(context, `${server.url}${name}`, name, {timeout: 3000});

describe.concurrent("the smoke check", () => {
  test("a healthy page passes", async ({expect}) => {
    expect(problems(await run("healthy"))).toEqual([]);
  });

  test("a page that throws fails", async ({expect}) => {
    const result = await run("throws");
    expect(result.pageErrors.join()).toContain("deliberate failure in a page");
    expect(problems(result).length).toBeGreaterThan(0);
  });

  test("a console error fails", async ({expect}) => {
    expect((await run("console-error")).consoleErrors.join()).toContain("deliberate console error");
  });

  test("a request to a non-loopback host fails and is blocked", async ({expect}) => {
    expect((await run("external")).externalRequests).toEqual(["https://fonts.example.com/font.css"]);
    // The browser itself refuses it (launchBrowser's dead proxy), while the loopback page loads.
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    try {
      await page.goto(`${server.url}external`, {waitUntil: "load"});
      expect(await page.title()).toBe("external request");
      expect(failed).toEqual([`https://fonts.example.com/font.css net::ERR_PROXY_CONNECTION_FAILED`]);
    } finally {
      await page.close();
    }
  });

  test("a tab records only its own outside requests, not those of a tab open beside it in the same context", async ({expect}) => {
    const tab = await openSmokeTab(context);
    const beside = await context.newPage();
    const besideRequests: string[] = [];
    beside.on("request", (r) => besideRequests.push(r.url()));
    try {
      // The visit waits for its page to go quiet, so the outside request of the page loaded at the
      // same time in the other tab falls inside it.
      const [result, watched] = await Promise.all([
        tab.visit(`${server.url}healthy`, "healthy", {timeout: 3000}),
        openWatched(context, `${server.url}healthy`),
        beside.goto(`${server.url}external`, {waitUntil: "load"})
      ]);
      await watched.page.close();
      expect(besideRequests).toContain("https://fonts.example.com/font.css");
      expect(problems(result)).toEqual([]);
      expect(watched.problems).toEqual([]);
    } finally {
      await beside.close();
      await tab.close();
    }
  });

  test("a walk in one tab reports each page's own problems, not its neighbours'", async ({expect}) => {
    const tab = await openSmokeTab(browser);
    try {
      const walk = ["healthy", "throws", "healthy", "external", "console-error", "healthy", "late-error", "healthy"];
      const found: Record<string, string[]> = {};
      for (const [i, name] of walk.entries()) found[`${i} ${name}`] = problems(await tab.visit(`${server.url}${name}`, name, {timeout: 3000}));
      expect(Object.entries(found).filter(([, p]) => p.length).map(([page]) => page)).toEqual(["1 throws", "3 external", "4 console-error", "6 late-error"]);
      expect(found["3 external"]).toContain("external: request to a non-loopback host: https://fonts.example.com/font.css");
    } finally {
      await tab.close();
    }
  });

  test("a watched tab (openWatched) records the console error, the exception and the outside request of its page", async ({expect}) => {
    const found: string[] = [];
    for (const name of ["healthy", "console-error", "throws", "external"]) {
      const {page, problems: seen} = await openWatched(context, `${server.url}${name}`);
      await page.waitForTimeout(200);
      await page.close();
      found.push(...seen.map((p) => `${name}: ${p.split(":")[0]}`));
    }
    // The refused font request also logs a console error on its page.
    expect(found.sort()).toEqual(["console-error: console", "external: console", "external: request https", "throws: exception"]);
  });

  test("a CSP violation fails, named by its directive", async ({expect}) => {
    const result = await run("csp-violation");
    // The image and the empty icon, both data: URLs that img-src 'self' refuses.
    expect(result.cspViolations.map((v) => v.split(" ").slice(0, 2).join(" "))).toEqual(["img-src data", "img-src data"]);
    expect(problems(result)).toContain(`csp-violation: CSP violation: ${result.cspViolations[0]}`);
  });

  test("a Framework error cell fails", async ({expect}) => {
    expect((await run("error-cell")).errorCells.join()).toContain("x is not defined");
  });

  test("a page whose main chart did not render fails", async ({expect}) => {
    const result = await run("no-chart");
    expect(result.mainChart).toBe(false);
    expect(problems(result)).toEqual(["no-chart: main chart ([data-main-chart] svg) did not render"]);
  });

  test("a chart with an English month name fails, a Dutch one passes", async ({expect}) => {
    const result = await run("english-ticks");
    expect(result.englishLabels).toEqual(["Oct"]);
    expect(problems(result)).toEqual(["english-ticks: chart label in English: Oct"]);
  });

  test("a page that need not draw a main chart passes without one, and its errors still fail", async ({expect}) => {
    const cover = await smokePage(context, `${server.url}no-chart`, "no-chart", {timeout: 3000, awaitMainChart: false});
    expect(problems(cover)).toEqual([]);
    const broken = await smokePage(context, `${server.url}throws`, "throws", {timeout: 3000, awaitMainChart: false});
    expect(problems(broken).join()).toContain("deliberate failure in a page");
  });

  test("the wait for a quiet page holds while a cell is still drawing, so a late failure is caught", async ({expect}) => {
    // late-error.html changes its text every 100 ms for 1.5 s with no request, then throws: a wait for
    // network idle alone (500 ms without a request) plus a short pause would have passed it.
    const result = await run("late-error");
    expect(result.pageErrors.join()).toContain("deliberate late failure");
  });

  test("the quiet wait resolves at once on a still page, and gives up on one that never stops", async ({expect}) => {
    const page = await browser.newPage();
    try {
      const quiet = await watchQuiet(page);
      await page.goto(`${server.url}healthy`, {waitUntil: "load"});
      expect(await quiet({quiet: 200, timeout: 5000})).toBe(true);
      await page.goto(`${server.url}busy`, {waitUntil: "load"});
      const started = Date.now();
      expect(await quiet({quiet: 200, timeout: 1000})).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      await page.close();
    }
  });

  test("npm run pdf prints a page once its last cell has drawn, not when the network is idle", async ({expect}) => {
    // late-text.html redraws its text every 100 ms for 1.5 s with no request, then writes its last line.
    // The wait it had (network idle plus 500 ms) printed "stap 10" (checked by putting it back).
    const out = mkdtempSync(join(tmpdir(), "inbraaklab-pdf-"));
    try {
      const path = await printPdf({page: "late-text", dist: join(import.meta.dirname, "fixtures/broken-site"), out: join(out, "late-text.pdf")});
      expect(pdfPageTexts(readFileSync(path)).join("\n")).toContain("laatste regel getekend");
    } finally {
      rmSync(out, {recursive: true, force: true});
    }
  });
});
