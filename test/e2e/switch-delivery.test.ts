// Every output comes from the delivery being built (issue 12, item 8): an analyst who switches
// INBRAAKLAB_DATA_DIR in one checkout and builds again must get, file for file, what a build of the
// second delivery in a clean checkout gives: findings.json at its stable address, every data file,
// every page, the vendored libraries, the server configuration and the Verantwoording annex.
// Delivery one is the XSS/formula delivery, delivery two the minimal fixture; the clean build of
// the second is the minimal site the other browser tests use.
//
// The only fields blanked are a page's per-build file modification times and the CSP script hashes
// that follow from them (see normalised() in site-digest.ts). Before they were, the pages seemed to
// differ in more than the times: the CSP meta tag of each page hashes its scripts with the times in.
import {execFileSync} from "node:child_process";
import {existsSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, expect, test} from "vitest";
import {buildSite, copyProject, keptCheckout} from "./build.js";
import {ANNEX, differingFiles, siteDigest} from "./site-digest.js";
import {SITES, writeXssDelivery} from "./sites.js";

// Both builds write to the XSS site's output folder. In `npm run test:e2e` the first build is the
// prebuild of the XSS site (test/e2e/run.ts keeps the checkout it was built in), so this test builds
// only the second delivery; run alone, it builds both in a copy of its own.
const OUTPUT = SITES.xss.output;
const kept = keptCheckout(OUTPUT);
const reused = kept !== undefined && existsSync(join(kept, OUTPUT, "index.html"));
const copy = reused ? kept : copyProject("inbraaklab-switch-");
afterAll(() => rmSync(copy, {recursive: true, force: true}));

/** Builds the site in the shared copy with a build environment. */
function buildInCopy(env: Record<string, string>): string {
  execFileSync("npm", ["run", "build"], {cwd: copy, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: OUTPUT}, stdio: "pipe", maxBuffer: 256 * 1024 * 1024});
  return join(copy, OUTPUT);
}

test("building a second delivery after a first in one checkout gives the clean build of the second", () => {
  writeXssDelivery();
  const clean = siteDigest(buildSite(SITES.minimal.output, SITES.minimal.env));
  const first = siteDigest(reused ? join(copy, OUTPUT) : buildInCopy(SITES.xss.env));
  console.log(`switch-delivery: first build ${reused ? "kept from the prebuild" : "built here"}`);
  const second = siteDigest(buildInCopy(SITES.minimal.env));

  // The comparison can fail: the first delivery's site differs from the clean build of the second
  // at the stable address, in its data files, in its pages (which name those files) and in its annex.
  const fromFirst = differingFiles(clean, first);
  for (const path of ["findings.json", "overzicht.html", "gemeenten/index.html", ANNEX]) expect(fromFirst).toContain(path);
  expect(fromFirst.filter((p) => p.startsWith("_file/data/")).length).toBeGreaterThan(10);

  // Pages, data, imports, vendored libraries, server configuration and annex all present.
  for (const path of ["findings.json", "index.html", "web.config", "_deploy/csp-header.txt", ANNEX]) expect(second.has(path)).toBe(true);
  expect([...second.keys()].filter((p) => p.startsWith("_npm/")).length).toBeGreaterThan(0);
  expect(differingFiles(clean, second)).toEqual([]);
}, 1_800_000); // up to three site builds on a shared 2-core machine
