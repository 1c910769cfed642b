import {tableFromArrays} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {DUTCH_VIEWS, checkQuery, describeColumns, doubleCountWarning, filterQuery, friendlySqlError, quickChartDefaults, resultRows, runQuery, schemaGroups, tableFile} from "../../src/lib/explore.js";

describe("checkQuery", () => {
  test("lets one read-only statement through", () => {
    for (const q of ["SELECT 1", "  with t as (select 1) select * from t;", "FROM counts_month", "DESCRIBE areas", "-- note\nSELECT 'install' AS word"]) expect(checkQuery(q), q).toBeNull();
  });

  test("refuses empty, several, writing, file and network statements with a Dutch message", () => {
    expect(checkQuery("  ")).toBe("Typ eerst een query.");
    expect(checkQuery("SELECT 1; SELECT 2")).toContain("één query");
    expect(checkQuery("DROP TABLE areas")).toContain("Alleen lezen");
    expect(checkQuery("INSTALL httpfs")).toContain("Alleen lezen");
    expect(checkQuery("SELECT * FROM 'https://example.org/x.csv'")).toContain("niet toegestaan");
    expect(checkQuery("SELECT * FROM read_csv('x.csv')")).toContain("niet toegestaan");
    expect(checkQuery("SELECT * FROM https://x/y")).toContain("niet toegestaan");
    expect(checkQuery("WITH x AS (SELECT 1) SELECT * FROM x; ATTACH 'y'")).toContain("één query");
  });
});

describe("friendlySqlError", () => {
  test("turns DuckDB messages into Dutch sentences", () => {
    expect(friendlySqlError("Catalog Error: Table with name foo does not exist!\nDid you mean \"areas\"?")).toBe("De tabel foo bestaat niet. Kies een tabel uit de lijst hiernaast.");
    expect(friendlySqlError('Binder Error: Referenced column "bar" not found in FROM clause!')).toContain("De kolom bar bestaat niet");
    expect(friendlySqlError('Parser Error: syntax error at or near "FORM"')).toBe('De query bevat een schrijffout bij "FORM". Controleer komma\'s, haakjes en aanhalingstekens.');
    expect(friendlySqlError("Conversion Error: Could not convert string 'a' to INT32")).toContain("omgezet");
    expect(friendlySqlError("something else")).toBe("De query kon niet worden uitgevoerd.");
  });
});

describe("quick chart and results", () => {
  test("quickChartDefaults picks the first column and the first numeric one after it", () => {
    expect(quickChartDefaults([{name: "gemeente", numeric: false, temporal: false}, {name: "n", numeric: true, temporal: false}])).toEqual({x: "gemeente", y: "n", mark: "bar"});
    expect(quickChartDefaults([{name: "maand", numeric: false, temporal: true}, {name: "s", numeric: false, temporal: false}, {name: "n", numeric: true, temporal: false}])).toEqual({x: "maand", y: "n", mark: "line"});
    expect(quickChartDefaults([{name: "a", numeric: false, temporal: false}, {name: "b", numeric: false, temporal: false}])).toBeNull();
    expect(quickChartDefaults([{name: "a", numeric: true, temporal: false}])).toBeNull();
  });

  test("describeColumns reads types from values", () => {
    expect(describeColumns(["a", "b", "c"], [{a: 1, b: "x", c: new Date(0)}, {a: null, b: "y", c: null}])).toEqual([
      {name: "a", numeric: true, temporal: false}, {name: "b", numeric: false, temporal: false}, {name: "c", numeric: false, temporal: true}]);
  });

  test("resultRows turns Arrow results into plain rows with dates and numbers", () => {
    const table = tableFromArrays({jaar: Int32Array.of(2023, 2024), n: [1n, 2n] as never, naam: ["a", "b"]});
    const {names, rows, columns} = resultRows(table as never);
    expect(names).toEqual(["jaar", "n", "naam"]);
    expect(rows).toEqual([{jaar: 2023, n: 1, naam: "a"}, {jaar: 2024, n: 2, naam: "b"}]);
    expect(columns.map((c) => c.numeric)).toEqual([true, true, false]);
  });

  test("tableFile and filterQuery check their input", () => {
    expect(tableFile("counts_grid")).toBe("./data/counts-grid.arrow");
    expect(() => tableFile("x; drop")).toThrow("invalid table name");
    expect(filterQuery({from: "2024-01", to: "2024-12", gemeente: "GM0153", soort: "poging"})).toContain("AND soort = 'poging'");
    expect(() => filterQuery({from: "2024-01", to: "2024-12", gemeente: "GM0153' OR 1=1 --", soort: "alle"})).toThrow("invalid gemeente");
    expect(() => filterQuery({from: "2024-1", to: "2024-12", gemeente: "regio", soort: "alle"})).toThrow("invalid period");
  });
});

describe("schemaGroups and runQuery", () => {
  test("groups columns by table with the Dutch views first, in the order given", () => {
    const rows = [
      {table_name: "counts_month", column_name: "month", data_type: "DATE"},
      {table_name: "maand_gemeente", column_name: "maand", data_type: "DATE"},
      {table_name: "counts_month", column_name: "count", data_type: "INTEGER"}
    ];
    const view = Object.keys(DUTCH_VIEWS)[0];
    rows[1].table_name = view;
    const groups = schemaGroups(rows);
    expect(groups.map((g) => g.name)).toEqual([view, "counts_month"]);
    expect(groups[0].about).toBe(DUTCH_VIEWS[view].about);
    expect(groups[1]).toEqual({name: "counts_month", about: null, columns: [{column_name: "month", data_type: "DATE"}, {column_name: "count", data_type: "INTEGER"}]});
  });

  test("refuses before running, waits for the views, and turns an error into a Dutch message", async () => {
    const ran: string[] = [];
    const table = tableFromArrays({jaar: Int32Array.from([2024]), aantal: Float64Array.from([3])});
    const run = async (text: string) => { ran.push(text); return table; };
    expect(await runQuery("DROP TABLE x", {run, ready: Promise.resolve()})).toMatchObject({ok: false, detail: ""});
    expect(ran).toEqual([]);
    const ok = await runQuery("SELECT * FROM counts_month", {run, ready: Promise.resolve()});
    expect(ok).toMatchObject({ok: true, names: ["jaar", "aantal"], rows: [{jaar: 2024, aantal: 3}]});
    expect(ok.ok && ok.warning).toBe(doubleCountWarning("SELECT * FROM counts_month"));
    const failed = await runQuery("SELECT nope FROM counts_month", {run: async () => { throw new Error('Binder Error: Referenced column "nope" not found'); }, ready: Promise.resolve()});
    expect(failed).toEqual({ok: false, message: friendlySqlError('Binder Error: Referenced column "nope" not found'), detail: 'Binder Error: Referenced column "nope" not found'});
  });
});
