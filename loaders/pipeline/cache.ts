/**
 * The pipeline's on-disk cache of published tables (data/.cache/<fingerprint>/) and the way in to
 * it: the fingerprint, the delivery folder, and reading one table, the findings or the planted
 * truth. This module imports no pipeline or analysis code, so that each of Framework's data loaders
 * (one process each, about fifty per build) starts in a fraction of the time; the pipeline itself
 * (run.ts) is loaded only when the cache misses. The fingerprint covers the delivery's files, the
 * configuration and the pipeline's own code: a changed file, a switched delivery or a code change
 * never serves stale tables.
 */
import {createHash, scryptSync} from "node:crypto";
import {existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, posix, relative} from "node:path";
import {PROJECT_ROOT, readConfig, type BuildConfig} from "../config.js";
import {dateLimits} from "../delivery/values.js";
import type {Finding} from "../analyses/types.js";
import type {PublishMeta} from "./publish.js";
import type {DemoOptions} from "../demo/generate.js";

export const CACHE_ROOT = join(PROJECT_ROOT, "data", ".cache");
export const DEMO_ROOT = join(PROJECT_ROOT, "data", "demo");

function hashFiles(hash: ReturnType<typeof createHash>, dir: string, filter: (name: string) => boolean, root = PROJECT_ROOT): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (name !== "node_modules" && !name.startsWith(".")) hashFiles(hash, path, filter, root);
    } else if (filter(name)) {
      hash.update(relative(root, path) + "\0" + name + "\0");
      hash.update(readFileSync(path));
    }
  }
}

/** Where the pipeline's code starts: prepare() here, and the pipeline it loads on a miss. */
export const PIPELINE_ENTRIES = ["loaders/pipeline/cache.ts", "loaders/pipeline/run.ts"] as const;

// A relative module specifier after `from` or `import` (static, side-effect or dynamic import), and a
// project path to a TypeScript file in a string (a file bundled by name, as loaders/worker.ts does).
const SPECIFIER = /\b(?:from|import)\s*\(?\s*["'](\.\.?\/[^"'\n]+)["']/g;
const BUNDLED = /["']((?:loaders|src)\/[\w./-]+\.ts)["']/g;

/**
 * The project files the pipeline's code is made of: the {@link PIPELINE_ENTRIES} and every file they
 * import, directly or through others, or bundle by path, as sorted paths relative to the project.
 * Read from the sources' text, not by running them: a `.js` specifier names its `.ts` file, and a
 * specifier that names no file is skipped (it names none of the pipeline's code). The scan may take a
 * file too many (an import in a comment), never one too few; a unit test holds it against esbuild's
 * own graph of the same entries.
 */
export function pipelineSources(root = PROJECT_ROOT): string[] {
  const seen = new Set<string>();
  const queue: string[] = [...PIPELINE_ENTRIES];
  const take = (file: string) => {
    if (!seen.has(file) && existsSync(join(root, file))) queue.push(file);
  };
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[cm]?[jt]s$/.test(file)) continue; // a data file (JSON) is hashed, not scanned
    const text = readFileSync(join(root, file), "utf8");
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      const target = posix.join(posix.dirname(file), specifier);
      take(/\.js$/.test(target) && existsSync(join(root, target.replace(/\.js$/, ".ts"))) ? target.replace(/\.js$/, ".ts") : target);
    }
    for (const [, path] of text.matchAll(BUNDLED)) take(path);
  }
  return [...seen].sort();
}

/**
 * A hash of the pipeline's own code ({@link pipelineSources}) and of loaders/reference/*.json. Code
 * the pipeline does not load (a page's own helpers in src/lib, a new source's reader) leaves it as
 * it is, so changing that code does not run the pipeline again.
 */
export function codeFingerprint(root = PROJECT_ROOT): string {
  const hash = createHash("sha256");
  for (const file of pipelineSources(root)) hash.update(file + "\0").update(readFileSync(join(root, file))).update("\0");
  // Reference data committed with the code (the national benchmark) is an input like the code.
  hashFiles(hash, join(root, "loaders", "reference"), (n) => n.endsWith(".json"), root);
  return hash.digest("hex");
}

/** The delivery's name as the pages show it ("Levering: …"): its folder's last path segment. */
export function deliveryName(dir: string): string {
  return dir.split(/[\\/]/).filter(Boolean).pop() ?? "levering";
}

/**
 * A hash of a delivery folder's name, its files (names and contents) and the configuration. The
 * name is in it because the published tables carry it (`source`): two folders with the same files
 * must not share a cache entry, or one would be shown under the other's name.
 */
export function deliveryFingerprint(dir: string, config: BuildConfig): string {
  const hash = createHash("sha256");
  hash.update(deliveryName(dir) + "\0");
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

/** Whether `dir` holds a demo delivery written by this version of the generator (its `.generator` stamp). */
export function demoIsCurrent(dir: string): boolean {
  const stamp = join(dir, ".generator");
  return existsSync(stamp) && readFileSync(stamp, "utf8") === generatorFingerprint();
}

/**
 * Writes a demo delivery with `options` into `dir` and stamps it with the generator's version
 * ({@link demoIsCurrent}); `faults` breaks that share of inbraken.csv's rows, as a real export has a
 * few broken rows for check-data to find. The delivery is written beside `dir` and moved into place,
 * so a reader never sees half of one, and a current copy that another process moved in meanwhile is
 * kept rather than replaced.
 */
export async function writeDemo(dir: string, options: DemoOptions, faults?: {seed: number; share: number}): Promise<void> {
  const {writeDemoDelivery} = await import("../demo/generate.js");
  const staged = `${dir}.tmp-${process.pid}`;
  rmSync(staged, {recursive: true, force: true});
  writeDemoDelivery(staged, options);
  if (faults) {
    const {plantErrors} = await import("../demo/faults.js");
    const {seededRng} = await import("../../src/lib/random.js");
    const csv = join(staged, "inbraken.csv");
    writeFileSync(csv, plantErrors(readFileSync(csv, "utf8"), seededRng(faults.seed), faults.share));
  }
  writeFileSync(join(staged, ".generator"), generatorFingerprint());
  if (!demoIsCurrent(dir)) {
    rmSync(dir, {recursive: true, force: true});
    try {
      renameSync(staged, dir);
    } catch {
      // another process moved its copy in between; it is the same delivery
    }
  }
  rmSync(staged, {recursive: true, force: true});
}

/** The delivery folder to build from: INBRAAKLAB_DATA_DIR, or the demo delivery (generated when missing). */
export async function deliveryDir(config: BuildConfig, onStep?: (text: string) => void): Promise<string> {
  if (config.dataDir) return config.dataDir;
  const dir = join(DEMO_ROOT, `seed-${config.demoSeed}${config.theme === "woninginbraak" ? "" : `-${config.theme}`}`);
  if (!demoIsCurrent(dir)) {
    onStep?.(`demolevering maken (seed ${config.demoSeed}, eenmalig)`);
    const {demoOptionsForTheme} = await import("../demo/themes.js");
    // Like a real export, the demo has a few broken rows (about 0.4%) for check-data to find.
    await writeDemo(dir, {...demoOptionsForTheme(config.theme), seed: config.demoSeed}, {seed: config.demoSeed + 1, share: 0.004});
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
 * pipeline (run.ts) when they are not; `onStep` hears a Dutch line per step (the start's progress). Throws, with a Dutch message naming the file and the fix,
 * when the delivery is not usable.
 */
export async function prepare(config: BuildConfig = readConfig(), onStep?: (text: string) => void): Promise<Prepared> {
  const dir = await deliveryDir(config, onStep);
  const fingerprint = createHash("sha256").update(deliveryFingerprint(dir, config)).update(codeFingerprint()).digest("hex").slice(0, 24);
  const cacheDir = join(CACHE_ROOT, fingerprint);
  if (existsSync(join(cacheDir, "meta.json"))) {
    return {dir, cacheDir, fingerprint, meta: JSON.parse(readFileSync(join(cacheDir, "meta.json"), "utf8")), computed: false};
  }
  const {computeTables} = await import("./run.js");
  const meta = await computeTables(dir, config, cacheDir, fingerprint, onStep);
  return {dir, cacheDir, fingerprint, meta, computed: true};
}

/** Reads one published table of the configured delivery (an empty table if the level lacks it). */
export async function publishedTable(name: string, config: BuildConfig = readConfig()): Promise<Uint8Array> {
  const {cacheDir} = await prepare(config);
  const path = join(cacheDir, `${name}.arrow`);
  if (existsSync(path)) return readFileSync(path);
  const {emptyTable} = await import("./run.js");
  return emptyTable(name); // also rejects a name that is no published table
}

/** Writes one published table to stdout: the body of every src/data/*.arrow.ts loader. */
export async function writePublished(name: string): Promise<void> {
  const bytes = await publishedTable(name);
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
}

/** The findings of the configured delivery (findings.json). */
export async function readFindings(config: BuildConfig = readConfig()): Promise<(Finding & {delivery: Record<string, unknown>})[]> {
  const {cacheDir} = await prepare(config);
  return JSON.parse(readFileSync(join(cacheDir, "findings.json"), "utf8"));
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
