/**
 * Runs Observable Framework's command line (`node scripts/observable.mjs build|preview ...`) with its
 * telemetry switched off. The npm scripts used to say `OBSERVABLE_TELEMETRY_DISABLE=true observable
 * build`, which only a Unix shell understands: npm runs scripts through cmd.exe on Windows, where that
 * line fails, so `npm run build` and `npm start` did not work on a municipal laptop (issue 14, item 9).
 */
import {spawnSync} from "node:child_process";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist/bin/observable.js");
const result = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], {stdio: "inherit", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}});
if (result.error) throw result.error;
process.exitCode = result.status ?? 1;
