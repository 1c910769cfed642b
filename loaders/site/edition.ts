/**
 * A municipality's edition of the site (`npm run report -- --gemeente <naam>`): its report page, the
 * pages of {@link EDITION_PAGES} it links to, Datakwaliteit and Verantwoording, and a cover page, built
 * from a source root of their own. Observable Framework 1.13 builds every page under its `root`
 * whatever the `pages` setting says, so an edition cannot be a subset of src/: `assembleEdition`
 * writes the chosen pages into `.edition/` (beside src/, so relative imports resolve the same) and
 * links src/'s components, lib, data loaders, style and Framework cache into it; the configuration
 * switches `root` when INBRAAKLAB_EDITION names that folder (`editionSite`). Links from an included
 * page to a page that is left out become plain text, or point to the full site when its address is
 * given, so the edition has no dead links (`neutraliseLinks`).
 */
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {dirname, join, posix, relative, resolve} from "node:path";
import {PROJECT_ROOT} from "../config.js";

/** The pages an edition may take besides the municipality's own report (when that report links to them). */
export const EDITION_PAGES = ["overzicht", "wanneer", "waar", "vergelijken"] as const;
/** Pages every edition carries: how good the data are and how the figures are made. */
export const ALWAYS = ["datakwaliteit", "verantwoording"] as const;
/** The source of the municipality report (a parameterised page). */
export const REPORT_SOURCE = "gemeenten/[gemeente]";
/** The edition's source root, relative to the project (one level deep, like src/). */
export const EDITION_DIR = ".edition";
const MANIFEST = "edition.json";

/** What an edition holds; written to `<root>/edition.json` for the configuration. */
export interface EditionManifest {
  gemeente: {code: string; name: string; slug: string};
  /** Source pages besides the cover (`REPORT_SOURCE`, "waar", ...), in the order of the sidebar. */
  pages: string[];
  /** Address of the full site, for links to pages the edition leaves out (or null: plain text). */
  fullUrl: string | null;
}

/**
 * Whether a page runs SQL in the browser, which ships DuckDB-wasm (tens of MB): `sql` front matter,
 * a ```sql block, or DuckDBClient / sql`` in its code.
 */
export function usesSql(source: string): boolean {
  return /^sql:/m.test(frontMatter(source)) || /^```sql\b/m.test(source) || /\bDuckDBClient\b|\bsql`/.test(source);
}

const frontMatter = (source: string) => /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? "";

/**
 * The site page a relative link points to ("waar", "gemeenten/index"), or null for an external
 * link, an in-page anchor, an asset or a link whose path is computed (`${...}`).
 * @param from the linking page's path without extension ("gemeenten/[gemeente]").
 * @example linkTarget("../waar.html?gemeente=GM0153", "gemeenten/[gemeente]") // "waar"
 */
export function linkTarget(href: string, from: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#") || href.startsWith("//")) return null;
  const path = href.split(/[?#]/)[0];
  if (!path || path.includes("${")) return null;
  const base = path.startsWith("/") ? path.slice(1) : posix.join(posix.dirname(from), path);
  const page = posix.normalize(base.endsWith("/") || path.endsWith("/") ? `${base}/index` : base).replace(/\.html$/, "");
  if (page.startsWith("..") || /\.[a-z0-9]+$/i.test(page)) return null;
  return page.replace(/^\.\//, "");
}

// A markdown link outside code (not an image), with a relative or root-relative target.
const MD_LINK = /(?<!!)\[([^\]\n]+)\]\(((?:\.{1,2}\/|\/)[^)\s]*)\)/g;
// An anchor with a literal href, in markdown or in a page's html`` templates.
const ANCHOR = /<a href="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g;

/** The site pages a page's source links to (markdown links and `<a href="...">`), without duplicates. */
export function pageLinks(source: string, from: string): string[] {
  const found = new Set<string>();
  for (const [, , href] of prose(source).matchAll(MD_LINK)) add(found, linkTarget(href, from));
  for (const [, href] of source.matchAll(ANCHOR)) add(found, linkTarget(href, from));
  return [...found];
}

const add = (set: Set<string>, page: string | null) => page !== null && set.add(page);

/** The markdown outside fenced code blocks, with the code blocks blanked. */
function prose(source: string): string {
  return source.replace(/^```[\s\S]*?^```/gm, "");
}

/**
 * The page with every link to a page outside `included` turned into its text, or, with `fullUrl`,
 * into a link to that page of the full site (query kept). Links to included pages, external links
 * and assets are left as they are. Markdown links in fenced code are never touched (`a[i](x)` is code).
 * @param included routes of the edition ("index", "gemeenten/enschede", "waar", ...).
 * @example neutraliseLinks('Zie <a href="../waar.html">Waar</a>.', {from: "gemeenten/[gemeente]", included: new Set(["gemeenten/enschede"])}) // "Zie Waar."
 */
export function neutraliseLinks(source: string, {from, included, fullUrl = null}: {from: string; included: ReadonlySet<string>; fullUrl?: string | null}): string {
  const outside = (href: string) => {
    const page = linkTarget(href, from);
    return page !== null && !included.has(page) ? page : null;
  };
  const full = (page: string, href: string) => `${fullUrl!.replace(/\/+$/, "")}/${page}.html${href.slice(href.split(/[?#]/)[0].length)}`;
  const anchors = source.replace(ANCHOR, (whole, href: string, rest: string, text: string) => {
    const page = outside(href);
    if (page === null) return whole;
    return fullUrl ? `<a href="${full(page, href)}"${rest}>${text}</a>` : text;
  });
  // Markdown links only outside fenced code: split on the fences and rewrite the prose parts.
  return anchors.split(/(^```[\s\S]*?^```)/m).map((part, i) => i % 2 ? part : part.replace(MD_LINK, (whole, text: string, href: string) => {
    const page = outside(href);
    if (page === null) return whole;
    return fullUrl ? `[${text}](${full(page, href)})` : text;
  })).join("");
}

/**
 * The page without the elements marked `data-site-only` (text that holds only in the whole site,
 * such as "all municipalities are on the page Gemeenten"); they are removed whole, tag and text.
 * @example withoutSiteOnly('<p data-site-only>Alle gemeenten ...</p>\nRest') // "Rest"
 */
export function withoutSiteOnly(source: string): string {
  return source.replace(/<([a-z][a-z0-9]*) data-site-only(?:\s[^>]*)?>[\s\S]*?<\/\1>\n?/g, "");
}

/**
 * The source pages of an edition: the report, each page of `candidates` the report links to, and
 * `always`, in that order; a page in `requested` replaces the candidates (any page of the site but
 * the start page, which the cover replaces).
 * @example editionPages({linked: ["waar", "gemeenten/index"], available: ["waar", "datakwaliteit", "verantwoording"]}) // [REPORT_SOURCE, "waar", "datakwaliteit", "verantwoording"]
 */
export function editionPages({linked, available, requested = null, candidates = EDITION_PAGES, always = ALWAYS}: {
  linked: readonly string[]; available: readonly string[]; requested?: readonly string[] | null; candidates?: readonly string[]; always?: readonly string[];
}): string[] {
  const known = new Set(available);
  for (const page of requested ?? []) {
    if (page === "index" || page === REPORT_SOURCE || !known.has(page)) {
      throw new Error(`invalid pagina: ${page} (kies uit ${[...known].filter((p) => p !== "index" && p !== REPORT_SOURCE).sort().join(", ")})`);
    }
  }
  const chosen = requested ? [...requested] : candidates.filter((p) => linked.includes(p));
  return [...new Set([REPORT_SOURCE, ...chosen, ...always.filter((p) => known.has(p))])];
}

/**
 * The municipality a `--gemeente` argument names: its name (any case, accents optional), its page
 * name or its code.
 * @example findMunicipality("hof van twente", list)?.code // "GM1735"
 */
export function findMunicipality<M extends {code: string; name: string; slug: string}>(query: string, list: readonly M[]): M {
  const q = query.trim().toLowerCase();
  const key = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  const found = list.find((m) => m.code.toLowerCase() === q || m.slug === q) ?? list.find((m) => key(m.name) === key(query));
  if (!found) throw new Error(`invalid gemeente: ${query} (kies uit ${list.map((m) => m.name).join(", ") || "geen: de levering heeft geen gemeenten met cijfers"})`);
  return found;
}

/** The route of a source page in an edition (the report's parameter filled in). */
export function editionRoute(page: string, slug: string): string {
  return page === REPORT_SOURCE ? `gemeenten/${slug}` : page;
}

/** The site's pages (`*.md` under `root`) as paths without extension, sorted. */
export function sitePages(root: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) pages.push(relative(root, path).slice(0, -3).split("\\").join("/"));
    }
  };
  walk(root);
  return pages.sort();
}

/** The cover page of an edition (its `index.md`): what it holds, and where the full site is. */
export function coverPage(manifest: EditionManifest, names: ReadonlyMap<string, string>): string {
  const {gemeente, pages, fullUrl} = manifest;
  const query = `?gemeente=${encodeURIComponent(gemeente.code)}`;
  // The list is drawn by the page's code: Framework 1.13's link check takes a query string for
  // part of the path and would call every link of a static list broken.
  const items = pages.map((page) => {
    const route = editionRoute(page, gemeente.slug);
    return [`./${route}.html${query}`, page === REPORT_SOURCE ? `Gemeenterapport ${gemeente.name}` : names.get(route) ?? route];
  });
  return `---
title: ${JSON.stringify(gemeente.name)}
toc: false
---

\`\`\`js
// Bouwgegevens: publicatieniveau, bron en periode van de levering.
const meta = FileAttachment("./data/meta.json").json();
import {levelNote} from "./lib/site.js";
const pages = ${JSON.stringify(items).replace(/</g, "\\u003c")};
\`\`\`

# ${escapeHtml(gemeente.name)}

Dit is de editie voor de gemeente **${escapeHtml(gemeente.name)}**: het gemeenterapport en de pagina's
die erbij horen, met dezelfde cijfers als de volledige site. Vanaf deze pagina openen ze op
${escapeHtml(gemeente.name)}; andere gemeenten en de analyses staan alleen in de volledige site.

\${html\`<ul data-edition-pages>\${pages.map(([href, name]) => html\`<li><a href=\${href}>\${name}</a></li>\`)}</ul>\`}

<div class="note" data-level>\${levelNote(meta)}</div>

${fullUrl ? `De volledige site: <a href="${escapeHtml(fullUrl)}">${escapeHtml(fullUrl)}</a>.` : "Verwijzingen naar pagina's die niet in deze editie staan, zijn gewone tekst."}
`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]!);

// What the edition's root shares with src/ (linked, not copied: the data loaders keep their file
// times, so Framework finds their cached output fresh and starts none of them).
const SHARED = ["components", "lib", "data", "style.css", ".observablehq"];

/**
 * Writes the edition's source root `<projectRoot>/.edition/`: the manifest, the cover, each chosen
 * page without its site-only text and with its links to left-out pages neutralised, and links to
 * src/'s shared folders.
 * @returns the root's path.
 */
export function assembleEdition(manifest: EditionManifest, {projectRoot, names}: {projectRoot: string; names: ReadonlyMap<string, string>}): string {
  const src = join(projectRoot, "src");
  const root = join(projectRoot, EDITION_DIR);
  rmSync(root, {recursive: true, force: true});
  mkdirSync(root, {recursive: true});
  for (const name of SHARED) {
    if (!existsSync(join(src, name))) continue;
    symlinkSync(relative(root, join(src, name)), join(root, name));
  }
  const included = new Set(["index", ...manifest.pages.map((p) => editionRoute(p, manifest.gemeente.slug))]);
  for (const page of manifest.pages) {
    const target = join(root, `${page}.md`);
    mkdirSync(dirname(target), {recursive: true});
    writeFileSync(target, neutraliseLinks(withoutSiteOnly(readFileSync(join(src, `${page}.md`), "utf8")), {from: page, included, fullUrl: manifest.fullUrl}));
  }
  writeFileSync(join(root, "index.md"), coverPage(manifest, names));
  writeFileSync(join(root, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
  return root;
}

/** Removes the edition's source root (after its build). */
export function removeEdition(projectRoot: string): void {
  rmSync(join(projectRoot, EDITION_DIR), {recursive: true, force: true});
}

/** A page or section of the configuration's `pages` tree (other properties ignored). */
type ConfigPage = {name: string; path?: string | null; pages?: readonly ConfigPage[]};

/** Every page of a configuration's `pages` tree, keyed by route ("waar", "gemeenten/index"). */
export function pageNames(pages: readonly ConfigPage[]): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (list: readonly ConfigPage[]) => {
    for (const p of list) {
      if (p.pages) visit(p.pages);
      if (p.path) names.set(p.path.replace(/^\//, "").replace(/\/$/, "/index"), p.name);
    }
  };
  visit(pages);
  return names;
}

/**
 * The view an edition's pages open on where a link names none: its municipality (the carry script
 * in every page's head, src/lib/view-links.ts), so the sidebar and the pager keep it from the
 * cover on. Empty for the full site.
 */
export function editionView(edition: string | undefined, projectRoot = PROJECT_ROOT): Record<string, string> {
  if (!edition) return {};
  const path = join(resolve(projectRoot, edition), MANIFEST);
  if (!existsSync(path)) return {};
  return {gemeente: (JSON.parse(readFileSync(path, "utf8")) as EditionManifest).gemeente.code};
}

/**
 * What an edition changes in the configuration: nothing without `edition`; when `edition`
 * (INBRAAKLAB_EDITION) names an assembled edition root, that root, a title with the municipality,
 * a sidebar of the edition's pages only (the report first) and the report's route.
 */
export function editionSite(edition: string | undefined, site: {title: string; pages: readonly ConfigPage[]}, projectRoot = PROJECT_ROOT): {root?: string; title?: string; pages?: ConfigPage[]; dynamicPaths?: string[]} {
  if (!edition) return {};
  const path = join(resolve(projectRoot, edition), MANIFEST);
  if (!existsSync(path)) throw new Error(`invalid INBRAAKLAB_EDITION: ${edition} (geen ${MANIFEST}; maak een editie met npm run report -- --gemeente <naam>)`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as EditionManifest;
  const names = pageNames(site.pages);
  const {slug, name} = manifest.gemeente;
  return {
    root: relative(process.cwd(), resolve(projectRoot, edition)) || ".",
    title: `${site.title} — ${name}`,
    pages: manifest.pages.map((page) => {
      const route = editionRoute(page, slug);
      return {name: page === REPORT_SOURCE ? `Gemeenterapport ${name}` : names.get(route) ?? route, path: `/${route}`};
    }),
    dynamicPaths: [`/gemeenten/${slug}`]
  };
}
