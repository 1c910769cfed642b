/**
 * Runs the pipeline for the configured delivery once per content and caches its published tables
 * on disk (data/.cache/<fingerprint>/), so that each Framework data loader only reads its table.
 * The fingerprint covers the delivery's files, the configuration and the pipeline's own code: a
 * changed file, a switched delivery or a code change never serves stale tables.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {tableFromIPC, type Table} from "apache-arrow";
import {toArrowStream} from "../arrow.js";
import {PROJECT_ROOT, readConfig, type BuildConfig} from "../config.js";
import {assertUsable, readDelivery} from "../delivery/read.js";
import {publish, type PublishMeta} from "./publish.js";
import {SCHEMAS, type TableName} from "./tables.js";
import {buildTable} from "../arrow.js";

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
  hash.update(JSON.stringify({level: config.level, region: config.region, max: config.maxRejectShare, suppress: config.suppressBelow}));
  return hash.digest("hex");
}

/** The delivery folder to build from: INBRAAKLAB_DATA_DIR, or the demo delivery (generated when missing). */
export async function deliveryDir(config: BuildConfig): Promise<string> {
  if (config.dataDir) return config.dataDir;
  const dir = join(DEMO_ROOT, `seed-${config.demoSeed}`);
  const stamp = join(dir, ".generator");
  const version = codeFingerprint();
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== version) {
    const {writeDemoDelivery} = await import("../demo/generate.js");
    rmSync(dir, {recursive: true, force: true});
    await writeDemoDelivery(dir, {seed: config.demoSeed});
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
  const delivery = readDelivery(dir, {region: config.region, maxRejectShare: config.maxRejectShare});
  assertUsable(delivery);
  const {tables, meta} = publish(delivery, {level: config.level, suppressBelow: config.suppressBelow});
  const temp = `${cacheDir}.tmp-${process.pid}`;
  rmSync(temp, {recursive: true, force: true});
  mkdirSync(temp, {recursive: true});
  for (const [name, table] of tables) writeFileSync(join(temp, `${name}.arrow`), toArrowStream(table));
  writeFileSync(join(temp, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
  try {
    renameSync(temp, cacheDir);
  } catch {
    rmSync(temp, {recursive: true, force: true}); // another loader process finished first
  }
  return {dir, cacheDir, fingerprint, meta, computed: true};
}

/** Reads one published table of the configured delivery (an empty table if the level lacks it). */
export async function publishedTable(name: TableName, config: BuildConfig = readConfig()): Promise<Uint8Array> {
  const {cacheDir} = await prepare(config);
  const path = join(cacheDir, `${name}.arrow`);
  if (existsSync(path)) return readFileSync(path);
  const spec = SCHEMAS[name];
  return toArrowStream(buildTable(spec, Object.fromEntries(spec.map((c) => [c.name, []]))));
}

/** Reads a published table as an Arrow Table (for tests and CLIs). */
export async function readPublished(name: TableName, config?: BuildConfig): Promise<Table> {
  return tableFromIPC(await publishedTable(name, config));
}

/** Writes one published table to stdout: the body of every src/data/*.arrow.ts loader. */
export async function writePublished(name: TableName): Promise<void> {
  const bytes = await publishedTable(name);
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
}
