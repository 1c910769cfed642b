/**
 * Compares two builds of the site file by file (test/e2e/switch-delivery.test.ts): every file of the
 * output folder, vendored libraries included, and the Verantwoording annex the postbuild writes next
 * to it, apart from two fields that change with every build whatever the delivery (see {@link normalised}).
 */
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {annexPath} from "../../loaders/site/annex.js";

/** The key of the annex (`<output>-verantwoording.md`, beside the output folder) in a {@link siteDigest}. */
export const ANNEX = "<annex>";

/** The stamp test/e2e/build.ts puts in a site it installs: the test's, not the build's. */
const STAMP = ".e2e-build";

/** Script hashes of a Content-Security-Policy source list, with the space that follows. */
const CSP_HASH = /'sha256-[A-Za-z0-9+/]+=*' ?/g;

/**
 * A built file's bytes with the per-build fields blanked. Both are in pages and the server
 * configuration only, and neither carries delivery data:
 * - `"lastModified":<ms>` in the file registrations of a page: Framework registers every file a page
 *   attaches with the modification time of the file it copies, for a data loader's output the
 *   moment the loader ran in this build (its output in src/.observablehq/cache is removed before
 *   every build, loaders/site/loader-cache.ts, and written again by prepare,
 *   loaders/site/warm-loaders.ts). The same registration names the file by a hash of
 *   its content and gives its size; those are compared.
 * - `'sha256-…'` script hashes of the Content-Security-Policy (each page's meta tag, _deploy/ and
 *   web.config; loaders/site/harden.ts): hashes of the pages' inline scripts, which hold those
 *   registrations. The scripts themselves, and the rest of each policy, are compared.
 */
export function normalised(path: string, bytes: Buffer): Buffer {
  if (!/\.html$|^_deploy\/|^web\.config$/.test(path)) return bytes;
  return Buffer.from(bytes.toString("utf8").replace(/"lastModified":\d+/g, '"lastModified":0').replace(CSP_HASH, ""));
}

/** Every file of a built site and its annex ({@link ANNEX}), by path, with the SHA-256 of its normalised bytes. */
export function siteDigest(dir: string): Map<string, string> {
  const digest = new Map<string, string>();
  const add = (key: string, file: string) => digest.set(key, createHash("sha256").update(normalised(key, readFileSync(file))).digest("hex"));
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const rel = relative(dir, path).split("\\").join("/");
      if (statSync(path).isDirectory()) walk(path);
      else if (rel !== STAMP) add(rel, path);
    }
  };
  walk(dir);
  if (existsSync(annexPath(dir))) add(ANNEX, annexPath(dir));
  return digest;
}

/** The paths that one digest has and the other lacks, or that differ between them, sorted. */
export function differingFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}
