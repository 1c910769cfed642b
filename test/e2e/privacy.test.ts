// The built sites, scanned file by file: nothing incident-level in the openbaar dist/, and no
// registration number or unsnapped coordinate in an intern build.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {tableFromIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {releaseBrowser, workerBrowser} from "./browser.js";
import {buildSite, ROOT, siteFiles} from "./build.js";
import {SITES, shortDemo} from "./sites.js";
import {NeedleIndex, type Needle} from "./needles.js";
import {serveStatic} from "./server.js";
import {openSmokeTab, pagesOnePerRoute, problems} from "./smoke.js";

const DEMO = join(ROOT, "data/demo/seed-1/inbraken.csv");

/** Needles from the demo delivery: every registration number and PC6, exact coordinates and times. */
function needles(rows: Record<string, string>[], {times = true} = {}): NeedleIndex {
  const strings: Needle[] = [];
  const floats: {label: string; value: number}[] = [];
  for (const r of rows) {
    if (r.registratienummer) strings.push({label: `registratienummer ${r.registratienummer}`, bytes: Buffer.from(r.registratienummer)});
    if (r.postcode?.length === 6) strings.push({label: `postcode ${r.postcode}`, bytes: Buffer.from(r.postcode)});
    if (r.x && r.y && /^\d+\.\d+$/.test(r.x)) {
      strings.push({label: `x ${r.x}`, bytes: Buffer.from(r.x)});
      floats.push({label: `x ${r.x} float64 #${r.registratienummer}`, value: +r.x}, {label: `y ${r.y} float64 #${r.registratienummer}`, value: +r.y});
    }
    if (times && r.pleegdatum_van?.length > 10) strings.push({label: `tijd ${r.pleegdatum_van}`, bytes: Buffer.from(r.pleegdatum_van)});
  }
  return new NeedleIndex(strings, floats);
}

/**
 * Files of a site that may carry data: pages, data files and page modules. Stylesheets are left out:
 * they hold theme rules and base64-inlined fonts, whose bytes contain six-character strings such as
 * "7500CP" by chance.
 */
function scan(dir: string, index: NeedleIndex): string[] {
  const hits: string[] = [];
  for (const file of siteFiles(dir).filter((f) => !f.endsWith(".css"))) {
    const found = index.find(readFileSync(file), {floats: /\.(arrow|json)$/.test(file)});
    // A binary coordinate locates an incident only as an (x, y) pair: one matching value on its own
    // is a chance collision (e.g. with a neighbourhood centroid at .5 m) and is not reported.
    const ids = new Set(found.filter((l) => / float64 #/.test(l)).map((l) => `${l[0]}${l.slice(l.indexOf("#"))}`));
    for (const label of found) {
      if (/ float64 #/.test(label)) {
        const other = `${label[0] === "x" ? "y" : "x"}${label.slice(label.indexOf("#"))}`;
        if (!ids.has(other)) continue;
      }
      hits.push(`${file}: ${label}`);
    }
  }
  return hits;
}

const rowsOf = (csv: string) => dsvFormat(";").parse(readFileSync(csv, "utf8")) as unknown as Record<string, string>[];
const rows = rowsOf(DEMO);

describe("openbaar dist/ (the default build on the demo delivery)", () => {
  test("contains no registration number, six-position postcode, exact coordinate or exact time", () => {
    const dist = join(ROOT, "dist");
    expect(siteFiles(dist).some((f) => f.endsWith(".arrow"))).toBe(true);
    expect(scan(dist, needles(rows))).toEqual([]);
  });

  test("the scan finds planted values (it is not blind)", () => {
    const row = rows.find((r) => r.postcode?.length === 6 && /^\d+\.\d+$/.test(r.x ?? ""))!;
    const index = needles([row]);
    const file = siteFiles(join(ROOT, "dist")).find((f) => f.endsWith(".arrow"))!;
    const x = Buffer.alloc(8);
    x.writeDoubleLE(+row.x);
    const planted = Buffer.concat([readFileSync(file), Buffer.from(`..${row.registratienummer}..${row.postcode}..`), Buffer.from([1, 2, 3]), x]);
    expect(index.find(planted, {floats: true}).sort()).toEqual([`postcode ${row.postcode}`, `registratienummer ${row.registratienummer}`, `x ${row.x} float64 #${row.registratienummer}`].sort());
  });
});

describe("intern build", () => {
  let dir: string;
  let browser: Browser;
  /** The rows of the delivery the intern site is built from (a short demo). */
  let internRows: Record<string, string>[];

  beforeAll(async () => {
    internRows = rowsOf(join(await shortDemo("woninginbraak"), "inbraken.csv"));
    dir = buildSite(SITES.intern.output, SITES.intern.env);
    browser = await workerBrowser();
  }, 240_000);
  afterAll(async () => releaseBrowser(browser));

  test("carries a pseudonymised incident table with snapped coordinates and hours", () => {
    const arrow = siteFiles(dir).filter((f) => /incidents\.[0-9a-f]+\.arrow$/.test(f));
    expect(arrow.length).toBeLessThanOrEqual(1);
    for (const f of arrow) {
      const t = tableFromIPC(readFileSync(f));
      expect(t.numRows).toBeGreaterThan(1000);
      for (const r of t.toArray().slice(0, 2000)) expect((r.x125 - 62) % 125).toBe(0);
    }
  });

  test("contains no registration number, six-position postcode or unsnapped coordinate", () => {
    expect(internRows.length).toBeGreaterThan(1000);
    expect(scan(dir, needles(internRows, {times: false}))).toEqual([]);
  });

  test("every page renders (one municipality report) and says it is the intern version", async () => {
    const server = await serveStatic(dir);
    try {
      const tab = await openSmokeTab(browser);
      let level: string | null = null;
      // The start page says which version this is, read in the walk's own visit. The element is in
      // the page's HTML; its text comes from a cell, so wait for the text.
      const readLevel = async (page: Page) => {
        await page.waitForFunction(() => (document.querySelector("[data-level]")?.textContent ?? "").trim() !== "");
        level = await page.textContent("[data-level]");
      };
      for (const name of pagesOnePerRoute(dir)) {
        const result = await tab.visit(server.url + (name === "index" ? "" : name), `intern-${name}`, {inspect: name === "index" ? readLevel : undefined});
        expect(problems(result)).toEqual([]);
      }
      await tab.close();
      expect(level).toContain("Interne versie");
    } finally {
      await server.close();
    }
  });
});
