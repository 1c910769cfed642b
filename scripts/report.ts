/**
 * Builds the publishable site into a folder: `npm run report -- --out <map> [--thema fietsdiefstal]
 * [--niveau openbaar|intern] [--data <leveringsmap>]`. The same as `npm run build` (pipeline, site,
 * CSP hardening) with INBRAAKLAB_OUTPUT set, plus a summary of what to copy to the web server.
 */
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {PROJECT_ROOT} from "../loaders/config.js";
import {isMain} from "../loaders/cli/main.js";

/** The environment of a report build from the command line; rejects a missing or unsafe --out. */
export function reportEnv(argv: string[], cwd = process.cwd()): Record<string, string> {
  const {values} = parseArgs({
    args: argv,
    options: {out: {type: "string"}, thema: {type: "string"}, niveau: {type: "string"}, data: {type: "string"}},
    strict: true
  });
  if (!values.out) throw new Error("invalid out: geef een map op met --out <map>");
  const out = resolve(cwd, values.out);
  const rel = relative(PROJECT_ROOT, out);
  if (out === PROJECT_ROOT || rel === "src" || rel.startsWith("src/") || rel === "data" || rel.startsWith("data/") || rel === "node_modules") {
    throw new Error(`invalid out: ${values.out} (kies een eigen map, niet de projectmap, src/, data/ of node_modules/)`);
  }
  const env: Record<string, string> = {INBRAAKLAB_OUTPUT: out};
  if (values.thema) env.INBRAAKLAB_THEME = values.thema;
  if (values.niveau) env.INBRAAKLAB_LEVEL = values.niveau;
  if (values.data) env.INBRAAKLAB_DATA_DIR = resolve(cwd, values.data);
  return env;
}

function size(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? size(path) : stat.size;
  }
  return total;
}

if (isMain(import.meta.url)) {
  try {
    const env = reportEnv(process.argv.slice(2));
    execFileSync("npm", ["run", "build"], {cwd: PROJECT_ROOT, env: {...process.env, ...env}, stdio: "inherit"});
    const out = env.INBRAAKLAB_OUTPUT;
    if (!existsSync(join(out, "index.html"))) throw new Error(`de bouw schreef geen ${out}/index.html`);
    const pages = readdirSync(out, {recursive: true}).filter((f) => String(f).endsWith(".html") && !String(f).startsWith("_")).length;
    console.log(`\nrapport: ${pages} pagina's in ${out} (${(size(out) / 1e6).toFixed(0)} MB).`);
    console.log(`Kopieer de hele map naar de webserver; de CSP-header staat in ${join(out, "_deploy", "csp-header.txt")} (zie docs/deployment.md).`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
