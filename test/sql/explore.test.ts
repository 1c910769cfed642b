// Every SQL string the Verkennen page runs (examples, the column listing, the filter query) runs
// against DuckDB on fixture tables built from the published demo tables (same names and schemas).
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import type {Table} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {ColumnKind, ColumnSpec} from "../../loaders/arrow.js";
import {schemaOf} from "../../loaders/pipeline/run.js";
import {DUTCH_VIEWS, EXAMPLES, checkQuery, columnsQuery, doubleCountWarning, filterQuery, viewStatements} from "../../src/lib/explore.js";
import {publishedDemo} from "../helpers/published.js";

const SQL_TYPE: Record<ColumnKind, string> = {string: "VARCHAR", dict: "VARCHAR", int16: "SMALLINT", int32: "INTEGER", float64: "DOUBLE", date: "DATE", bool: "BOOLEAN"};

function literal(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return "NULL";
  if (kind === "date") return `DATE '${new Date(value as number).toISOString().slice(0, 10)}'`;
  if (kind === "bool") return value ? "TRUE" : "FALSE";
  if (kind === "string" || kind === "dict") return `'${String(value).replace(/'/g, "''")}'`;
  return String(value);
}

/** Creates a DuckDB table with the declared schema and every row of the published table. */
async function load(connection: DuckDBConnection, name: string, table: Table): Promise<void> {
  const spec: readonly ColumnSpec[] = schemaOf(name);
  await connection.run(`CREATE TABLE ${name} (${spec.map((c) => `"${c.name}" ${SQL_TYPE[c.kind]}`).join(", ")})`);
  const rows = table.toArray();
  for (let start = 0; start < rows.length; start += 5000) {
    const values = rows.slice(start, start + 5000).map((r) => {
      const row = r.toJSON();
      return `(${spec.map((c) => literal(row[c.name], c.kind)).join(", ")})`;
    });
    await connection.run(`INSERT INTO ${name} VALUES ${values.join(", ")}`);
  }
}

let connection: DuckDBConnection;
let tables: Map<string, Table>;

beforeAll(async () => {
  tables = publishedDemo("openbaar").tables;
  const instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  for (const [name, table] of tables) await load(connection, name, table);
  for (const statement of viewStatements()) await connection.run(statement);
}, 120_000);

afterAll(() => connection?.closeSync());

const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

describe("Verkennen SQL", () => {
  for (const example of EXAMPLES) {
    test(`example "${example.title}" passes the guard and returns rows with named columns`, async () => {
      expect(checkQuery(example.sql)).toBeNull();
      const reader = await connection.runAndReadAll(example.sql);
      expect(reader.currentRowCount).toBeGreaterThan(0);
      expect(reader.columnNames().length).toBeGreaterThanOrEqual(2);
    });
  }

  test("the region-per-year example flags years with a hidden month instead of adding them silently", async () => {
    // The demo region hides no month, so one hidden regional month is added (a CTE named like the
    // example's view shadows it): its year must be flagged, the other years not.
    const monthly = tables.get("counts_month")!.toArray().map((x) => x.toJSON());
    const first = monthly.find((r) => r.area_code === "regio")!;
    const hiddenYear = new Date(first.month as number).getUTCFullYear();
    const withHidden = `WITH maandcijfers_regio AS (SELECT * FROM maandcijfers_regio UNION ALL (SELECT maand, 'poging', NULL, TRUE FROM maandcijfers_regio WHERE maand = ${literal(first.month, "date")} LIMIT 1))\n`;
    // The same sums and flags computed from the monthly table itself, year by year.
    const expected = new Map<number, {aantal: number; met_verborgen: boolean}>();
    for (const r of monthly) {
      if (r.area_code !== "regio") continue;
      const year = new Date(r.month as number).getUTCFullYear();
      const e = expected.get(year) ?? expected.set(year, {aantal: 0, met_verborgen: false}).get(year)!;
      e.aantal += r.count ?? 0;
      e.met_verborgen ||= Boolean(r.suppressed);
    }
    expected.get(hiddenYear)!.met_verborgen = true;
    const rows = await run(withHidden + EXAMPLES[0].sql);
    expect(rows.map((r) => Number(r.jaar))).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const r of rows) expect({aantal: Number(r.aantal), met_verborgen: r.met_verborgen}, String(r.jaar)).toEqual(expected.get(Number(r.jaar)));
    expect(rows.filter((r) => r.met_verborgen).map((r) => Number(r.jaar))).toEqual([hiddenYear]);
  });

  test("the column listing names every loaded table with its declared columns in order", async () => {
    const rows = await run(columnsQuery());
    const byTable = new Map<string, string[]>();
    for (const r of rows) (byTable.get(String(r.table_name)) ?? byTable.set(String(r.table_name), []).get(String(r.table_name))!).push(String(r.column_name));
    expect([...byTable.keys()].sort()).toEqual([...tables.keys(), ...Object.keys(DUTCH_VIEWS)].sort());
    for (const [name, columns] of byTable) if (!(name in DUTCH_VIEWS)) expect(columns).toEqual(schemaOf(name).map((c) => c.name));
  });

  test("the filter query selects the chosen area, period and soort", async () => {
    const sql = filterQuery({from: "2023-01", to: "2023-06", gemeente: "GM0153", soort: "poging"});
    expect(checkQuery(sql)).toBeNull();
    const rows = await run(sql);
    for (const r of rows) expect(r.soort).toBe("poging");
    const all = await run(filterQuery({from: "2022-01", to: "2024-12", gemeente: "regio", soort: "alle"}));
    expect(new Set(all.map((r) => r.soort))).toEqual(new Set(["inbraak", "poging"]));
  });

  test("the Dutch views count each registration once; a sum over all counts_year rows is warned about", async () => {
    const naive = "SELECT sum(count) AS n FROM counts_year";
    const [{n: all}] = await run(naive);
    const [{n: region}] = await run("SELECT sum(aantal) AS n FROM jaarcijfers_regio");
    const [{n: direct}] = await run("SELECT sum(count) AS n FROM counts_year WHERE area_level = 'regio' AND soort IN ('inbraak', 'poging')");
    expect(Number(region)).toBe(Number(direct));
    expect(Number(all)).toBeGreaterThan(1.9 * Number(region));
    expect(doubleCountWarning(naive)).toMatch(/dubbel/);
    expect(doubleCountWarning("SELECT sum(count) FROM counts_year WHERE area_level = 'gemeente'")).toBeNull();
    expect(doubleCountWarning("SELECT sum(aantal) FROM jaarcijfers_gemeenten")).toBeNull();
    const named = await run("SELECT DISTINCT gemeentecode, gemeente FROM jaarcijfers_gemeenten");
    for (const r of named) expect(r.gemeente).not.toBe("");
  });

  test("nederland_per_jaar sets area_rates' region rate beside CBS's national rate, full years in the example", async () => {
    const areaRates = tables.get("area_rates")!.toArray().map((x) => x.toJSON());
    const region = new Map(areaRates.filter((r) => r.indicator === "inbraken" && r.area_level === "gemeente").map((r) => [r.year, r.reference_rate]));
    const rows = await run("SELECT * FROM nederland_per_jaar ORDER BY jaar");
    expect(rows.length).toBe(tables.get("national_rates")!.numRows);
    for (const r of rows) {
      expect(r.regio_per_1000, String(r.jaar)).toBe(region.get(Number(r.jaar)) ?? null);
      expect(Number(r.nederland_per_1000)).toBeCloseTo((Number(r.nederland_aantal) / Number(r.nederland_woningen)) * 1000, 3);
    }
    const example = EXAMPLES.find((e) => e.sql.includes("nederland_per_jaar"))!;
    const shown = await run(example.sql);
    const full = rows.filter((r) => r.volledig_jaar_in_levering);
    expect(full.length).toBeGreaterThan(0);
    expect(shown.map((r) => Number(r.jaar))).toEqual(full.map((r) => Number(r.jaar)));
    for (const r of shown) expect(Number(r.verschil_procent)).toBe(Math.round((100 * (Number(r.regio_per_1000) - Number(r.nederland_per_1000))) / Number(r.nederland_per_1000)));
  });

  test("a bad query fails in DuckDB with a message the page translates", async () => {
    await expect(connection.run("SELECT * FROM geen_tabel")).rejects.toThrow(/Table with name geen_tabel does not exist/);
    await expect(connection.run("SELECT nope FROM areas")).rejects.toThrow(/not found/);
  });
});
