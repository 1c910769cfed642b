/**
 * Writes the Verantwoording annex (src/lib/accountability.ts) next to a built site, as
 * `<site>-verantwoording.md`, from the meta.json the site itself publishes: the annex a privacy
 * officer reads before publication describes exactly what was built.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {accountabilityMarkdown, type AccountMeta} from "../../src/lib/accountability.js";

/** The path of the annex of a site folder. */
export const annexPath = (site: string): string => join(dirname(site), `${basename(site)}-verantwoording.md`);

/** Writes the annex of a built site; throws when the site has no meta.json. */
export function writeAnnex(site: string): string {
  const dataDir = join(site, "_file", "data");
  const file = existsSync(dataDir) ? readdirSync(dataDir).find((f) => /^meta\.[\w-]+\.json$/.test(f)) : undefined;
  if (!file) throw new Error(`geen meta.json in ${dataDir}: is de site gebouwd?`);
  const meta = JSON.parse(readFileSync(join(dataDir, file), "utf8")) as AccountMeta;
  const path = annexPath(site);
  writeFileSync(path, accountabilityMarkdown(meta));
  return path;
}
