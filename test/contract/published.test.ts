// Contract: every published table has exactly its declared schema (names, types, nullability),
// builds are deterministic, and the loaders write what the pipeline publishes.
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream, type ColumnKind} from "../../loaders/arrow.js";
import {readDelivery} from "../../loaders/delivery/read.js";
import {publish} from "../../loaders/pipeline/publish.js";
import {INTERN_TABLES, PUBLIC_TABLES, SCHEMAS, type TableName} from "../../loaders/pipeline/tables.js";
import {demoDelivery} from "../helpers/demo.js";

const ROOT = join(import.meta.dirname, "../..");
const TYPE: Record<ColumnKind, string> = {
  string: "Utf8", dict: "Dictionary<Int32, Utf8>", int16: "Int16", int32: "Int32", float64: "Float64", date: "Date32<DAY>", bool: "Bool"
};

describe("published tables", () => {
  const dir = demoDelivery();
  const delivery = readDelivery(dir);
  const openbaar = publish(delivery, {level: "openbaar", suppressBelow: 5});
  const intern = publish(delivery, {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});

  test("the openbaar level publishes exactly the public tables, the intern level adds incidents", () => {
    expect([...openbaar.tables.keys()].sort()).toEqual([...PUBLIC_TABLES].sort());
    expect([...intern.tables.keys()].sort()).toEqual([...PUBLIC_TABLES, ...INTERN_TABLES].sort());
    expect(openbaar.meta.tables).toEqual([...PUBLIC_TABLES]);
  });

  for (const name of Object.keys(SCHEMAS) as TableName[]) {
    test(`${name}: fields, types and nullability after an IPC round trip`, () => {
      const table = tableFromIPC(toArrowStream(intern.tables.get(name)!));
      const spec = SCHEMAS[name];
      expect(table.schema.fields.map((f) => f.name)).toEqual(spec.map((c) => c.name));
      expect(table.schema.fields.map((f) => String(f.type))).toEqual(spec.map((c) => TYPE[c.kind]));
      expect(table.schema.fields.map((f) => f.nullable)).toEqual(spec.map((c) => c.nullable ?? false));
      expect(table.numRows).toBeGreaterThan(0);
    });
  }

  test("the same delivery gives byte-identical tables", () => {
    const again = publish(readDelivery(dir), {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
    for (const [name, table] of intern.tables) {
      expect(Buffer.from(toArrowStream(again.tables.get(name)!)).equals(Buffer.from(toArrowStream(table))), name).toBe(true);
    }
  });

  test("a data loader, run as Framework runs it, writes the published table", () => {
    const env = {...process.env, INBRAAKLAB_DATA_DIR: dir, INBRAAKLAB_LEVEL: "openbaar"};
    const bytes = execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["src/data/counts-month.arrow.ts"], {cwd: ROOT, env});
    expect(Buffer.from(bytes).equals(Buffer.from(toArrowStream(openbaar.tables.get("counts_month")!)))).toBe(true);
    const empty = tableFromIPC(execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["src/data/incidents.arrow.ts"], {cwd: ROOT, env}));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(SCHEMAS.incidents.map((c) => c.name));
  });

  test("data_quality accounts for every row of every file", () => {
    const rows = openbaar.tables.get("data_quality")!.toArray().map((r) => r.toJSON());
    for (const total of rows.filter((r) => r.reason === "(totaal)")) {
      expect(total.read).toBe(total.accepted + total.rejected);
      const byReason = rows.filter((r) => r.file === total.file && r.reason !== "(totaal)").reduce((a, r) => a + r.rows, 0);
      expect(byReason).toBe(total.rejected);
    }
    const incidents = rows.find((r) => r.file === "inbraken.csv" && r.reason === "(totaal)")!;
    expect(incidents.accepted).toBe(delivery.incidents.length);
  });

  test("counts add up: regional months equal the incidents, yearly totals equal inbraak + poging", () => {
    const monthly = intern.tables.get("counts_month")!.toArray().map((r) => r.toJSON());
    const region = monthly.filter((r) => r.area_code === "regio").reduce((a, r) => a + r.count, 0);
    expect(region).toBe(delivery.incidents.length);
    const yearly = intern.tables.get("counts_year")!.toArray().map((r) => r.toJSON()).filter((r) => r.area_level === "gemeente");
    const total = yearly.filter((r) => r.soort === "totaal").reduce((a, r) => a + r.count, 0);
    expect(total).toBe(delivery.incidents.length);
  });
});
