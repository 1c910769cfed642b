/** Small demo deliveries for tests, written once per process into a temporary folder. */
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeDemoDelivery, type DemoOptions} from "../../loaders/demo/generate.js";

const cache = new Map<string, string>();

/** A demo delivery folder for the options (default: seed 3, 2022-2024, about 4,000 incidents). */
export function demoDelivery(options: DemoOptions = {}): string {
  const resolved = {seed: 3, fromYear: 2022, toYear: 2024, incidents: 4000, ...options};
  const key = JSON.stringify(resolved);
  let dir = cache.get(key);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), "inbraaklab-demo-"));
    writeDemoDelivery(dir, resolved);
    cache.set(key, dir);
  }
  return dir;
}
