/** Builds the site into another output folder with another configuration (for e2e tests). */
import {execFile, execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {promisify} from "node:util";
import {annexPath} from "../../loaders/site/annex.js";

export const ROOT = join(import.meta.dirname, "../..");

/**
 * Runs `npm run build` with the given environment into `<root>/<output>`; returns its path. Within
 * one e2e run (INBRAAKLAB_E2E_RUN, set by the e2e project of vitest.config.ts) a site built with the same output and
 * environment is reused, so test files that need the same build share it. The build runs in a copy
 * of the project (test files run two at a time; two builds in one tree would share Framework's cache).
 */
export function buildSite(output: string, env: Record<string, string>): string {
  const dir = join(ROOT, output);
  if (isBuilt(output, env)) return dir;
  const copy = copyProject(`inbraaklab-${output}-`);
  try {
    execFileSync("npm", ["run", "build"], {cwd: copy, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: output}, stdio: "pipe", maxBuffer: 256 * 1024 * 1024});
    install(copy, output, env);
  } finally {
    rmSync(copy, {recursive: true, force: true});
  }
  return dir;
}

/**
 * Moves a site built in a copy to `<root>/<output>` (with the Verantwoording annex the postbuild
 * writes next to it, `<output>-verantwoording.md`) and stamps it with this run and environment;
 * keeps the pipeline outputs the copy computed (data/.cache/<fingerprint>/, see
 * loaders/pipeline/cache.ts) in the project's cache, so the next run of the same build skips the pipeline.
 */
function install(copy: string, output: string, env: Record<string, string>): void {
  keepPipelineCache(copy);
  const dir = join(ROOT, output);
  const staged = `${dir}.staged-${process.pid}`;
  rmSync(staged, {recursive: true, force: true});
  cpSync(join(copy, output), staged, {recursive: true});
  writeFileSync(join(staged, ".e2e-build"), stampOf(env));
  rmSync(dir, {recursive: true, force: true});
  renameSync(staged, dir);
  rmSync(annexPath(dir), {force: true});
  if (existsSync(annexPath(join(copy, output)))) cpSync(annexPath(join(copy, output)), annexPath(dir));
}

const stampOf = (env: Record<string, string>) => JSON.stringify({run: process.env.INBRAAKLAB_E2E_RUN ?? null, env});

/** Whether `<root>/<output>` was built in this e2e run with this environment. */
function isBuilt(output: string, env: Record<string, string>): boolean {
  const stamp = join(ROOT, output, ".e2e-build");
  return Boolean(process.env.INBRAAKLAB_E2E_RUN) && existsSync(stamp) && readFileSync(stamp, "utf8") === stampOf(env);
}

// Not copied into a build copy: installed or generated, and large. Of data/ only the demo deliveries
// and the pipeline cache are copied: both are keyed by content (the generator's code; the delivery,
// configuration and pipeline code), so a copy reuses them only where they are still valid, and a
// build in a copy skips generating the demo and, for a delivery built before, the pipeline.
const NOT_COPIED = new Set(["node_modules", ".git", "data/quarantaine", "data/.cache/current", "test/output", "src/.observablehq/cache/data"]);

/**
 * A temporary copy of the project (sources, config, scripts, demo deliveries and pipeline cache;
 * node_modules linked) in which a site can be built without touching the project's own Framework
 * cache, so several builds can run at once.
 */
export function copyProject(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      return !NOT_COPIED.has(rel) && !/^dist(-|$)/.test(rel) && !rel.startsWith("werkmap") && !rel.includes(".tmp-");
    }
  });
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(copy, "node_modules"));
  return copy;
}

/** Copies the pipeline outputs a copy of the project computed into the project's data/.cache. */
function keepPipelineCache(copy: string): void {
  const from = join(copy, "data", ".cache");
  if (!existsSync(from)) return;
  for (const name of readdirSync(from)) {
    const target = join(ROOT, "data", ".cache", name);
    if (!/^[0-9a-f]{24}$/.test(name) || existsSync(target) || !existsSync(join(from, name, "meta.json"))) continue;
    const staged = `${target}.tmp-${process.pid}`;
    cpSync(join(from, name), staged, {recursive: true});
    try {
      renameSync(staged, target);
    } catch {
      rmSync(staged, {recursive: true, force: true}); // another build kept it first
    }
  }
}

/**
 * Where the prebuild keeps the checkout (the copy of the project) it built `output` in during this
 * e2e run, for a test that goes on building in that checkout (switch-delivery.test.ts); undefined
 * outside an e2e run.
 */
export function keptCheckout(output: string): string | undefined {
  const run = process.env.INBRAAKLAB_E2E_RUN;
  return run ? join(tmpdir(), `inbraaklab-kept-${output}-${run}`) : undefined;
}

/**
 * Builds the given sites (output folder -> environment) in this e2e run, `concurrency` at a time,
 * each in its own copy of the project, and moves each result to `<root>/<output>` with its stamp,
 * so that the tests' {@link buildSite} calls find them built. Sites already built in this run are
 * skipped. The checkouts of the outputs named in `keep` stay at {@link keptCheckout} (the caller
 * removes them); the others are removed.
 */
export async function prebuildSites(sites: Record<string, Record<string, string>>, concurrency = 2, keep: readonly string[] = []): Promise<void> {
  const queue = Object.entries(sites).filter(([output, env]) => !isBuilt(output, env));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [output, env] = next;
      const copy = copyProject(`inbraaklab-${output}-`);
      const kept = keep.includes(output) ? keptCheckout(output) : undefined;
      try {
        const started = Date.now();
        await promisify(execFile)("npm", ["run", "build"], {cwd: copy, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: output}, maxBuffer: 256 * 1024 * 1024});
        install(copy, output, env);
        if (kept) {
          rmSync(kept, {recursive: true, force: true});
          renameSync(copy, kept);
        }
        console.log(`e2e: built ${output} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      } finally {
        rmSync(copy, {recursive: true, force: true});
      }
    }
  };
  await Promise.all(Array.from({length: Math.max(1, concurrency)}, worker));
}

/** Every file of a built site that is ours (pages, data, imports), not a vendored library. */
export function siteFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path);
      if (rel === "_npm" || rel === "_observablehq") continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return files;
}
