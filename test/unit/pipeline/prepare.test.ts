// Switching deliveries, or changing a file in one, never serves stale tables: the pipeline cache is
// keyed by the delivery's name and content, the configuration and the pipeline's code (the files
// it loads, found by following its imports).
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {build} from "esbuild";
import {describe, expect, test} from "vitest";
import {readConfig} from "../../../loaders/config.js";
import {PIPELINE_ENTRIES, codeFingerprint, pipelineSources} from "../../../loaders/pipeline/cache.js";
import {prepare, publishedTable} from "../../../loaders/pipeline/run.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/minimal-delivery");

test("a changed delivery file gives a new fingerprint and fresh tables; an unchanged one is served from the cache", async () => {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-stale-"));
  cpSync(FIXTURE, dir, {recursive: true});
  const config = readConfig({INBRAAKLAB_DATA_DIR: dir});
  const first = await prepare(config);
  const again = await prepare(config);
  expect(again.fingerprint).toBe(first.fingerprint);
  expect(again.computed).toBe(false);

  // Drop one accepted row: the tables served must be those of the changed delivery (the cache may
  // already hold them from an earlier run with the same content; what matters is the content).
  const csv = readFileSync(join(dir, "inbraken.csv"), "utf8").split("\r\n");
  writeFileSync(join(dir, "inbraken.csv"), [csv[0], ...csv.slice(2)].join("\r\n"));
  const changed = await prepare(config);
  expect(changed.fingerprint).not.toBe(first.fingerprint);
  expect(changed.meta.incidents).toBe(first.meta.incidents - 1);
  const quality = tableFromIPC(await publishedTable("data_quality", config)).toArray().map((r) => r.toJSON());
  expect(quality.find((r) => r.file === "inbraken.csv" && r.reason === "(totaal)")!.accepted).toBe(first.meta.incidents - 1);
});

test("another level or region is another cache entry", async () => {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-stale-"));
  cpSync(FIXTURE, dir, {recursive: true});
  const openbaar = await prepare(readConfig({INBRAAKLAB_DATA_DIR: dir}));
  const intern = await prepare(readConfig({INBRAAKLAB_DATA_DIR: dir, INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "test-pseudonym-key-0123456789"}));
  const enschede = await prepare(readConfig({INBRAAKLAB_DATA_DIR: dir, INBRAAKLAB_REGION: "GM0153", INBRAAKLAB_MAX_REJECT_SHARE: "1"}));
  expect(new Set([openbaar.fingerprint, intern.fingerprint, enschede.fingerprint]).size).toBe(3);
  expect(enschede.meta.incidents).toBeLessThan(openbaar.meta.incidents);
});

test("two folders with the same files each publish their own name, not the one built first", async () => {
  const names = ["levering-maart", "levering-april"];
  const results = [];
  for (const name of names) {
    const dir = join(mkdtempSync(join(tmpdir(), "inbraaklab-name-")), name);
    cpSync(FIXTURE, dir, {recursive: true});
    results.push(await prepare(readConfig({INBRAAKLAB_DATA_DIR: dir})));
  }
  expect(results.map((r) => r.meta.source)).toEqual(names);
  expect(results[0].fingerprint).not.toBe(results[1].fingerprint);
  expect(results[1].meta.incidents).toBe(results[0].meta.incidents);
});

describe("the pipeline's code fingerprint", () => {
  const ROOT = join(import.meta.dirname, "../../..");

  test("covers every project file esbuild bundles for the pipeline", async () => {
    const {metafile} = await build({
      entryPoints: PIPELINE_ENTRIES.map((entry) => join(ROOT, entry)), absWorkingDir: ROOT, bundle: true, platform: "node",
      format: "esm", packages: "external", write: false, metafile: true, logLevel: "silent", outdir: "out"
    });
    const bundled = Object.keys(metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
    expect(bundled.length).toBeGreaterThan(50);
    expect(bundled.filter((file) => !pipelineSources().includes(file))).toEqual([]);
  });

  test("follows every kind of import and a file bundled by path, and skips what names no file", () => {
    const root = mkdtempSync(join(tmpdir(), "inbraaklab-graph-"));
    const files: Record<string, string> = {
      "loaders/pipeline/cache.ts": 'import {a} from "../a.js";\nconst later = () => import( "./later.js" );\n// see "./missing.js"\nimport "../../src/lib/side.js";',
      "loaders/pipeline/run.ts": 'import {\n  b,\n  c\n} from "../b.js";\nexport * from "../../src/lib/star.js";\nimport data from "../reference/x.json" with {type: "json"};',
      "loaders/a.ts": 'import type {T} from "./types.js";\nexport const a = bundle("loaders/thread.ts");',
      "loaders/b.ts": "export const b = 1, c = 2;",
      "loaders/pipeline/later.ts": "",
      "loaders/types.ts": "export type T = number;",
      "loaders/thread.ts": 'import {x} from "../src/lib/in-thread.js";',
      "loaders/reference/x.json": "{}",
      "src/lib/side.ts": "", "src/lib/star.ts": "", "src/lib/in-thread.ts": "", "src/lib/unused.ts": "", "loaders/sources/unused.ts": ""
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), {recursive: true});
      writeFileSync(join(root, file), text);
    }
    expect(pipelineSources(root)).toEqual([
      "loaders/a.ts", "loaders/b.ts", "loaders/pipeline/cache.ts", "loaders/pipeline/later.ts", "loaders/pipeline/run.ts", "loaders/reference/x.json",
      "loaders/thread.ts", "loaders/types.ts", "src/lib/in-thread.ts", "src/lib/side.ts", "src/lib/star.ts"
    ]);
  });

  test("changes with the pipeline's code and reference data, not with code the pipeline does not load", () => {
    const root = mkdtempSync(join(tmpdir(), "inbraaklab-code-"));
    for (const dir of ["loaders", "src/lib"]) cpSync(join(ROOT, dir), join(root, dir), {recursive: true});
    const before = codeFingerprint(root);
    expect(before).toBe(codeFingerprint(ROOT));
    // What `npm run new` scaffolds: a source's reader and a hypothesis's method, which pages load.
    writeFileSync(join(root, "loaders/sources/buurtschouwen.ts"), "export const x = 1;\n");
    writeFileSync(join(root, "src/lib/hypotheses/eengezinswoningen.ts"), "export const y = 2;\n");
    expect(codeFingerprint(root)).toBe(before);
    for (const file of ["src/lib/knox/kernel.ts", "loaders/analyses/whatsapp.ts", "loaders/reference/nederland.json"]) {
      const original = readFileSync(join(root, file), "utf8");
      writeFileSync(join(root, file), file.endsWith(".json") ? original.replace("{", "{ ") : `${original}\n// changed\n`);
      expect(codeFingerprint(root), file).not.toBe(before);
      writeFileSync(join(root, file), original);
    }
    expect(codeFingerprint(root)).toBe(before);
  });
});
