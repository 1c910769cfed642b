/**
 * The demo delivery's published tables (base tables and analyses) and findings at a level, computed
 * once per process: the unit tests run files one after another in two processes (isolate: false),
 * so every file that needs the default demo's pipeline shares one run per level and mode. Callers
 * must not change the map.
 */
import {readConfig} from "../../loaders/config.js";
import type {Table} from "apache-arrow";
import type {Level} from "../../loaders/config.js";
import type {PrivacyMode} from "../../src/lib/privacy/policy.js";
import {readDelivery} from "../../loaders/delivery/read.js";
import {publish} from "../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../loaders/pipeline/run.js";
import type {Finding} from "../../src/lib/findings.js";
import {demoDelivery} from "./demo.js";

interface PublishedDemo {
  tables: Map<string, Table>;
  delivery: ReturnType<typeof readDelivery>;
  findings: Finding[];
}

const cache = new Map<string, PublishedDemo>();

/** The demo's tables at a level and privacy mode (default: openbaar, standaard). */
export function publishedDemo(level: Level = "openbaar", privacy: PrivacyMode = "standaard"): PublishedDemo {
  let hit = cache.get(`${level}|${privacy}`);
  if (!hit) {
    const dir = demoDelivery();
    const delivery = readDelivery(dir);
    const {tables} = publish(delivery, {level, suppressBelow: 5, privacy, pseudonymKey: "test-pseudonym-key-0123456789"});
    const findings = runAnalyses(delivery, tables, {...readConfig({INBRAAKLAB_LEVEL: level, INBRAAKLAB_PRIVACY: privacy, INBRAAKLAB_PSEUDONYM_KEY: "test-pseudonym-key-0123456789"}), dataDir: dir}, dir);
    cache.set(`${level}|${privacy}`, (hit = {tables, delivery, findings}));
  }
  return hit;
}

/** A table's rows as plain objects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an Arrow row holds any column type
export function rowsOf(table: Table): Record<string, any>[] {
  return table.toArray().map((r) => r.toJSON());
}
