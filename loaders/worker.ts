/** Bundles worker code into one self-contained module (no imports left to resolve). */
import {join} from "node:path";
import {build} from "esbuild";
import {PROJECT_ROOT} from "./config.js";

/** Returns the worker's code: src/components/knox-worker.ts with kdbush and src/lib inlined (browser, ES module). */
export async function buildKnoxWorker(): Promise<string> {
  return bundle("src/components/knox-worker.ts", {platform: "browser", format: "esm"});
}

/**
 * Returns the code of the Knox worker thread (loaders/knox-thread.ts with src/lib inlined) as a
 * CommonJS script for `new Worker(code, {eval: true})`: it runs under plain Node, tsx and vitest alike.
 */
export async function buildKnoxThread(): Promise<string> {
  return bundle("loaders/knox-thread.ts", {platform: "node", format: "cjs"});
}

async function bundle(entry: string, {platform, format}: {platform: "browser" | "node"; format: "esm" | "cjs"}): Promise<string> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    bundle: true,
    format,
    platform,
    target: platform === "node" ? "node20" : "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent"
  });
  return result.outputFiles[0].text;
}
