// Contract: every table the measure analyses publish has exactly its declared schema (names, types,
// nullability) after an IPC round trip, on a demo delivery (rows) and on a delivery without measure
// files (no rows, findings "niet geleverd"); and the openbaar level hides small pooled counts.
import {join} from "node:path";
import {tableFromIPC, type Table} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream, type ColumnKind, type ColumnSpec} from "../../loaders/arrow.js";
import {readConfig} from "../../loaders/config.js";
import {readDelivery} from "../../loaders/delivery/read.js";
import {publish} from "../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../loaders/pipeline/run.js";
import {ANALYSES} from "../../loaders/analyses/index.js";
import {WHATSAPP_SCHEMAS} from "../../loaders/analyses/whatsapp.js";
import {DOR_SCHEMAS} from "../../loaders/analyses/dor.js";
import {PREVENTION_SCHEMAS} from "../../loaders/analyses/prevention.js";
import {CAMPAIGN_SCHEMAS} from "../../loaders/analyses/campaigns.js";
import {adjustFindings, type Finding} from "../../src/lib/findings.js";
import {demoDelivery} from "../helpers/demo.js";

const TYPE: Record<ColumnKind, string> = {
  string: "Utf8", dict: "Dictionary<Int32, Utf8>", int16: "Int16", int32: "Int32", float64: "Float64", date: "Date32<DAY>", bool: "Bool"
};
const MEASURE_TABLES: Record<string, readonly ColumnSpec[]> = {...WHATSAPP_SCHEMAS, ...PREVENTION_SCHEMAS, ...DOR_SCHEMAS, ...CAMPAIGN_SCHEMAS};

function run(dir: string, level: "openbaar" | "intern", privacy: "standaard" | "streng" = "standaard") {
  const delivery = readDelivery(dir);
  const config = {...readConfig({}), dataDir: dir, level, privacy};
  const {tables} = publish(delivery, {level, suppressBelow: config.suppressBelow, privacy, pseudonymKey: "test-pseudonym-key-0123456789"});
  const findings = runAnalyses(delivery, tables, config, dir);
  return {tables, findings};
}

/**
 * Only the measure analyses, with their tables and (Holm-adjusted, as the pipeline does) findings: they
 * read the delivery, not other analyses' tables, so the full run (Knox, planner: most of its time) is
 * not needed for their tables or to compare levels.
 */
function runMeasures(dir: string, level: "openbaar" | "intern", privacy: "standaard" | "streng" = "standaard") {
  const delivery = readDelivery(dir);
  const config = {...readConfig({}), dataDir: dir, level, privacy};
  const {tables} = publish(delivery, {level, suppressBelow: config.suppressBelow, privacy, pseudonymKey: "test-pseudonym-key-0123456789"});
  const measures = new Map<string, Table>();
  const findings: Finding[] = [];
  for (const analysis of ANALYSES.filter((a) => Object.keys(a.schemas).some((name) => name in MEASURE_TABLES))) {
    const result = analysis.run({delivery, level, suppressBelow: config.suppressBelow, privacy, tables, truth: null});
    for (const [name, table] of Object.entries(result.tables ?? {})) measures.set(name, table);
    findings.push(...(result.findings ?? []));
  }
  return {tables: measures, findings: adjustFindings(findings)};
}

const schemaOf = (table: Table) => {
  const t = tableFromIPC(toArrowStream(table));
  return {names: t.schema.fields.map((f) => f.name), types: t.schema.fields.map((f) => String(f.type)), nullable: t.schema.fields.map((f) => f.nullable), rows: t.numRows};
};

describe("measure tables on a demo delivery", () => {
  const dir = demoDelivery({seed: 5, fromYear: 2013, toYear: 2020, incidents: 9000});
  const openbaar = runMeasures(dir, "openbaar");
  /** The intern level's run, made once for the two tests that compare with it. */
  let internRun: ReturnType<typeof runMeasures> | undefined;
  const intern = () => (internRun ??= runMeasures(dir, "intern"));

  test("the measure analyses are registered", () => {
    expect(ANALYSES.map((a) => a.name)).toEqual(expect.arrayContaining(["whatsapp", "prevention", "dor", "campaigns"]));
  });

  for (const [name, spec] of Object.entries(MEASURE_TABLES)) {
    test(`${name}: fields, types and nullability, with rows`, () => {
      const s = schemaOf(openbaar.tables.get(name)!);
      expect(s.names).toEqual(spec.map((c) => c.name));
      expect(s.types).toEqual(spec.map((c) => TYPE[c.kind]));
      expect(s.nullable).toEqual(spec.map((c) => c.nullable ?? false));
      expect(s.rows).toBeGreaterThan(0);
    });
  }

  test("findings carry the ids of the issue, in percent", () => {
    const ids = openbaar.findings.map((f) => f.id);
    for (const id of ["measure.whatsapp.overall", "measure.whatsapp.displacement", "measure.dor.level", "measure.prevention_advice.dose", "measure.campaign.donkere-dagen-offensief"]) {
      expect(ids).toContain(id);
    }
    const overall = openbaar.findings.find((f) => f.id === "measure.whatsapp.overall")!;
    expect(overall.unit).toBe("percent");
    expect(overall.ci_low!).toBeLessThan(overall.estimate!);
    expect(overall.ci_high!).toBeGreaterThan(overall.estimate!);
  });

  test("openbaar (standaard) publishes the pooled counts exactly: sums of open counts per area and month", () => {
    const counts = (tables: Map<string, Table>, name: string, column: string) => tables.get(name)!.toArray().map((r) => r.toJSON()[column] as number | null);
    for (const [name, column] of [["dor_series", "observed"], ["campaign_series", "observed"], ["whatsapp_event_study", "observed"]] as const) {
      expect(counts(openbaar.tables, name, column), name).toEqual(counts(intern().tables, name, column));
    }
  });

  test("openbaar (streng) hides pooled counts 1-4, intern shows them", () => {
    const strict = runMeasures(dir, "openbaar", "streng");
    const counts = (tables: Map<string, Table>, name: string, column: string) => tables.get(name)!.toArray().map((r) => r.toJSON()[column] as number | null);
    for (const [name, column] of [["dor_series", "observed"], ["campaign_series", "observed"], ["whatsapp_event_study", "observed"]] as const) {
      const open = counts(strict.tables, name, column), full = counts(intern().tables, name, column);
      expect(open.every((v) => v === null || v === 0 || v >= 5), name).toBe(true);
      open.forEach((v, i) => expect(v === null ? full[i]! >= 1 && full[i]! <= 4 : v === full[i], name).toBe(true));
    }
  }, 240_000);
});

describe("measure tables on a delivery without measure files", () => {
  const {tables, findings} = run(join(import.meta.dirname, "../fixtures/minimal-delivery"), "openbaar");

  for (const [name, spec] of Object.entries(MEASURE_TABLES)) {
    test(`${name}: declared fields, and rows only for the 'niet geleverd' effects`, () => {
      const s = schemaOf(tables.get(name)!);
      expect(s.names).toEqual(spec.map((c) => c.name));
      if (name.endsWith("_effects")) {
        const rows = tables.get(name)!.toArray().map((r) => r.toJSON());
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.verdict === "niet geleverd" && r.estimate === null)).toBe(true);
      } else {
        expect(s.rows).toBe(0);
      }
    });
  }

  test("every measure finding says 'niet geleverd'", () => {
    const measures = findings.filter((f) => f.id.startsWith("measure."));
    expect(measures.map((f) => f.id).sort()).toEqual(["measure.campaigns", "measure.dor.level", "measure.prevention_advice.dose", "measure.whatsapp.displacement", "measure.whatsapp.overall"]);
    expect(measures.every((f) => f.verdict === "niet geleverd")).toBe(true);
  });
});
