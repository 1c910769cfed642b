/**
 * Post-build hardening of the site (runs as `postbuild` after `npm run build`):
 * `node scripts/cli.mjs harden [<dir>]` (its esbuild bundle), default INBRAAKLAB_OUTPUT or dist. See
 * loaders/site/harden.ts.
 * Also writes the Verantwoording annex next to the site (loaders/site/annex.ts).
 */
import {resolve} from "node:path";
import {hardenSite} from "../loaders/site/harden.js";
import {writeAnnex} from "../loaders/site/annex.js";

const dir = resolve(process.argv[2] ?? process.env.INBRAAKLAB_OUTPUT ?? "dist");
try {
  const {pages, hashes} = hardenSite(dir);
  console.log(`harden: ${pages} pagina's met Content-Security-Policy (${hashes} inline-scripthashes); serverconfiguratie in ${dir}/_deploy/ en ${dir}/web.config`);
  console.log(`verantwoording: bijlage geschreven naar ${writeAnnex(dir)}`);
} catch (error) {
  console.error(`harden: ${(error as Error).message}`);
  process.exitCode = 1;
}
