import {Bool, DateDay, Dictionary, Float64, Int16, Int32, Utf8, tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {buildTable, toArrowStream, type ColumnSpec} from "../../loaders/arrow.js";

const spec: ColumnSpec[] = [
  {name: "s", kind: "string", nullable: true, description: ""},
  {name: "d", kind: "dict", description: ""},
  {name: "i16", kind: "int16", description: ""},
  {name: "i32", kind: "int32", nullable: true, description: ""},
  {name: "f", kind: "float64", nullable: true, description: ""},
  {name: "day", kind: "date", description: ""},
  {name: "b", kind: "bool", description: ""}
];

describe("buildTable", () => {
  const table = buildTable(spec, {
    s: ["a", null, "é"],
    d: ["y", "x", "y"],
    i16: Int16Array.of(1, 2, 3),
    i32: [1, null, 3],
    f: Float64Array.of(0.5, NaN, 2),
    day: Int32Array.of(0, 1, 19723),
    b: [1, 0, 1]
  });

  test("declares every field with its type and nullability", () => {
    const types = table.schema.fields.map((f) => [f.name, f.type.constructor, f.nullable]);
    expect(types).toEqual([
      ["s", Utf8, true], ["d", Dictionary, false], ["i16", Int16, false], ["i32", Int32, true],
      ["f", Float64, true], ["day", DateDay, false], ["b", Bool, false]
    ]);
  });

  test("round-trips values and nulls through an IPC stream", () => {
    const t = tableFromIPC(toArrowStream(table));
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      {s: "a", d: "y", i16: 1, i32: 1, f: 0.5, day: 0, b: true},
      {s: null, d: "x", i16: 2, i32: null, f: null, day: 86400000, b: false},
      {s: "é", d: "y", i16: 3, i32: 3, f: 2, day: 19723 * 86400000, b: true}
    ]);
  });

  test("sorts dictionaries so equal inputs encode identically", () => {
    const dictionary = (table.getChild("d")!.data[0].dictionary!.toArray() as unknown as string[]);
    expect(Array.from(dictionary)).toEqual(["x", "y"]);
    const again = buildTable(spec.slice(1, 2), {d: ["y", "x", "y"]});
    expect(Buffer.from(toArrowStream(again)).equals(Buffer.from(toArrowStream(buildTable(spec.slice(1, 2), {d: ["y", "x", "y"]}))))).toBe(true);
  });

  test("rejects unequal lengths, missing, unexpected and null-in-non-nullable columns by name", () => {
    const one: ColumnSpec[] = [{name: "a", kind: "int32", description: ""}, {name: "b", kind: "int32", description: ""}];
    expect(() => buildTable(one, {a: [1, 2], b: [1]})).toThrow("column b has 1 values, expected 2");
    expect(() => buildTable(one, {a: [1]})).toThrow("missing column: b");
    expect(() => buildTable(one, {a: [1], b: [1], c: [1]})).toThrow("unexpected column: c");
    expect(() => buildTable(one, {a: [null], b: [1]})).toThrow("column a is not nullable but has 1 null values");
  });
});
