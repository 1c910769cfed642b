/**
 * The pipeline: reads a delivery, publishes its tables, runs the analyses and writes the result
 * into the cache (computeTables). The cache, its fingerprint and the way in for data loaders are
 * in cache.ts (re-exported here), which loads this module only when the cache misses.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC, type Table} from "apache-arrow";
import {buildTable, toArrowStream, type ColumnSpec} from "../arrow.js";
import {type BuildConfig} from "../config.js";
import {themeOf} from "../../src/lib/theme.js";
import {assertUsable, readDelivery} from "../delivery/read.js";
import {publish, type PublishMeta} from "./publish.js";
import {gateTables} from "./gate.js";
import {SCHEMAS} from "./tables.js";
import {ANALYSES} from "../analyses/index.js";
import type {Finding} from "../analyses/types.js";
import {adjustFindings} from "../../src/lib/findings.js";
import {publishedTable} from "./cache.js";

export {CACHE_ROOT, DEMO_ROOT, codeFingerprint, deliveryDir, deliveryFingerprint, generatorFingerprint, prepare, publishedTable, readFindings, readTruth, writePublished, type Prepared} from "./cache.js";

/**
 * Runs the pipeline on a delivery and writes its published tables, meta.json and findings.json to
 * the cache folder `cacheDir` (prepare in cache.ts calls this when the cache misses); returns the
 * meta. Throws, with a Dutch message naming the file and the fix, when the delivery is not usable.
 */
export async function computeTables(dir: string, config: BuildConfig, cacheDir: string, fingerprint: string, onStep?: (text: string) => void): Promise<PublishMeta> {
  onStep?.(`levering lezen en controleren (${dir})`);
  const delivery = readDelivery(dir, {region: config.region, maxRejectShare: config.maxRejectShare, peildatum: config.peildatum, firstYear: config.firstYear});
  assertUsable(delivery);
  onStep?.(`${delivery.incidents.length.toLocaleString("nl-NL")} incidenten aanvaard; tabellen maken (niveau ${config.level})`);
  const {tables, meta} = publish(delivery, {level: config.level, suppressBelow: config.suppressBelow, privacy: config.privacy, pseudonymKey: config.pseudonymKey, freeText: config.internFreeText});
  const findings = runAnalyses(delivery, tables, config, dir, onStep);
  meta.tables.push(...ANALYSES.flatMap((a) => Object.keys(a.schemas)));
  // The single privacy gate: nothing is written that the publication policy does not allow.
  const accounts = gateTables(tables, {level: config.level, mode: config.privacy, threshold: config.suppressBelow});
  meta.classes = Object.fromEntries(accounts.map((a) => [a.table, a.class]));
  meta.privacy_accounts = accounts;
  const temp = `${cacheDir}.tmp-${process.pid}`;
  rmSync(temp, {recursive: true, force: true});
  mkdirSync(temp, {recursive: true});
  for (const [name, table] of tables) writeFileSync(join(temp, `${name}.arrow`), toArrowStream(table));
  writeFileSync(join(temp, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
  const delivered = {source: meta.source, fingerprint, level: meta.level, first_month: meta.first_month, last_month: meta.last_month, incidents: meta.incidents};
  writeFileSync(join(temp, "findings.json"), JSON.stringify(findings.map((f) => ({...f, delivery: delivered})), null, 2) + "\n");
  try {
    renameSync(temp, cacheDir);
  } catch {
    rmSync(temp, {recursive: true, force: true}); // another loader process finished first
  }
  return meta;
}

/** Runs every registered analysis on the delivery, adding its tables; returns all findings, Holm-adjusted per family (adjustFindings). */
export function runAnalyses(delivery: ReturnType<typeof readDelivery>, tables: Map<string, Table>, config: BuildConfig, dir: string, onStep?: (text: string) => void): Finding[] {
  const truthPath = join(dir, "truth.json");
  const truth = existsSync(truthPath) ? JSON.parse(readFileSync(truthPath, "utf8")) : null;
  const findings: Finding[] = [];
  for (const [i, analysis] of ANALYSES.entries()) {
    onStep?.(`analyse ${i + 1}/${ANALYSES.length}: ${analysis.name}`);
    const result = analysis.run({delivery, level: config.level, suppressBelow: config.suppressBelow, privacy: config.privacy, tables, truth, theme: themeOf(config.theme)});
    for (const [name, table] of Object.entries(result.tables ?? {})) {
      const spec = analysis.schemas[name];
      if (!spec) throw new Error(`analysis ${analysis.name} published an undeclared table: ${name}`);
      const fields = table.schema.fields.map((f) => f.name).join(",");
      if (fields !== spec.map((c) => c.name).join(",")) throw new Error(`analysis ${analysis.name}: table ${name} has fields ${fields}, declared ${spec.map((c) => c.name).join(",")}`);
      tables.set(name, table);
    }
    findings.push(...(result.findings ?? []));
  }
  const ids = findings.map((f) => f.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`duplicate finding id: ${duplicate}`);
  return adjustFindings(findings);
}

/** The declared schema of a published table (base tables and analyses). */
export function schemaOf(name: string): readonly ColumnSpec[] {
  const spec = (SCHEMAS as Record<string, readonly ColumnSpec[]>)[name] ?? ANALYSES.find((a) => name in a.schemas)?.schemas[name];
  if (!spec) throw new Error(`unknown table: ${name}`);
  return spec;
}

/** An empty table with the declared schema: what a loader publishes for a table the level lacks. */
export function emptyTable(name: string): Uint8Array {
  const spec = schemaOf(name);
  return toArrowStream(buildTable(spec, Object.fromEntries(spec.map((c) => [c.name, []]))));
}

/** Reads a published table as an Arrow Table (for tests and CLIs). */
export async function readPublished(name: string, config?: BuildConfig): Promise<Table> {
  schemaOf(name); // rejects a name that is no published table
  return tableFromIPC(await publishedTable(name, config));
}
