/**
 * prepare: runs before `npm start` and `npm run build`. Generates the demo delivery when no
 * INBRAAKLAB_DATA_DIR is set, validates the delivery and publishes its tables into the pipeline
 * cache, writes the quarantine, and clears Framework's loader cache when the delivery, the
 * configuration or the pipeline code changed (Framework itself only looks at loader file dates):
 * the output of every loader of the site, src/findings.json.ts (dist/findings.json) included.
 * Stops with a Dutch message and exit code 1 when the delivery is not usable.
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT, readConfig} from "../config.js";
import {quarantineName, writeQuarantine} from "../delivery/quarantine.js";
import {readDelivery} from "../delivery/read.js";
import {prepare} from "../pipeline/run.js";
import {clearLoaderCache} from "../site/loader-cache.js";
import {isMain} from "./main.js";

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
  // Every loader's cached output, not only src/data/: the stable address dist/findings.json comes
  // from src/findings.json.ts, whose output stayed the first delivery's when only cache/data was cleared.
  if (clean || previous !== prepared.fingerprint) clearLoaderCache(join(PROJECT_ROOT, "src"));
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
