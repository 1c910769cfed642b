// plainRows: the one conversion of published tables to row objects gives exactly what Arrow's own
// rows give (toJSON), on every table the demo publishes, with nulls, dates and a row filter.
import {tableFromArrays, tableFromIPC, tableToIPC, type Table} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {plainRows} from "../../../src/lib/rows.js";
import {publishedDemo} from "../../helpers/published.js";

/** What pages did before: Arrow's row proxies, one toJSON per row. */
const viaProxies = (table: Table) => Array.from(table, (r) => ({...r!.toJSON()}));
/** A table as a page reads it: through the IPC bytes of a published file. */
const roundTrip = (table: Table) => tableFromIPC(tableToIPC(table, "stream"));

describe("plainRows on published tables", () => {
  test.each(["openbaar", "intern"] as const)("every demo table (%s) converts to the same objects as its rows' toJSON", (level) => {
    const {tables} = publishedDemo(level);
    expect(tables.size).toBeGreaterThan(40);
    let withNulls = 0;
    for (const [name, table] of tables) {
      const read = roundTrip(table);
      expect(plainRows(read), name).toEqual(viaProxies(read));
      if (read.schema.fields.some((f) => read.getChild(f.name)!.nullCount > 0)) withNulls++;
    }
    // Hidden cells are nulls in numeric columns: the slow path for them is exercised.
    expect(withNulls).toBeGreaterThan(5);
  });

  test("a filter keeps the rows whose column holds one of the values, in order", () => {
    const read = roundTrip(publishedDemo("openbaar").tables.get("counts_year")!);
    const kept = plainRows<{area_level: string}>(read, [], {column: "area_level", values: ["regio", "wijk"]});
    expect(kept).toEqual(viaProxies(read).filter((r) => r.area_level === "regio" || r.area_level === "wijk"));
    expect(kept.length).toBeGreaterThan(100);
    expect(() => plainRows(read, [], {column: "gebied", values: []})).toThrow("invalid filter column: gebied");
  });
});

describe("plainRows on small tables and plain records", () => {
  test("nulls stay null in integer and float columns; dates become Date objects when asked", () => {
    const table = roundTrip(tableFromArrays({n: Int32Array.from([1, 2, 3]), x: Float64Array.from([0.5, 1.5, 2.5])}));
    expect(plainRows(table)).toEqual([{n: 1, x: 0.5}, {n: 2, x: 1.5}, {n: 3, x: 2.5}]);
    const {tables} = publishedDemo("openbaar");
    const months = roundTrip(tables.get("counts_month")!);
    const rows = plainRows<{month: Date; count: number | null}>(months, ["month"]);
    expect(rows[0].month).toBeInstanceOf(Date);
    expect(rows[0].month.getTime()).toBe(viaProxies(months)[0].month);
  });

  test("records that are not Arrow rows are copied, filtered and given dates the same way", () => {
    const records = [{a: "x", d: 0}, {a: "y", d: 86_400_000}, {a: "x", d: null}];
    expect(plainRows(records, ["d"], {column: "a", values: ["x"]})).toEqual([{a: "x", d: new Date(0)}, {a: "x", d: null}]);
    expect(plainRows(null)).toEqual([]);
    expect(plainRows(records)[0]).not.toBe(records[0]);
  });
});
