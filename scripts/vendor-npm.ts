/**
 * Fill Observable Framework's npm cache from node_modules so that build, preview and the
 * browser never reach a CDN, a font service or a registry.
 *
 * Framework resolves `npm:<name>` by looking for `<root>/.observablehq/cache/_npm/<name>@<version>/`
 * and only downloads what is missing (see docs/offline.md). This script writes, for every
 * library the site uses, one self-contained browser ESM bundle at the path Framework expects,
 * plus an empty `<name>@0.0.0-not-vendored` folder for each library Framework knows about but
 * the site does not use, so version resolution never asks the registry.
 *
 * Usage: node scripts/cli.mjs vendor-npm [--root src] (its esbuild bundle; `npm run vendor`)
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {build, type Plugin} from "esbuild";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Libraries bundled from node_modules: npm name -> entry module (resolved from node_modules). */
export const VENDORED: Record<string, {entry: string; external?: string[]}> = {
  "apache-arrow": {entry: "apache-arrow"},
  "@observablehq/plot": {entry: "@observablehq/plot"},
  "d3": {entry: "d3"},
  "d3-dsv": {entry: "d3-dsv"},
  "htl": {entry: "htl"},
  "isoformat": {entry: "isoformat"},
  // DuckDB-wasm must share FileAttachment.arrow()'s Arrow module, or tables cross module boundaries.
  "@duckdb/duckdb-wasm": {entry: "@duckdb/duckdb-wasm/dist/duckdb-browser.mjs", external: ["apache-arrow"]}
};

/** Files copied verbatim next to a vendored bundle (DuckDB loads them by URL at run time). */
const COPIED: Record<string, string[]> = {
  "@duckdb/duckdb-wasm": [
    "dist/duckdb-mvp.wasm",
    "dist/duckdb-eh.wasm",
    "dist/duckdb-browser-mvp.worker.js",
    "dist/duckdb-browser-eh.worker.js"
  ]
};

/**
 * Libraries that Framework's client or standard library may import but this site does not use.
 * An empty folder pins their version offline; importing one then fails loudly at build time.
 * arquero is among them: it compiles its expressions with `Function`, which the site's
 * Content-Security-Policy forbids, and `npm run lint` refuses it on pages (docs/decisions.md).
 */
export const NOT_VENDORED = [
  "arquero", "lodash", "echarts", "leaflet", "mapbox-gl", "react", "react-dom", "topojson-client",
  "parquet-wasm", "jszip", "exceljs", "sql.js", "vega", "vega-lite", "vega-lite-api",
  "@uwdata/vgplot", "@uwdata/mosaic-core", "mermaid", "katex", "@viz-js/viz",
  "@observablehq/sample-datasets"
];

/** Self-hosted fonts: the theme's serif (Source Serif 4), latin subset, inlined as data URLs. */
const FONT_PACKAGE = "@fontsource/source-serif-4";
const FONT_FACES: {weight: number; style: "normal" | "italic"}[] = [
  {weight: 400, style: "normal"},
  {weight: 400, style: "italic"},
  {weight: 600, style: "normal"},
  {weight: 700, style: "normal"}
];
/** Where the font faces are written, relative to the source root (imported by src/style.css). */
export const FONT_STYLESHEET = ".observablehq/cache/fonts.css";

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "node_modules", name, "package.json"), "utf8"));
  return pkg.version as string;
}

function externalTo(cacheDir: string, fromDir: string): Plugin {
  return {
    name: "vendored-externals",
    setup(b) {
      b.onResolve({filter: /^apache-arrow$/}, () => {
        const target = join(cacheDir, `apache-arrow@${packageVersion("apache-arrow")}`, "_esm.js");
        return {path: "./" + relative(fromDir, target).split("\\").join("/"), external: true};
      });
    }
  };
}

async function vendorBundle(cacheDir: string, name: string, entry: string, external: string[] = []) {
  const dir = join(cacheDir, `${name}@${packageVersion(name)}`);
  const outfile = join(dir, "_esm.js");
  mkdirSync(dir, {recursive: true});
  await build({
    entryPoints: [entry],
    absWorkingDir: projectRoot,
    bundle: true,
    format: "esm",
    platform: "browser",
    mainFields: ["browser", "module", "main"],
    conditions: ["browser", "import"],
    target: ["es2022"],
    minify: true,
    legalComments: "inline",
    outfile,
    logLevel: "error",
    plugins: external.length ? [externalTo(cacheDir, dir)] : []
  });
  for (const file of COPIED[name] ?? []) {
    const target = join(dir, file);
    mkdirSync(dirname(target), {recursive: true});
    copyFileSync(join(projectRoot, "node_modules", name, file), target);
  }
  return outfile;
}

function vendorFonts(root: string) {
  const faces = FONT_FACES.map(({weight, style}) => {
    const file = join(projectRoot, "node_modules", FONT_PACKAGE, "files", `source-serif-4-latin-${weight}-${style}.woff2`);
    const data = readFileSync(file).toString("base64");
    return `@font-face{font-family:"Source Serif 4";font-style:${style};font-display:swap;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD}`;
  });
  writeFileSync(join(root, FONT_STYLESHEET), `/* ${FONT_PACKAGE}@${packageVersion(FONT_PACKAGE)} (OFL-1.1), written by scripts/vendor-npm.ts */\n${faces.join("\n")}\n`);
}

/** Writes the whole vendored cache under `<root>/.observablehq/cache/_npm`. */
export async function vendor(root: string): Promise<string[]> {
  const cacheDir = join(root, ".observablehq", "cache", "_npm");
  // Remove versions that no longer match node_modules, so Framework never picks a stale one.
  if (existsSync(cacheDir)) rmSync(cacheDir, {recursive: true, force: true});
  mkdirSync(cacheDir, {recursive: true});
  const written: string[] = [];
  // Arrow first: DuckDB's bundle points at it.
  for (const [name, {entry, external}] of Object.entries(VENDORED)) {
    written.push(await vendorBundle(cacheDir, name, entry, external));
  }
  vendorFonts(root);
  for (const name of NOT_VENDORED) {
    mkdirSync(join(cacheDir, `${name}@0.0.0-not-vendored`), {recursive: true});
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rootArg = process.argv.indexOf("--root");
  const root = join(projectRoot, rootArg > 0 ? process.argv[rootArg + 1] : "src");
  const files = await vendor(root);
  console.log(`vendor-npm: ${files.length} bundles and fonts written to ${relative(projectRoot, join(root, ".observablehq/cache/_npm"))}`);
}
