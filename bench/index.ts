/**
 * Runs every bench/*.bench.ts in sequence, each in its own process (`npm run bench`); extra
 * arguments go to every benchmark. Exits non-zero when one of them fails.
 */
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(dir, file), ...process.argv.slice(2)], {stdio: "inherit"});
  if (run.status !== 0) failed++, console.error(`${file} is mislukt (code ${run.status})`);
}
if (failed) process.exitCode = 1;
