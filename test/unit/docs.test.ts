// The docs stay current: every published table and column, every reject reason and every catalogue
// source appears in the developer docs.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {expect, test} from "vitest";
import {REJECT_REASONS} from "../../loaders/delivery/reject.js";
import {SCHEMAS} from "../../loaders/pipeline/tables.js";
import {CATALOGUE} from "../../src/lib/catalogue.js";

const docs = (name: string) => readFileSync(join(import.meta.dirname, "../../docs", name), "utf8");

/**
 * The column names of a table's own section of a markdown file (`### <table>` up to the next heading):
 * the first cell of each row of its column table.
 */
function documentedColumns(text: string, table: string): string[] | null {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l === `### ${table}` || l.startsWith(`### ${table} `));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith("#"));
  return lines.slice(start + 1, end < 0 ? undefined : end).flatMap((l) => l.match(/^\| `([^`]+)` \|/)?.[1] ?? []);
}

test("documentedColumns reads only the table's own section", () => {
  const text = ["### a", "", "| column | meaning |", "|---|---|", "| `x` | ... |", "", "### b (intern only)", "| `y` | the `x` of b |", "## next", "| `z` | |"].join("\n");
  expect(documentedColumns(text, "a")).toEqual(["x"]);
  expect(documentedColumns(text, "b")).toEqual(["y"]);
  expect(documentedColumns(text, "c")).toBeNull();
});

test("docs/data-model.md documents every published table and column, in the table's own section", () => {
  const text = docs("data-model.md");
  const missing = Object.entries(SCHEMAS).flatMap(([table, spec]) => {
    const columns = documentedColumns(text, table);
    if (!columns) return [table];
    return spec.filter((c) => !columns.includes(c.name)).map((c) => `${table}.${c.name}`);
  });
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
