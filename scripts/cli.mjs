/**
 * Starts a command-line tool (loaders/cli/<name>.ts, or a build step of scripts/) from a bundle that
 * esbuild made of it, so that a tool starts in plain Node instead of transpiling its sources with tsx
 * on every start (1.5 s for `npm run knox -- --help` before). Plain JavaScript, so Node runs this
 * file itself.
 *
 *   node scripts/cli.mjs <name> [arguments]   runs the tool (npm run knox, check-data, demo, fetch:open;
 *                                             prepare, vendor-npm and harden in npm run build)
 *   node scripts/cli.mjs --bundle             bundles every tool (postinstall)
 *
 * The bundles live in .cli/ at the project root (one level down, like loaders/ and scripts/, so the
 * tools' PROJECT_ROOT is the project). Each bundle records its source files and a hash of their contents;
 * a tool whose sources changed since is bundled again before it starts (esbuild, well under a
 * second), so a bundle is never stale. Packages stay external: they load from node_modules.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".cli");
/**
 * Each tool's entry: every loaders/cli/*.ts except the shared helper main.ts, and the two build steps
 * that `npm run build` runs around Framework (vendoring its npm imports, hardening the output). Under
 * tsx each of these cost about 1.5 s of transpiling per start, and prepare 2-3 s more on a
 * pipeline run; every `npm test` runs them in some ten builds (docs/performance.md).
 */
const ENTRIES = Object.fromEntries([
  ...readdirSync(join(ROOT, "loaders/cli")).filter((f) => f.endsWith(".ts") && f !== "main.ts").map((f) => [f.slice(0, -3), `loaders/cli/${f}`]),
  ["harden", "scripts/harden.ts"],
  ["vendor-npm", "scripts/vendor-npm.ts"]
].sort(([a], [b]) => a.localeCompare(b)));
const TOOLS = Object.keys(ENTRIES);
/** Tools that import TypeScript files at run time (not bundled). */
const IMPORTS_TYPESCRIPT = new Set(["prepare"]);

/** A hash of the given project files' contents (a missing file counts as changed). */
function digest(files) {
  const hash = createHash("sha256");
  for (const file of files) {
    const path = join(ROOT, file);
    hash.update(file + "\0");
    hash.update(existsSync(path) ? readFileSync(path) : "\0missing\0");
  }
  return hash.digest("hex");
}

/** Whether the tool's bundle exists and its sources are unchanged since it was made. */
function fresh(name) {
  const stamp = join(OUT, `${name}.inputs.json`);
  if (!existsSync(join(OUT, `${name}.mjs`)) || !existsSync(stamp)) return false;
  const {inputs, hash} = JSON.parse(readFileSync(stamp, "utf8"));
  return digest(inputs) === hash;
}

/** Bundles one tool into .cli/<name>.mjs (written via a temporary file, so a parallel start never reads half a bundle). */
async function bundle(name) {
  const {build} = await import("esbuild");
  const result = await build({
    entryPoints: [ENTRIES[name]], absWorkingDir: ROOT, bundle: true, platform: "node", format: "esm",
    target: "node20", packages: "external", metafile: true, write: false, logLevel: "error", outfile: join(OUT, `${name}.mjs`)
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/")).sort();
  mkdirSync(OUT, {recursive: true});
  const temp = join(OUT, `${name}.mjs.${process.pid}`);
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, join(OUT, `${name}.mjs`));
  writeFileSync(join(OUT, `${name}.inputs.json`), JSON.stringify({inputs, hash: digest(inputs)}) + "\n");
}

const [name, ...args] = process.argv.slice(2);
if (name === "--bundle") {
  for (const tool of TOOLS) if (!fresh(tool)) await bundle(tool);
  console.log(`cli: ${TOOLS.length} tools bundled in .cli/`);
} else if (!TOOLS.includes(name)) {
  console.error(`Onbekend programma: ${name ?? "(geen)"}. Kies uit: ${TOOLS.join(", ")}.`);
  process.exitCode = 2;
} else {
  if (!fresh(name)) await bundle(name);
  // prepare runs the site's data loaders in this process (loaders/site/warm-loaders.ts), and those
  // are TypeScript files: tsx's import hooks load them (the bundle itself needs none).
  if (IMPORTS_TYPESCRIPT.has(name)) (await import("tsx/esm/api")).register();
  // The tool checks process.argv[1] to know it was started as a program (isMain).
  const path = join(OUT, `${name}.mjs`);
  process.argv = [process.argv[0], path, ...args];
  await import(pathToFileURL(path).href);
}
