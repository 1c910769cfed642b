/**
 * Copies the build's findings.json (dist/_file/data/findings.<hash>.json, content-hashed by
 * Framework) to the stable path dist/findings.json, so reports can be compared between deliveries
 * and over time. The output folder is INBRAAKLAB_OUTPUT or dist. Exits 1 when there is none or more
 * than one (a stale build folder).
 *
 * Usage: tsx scripts/postbuild.ts   (after `observable build`)
 */
import {copyFileSync, existsSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Copies the hashed findings file of a built site to <dir>/findings.json; returns the target path. */
export function copyFindings(dir: string): string {
  const data = join(dir, "_file", "data");
  const found = existsSync(data) ? readdirSync(data).filter((n) => /^findings\.[0-9a-f]+\.json$/.test(n)) : [];
  if (found.length !== 1) throw new Error(`expected one findings.<hash>.json in ${data}, found ${found.length}`);
  const target = join(dir, "findings.json");
  copyFileSync(join(data, found[0]), target);
  const findings = JSON.parse(readFileSync(target, "utf8"));
  if (!Array.isArray(findings)) throw new Error(`invalid findings.json: not an array`);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(root, process.env.INBRAAKLAB_OUTPUT ?? "dist");
  try {
    console.log(`findings.json → ${copyFindings(dir)}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
