// The docs stay current: every published table and column, every reject reason and every catalogue
// source appears in the developer docs.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {expect, test} from "vitest";
import {REJECT_REASONS} from "../../loaders/delivery/reject.js";
import {SCHEMAS} from "../../loaders/pipeline/tables.js";
import {CATALOGUE} from "../../src/lib/catalogue.js";

const docs = (name: string) => readFileSync(join(import.meta.dirname, "../../docs", name), "utf8");

test("docs/data-model.md documents every published table and column", () => {
  const text = docs("data-model.md");
  const missing = Object.entries(SCHEMAS).flatMap(([table, spec]) => [
    ...(text.includes(`### ${table}`) ? [] : [table]),
    ...spec.filter((c) => !text.includes(`\`${c.name}\``)).map((c) => `${table}.${c.name}`)
  ]);
  expect(missing).toEqual([]);
});

test("docs/data-model.md documents every reject reason", () => {
  const text = docs("data-model.md");
  expect(Object.keys(REJECT_REASONS).filter((r) => !text.includes(`\`${r}\``))).toEqual([]);
});

test("docs/data-catalogue.md lists every source of the catalogue page", () => {
  const text = docs("data-catalogue.md");
  expect(CATALOGUE.filter((s) => !text.includes(s.file) || !text.includes(s.name)).map((s) => s.file)).toEqual([]);
});
