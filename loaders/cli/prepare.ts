/**
 * prepare: runs before `npm start` and `npm run build`. Generates the demo delivery when no
 * INBRAAKLAB_DATA_DIR is set, validates the delivery and publishes its tables into the pipeline
 * cache, writes the quarantine, and clears Framework's loader cache when the delivery, the
 * configuration or the pipeline code changed (Framework itself only looks at loader file dates).
 * Stops with a Dutch message and exit code 1 when the delivery is not usable.
 */
import {existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT, readConfig} from "../config.js";
import {quarantineName, writeQuarantine} from "../delivery/quarantine.js";
import {readDelivery} from "../delivery/read.js";
import {prepare} from "../pipeline/run.js";
import {isMain} from "./main.js";

const FRAMEWORK_DATA_CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache", "data");
const STAMP = join(PROJECT_ROOT, "data", ".cache", "current");

/** Prepares the configured delivery; returns a one-line summary. */
export async function runPrepare({clean = false}: {clean?: boolean} = {}): Promise<string> {
  const config = readConfig();
  const prepared = await prepare(config);
  if (prepared.computed) {
    const delivery = readDelivery(prepared.dir, {region: config.region, maxRejectShare: config.maxRejectShare, peildatum: config.peildatum, firstYear: config.firstYear});
    writeQuarantine(delivery, join(PROJECT_ROOT, "data", "quarantaine", quarantineName(prepared.dir)));
  }
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "";
  if (clean || previous !== prepared.fingerprint) rmSync(FRAMEWORK_DATA_CACHE, {recursive: true, force: true});
  writeFileSync(STAMP, prepared.fingerprint);
  const {meta} = prepared;
  return `prepare: levering ${config.dataDir ?? `demo (seed ${config.demoSeed})`} → ${meta.incidents.toLocaleString("nl-NL")} inbraken, ${meta.first_month ?? "-"} t/m ${meta.last_month ?? "-"}, niveau ${meta.level}${prepared.computed ? "" : " (uit de cache)"}`;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await runPrepare({clean: process.argv.includes("--clean")}));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
