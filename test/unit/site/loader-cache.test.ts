// Every output comes from the delivery being built (issue 12): Framework reruns a data loader only
// when its cached output is older than the loader's file, so prepare must clear the cached output
// of every loader when the delivery changes, the stable address src/findings.json.ts included
// (it used to clear src/.observablehq/cache/data only, and dist/findings.json stayed the first
// delivery's when several deliveries were built one after another in one checkout).
import {execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {clearLoaderCache, loaderOutputs} from "../../../loaders/site/loader-cache.js";

const ROOT = join(import.meta.dirname, "../../..");

function write(path: string, text = "x"): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, text);
}

describe("loaderOutputs and clearLoaderCache", () => {
  test("find every loader of the site, src/findings.json.ts included, and nothing else", () => {
    const outputs = loaderOutputs(join(ROOT, "src"));
    expect(outputs).toContain("findings.json");
    expect(outputs).toContain("data/findings.json");
    expect(outputs).toContain("data/knox-worker.js");
    expect(outputs.filter((o) => o.startsWith("lib/") || o.startsWith("components/") || o.endsWith(".md"))).toEqual([]);
  });

  test("remove the cached output of every loader, keeping the vendored npm cache and fonts", () => {
    const src = join(mkdtempSync(join(tmpdir(), "inbraaklab-lc-")), "src");
    for (const f of ["findings.json.ts", "data/a.arrow.ts", "data/knox-worker.js.ts", "sub/b.csv.py", "lib/csv.ts", "lib/stats/jstat.d.ts", "index.md"]) write(join(src, f));
    const cache = join(src, ".observablehq", "cache");
    for (const f of ["findings.json", "data/a.arrow", "data/knox-worker.js", "sub/b.csv", "_npm/d3@7/index.js", "fonts.css", "index.md"]) write(join(cache, f), "stale");
    expect(clearLoaderCache(src).sort()).toEqual(["data", "findings.json", "sub/b.csv"]);
    for (const f of ["findings.json", "data", "sub/b.csv"]) expect(existsSync(join(cache, f))).toBe(false);
    for (const f of ["_npm/d3@7/index.js", "fonts.css", "index.md"]) expect(readFileSync(join(cache, f), "utf8")).toBe("stale");
  });
});

describe("prepare in a copy of the project", () => {
  const copy = mkdtempSync(join(tmpdir(), "inbraaklab-lccopy-"));
  afterAll(() => rmSync(copy, {recursive: true, force: true}));

  test("a new delivery clears the cached dist/findings.json of the previous one", () => {
    for (const part of ["loaders", "src", join("scripts", "cli.mjs"), "package.json", "tsconfig.json"]) {
      cpSync(join(ROOT, part), join(copy, part), {recursive: true, filter: (p) => !relative(ROOT, p).split(/[\\/]/).includes(".observablehq")});
    }
    symlinkSync(realpathSync(join(ROOT, "node_modules")), join(copy, "node_modules"));
    // What an earlier build of another delivery left behind.
    const cache = join(copy, "src", ".observablehq", "cache");
    write(join(cache, "findings.json"), '[{"id": "from-the-previous-delivery"}]');
    write(join(cache, "data", "meta.json"), "{}");
    write(join(cache, "_npm", "d3@7", "index.js"), "vendored");
    write(join(copy, "data", ".cache", "current"), "fingerprint-of-the-previous-delivery");
    // As `npm run build` starts it: the bundle, with tsx's hooks for the loaders (scripts/cli.mjs).
    execFileSync(process.execPath, ["scripts/cli.mjs", "prepare"], {
      cwd: copy, stdio: "pipe", encoding: "utf8",
      env: {...process.env, INBRAAKLAB_DATA_DIR: join(ROOT, "test", "fixtures", "minimal-delivery"), INBRAAKLAB_LEVEL: "openbaar"}
    });
    // Cleared, then filled again by running every loader in prepare (loaders/site/warm-loaders.ts):
    // what is cached now is the new delivery's.
    const findings = JSON.parse(readFileSync(join(cache, "findings.json"), "utf8")) as {id: string; delivery: {source: string}}[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.id)).not.toContain("from-the-previous-delivery");
    expect(new Set(findings.map((f) => f.delivery.source))).toEqual(new Set(["minimal-delivery"]));
    expect(JSON.parse(readFileSync(join(cache, "data", "meta.json"), "utf8")).source).toBe("minimal-delivery");
    expect(existsSync(join(cache, "data", "counts-month.arrow"))).toBe(true);
    expect(readFileSync(join(cache, "_npm", "d3@7", "index.js"), "utf8")).toBe("vendored");
    expect(readFileSync(join(copy, "data", ".cache", "current"), "utf8")).not.toBe("fingerprint-of-the-previous-delivery");
  }, 300_000); // runs the whole pipeline once in a subprocess, on a shared 2-core machine
});
