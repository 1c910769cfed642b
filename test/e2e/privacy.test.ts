// The built sites, scanned file by file: nothing incident-level in the openbaar dist/, and no
// registration number or unsnapped coordinate in an intern build.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {tableFromIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser} from "playwright-core";
import {launchBrowser} from "./browser.js";
import {buildSite, ROOT, siteFiles} from "./build.js";
import {serveStatic} from "./server.js";
import {listPages, problems, smokePage} from "./smoke.js";

const DEMO = join(ROOT, "data/demo/seed-1/inbraken.csv");

function float64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return b;
}

/** Needles from the demo delivery: every registration number and PC6, exact coordinates and times. */
function needles(rows: Record<string, string>[], {times = true} = {}): {label: string; bytes: Buffer}[] {
  const out: {label: string; bytes: Buffer}[] = [];
  for (const r of rows) {
    out.push({label: `registratienummer ${r.registratienummer}`, bytes: Buffer.from(r.registratienummer)});
    if (r.postcode?.length === 6) out.push({label: `postcode ${r.postcode}`, bytes: Buffer.from(r.postcode)});
    if (r.x) {
      out.push({label: `x ${r.x}`, bytes: Buffer.from(`${r.x}`)}, {label: `x ${r.x} float64`, bytes: float64(+r.x)}, {label: `y ${r.y} float64`, bytes: float64(+r.y)});
    }
    if (times && r.pleegdatum_van.length > 10) out.push({label: `tijd ${r.pleegdatum_van}`, bytes: Buffer.from(r.pleegdatum_van)});
  }
  return out;
}

/**
 * Files of a site that may carry data: pages, data files and page modules. Stylesheets are left out:
 * they hold theme rules and base64-inlined fonts, whose bytes contain six-character strings such as
 * "7500CP" by chance.
 */
function scan(dir: string, list: {label: string; bytes: Buffer}[]): string[] {
  const hits: string[] = [];
  for (const file of siteFiles(dir).filter((f) => !f.endsWith(".css"))) {
    const bytes = readFileSync(file);
    for (const n of list) if (bytes.includes(n.bytes)) hits.push(`${file}: ${n.label}`);
  }
  return hits;
}

const rows = dsvFormat(";").parse(readFileSync(DEMO, "utf8")) as unknown as Record<string, string>[];

describe("openbaar dist/ (the default build on the demo delivery)", () => {
  test("contains no registration number, six-position postcode, exact coordinate or exact time", () => {
    const dist = join(ROOT, "dist");
    expect(siteFiles(dist).some((f) => f.endsWith(".arrow"))).toBe(true);
    expect(scan(dist, needles(rows))).toEqual([]);
  });

  test("the scan finds a planted value (it is not blind)", () => {
    const planted = needles(rows.slice(0, 1));
    const dist = join(ROOT, "dist");
    const file = siteFiles(dist).find((f) => f.endsWith(".html"))!;
    const text = readFileSync(file);
    expect(planted.some((n) => Buffer.concat([text, n.bytes]).includes(n.bytes))).toBe(true);
  });
});

describe("intern build", () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = buildSite("dist-intern", {INBRAAKLAB_LEVEL: "intern"});
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => browser?.close());

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
    expect(scan(dir, needles(rows, {times: false}))).toEqual([]);
  });

  test("every page renders and says it is the intern version", async () => {
    const server = await serveStatic(dir);
    try {
      for (const name of listPages(dir)) {
        const result = await smokePage(browser, server.url + (name === "index" ? "" : name), `intern-${name}`);
        expect(problems(result)).toEqual([]);
      }
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForSelector("[data-level]");
      expect(await page.textContent("[data-level]")).toContain("Interne versie");
      await page.close();
    } finally {
      await server.close();
    }
  });
});
