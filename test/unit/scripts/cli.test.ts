// scripts/cli.mjs: the command-line tools start from their esbuild bundle in plain Node.
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {expect, test} from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "scripts/cli.mjs"), ...args], {cwd: ROOT, encoding: "utf8"});

test("a tool runs from its bundle, with its arguments, and the bundle lists its sources", () => {
  const result = cli("knox", "--help");
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^Gebruik: npm run knox -- <bestand\.csv>/);
  const stamp = JSON.parse(readFileSync(join(ROOT, ".cli/knox.inputs.json"), "utf8"));
  expect(stamp.inputs).toEqual(expect.arrayContaining(["loaders/cli/knox.ts", "src/lib/knox.ts"]));
  expect(existsSync(join(ROOT, ".cli/knox.mjs"))).toBe(true);
});

test("a tool's own error and exit code come through; an unknown tool is refused by name", () => {
  const bad = cli("knox", "--distance", "chebyshev", "x.csv");
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("Ongeldige --distance \"chebyshev\"");
  const unknown = cli("nope");
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain("Onbekend programma: nope. Kies uit: check-data, demo, fetch-open, harden, knox, prepare, vendor-npm.");
});

test("every npm script of a tool goes through the bundle, and a build starts no tsx", () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  expect([scripts.knox, scripts["check-data"], scripts.demo, scripts["fetch:open"], scripts["prepare-data"], scripts.vendor, scripts.postbuild]).toEqual([
    "node scripts/cli.mjs knox", "node scripts/cli.mjs check-data", "node scripts/cli.mjs demo", "node scripts/cli.mjs fetch-open",
    "node scripts/cli.mjs prepare", "node scripts/cli.mjs vendor-npm", "node scripts/cli.mjs harden"
  ]);
  for (const name of ["build", "dev", "postbuild", "postinstall"]) expect(scripts[name], name).not.toContain("tsx");
  expect(scripts.build).toBe("node scripts/cli.mjs vendor-npm && node scripts/cli.mjs prepare --clean && node scripts/observable.mjs build");
});

test("the build steps run from their bundles: harden refuses a folder without pages, by name", () => {
  const result = cli("harden", join(ROOT, "test/fixtures/minimal-delivery"));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("harden: no pages in");
  const stamp = JSON.parse(readFileSync(join(ROOT, ".cli/prepare.inputs.json"), "utf8"));
  expect(stamp.inputs).toEqual(expect.arrayContaining(["loaders/cli/prepare.ts", "loaders/pipeline/run.ts"]));
});
