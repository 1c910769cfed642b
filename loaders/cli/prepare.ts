/**
 * prepare: runs before `npm start` and `npm run build`. Generates the demo delivery when no
 * INBRAAKLAB_DATA_DIR is set, validates the delivery and publishes its tables into the pipeline
 * cache, writes the quarantine, and clears Framework's loader cache when the delivery, the
 * configuration or the pipeline code changed (Framework itself only looks at loader file dates):
 * the output of every loader of the site, src/findings.json.ts (dist/findings.json) included.
 * Then it runs every data loader in this process (loaders/site/warm-loaders.ts), so that neither
 * the build nor the preview server starts one process per loader, and prints a line per step.
 * Stops with a Dutch message and exit code 1 when the delivery is not usable.
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT, readConfig} from "../config.js";
import {quarantineName, writeQuarantine} from "../delivery/quarantine.js";
import {readDelivery} from "../delivery/read.js";
import {prepare, type Prepared} from "../pipeline/run.js";
import {clearLoaderCache} from "../site/loader-cache.js";
import {warmLoaders} from "../site/warm-loaders.js";
import {isMain} from "./main.js";

const STAMP = join(PROJECT_ROOT, "data", ".cache", "current");

/** Prepares the configured delivery; returns a one-line summary. */
export async function runPrepare({clean = false, onStep}: {clean?: boolean; onStep?: (text: string) => void} = {}): Promise<string> {
  const config = readConfig();
  const prepared = await prepare(config, onStep);
  if (prepared.computed) {
    const delivery = readDelivery(prepared.dir, {region: config.region, maxRejectShare: config.maxRejectShare, peildatum: config.peildatum, firstYear: config.firstYear});
    writeQuarantine(delivery, join(PROJECT_ROOT, "data", "quarantaine", quarantineName(prepared.dir)));
  }
  const previous = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "";
  // Every loader's cached output, not only src/data/: the stable address dist/findings.json comes
  // from src/findings.json.ts, whose output stayed the first delivery's when only cache/data was cleared.
  if (clean || previous !== prepared.fingerprint) clearLoaderCache(join(PROJECT_ROOT, "src"));
  writeFileSync(STAMP, prepared.fingerprint);
  // Every loader's output, computed here in one process: Framework then starts none of them.
  // INBRAAKLAB_WARM=0 leaves them to Framework (the baseline of bench/start.bench.ts).
  if (process.env.INBRAAKLAB_WARM === "0") return summary(prepared);
  const started = performance.now();
  const warm = await warmLoaders(join(PROJECT_ROOT, "src"), (i, n) => {
    if (i === n || i % 10 === 0) onStep?.(`databestanden voor de site ${i}/${n}`);
  });
  for (const f of warm.failed) console.error(`prepare: ${f.output} niet vooraf gemaakt (${f.error}); de site-bouw draait die loader zelf`);
  onStep?.(`${warm.written.length} databestanden klaar in ${((performance.now() - started) / 1000).toLocaleString("nl-NL", {maximumFractionDigits: 1})} s`);
  return summary(prepared);
}

/** The one-line summary of a prepared delivery. */
function summary(prepared: Prepared, config = readConfig()): string {
  const {meta} = prepared;
  return `prepare: levering ${config.dataDir ?? `demo (seed ${config.demoSeed})`} → ${meta.incidents.toLocaleString("nl-NL")} inbraken, ${meta.first_month ?? "-"} t/m ${meta.last_month ?? "-"}, niveau ${meta.level}${prepared.computed ? "" : " (uit de cache)"}`;
}

if (isMain(import.meta.url)) {
  try {
    const start = performance.now();
    const step = (text: string) => console.log(`prepare [${((performance.now() - start) / 1000).toFixed(0).padStart(3)} s] ${text}`);
    console.log(await runPrepare({clean: process.argv.includes("--clean"), onStep: step}));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
