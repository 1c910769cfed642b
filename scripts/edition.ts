/**
 * Builds a municipality's edition (`npm run report -- --gemeente <naam>`; loaders/site/edition.ts
 * says what it holds and why it has its own source root): prepares the delivery, assembles
 * `.edition/`, builds it with Framework into the output folder, hardens it like `npm run build`, and
 * removes `.edition/` again. One edition at a time per checkout (like a build: they share
 * Framework's cache).
 */
import {execFileSync} from "node:child_process";
import {readFileSync, readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {PROJECT_ROOT} from "../loaders/config.js";
import {siteMunicipalities} from "../loaders/site/municipalities.js";
import {
  EDITION_DIR, REPORT_SOURCE, assembleEdition, editionPages, editionRoute, findMunicipality, pageLinks, pageNames, removeEdition, sitePages, usesSql,
  type EditionManifest
} from "../loaders/site/edition.js";

export interface EditionResult {
  manifest: EditionManifest;
  /** Routes of the built pages ("index", "gemeenten/enschede", ...). */
  routes: string[];
  /** Bytes of the output folder. */
  bytes: number;
  /** Files of the output whose name says DuckDB (none unless a page runs SQL). */
  duckdb: string[];
}

/** Every file under a folder, relative to it. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, {recursive: true}) as string[]).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.split("\\").join("/"));
}

/**
 * Builds the edition of `gemeente` into `out` with the build environment `env` (delivery, theme,
 * level); `pages` replaces the default choice of pages, `fullUrl` makes links to left-out pages point
 * to the full site.
 */
export async function buildEdition({gemeente, out, env, pages = null, fullUrl = null}: {gemeente: string; out: string; env: Record<string, string>; pages?: string[] | null; fullUrl?: string | null}): Promise<EditionResult> {
  const run = (cmd: string, args: string[], extra: Record<string, string> = {}) =>
    execFileSync(cmd, args, {cwd: PROJECT_ROOT, env: {...process.env, ...env, ...extra}, stdio: "inherit"});
  run("npm", ["run", "-s", "vendor"]);
  // As `npm run build`: recompute what depends on the delivery, and write every loader's output in
  // one process (about 1 s), so that Framework starts no loader process (about 0.85 s each) for the
  // edition's pages through the linked .observablehq (docs/decisions.md, "Municipality editions").
  run("npm", ["run", "-s", "prepare-data", "--", "--clean"]);
  const municipality = findMunicipality(gemeente, siteMunicipalities());
  const src = join(PROJECT_ROOT, "src");
  const report = readFileSync(join(src, `${REPORT_SOURCE}.md`), "utf8");
  const chosen = editionPages({linked: pageLinks(report, REPORT_SOURCE), available: sitePages(src), requested: pages});
  const sql = chosen.filter((p) => usesSql(readFileSync(join(src, `${p}.md`), "utf8")));
  if (sql.length) console.log(`editie: ${sql.join(", ")} gebruikt SQL in de browser; DuckDB-wasm gaat mee (tientallen MB).`);
  const manifest: EditionManifest = {gemeente: municipality, pages: chosen, fullUrl};
  // The sidebar names of the pages, from the site's configuration (INBRAAKLAB_EDITION is not set here).
  const {default: config} = await import("../observablehq.config.js");
  const names = pageNames(config.pages);
  try {
    assembleEdition(manifest, {projectRoot: PROJECT_ROOT, names});
    run(process.execPath, ["scripts/observable.mjs", "build"], {INBRAAKLAB_EDITION: EDITION_DIR, INBRAAKLAB_OUTPUT: out});
    run("node", ["scripts/cli.mjs", "harden", out]);
  } finally {
    removeEdition(PROJECT_ROOT);
  }
  const files = filesUnder(out);
  return {
    manifest,
    routes: files.filter((f) => f.endsWith(".html") && !f.startsWith("_")).map((f) => f.slice(0, -5)).sort(),
    bytes: files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0),
    duckdb: files.filter((f) => /duckdb/i.test(f))
  };
}

/** One line per built page of an edition, for the report's summary. */
export function editionSummary(result: EditionResult, out: string): string {
  const {gemeente} = result.manifest;
  return [
    `editie ${gemeente.name}: ${result.routes.length} pagina's in ${relative(process.cwd(), out) || out} (${(result.bytes / 1e6).toFixed(1)} MB${result.duckdb.length ? `, met DuckDB-wasm` : ", zonder DuckDB-wasm"}):`,
    ...result.routes.map((r) => `  ${r}.html${r === editionRoute(REPORT_SOURCE, gemeente.slug) ? "  (het gemeenterapport)" : ""}`)
  ].join("\n");
}
