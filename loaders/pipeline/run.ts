/**
 * Runs the pipeline for the configured delivery once per content and caches its published tables
 * on disk (data/.cache/<fingerprint>/), so that each Framework data loader only reads its table.
 * The fingerprint covers the delivery's files, the configuration and the pipeline's own code: a
 * changed file, a switched delivery or a code change never serves stale tables.
 */
import {createHash, scryptSync} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {tableFromIPC, type Table} from "apache-arrow";
import {toArrowStream} from "../arrow.js";
import {PROJECT_ROOT, readConfig, type BuildConfig} from "../config.js";
import {themeOf} from "../../src/lib/theme.js";
import {assertUsable, readDelivery} from "../delivery/read.js";
import {dateLimits} from "../delivery/values.js";
import {publish, type PublishMeta} from "./publish.js";
import {gateTables} from "./gate.js";
import {SCHEMAS} from "./tables.js";
import {seededRng} from "../../src/lib/random.js";
import {buildTable, type ColumnSpec} from "../arrow.js";
import {ANALYSES} from "../analyses/index.js";
import type {Finding} from "../analyses/types.js";
import {adjustFindings} from "../../src/lib/findings.js";

export const CACHE_ROOT = join(PROJECT_ROOT, "data", ".cache");
export const DEMO_ROOT = join(PROJECT_ROOT, "data", "demo");

function hashFiles(hash: ReturnType<typeof createHash>, dir: string, filter: (name: string) => boolean): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (name !== "node_modules" && !name.startsWith(".")) hashFiles(hash, path, filter);
    } else if (filter(name)) {
      hash.update(relative(PROJECT_ROOT, path) + "\0" + name + "\0");
      hash.update(readFileSync(path));
    }
  }
}

/** A hash of the pipeline's own code (loaders/ and src/lib/). */
export function codeFingerprint(): string {
  const hash = createHash("sha256");
  hashFiles(hash, join(PROJECT_ROOT, "loaders"), (n) => n.endsWith(".ts"));
  hashFiles(hash, join(PROJECT_ROOT, "src", "lib"), (n) => n.endsWith(".ts"));
  return hash.digest("hex");
}

/** A hash of a delivery folder's files (names and contents) and the configuration. */
export function deliveryFingerprint(dir: string, config: BuildConfig): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    hash.update(name + "\0");
    hash.update(readFileSync(path));
  }
  // The effective peildatum (today when unset) decides which pleegdata are accepted.
  const {peildatum, firstYear} = dateLimits({peildatum: config.peildatum, firstYear: config.firstYear});
  // The pseudonym key changes the intern table, so it is part of the fingerprint: through scrypt
  // (never the key itself), as the fingerprint is published in findings.json and a fast hash would
  // let whoever holds the export test guesses of a weak key cheaply.
  const pseudonym = config.pseudonymKey ? scryptSync(config.pseudonymKey, "inbraaklab-pseudonym-fingerprint", 16).toString("hex") : null;
  hash.update(JSON.stringify({level: config.level, region: config.region, max: config.maxRejectShare, suppress: config.suppressBelow, theme: config.theme, privacy: config.privacy, peildatum, firstYear, pseudonym, freeText: config.internFreeText}));
  return hash.digest("hex");
}

/** A hash of the demo generator's code: the demo delivery is regenerated only when it changes. */
export function generatorFingerprint(): string {
  const hash = createHash("sha256");
  hashFiles(hash, join(PROJECT_ROOT, "loaders", "demo"), (n) => n.endsWith(".ts"));
  for (const file of ["loaders/delivery/geo.ts", "src/lib/random.ts", "src/lib/twente.ts"]) hash.update(readFileSync(join(PROJECT_ROOT, file)));
  return hash.digest("hex");
}

/** The delivery folder to build from: INBRAAKLAB_DATA_DIR, or the demo delivery (generated when missing). */
export async function deliveryDir(config: BuildConfig): Promise<string> {
  if (config.dataDir) return config.dataDir;
  const dir = join(DEMO_ROOT, `seed-${config.demoSeed}${config.theme === "woninginbraak" ? "" : `-${config.theme}`}`);
  const stamp = join(dir, ".generator");
  const version = generatorFingerprint();
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== version) {
    const {writeDemoDelivery} = await import("../demo/generate.js");
    const {plantErrors} = await import("../demo/faults.js");
    rmSync(dir, {recursive: true, force: true});
    const {demoOptionsForTheme} = await import("../demo/themes.js");
    writeDemoDelivery(dir, {...demoOptionsForTheme(config.theme), seed: config.demoSeed});
    // Like a real export, the demo has a few broken rows (about 0.4%) for check-data to find.
    const csv = join(dir, "inbraken.csv");
    writeFileSync(csv, plantErrors(readFileSync(csv, "utf8"), seededRng(config.demoSeed + 1), 0.004));
    writeFileSync(stamp, version);
  }
  return dir;
}

export interface Prepared {
  dir: string;
  cacheDir: string;
  fingerprint: string;
  meta: PublishMeta;
  /** Whether the pipeline ran (false: served from the cache). */
  computed: boolean;
}

/**
 * Makes sure the published tables of the configured delivery are in the cache, running the
 * pipeline when they are not. Throws, with a Dutch message naming the file and the fix, when the
 * delivery is not usable.
 */
export async function prepare(config: BuildConfig = readConfig()): Promise<Prepared> {
  const dir = await deliveryDir(config);
  const fingerprint = createHash("sha256").update(deliveryFingerprint(dir, config)).update(codeFingerprint()).digest("hex").slice(0, 24);
  const cacheDir = join(CACHE_ROOT, fingerprint);
  if (existsSync(join(cacheDir, "meta.json"))) {
    return {dir, cacheDir, fingerprint, meta: JSON.parse(readFileSync(join(cacheDir, "meta.json"), "utf8")), computed: false};
  }
  const delivery = readDelivery(dir, {region: config.region, maxRejectShare: config.maxRejectShare, peildatum: config.peildatum, firstYear: config.firstYear});
  assertUsable(delivery);
  const {tables, meta} = publish(delivery, {level: config.level, suppressBelow: config.suppressBelow, privacy: config.privacy, pseudonymKey: config.pseudonymKey, freeText: config.internFreeText});
  const findings = runAnalyses(delivery, tables, config, dir);
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
  return {dir, cacheDir, fingerprint, meta, computed: true};
}

/** Runs every registered analysis on the delivery, adding its tables; returns all findings, Holm-adjusted per family (adjustFindings). */
export function runAnalyses(delivery: ReturnType<typeof readDelivery>, tables: Map<string, Table>, config: BuildConfig, dir: string): Finding[] {
  const truthPath = join(dir, "truth.json");
  const truth = existsSync(truthPath) ? JSON.parse(readFileSync(truthPath, "utf8")) : null;
  const findings: Finding[] = [];
  for (const analysis of ANALYSES) {
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

/** Reads one published table of the configured delivery (an empty table if the level lacks it). */
export async function publishedTable(name: string, config: BuildConfig = readConfig()): Promise<Uint8Array> {
  const spec = schemaOf(name);
  const {cacheDir} = await prepare(config);
  const path = join(cacheDir, `${name}.arrow`);
  if (existsSync(path)) return readFileSync(path);
  return toArrowStream(buildTable(spec, Object.fromEntries(spec.map((c) => [c.name, []]))));
}

/** Reads a published table as an Arrow Table (for tests and CLIs). */
export async function readPublished(name: string, config?: BuildConfig): Promise<Table> {
  return tableFromIPC(await publishedTable(name, config));
}

/** The findings of the configured delivery (findings.json). */
export async function readFindings(config: BuildConfig = readConfig()): Promise<(Finding & {delivery: Record<string, unknown>})[]> {
  const {cacheDir} = await prepare(config);
  return JSON.parse(readFileSync(join(cacheDir, "findings.json"), "utf8"));
}

/** Writes one published table to stdout: the body of every src/data/*.arrow.ts loader. */
export async function writePublished(name: string): Promise<void> {
  const bytes = await publishedTable(name);
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
}

/** What the demo generator planted (truth.json), or null for a real delivery. */
export async function readTruth(config: BuildConfig = readConfig()): Promise<Record<string, unknown> | null> {
  const {dir} = await prepare(config);
  const path = join(dir, "truth.json");
  if (!existsSync(path)) return null;
  const {riskModel, effects, nearRepeat, season, seed} = JSON.parse(readFileSync(path, "utf8"));
  const {buurten: _, ...risk} = riskModel ?? {};
  return {seed, riskModel: risk, effects, nearRepeat, season};
}
