// Contract: the tables of the time and what analyses have exactly their declared schema, are
// deterministic, and their loaders (run as Framework runs them) write what the pipeline publishes.
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream} from "../../loaders/arrow.js";
import {readDelivery} from "../../loaders/delivery/read.js";
import {publish} from "../../loaders/pipeline/publish.js";
import {readConfig} from "../../loaders/config.js";
import {runAnalyses, schemaOf} from "../../loaders/pipeline/run.js";
import {SUNSET_PROFILE} from "../../loaders/analyses/time.js";
import {WHAT_COUNTS} from "../../loaders/analyses/what.js";
import {demoDelivery} from "../helpers/demo.js";
import {publishedDemo} from "../helpers/published.js";

const ROOT = join(import.meta.dirname, "../..");
const TYPE = {string: "Utf8", dict: "Dictionary<Int32, Utf8>", int16: "Int16", int32: "Int32", float64: "Float64", date: "Date32<DAY>", bool: "Bool"} as const;

describe("sunset_profile and what_counts", () => {
  const dir = demoDelivery();
  const build = (level: "openbaar" | "intern") => {
    const delivery = readDelivery(dir);
    const {tables} = publish(delivery, {level, suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
    runAnalyses(delivery, tables, {...readConfig({}), level, dataDir: dir}, dir);
    return tables;
  };
  const openbaar = publishedDemo("openbaar").tables;

  test("the registry declares them", () => {
    expect(schemaOf("sunset_profile")).toBe(SUNSET_PROFILE);
    expect(schemaOf("what_counts")).toBe(WHAT_COUNTS);
  });

  for (const [name, spec] of [["sunset_profile", SUNSET_PROFILE], ["what_counts", WHAT_COUNTS]] as const) {
    test(`${name}: fields, types and nullability after an IPC round trip`, () => {
      const table = tableFromIPC(toArrowStream(openbaar.get(name)!));
      expect(table.schema.fields.map((f) => f.name)).toEqual(spec.map((c) => c.name));
      expect(table.schema.fields.map((f) => String(f.type))).toEqual(spec.map((c) => TYPE[c.kind]));
      expect(table.schema.fields.map((f) => f.nullable)).toEqual(spec.map((c) => c.nullable ?? false));
      expect(table.numRows).toBeGreaterThan(0);
    });
  }

  test("column domains", () => {
    const sun = openbaar.get("sunset_profile")!;
    const bins = new Set(sun.getChild("hour_from_sunset")!.toArray() as Int16Array);
    expect(Math.min(...bins)).toBeGreaterThanOrEqual(-12);
    expect(Math.max(...bins)).toBeLessThanOrEqual(11);
    const months = sun.getChild("month")!.toArray() as Int16Array;
    expect(months.every((m) => m >= 1 && m <= 12)).toBe(true);
    const what = openbaar.get("what_counts")!.toArray().map((r) => r.toJSON());
    expect(new Set(what.map((r) => r.dimension))).toEqual(new Set(["werkwijze", "woningtype", "buit", "opgelost"]));
    expect(new Set(what.map((r) => r.soort))).toEqual(new Set(["inbraak", "poging", "totaal"]));
    expect(new Set(what.map((r) => r.area_level))).toEqual(new Set(["regio", "gemeente"]));
  });

  test("the same delivery gives byte-identical tables", () => {
    const again = build("openbaar");
    for (const name of ["sunset_profile", "what_counts"]) {
      expect(Buffer.from(toArrowStream(again.get(name)!)).equals(Buffer.from(toArrowStream(openbaar.get(name)!))), name).toBe(true);
    }
  });

  test("the loaders write the published tables", () => {
    const env = {...process.env, INBRAAKLAB_DATA_DIR: dir, INBRAAKLAB_LEVEL: "openbaar"};
    for (const [file, name] of [["src/data/what-counts.arrow.ts", "what_counts"], ["src/data/sunset-profile.arrow.ts", "sunset_profile"]]) {
      const bytes = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [file], {cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024});
      expect(Buffer.from(bytes).equals(Buffer.from(toArrowStream(openbaar.get(name)!))), name).toBe(true);
    }
  });
});
