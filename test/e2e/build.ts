/** Builds the site into another output folder with another configuration (for e2e tests). */
import {execFileSync} from "node:child_process";
import {readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

/** Runs `npm run build` with the given environment into `<root>/<output>`; returns its path. */
export function buildSite(output: string, env: Record<string, string>): string {
  execFileSync("npm", ["run", "build"], {cwd: ROOT, env: {...process.env, ...env, INBRAAKLAB_OUTPUT: output}, stdio: "pipe"});
  return join(ROOT, output);
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
