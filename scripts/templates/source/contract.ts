// Contract: scaffold_source.csv is read into exactly its declared schema; bad rows are rejected with a reason.
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream} from "../../../loaders/arrow.js";
import {SCHEMA, readScaffoldSource} from "./reader.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/sources/scaffold_source");

describe("scaffold_source", () => {
  const {table, rejected, delivered} = readScaffoldSource(FIXTURE);

  test("fields, types and nullability after an IPC round trip", () => {
    const round = tableFromIPC(toArrowStream(table));
    expect(round.schema.fields.map((f) => f.name)).toEqual(SCHEMA.map((c) => c.name));
    expect(round.schema.fields.map((f) => String(f.type))).toEqual(["Dictionary<Int32, Utf8>", "Date32<DAY>", "Int32"]);
    expect(round.schema.fields.map((f) => f.nullable)).toEqual(SCHEMA.map((c) => c.nullable ?? false));
  });

  test("reads the good rows of the fixture", () => {
    expect(delivered).toBe(true);
    expect(Array.from(table.getChild("area_code")!)).toEqual(["GM0153", "BU01530101"]);
    expect(Array.from(table.getChild("count")!)).toEqual([12, 3]);
    expect(new Date(table.getChild("day")!.get(0) as number).toISOString().slice(0, 10)).toBe("2024-03-01");
  });

  test("rejects a bad row with its line number and reason", () => {
    expect(rejected).toEqual([{line: 4, reason: "ongeldig aantal: veel"}]);
  });

  test("an undelivered file gives an empty table with the same schema", () => {
    const empty = readScaffoldSource(join(FIXTURE, "bestaat-niet"));
    expect(empty.delivered).toBe(false);
    expect(empty.table.numRows).toBe(0);
    expect(empty.table.schema.fields.map((f) => f.name)).toEqual(SCHEMA.map((c) => c.name));
  });
});
