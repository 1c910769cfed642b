/**
 * How long a browser may keep each file of a built site (the Cache-Control header a host sends).
 * Framework writes libraries, modules, stylesheets and data under five folders with a content hash
 * in each file name (`_file/data/counts-month.50cf042b.arrow`) or a package version in the path
 * (`_npm/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm`): a new build that changes such a file gives
 * it a new name, so a browser may keep it for a year without asking again. Pages, findings.json and
 * the server files keep their names from build to build: a browser must ask whether they changed
 * (`no-cache` still stores them, and a host answers 304 when they did not).
 * The browser tests' static server sends these headers (scripts/lib/static-server.ts), and the build
 * refuses a file in those folders that has neither a hash nor a version (docs/deployment.md).
 */
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, sep} from "node:path";

/** The output folders whose files never change under their name. */
export const IMMUTABLE_FOLDERS = ["_file", "_import", "_node", "_npm", "_observablehq"] as const;

/** The header for a file that never changes under its name: a year, not revalidated. */
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

/** The header for every other file: stored, but revalidated on each use. */
export const CACHE_REVALIDATE = "no-cache";

/**
 * The Cache-Control header for a file, given its path relative to the site's root.
 * @example cacheControl("_npm/d3@7.9.0/f80da562.js") // CACHE_IMMUTABLE
 * @example cacheControl("gemeenten/enschede.html") // CACHE_REVALIDATE
 */
export function cacheControl(path: string): string {
  const first = path.replace(/^\/+/, "").split(/[\\/]/)[0];
  return (IMMUTABLE_FOLDERS as readonly string[]).includes(first) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
}

/** A content hash in the file name (`name.0a1b2c3d.ext` or `0a1b2c3d.ext`) or a version folder (`pkg@1.2.3`). */
const ADDRESSED = /(?:^|[./])[0-9a-f]{8}\.[^./]+$|@\d+\.\d+\.\d+[^/]*\//;

/**
 * The files in {@link IMMUTABLE_FOLDERS} of a built site whose path has neither a content hash nor a
 * package version, as paths relative to `dir`: a browser that kept such a file for a year would show
 * a stale one after the next build. Empty for a site Framework built.
 */
export function unaddressedAssets(dir: string): string[] {
  const found: string[] = [];
  for (const folder of IMMUTABLE_FOLDERS) {
    if (!existsSync(join(dir, folder))) continue; // an edition has no DuckDB-wasm, a test site no _node
    for (const name of readdirSync(join(dir, folder), {recursive: true, encoding: "utf8"})) {
      const path = `${folder}/${name.split(sep).join("/")}`;
      if (statSync(join(dir, path)).isFile() && !ADDRESSED.test(path)) found.push(path);
    }
  }
  return found.sort();
}
