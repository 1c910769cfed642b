/** Builds the site into another output folder with another configuration (for e2e tests). */
import {execFileSync} from "node:child_process";
import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

/**
 * Runs `npm run build` with the given environment into `<root>/<output>`; returns its path. Within
 * one e2e run (INBRAAKLAB_E2E_RUN, set by vitest.e2e.config.ts) a site built with the same output and
 * environment is reused, so test files that need the same build share it.
 */
export function buildSite(output: string, env: Record<string, string>): string {
  const dir = join(ROOT, output);
  const stamp = join(dir, ".e2e-build");
  const key = JSON.stringify({run: process.env.INBRAAKLAB_E2E_RUN ?? null, env});
  if (process.env.INBRAAKLAB_E2E_RUN && existsSync(stamp) && readFileSync(stamp, "utf8") === key) return dir;
  execFileSync("npm", ["run", "build"], {cwd: ROOT, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: output}, stdio: "pipe"});
  writeFileSync(stamp, key);
  return dir;
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
