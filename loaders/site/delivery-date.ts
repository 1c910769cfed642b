/** The date a delivery arrived, as pages print it on the cover line. */
import {readdirSync, statSync} from "node:fs";
import {join} from "node:path";

/**
 * The date (YYYY-MM-DD, Europe/Amsterdam) of the newest file in a delivery folder, or null for an
 * empty folder: the moment the delivery was complete.
 * @example deliveryDate("data/levering-2025-06") // "2025-06-30"
 */
export function deliveryDate(dir: string): string | null {
  let newest = -Infinity;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const stat = statSync(join(dir, name));
    if (stat.isFile() && stat.mtimeMs > newest) newest = stat.mtimeMs;
  }
  if (newest === -Infinity) return null;
  return new Intl.DateTimeFormat("en-CA", {timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit"}).format(new Date(newest));
}
