import {mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, test} from "vitest";
import {CACHE_IMMUTABLE, CACHE_REVALIDATE, cacheControl, IMMUTABLE_FOLDERS, unaddressedAssets} from "../../../loaders/site/caching.js";
import {apacheConfig, hardenSite, iisConfig} from "../../../loaders/site/harden.js";
import {serveStatic} from "../../../scripts/lib/static-server.js";

let dir = "";
afterEach(() => rmSync(dir, {recursive: true, force: true}));

/** A site with a page, findings.json and one content-addressed file in each of Framework's asset folders. */
function site(): string {
  dir = mkdtempSync(join(tmpdir(), "caching-"));
  writeFileSync(join(dir, "index.html"), "<!DOCTYPE html><html><head></head><body><p>x</p></body></html>");
  writeFileSync(join(dir, "findings.json"), "[]");
  for (const [path, body] of [
    ["_file/data/counts-month.50cf042b.arrow", "arrow"],
    ["_import/style.2b2ac03e.css", "css"],
    ["_node/d3@7.9.0/index.d971205c.js", "js"],
    ["_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm", "wasm"],
    ["_npm/htl@0.3.1/fffdd00e.js", "js"],
    ["_observablehq/client.a920e4c6.js", "js"]
  ]) {
    mkdirSync(join(dir, path, ".."), {recursive: true});
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

describe("cacheControl", () => {
  test("Framework's asset folders are immutable for a year; pages and findings.json are revalidated", () => {
    expect(cacheControl("_npm/d3@7.9.0/f80da562.js")).toBe(CACHE_IMMUTABLE);
    expect(cacheControl("/_file/data/meta.628861c3.json")).toBe(CACHE_IMMUTABLE);
    expect(cacheControl("_observablehq\\stdlib\\inputs.f7bf0e12.css")).toBe(CACHE_IMMUTABLE);
    for (const path of ["index.html", "gemeenten/enschede.html", "findings.json", "_deploy/csp-header.txt", "web.config", "file/_npm/x.js"]) expect(cacheControl(path), path).toBe(CACHE_REVALIDATE);
    expect(CACHE_IMMUTABLE).toBe("public, max-age=31536000, immutable");
    expect(CACHE_REVALIDATE).toBe("no-cache");
  });
});

describe("unaddressedAssets", () => {
  test("accepts a content hash in the name or a package version in the path", () => {
    expect(unaddressedAssets(site())).toEqual([]);
  });
  test("names each file in an asset folder that has neither, and no file outside them", () => {
    site();
    writeFileSync(join(dir, "_file/data/counts.arrow"), "no hash");
    writeFileSync(join(dir, "_import/util.js"), "no hash");
    writeFileSync(join(dir, "_npm/htl@0.3.1/../plain.js"), "no version");
    writeFileSync(join(dir, "overzicht.html"), "a page");
    expect(unaddressedAssets(dir)).toEqual(["_file/data/counts.arrow", "_import/util.js", "_npm/plain.js"]);
  });
  test("the build fails on such a file, naming it", () => {
    site();
    writeFileSync(join(dir, "_file/data/counts.arrow"), "no hash");
    expect(() => hardenSite(dir)).toThrow(/_file\/data\/counts\.arrow/);
  });
});

describe("the web-server files carry the same caching", () => {
  test("Apache: immutable under the asset folders, no-cache elsewhere", () => {
    const conf = apacheConfig("default-src 'self'");
    expect(conf).toContain(`<If "%{REQUEST_URI} =~ m#/(_file|_import|_node|_npm|_observablehq)/#">\n  Header set Cache-Control "${CACHE_IMMUTABLE}"\n</If>`);
    expect(conf).toContain(`<Else>\n  Header set Cache-Control "${CACHE_REVALIDATE}"\n</Else>`);
  });
  test("IIS: no-cache for the site, a year and immutable for each asset folder, one staticContent per section", () => {
    const web = iisConfig("default-src 'self'");
    const [site, ...locations] = web.split("<location ");
    expect(site.match(/<staticContent>/g)).toHaveLength(1);
    expect(site).toContain(`<clientCache cacheControlMode="DisableCache" />`);
    expect(locations.map((l) => l.match(/^path="([^"]+)"/)?.[1])).toEqual([...IMMUTABLE_FOLDERS]);
    for (const l of locations) expect(l).toContain(`cacheControlMaxAge="365.00:00:00" cacheControlCustom="public, immutable"`);
    expect(web.trimEnd().endsWith("</configuration>")).toBe(true);
  });
});

describe("the static server of the browser tests and npm run pdf", () => {
  test("sends the policy's header, an ETag, and 304 for an unchanged file; 200 again once it changed", async () => {
    const server = await serveStatic(site());
    try {
      const asset = await fetch(`${server.url}_npm/htl@0.3.1/fffdd00e.js`);
      expect(asset.headers.get("cache-control")).toBe(CACHE_IMMUTABLE);
      const page = await fetch(server.url);
      expect(page.headers.get("cache-control")).toBe(CACHE_REVALIDATE);
      const etag = page.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      const again = await fetch(server.url, {headers: {"if-none-match": etag}});
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      writeFileSync(join(dir, "index.html"), "<!DOCTYPE html><p>a new build</p>");
      utimesSync(join(dir, "index.html"), new Date(), new Date(Date.now() + 1000));
      const changed = await fetch(server.url, {headers: {"if-none-match": etag}});
      expect(changed.status).toBe(200);
      expect(await changed.text()).toContain("a new build");
    } finally {
      await server.close();
    }
  });
  test("a header the caller passes (a CSP) is sent beside the caching", async () => {
    const server = await serveStatic(site(), {headers: {"content-security-policy": "default-src 'self'"}});
    try {
      const page = await fetch(server.url);
      expect(page.headers.get("content-security-policy")).toBe("default-src 'self'");
      expect(page.headers.get("cache-control")).toBe(CACHE_REVALIDATE);
    } finally {
      await server.close();
    }
  });
});
