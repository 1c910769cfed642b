// Switching deliveries, or changing a file in one, never serves stale tables: the pipeline cache is
// keyed by the delivery's name and content, the configuration and the pipeline's code.
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {expect, test} from "vitest";
import {readConfig} from "../../../loaders/config.js";
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
