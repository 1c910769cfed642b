// The publication policy: one entry per published table, and the gate that enforces it.
import {describe, expect, test} from "vitest";
import {buildTable, col, columns} from "../../../loaders/arrow.js";
import {ANALYSES} from "../../../loaders/analyses/index.js";
import {checkTable, gateTables} from "../../../loaders/pipeline/gate.js";
import {INTERN_TABLES, PUBLIC_TABLES, SCHEMAS} from "../../../loaders/pipeline/tables.js";
import {classOf, policyOf, policyRuleText, POLICY, thresholdFor} from "../../../src/lib/privacy/policy.js";

const allTables = [...PUBLIC_TABLES, ...INTERN_TABLES, ...ANALYSES.flatMap((a) => Object.keys(a.schemas))];
const open = {level: "openbaar", mode: "standaard", threshold: 5} as const;

describe("POLICY", () => {
  test("has exactly one entry for every table the pipeline can publish", () => {
    expect(allTables.filter((t) => !(t in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((t) => !allTables.includes(t))).toEqual([]);
  });

  test("declares the police's own grain open, and what goes beyond it protected", () => {
    for (const t of ["counts_month", "counts_year", "counts_pc4"]) expect(classOf(t)).toBe("open");
    for (const t of ["counts_grid", "time_profile", "sunset_profile", "what_counts", "repeat_summary", "prevention_advice", "knox_cells"]) expect(classOf(t)).toBe("protected");
    expect(classOf("incidents")).toBe("intern");
    expect(() => policyOf("nieuwe_tabel")).toThrow(/nieuwe_tabel/);
  });

  test("streng makes every open count table protected", () => {
    for (const [t, e] of Object.entries(POLICY)) if (e.class === "open") expect(classOf(t, "streng")).toBe("protected");
  });

  test("thresholdFor: 0 for open tables and the intern build; refuses a threshold below 2 for openbaar", () => {
    expect(thresholdFor("counts_month", open)).toBe(0);
    expect(thresholdFor("counts_grid", open)).toBe(5);
    expect(thresholdFor("counts_month", {...open, mode: "streng"})).toBe(5);
    expect(thresholdFor("counts_grid", {...open, level: "intern"})).toBe(0);
    expect(() => thresholdFor("counts_grid", {...open, threshold: 1})).toThrow(/threshold/);
  });

  test("the page rule text follows the mode and threshold", () => {
    expect(policyRuleText({mode: "standaard", threshold: 5})).toMatch(/exact.*1 tot en met 4/s);
    expect(policyRuleText({mode: "streng", threshold: 10})).toMatch(/alle tabellen.*1 tot en met 9/s);
    expect(() => policyRuleText({mode: "standaard", threshold: 1})).toThrow();
    // A fietsdiefstal build speaks of its own offence (test/e2e/theme.test.ts scans the pages).
    const fiets = policyRuleText({mode: "standaard", threshold: 5, words: {withAttempts: "fietsdiefstallen en pogingen", singular: "fietsdiefstal"}});
    expect(fiets).toContain("geregistreerde fietsdiefstallen en pogingen");
    expect(fiets).not.toMatch(/inbra/);
  });
});

describe("gate", () => {
  const month = (rows: {area_level: string; area_code: string; count: number | null; suppressed: boolean}[]) =>
    buildTable(SCHEMAS.counts_month, {
      area_level: rows.map((r) => r.area_level), area_code: rows.map((r) => r.area_code), area_name: rows.map((r) => r.area_code),
      month: rows.map(() => 19_723), soort: rows.map(() => "inbraak"), count: rows.map((r) => r.count), suppressed: Uint8Array.from(rows, (r) => (r.suppressed ? 1 : 0))
    });

  test("passes an open table with small counts, and accounts for it", () => {
    const t = month([{area_level: "regio", area_code: "regio", count: 3, suppressed: false}, {area_level: "gemeente", area_code: "GM0153", count: 1, suppressed: false}]);
    expect(checkTable("counts_month", t, open)).toEqual({table: "counts_month", class: "open", rows: 2, hidden: 0, threshold: 0});
  });

  test("refuses an open table finer than its grain, and a code that is not of its level", () => {
    expect(() => checkTable("counts_month", month([{area_level: "buurt", area_code: "BU01530000", count: 3, suppressed: false}]), open)).toThrow(/counts_month.*area level buurt/);
    expect(() => checkTable("counts_month", month([{area_level: "gemeente", area_code: "7512", count: 3, suppressed: false}]), open)).toThrow(/7512 is not a gemeente/);
  });

  test("refuses a small value in a protected table, and a value beside its suppressed flag", () => {
    const strict = {...open, mode: "streng"} as const;
    expect(() => checkTable("counts_month", month([{area_level: "regio", area_code: "regio", count: 3, suppressed: false}]), strict)).toThrow(/count = 3 is a small value/);
    expect(() => checkTable("counts_month", month([{area_level: "regio", area_code: "regio", count: 9, suppressed: true}]), strict)).toThrow(/shown although suppressed/);
    expect(checkTable("counts_month", month([{area_level: "regio", area_code: "regio", count: null, suppressed: true}]), strict).hidden).toBe(1);
  });

  test("refuses an open table that carries an attribute the police do not publish", () => {
    const spec = [col.d("area_level", ""), col.d("area_code", ""), col.d("werkwijze", ""), col.i32("count", "")];
    const t = buildTable(spec, {area_level: ["regio"], area_code: ["regio"], werkwijze: ["x"], count: [7]});
    expect(() => checkTable("counts_year", t, open)).toThrow(/werkwijze/);
  });

  test("refuses incident rows in an openbaar build and a table without a policy entry", () => {
    const incidents = buildTable(SCHEMAS.incidents, columns(SCHEMAS.incidents, [Object.fromEntries(SCHEMAS.incidents.map((c) => [c.name, c.kind === "dict" ? "x" : 1]))]));
    expect(() => gateTables(new Map([["incidents", incidents]]), open)).toThrow(/incident-level rows/);
    expect(gateTables(new Map([["incidents", incidents]]), {...open, level: "intern"})[0].class).toBe("intern");
    expect(() => gateTables(new Map([["geheim", incidents]]), open)).toThrow(/geheim/);
  });
});
