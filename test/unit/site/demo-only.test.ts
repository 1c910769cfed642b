// Demo-only elements ("geplant", the demo generator) never appear in a build on a real delivery
// (truth.json absent, truth === null): on the pages they sit in JavaScript blocks or behind a
// `truth` condition, and the analyses publish no planted values without a truth.
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import type {Table} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../../loaders/pipeline/run.js";
import {readConfig} from "../../../loaders/config.js";
import {demoDelivery} from "../../helpers/demo.js";
import {publishedDemo} from "../../helpers/published.js";

const SRC = join(import.meta.dirname, "../../../src");
const DEMO_WORDS = /geplant|plantte|demogenerator|demolevering/i;

function pages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []));
}

/** Publishes a delivery folder and runs every analysis, as a build does. */
function analysed(dir: string) {
  const delivery = readDelivery(dir);
  const {tables} = publish(delivery, {level: "intern", suppressBelow: 5, pseudonymKey: "test-pseudonym-key-0123456789"});
  const findings = runAnalyses(delivery, tables, {...readConfig({INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_PSEUDONYM_KEY: "test-pseudonym-key-0123456789"}), dataDir: dir}, dir);
  return {tables, findings};
}

/** The `planted` and `truth` columns that hold a value (iterated: toArray() of a Float64 column gives 0 for a null). */
function plantedColumns(tables: Map<string, Table>): string[] {
  return [...tables].flatMap(([name, table]) => ["planted", "truth"].filter((c) => [...(table.getChild(c) ?? [])].some((v) => v !== null)).map((c) => `${name}.${c}`));
}

describe("demo-only elements on a real delivery", () => {
  test("page text outside JavaScript blocks mentions the demo only behind a truth condition", () => {
    const offending: string[] = [];
    for (const file of pages(SRC)) {
      let inCode = false;
      readFileSync(file, "utf8").split("\n").forEach((line, i) => {
        if (line.startsWith("```")) inCode = !inCode;
        else if (!inCode && DEMO_WORDS.test(line) && !/\btruth/.test(line)) offending.push(`${relative(SRC, file)}:${i + 1}`);
      });
    }
    expect(offending).toEqual([]);
  });

  test("without truth.json no table publishes a planted value and no finding speaks of one", () => {
    const real = mkdtempSync(join(tmpdir(), "inbraaklab-real-"));
    cpSync(demoDelivery(), real, {recursive: true});
    rmSync(join(real, "truth.json"));
    const onReal = analysed(real);
    expect(plantedColumns(onReal.tables)).toEqual([]);
    expect(onReal.findings.filter((f) => DEMO_WORDS.test(`${f.question} ${f.method} ${f.verdict}`)).map((f) => f.id)).toEqual([]);
    // The same delivery with its truth.json does publish planted values: the check is not vacuous.
    expect(plantedColumns(publishedDemo("intern").tables)).toEqual(expect.arrayContaining(["whatsapp_effects.planted", "factor_models.truth"]));
  });
});
