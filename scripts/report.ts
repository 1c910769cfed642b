/**
 * Builds the publishable site into a folder: `npm run report -- --out <map> [--thema fietsdiefstal]
 * [--niveau openbaar|intern] [--data <leveringsmap>]`. The same as `npm run build` (pipeline, site,
 * CSP hardening) with INBRAAKLAB_OUTPUT set, plus a summary of what to copy to the web server.
 * With `--gemeente <naam>` it builds that municipality's edition instead (scripts/edition.ts), into
 * `--out` or `dist-<gemeente>`; `--paginas a,b` chooses its pages, `--volledig <url>` points links
 * to left-out pages at the full site.
 */
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {PROJECT_ROOT} from "../loaders/config.js";
import {isMain} from "../loaders/cli/main.js";
import {slugify} from "../src/lib/gemeente.js";
import {buildEdition, editionSummary} from "./edition.js";

const OPTIONS = {
  out: {type: "string"}, thema: {type: "string"}, niveau: {type: "string"}, data: {type: "string"},
  gemeente: {type: "string"}, paginas: {type: "string"}, volledig: {type: "string"}
} as const;

/** The edition asked for with --gemeente (its pages and the full site's address), or null. */
export function editionArgs(argv: string[]): {gemeente: string; pages: string[] | null; fullUrl: string | null} | null {
  const {values} = parseArgs({args: argv, options: OPTIONS, strict: true});
  if (values.gemeente === undefined) {
    if (values.paginas || values.volledig) throw new Error("invalid paginas/volledig: alleen samen met --gemeente <naam>");
    return null;
  }
  if (!values.gemeente.trim()) throw new Error("invalid gemeente: geef een naam op met --gemeente <naam>");
  if (values.volledig !== undefined && !/^https?:\/\/\S+$/.test(values.volledig)) throw new Error(`invalid volledig: ${values.volledig} (een adres dat begint met http:// of https://)`);
  const pages = values.paginas === undefined ? null : values.paginas.split(",").map((p) => p.trim().replace(/\.(md|html)$/, "")).filter(Boolean);
  return {gemeente: values.gemeente, pages, fullUrl: values.volledig ?? null};
}

/** The environment of a report build from the command line; rejects a missing or unsafe --out. */
export function reportEnv(argv: string[], cwd = process.cwd()): Record<string, string> {
  const {values} = parseArgs({args: argv, options: OPTIONS, strict: true});
  // An edition has a default folder of its own, beside dist/.
  const folder = values.out ?? (values.gemeente?.trim() ? `dist-${slugify(values.gemeente)}` : undefined);
  if (!folder) throw new Error("invalid out: geef een map op met --out <map>");
  const out = resolve(cwd, folder);
  const rel = relative(PROJECT_ROOT, out);
  if (out === PROJECT_ROOT || rel === "src" || rel.startsWith("src/") || rel === "data" || rel.startsWith("data/") || rel === "node_modules") {
    throw new Error(`invalid out: ${folder} (kies een eigen map, niet de projectmap, src/, data/ of node_modules/)`);
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
    const edition = editionArgs(process.argv.slice(2));
    if (edition) {
      const {INBRAAKLAB_OUTPUT: out, ...rest} = env;
      const result = await buildEdition({...edition, out, env: rest});
      console.log(`\n${editionSummary(result, out)}`);
      console.log(`Kopieer de hele map naar de webserver of stuur haar als zip; de CSP-header staat in ${join(out, "_deploy", "csp-header.txt")}.`);
    } else {
      execFileSync("npm", ["run", "build"], {cwd: PROJECT_ROOT, env: {...process.env, ...env}, stdio: "inherit"});
      const out = env.INBRAAKLAB_OUTPUT;
      if (!existsSync(join(out, "index.html"))) throw new Error(`de bouw schreef geen ${out}/index.html`);
      const pages = readdirSync(out, {recursive: true}).filter((f) => String(f).endsWith(".html") && !String(f).startsWith("_")).length;
      console.log(`\nrapport: ${pages} pagina's in ${out} (${(size(out) / 1e6).toFixed(0)} MB).`);
      console.log(`Kopieer de hele map naar de webserver; de CSP-header staat in ${join(out, "_deploy", "csp-header.txt")} (zie docs/deployment.md).`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
