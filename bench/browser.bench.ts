/**
 * Browser benchmark (issue 4): with a 1,000,000-incident demo delivery the pages stay interactive.
 * Builds the site on the default demo delivery and on a 1M-incident one, side by side in the same
 * run, and measures in headless Chromium per page: time to first chart, filter change to redrawn
 * chart (median of 20 changes), and the bytes of data files transferred. Prints ratios 1M / default.
 *
 * Usage: npx tsx bench/browser.bench.ts [--incidents 1000000] [--changes 20] [--pages index,overzicht] [--reuse]
 */
import {existsSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {writeDemoDelivery} from "../loaders/demo/generate.js";
import {launchBrowser} from "../test/e2e/browser.js";
import {buildSite, ROOT} from "../test/e2e/build.js";
import {serveStatic} from "../test/e2e/server.js";
import {listPages} from "../test/e2e/smoke.js";
import {timeRedraw} from "./lib/redraw.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const INCIDENTS = Number(option("incidents", "1000000"));
const CHANGES = Number(option("changes", "20"));

export interface PageTiming {
  page: string;
  firstChartMs: number;
  redrawMedianMs: number | null;
  dataBytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** Measures one page: first chart, redraw after filter changes, data bytes transferred. */
async function measure(browser: Browser, url: string, page: string): Promise<PageTiming> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const tab = await context.newPage();
  let dataBytes = 0;
  // Bodies are read asynchronously: every read is awaited before the tab closes, or a late large
  // file would be lost from the count.
  const reads: Promise<void>[] = [];
  tab.on("response", (response) => {
    if (!/\/_file\//.test(response.url())) return;
    reads.push(response.body().then((body) => {
      dataBytes += body.length;
    }, () => {
      // a response without a body (redirect, aborted) transfers nothing
    }));
  });
  const start = Date.now();
  await tab.goto(url, {waitUntil: "commit"});
  await tab.waitForSelector("[data-main-chart] svg", {timeout: 120_000});
  const firstChartMs = Date.now() - start;
  await tab.waitForLoadState("networkidle");
  // The page-wide filter bar, or else the page's first select input.
  const select = (await tab.$("form[data-filters] select[name=gemeente]")) ?? (await tab.$("form select"));
  const redraws: number[] = [];
  if (select) {
    const options = await select.$$eval("option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    let next = 0;
    for (let i = 0; i < CHANGES && options.length > 1; i++) {
      const current = await select.inputValue();
      let value = options[next++ % options.length];
      if (value === current) value = options[next++ % options.length];
      redraws.push(await timeRedraw(tab, select, value));
    }
  }
  await tab.waitForLoadState("networkidle");
  await Promise.all(reads);
  await context.close();
  return {page, firstChartMs, redrawMedianMs: redraws.length ? median(redraws) : null, dataBytes};
}

/** Measures every page on both sites, alternating per page so that machine noise hits both alike. */
async function measureSites(dirs: [string, string], pages: string[]): Promise<[PageTiming[], PageTiming[]]> {
  const servers = await Promise.all(dirs.map((dir) => serveStatic(dir)));
  const browser = await launchBrowser();
  const out: [PageTiming[], PageTiming[]] = [[], []];
  try {
    for (const page of pages) {
      for (const [i, server] of servers.entries()) {
        const url = server.url + (page === "index" ? "" : page);
        // Warm-up visit (module and wasm compile caches), then the measured one.
        await measure(browser, url, page);
        out[i].push(await measure(browser, url, page));
      }
    }
    return out;
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.close()));
  }
}

async function main() {
  // --reuse measures the sites a previous run built (after a change to pages only, rebuild them).
  const reuse = args.includes("--reuse") && existsSync(join(ROOT, "dist-bench-default", "index.html")) && existsSync(join(ROOT, "dist-bench-large", "index.html"));
  const big = join(ROOT, "data", "bench", `demo-${INCIDENTS}`);
  if (!reuse && !existsSync(join(big, "inbraken.csv"))) {
    mkdirSync(big, {recursive: true});
    console.log(`browser bench: generating a ${INCIDENTS.toLocaleString("en")}-incident demo delivery in ${big}`);
    writeDemoDelivery(big, {seed: 1, incidents: INCIDENTS});
  }
  console.log(reuse ? "browser bench: reusing dist-bench-default and dist-bench-large" : "browser bench: building the default demo site and the large one ...");
  let t = Date.now();
  const small = reuse ? join(ROOT, "dist-bench-default") : buildSite("dist-bench-default", {});
  const smallBuild = Date.now() - t;
  t = Date.now();
  const large = reuse ? join(ROOT, "dist-bench-large") : buildSite("dist-bench-large", {INBRAAKLAB_DATA_DIR: big});
  const largeBuild = Date.now() - t;
  const requested = option("pages", "");
  const pages = requested ? requested.split(",") : listPages(small);
  const [a, b] = await measureSites([small, large], pages);
  if (!reuse) console.log(`\nbuild: default ${(smallBuild / 1000).toFixed(1)} s, ${INCIDENTS.toLocaleString("en")} incidents ${(largeBuild / 1000).toFixed(1)} s (ratio ${(largeBuild / smallBuild).toFixed(2)})`);
  console.log("\npage                     first chart ms (default / large / ratio)   redraw median ms (default / large / ratio)   data kB (default / large / ratio)");
  for (const [i, x] of a.entries()) {
    const y = b[i];
    const r = (p: number | null, q: number | null) => (p && q ? (q / p).toFixed(2) : "-");
    console.log(
      `${x.page.padEnd(24)} ${String(x.firstChartMs).padStart(6)} / ${String(y.firstChartMs).padStart(6)} / ${r(x.firstChartMs, y.firstChartMs).padStart(5)}` +
      `        ${String(x.redrawMedianMs ?? "-").padStart(6)} / ${String(y.redrawMedianMs ?? "-").padStart(6)} / ${r(x.redrawMedianMs, y.redrawMedianMs).padStart(5)}` +
      `        ${(x.dataBytes / 1024).toFixed(0).padStart(6)} / ${(y.dataBytes / 1024).toFixed(0).padStart(6)} / ${r(x.dataBytes, y.dataBytes).padStart(5)}`
    );
  }
  const worstFirst = Math.max(...b.map((x) => x.firstChartMs));
  const worstRedraw = Math.max(...b.map((x) => x.redrawMedianMs ?? 0));
  console.log(`\ngoals on the large delivery: first chart < 3000 ms (worst ${worstFirst} ms: ${worstFirst < 3000 ? "met" : "NOT met"}), redraw < 150 ms (worst median ${worstRedraw} ms: ${worstRedraw < 150 ? "met" : "NOT met"})`);
}

await main();
