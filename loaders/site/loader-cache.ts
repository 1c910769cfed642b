/**
 * Framework's data-loader cache. Framework keeps each loader's output in
 * `src/.observablehq/cache/<output path>` and reruns a loader only when that file is older than
 * the loader's source file; it knows nothing of the delivery a loader reads. `prepare` therefore
 * clears the cached output of every loader of the site when the delivery fingerprint changes,
 * wherever the loader lives (src/data/ and the stable address src/findings.json.ts alike), and
 * nothing else (the vendored npm cache, fonts.css).
 */
import {existsSync, readdirSync, rmSync, statSync} from "node:fs";
import {join, relative} from "node:path";

/** Loader languages Framework runs (file extensions after the output's own extension). */
const LOADER = /^(.+\.[A-Za-z0-9]+)\.(js|ts|py|R|rs|go|java|jl|php|sh|exe)$/;

/** The output paths (relative to the source root, `/`-separated) of every data loader under `srcRoot`. */
export function loaderOutputs(srcRoot: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith(".d.ts")) {
        const match = LOADER.exec(name);
        if (match) out.push(relative(srcRoot, join(dir, match[1])).split("\\").join("/"));
      }
    }
  };
  if (existsSync(srcRoot)) walk(srcRoot);
  return out;
}

/** Removes the cached output of every data loader under `srcRoot` (and the whole cache/data folder); returns what it removed. */
export function clearLoaderCache(srcRoot: string): string[] {
  const cache = join(srcRoot, ".observablehq", "cache");
  const removed: string[] = [];
  for (const output of ["data", ...loaderOutputs(srcRoot)]) {
    const path = join(cache, output);
    if (existsSync(path)) {
      rmSync(path, {recursive: true, force: true});
      removed.push(output);
    }
  }
  return removed;
}
