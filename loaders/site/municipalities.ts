/**
 * The municipalities of the current delivery, for the site configuration (sidebar and dynamic
 * routes of src/gemeenten/[gemeente].md). Read synchronously from the pipeline cache that
 * `loaders/cli/prepare.ts` fills before every build and preview.
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {PROJECT_ROOT} from "../config.js";
import {municipalitiesWithData, type MonthRow, type Municipality} from "../../src/lib/gemeente.js";

/** The published counts_month of the prepared delivery, or null before the first prepare. */
function currentCountsMonth(root: string): MonthRow[] | null {
  const stamp = join(root, "data", ".cache", "current");
  if (!existsSync(stamp)) return null;
  const path = join(root, "data", ".cache", readFileSync(stamp, "utf8").trim(), "counts_month.arrow");
  if (!existsSync(path)) return null;
  return tableFromIPC(readFileSync(path)).toArray().map((r) => r.toJSON() as MonthRow);
}

/**
 * The municipalities with data in the prepared delivery, sorted by name (empty before the first
 * `npm run prepare-data`, build or preview).
 */
export function siteMunicipalities(root = PROJECT_ROOT): Municipality[] {
  const rows = currentCountsMonth(root);
  return rows ? municipalitiesWithData(rows) : [];
}
