/** Bundles the Knox Web Worker into one self-contained ES module (no imports left to resolve). */
import {join} from "node:path";
import {build} from "esbuild";
import {PROJECT_ROOT} from "./config.js";

/** Returns the worker's code: src/components/knox-worker.ts with kdbush and src/lib inlined. */
export async function buildKnoxWorker(): Promise<string> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, "src/components/knox-worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent"
  });
  return result.outputFiles[0].text;
}
