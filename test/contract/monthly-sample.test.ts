// Contract: the foundation slice's Arrow output, field by field, types included.
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {Dictionary, tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {monthlySample} from "../../loaders/sample-monthly.js";

const ROOT = join(import.meta.dirname, "../..");

describe("monthly-sample.arrow", () => {
  // Run the real loader, as Framework does, and read what it wrote to stdout.
  const bytes = execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["src/data/monthly-sample.arrow.ts"], {cwd: ROOT});
  const table = tableFromIPC(bytes);

  test("is an Arrow stream with exactly the declared fields", () => {
    expect(table.schema.fields.map((f) => f.name)).toEqual(["month", "gemeentecode", "gemeente", "soort", "count"]);
    const type = (name: string) => String(table.getChild(name)!.type);
    expect(type("month")).toBe("Date32<DAY>");
    for (const name of ["gemeentecode", "gemeente", "soort"]) {
      expect(table.getChild(name)!.type).toBeInstanceOf(Dictionary);
      expect(type(name)).toBe("Dictionary<Int32, Utf8>");
    }
    expect(type("count")).toBe("Int32");
    expect(table.schema.fields.every((f) => !f.nullable)).toBe(true);
  });

  test("holds 14 municipalities x 36 months x 2 kinds, with non-negative counts", () => {
    expect(table.numRows).toBe(14 * 36 * 2);
    const counts = table.getChild("count")!.toArray() as Int32Array;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(0);
    expect(new Set(table.getChild("soort")!.toArray())).toEqual(new Set(["inbraak", "poging"]));
    expect(table.getChild("month")!.get(0)).toBe(Date.UTC(2022, 0, 1));
  });

  test("is deterministic for a seed and differs between seeds", () => {
    const a = Buffer.from(execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["src/data/monthly-sample.arrow.ts"], {cwd: ROOT}));
    expect(a.equals(Buffer.from(bytes))).toBe(true);
    const count = (seed: number) => Array.from(monthlySample({seed}).getChild("count")!.toArray() as Int32Array);
    expect(count(2)).not.toEqual(count(1));
  });

  test("rejects bad options by name", () => {
    expect(() => monthlySample({from: "2022/01"})).toThrow("invalid from: 2022/01");
    expect(() => monthlySample({months: 0})).toThrow("invalid months: 0");
  });
});
