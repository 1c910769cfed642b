// Contract: every table an analysis publishes has exactly its declared schema (names, Arrow types,
// nullability) after an IPC round trip, at both levels, and every finding has the findings.json fields.
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream, type ColumnKind} from "../../loaders/arrow.js";
import {ANALYSES} from "../../loaders/analyses/index.js";
import {publishedDemo} from "../helpers/published.js";

const TYPE: Record<ColumnKind, string> = {
  string: "Utf8", dict: "Dictionary<Int32, Utf8>", int16: "Int16", int32: "Int32", float64: "Float64", date: "Date32<DAY>", bool: "Bool"
};

describe.each(["openbaar", "intern"] as const)("analysis tables (%s)", (level) => {
  const {tables, findings} = publishedDemo(level);

  for (const analysis of ANALYSES) {
    for (const [name, spec] of Object.entries(analysis.schemas)) {
      test(`${analysis.name}: ${name}`, () => {
        const table = tableFromIPC(toArrowStream(tables.get(name)!));
        expect(table.schema.fields.map((f) => f.name)).toEqual(spec.map((c) => c.name));
        expect(table.schema.fields.map((f) => String(f.type))).toEqual(spec.map((c) => TYPE[c.kind]));
        expect(table.schema.fields.map((f) => f.nullable)).toEqual(spec.map((c) => c.nullable ?? false));
        // Content is asserted by each analysis's own tests; some tables are legitimately empty on
        // the small test delivery (e.g. DOR series when every connection predates it).
      });
    }
  }

  test("findings: stable ids, every field, verdicts in Dutch", () => {
    const ids = findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["knox.near_repeat", "season.dark_evenings", "season.winter_peak", "repeat.same_address", "factor.gemiddelde_woz"]));
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(["ci_high", "ci_low", "direction", "estimate", "id", "method", "p_holm", "p_value", "question", "sensitivity", "unit", "verdict"]);
      expect(f.direction).toMatch(/^(decrease|increase|any)$/);
      expect(f.verdict).toMatch(/^(aangetoond|tegengesteld|niet aangetoond|onzeker|samenhang \((hoger|lager) risico\)$|geen samenhang aangetoond$|onvoldoende gegevens|niet geleverd)/);
      if (f.ci_low !== null && f.estimate !== null) expect(f.ci_low).toBeLessThanOrEqual(f.estimate);
    }
  });
});
