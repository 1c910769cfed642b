/**
 * `npm run test:e2e`: builds the extra sites the browser tests need two at a time, each in its own
 * copy of the project (the machine has two cores; one build mostly uses one), then runs the browser
 * tests, which find those sites built in this run. Arguments go to vitest. Running vitest directly
 * (`npx vitest run --project e2e <file>`) still works: a test then builds what it needs.
 */
import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";
import {keptCheckout, prebuildSites} from "./build.js";
import {SITES, writeSiteDeliveries} from "./sites.js";
import {todayInAmsterdam} from "../../loaders/delivery/values.js";

process.env.INBRAAKLAB_E2E_RUN ??= String(Date.now());
// One peildatum for every build of the run (the default is today in Amsterdam, and it is part of the
// pipeline's fingerprint, which findings.json publishes): a run across midnight otherwise built the
// extra sites on one day and switch-delivery.test.ts's builds on the next, and their findings differed.
process.env.INBRAAKLAB_PEILDATUM ??= todayInAmsterdam();
await writeSiteDeliveries();
const started = Date.now();
// The XSS site's checkout is kept: switch-delivery.test.ts builds its second delivery in it. It is
// removed at the end whether or not that test ran (or the prebuild of another site failed).
const kept = keptCheckout(SITES.xss.output)!;
let status = 1;
try {
  await prebuildSites(Object.fromEntries(Object.values(SITES).map((s) => [s.output, s.env])), 2, [SITES.xss.output]);
  console.log(`e2e: extra sites built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  status = spawnSync("npx", ["vitest", "run", "--project", "e2e", ...process.argv.slice(2)], {stdio: "inherit", env: process.env}).status ?? 1;
} finally {
  rmSync(kept, {recursive: true, force: true});
}
process.exit(status);
