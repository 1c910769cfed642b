/**
 * Runs every data loader of the site in this process, right after `prepare`, and writes each output
 * where Framework keeps it (`src/.observablehq/cache/<output path>`). Framework serves a cached
 * output as long as it is newer than the loader's source file, so neither `observable build` nor the
 * preview server then starts a process per loader: each of those starts tsx (2-3 s) to copy a table
 * the pipeline already computed. The loaders themselves are unchanged and still run on their own
 * when Framework finds no fresh output (an edited loader, a failed warm-up).
 *
 * A loader writes its output to stdout; here stdout is captured while its module is imported (a
 * loader's top-level await finishes before the import does). A loader that fails is reported and
 * left for Framework to run, so its error shows where it always did.
 */
import {existsSync, mkdirSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {loaderOutputs} from "./loader-cache.js";

/** Loader languages that run in this (Node + tsx) process. */
const IN_PROCESS = [".ts", ".js"];

export interface WarmResult {
  /** Output paths written (relative to the source root). */
  written: string[];
  /** Loaders that failed here, with their error; Framework runs them itself. */
  failed: {output: string; error: string}[];
}

/**
 * Runs the loaders under `srcRoot` whose language runs in Node and caches their outputs.
 * @param onLoader called after each loader with its index (1-based), the total and its output path.
 * @example await warmLoaders(join(PROJECT_ROOT, "src"), (i, n, out) => console.log(`${i}/${n} ${out}`))
 */
export async function warmLoaders(srcRoot: string, onLoader?: (index: number, total: number, output: string) => void): Promise<WarmResult> {
  const loaders = loaderOutputs(srcRoot).flatMap((output) => {
    const source = IN_PROCESS.map((ext) => join(srcRoot, output + ext)).find((path) => existsSync(path));
    return source ? [{output, source}] : [];
  });
  const cache = join(srcRoot, ".observablehq", "cache");
  const result: WarmResult = {written: [], failed: []};
  const stdout = process.stdout;
  // The stream's own method, put back unchanged after each loader (identity kept, not a bound copy).
  const write: unknown = Reflect.get(stdout, "write");
  const restore = () => Reflect.set(stdout, "write", write);
  for (const [i, {output, source}] of loaders.entries()) {
    const chunks: Buffer[] = [];
    stdout.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), callback?: (e?: Error | null) => void) => {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
      (typeof encoding === "function" ? encoding : callback)?.();
      return true;
    }) as typeof stdout.write;
    try {
      await import(pathToFileURL(source).href);
      restore();
      const target = join(cache, output);
      mkdirSync(dirname(target), {recursive: true});
      const temp = `${target}.warm-${process.pid}`;
      writeFileSync(temp, Buffer.concat(chunks));
      renameSync(temp, target);
      result.written.push(output);
    } catch (error) {
      restore();
      result.failed.push({output, error: (error as Error).message});
    }
    onLoader?.(i + 1, loaders.length, output);
  }
  return result;
}
