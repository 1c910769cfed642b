/**
 * Folders of the workplace's read-only reference data (../shared/data/reference beside the project,
 * or /work/shared): never committed, present on every development and CI machine here. Tests that
 * read them run only when the folder exists, so the suite also passes outside this workplace.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../../loaders/config.js";

/** The reference folder `name` (e.g. "real-mik"), or null when this machine does not have it. */
export function referenceDir(name: string): string | null {
  for (const root of [join(PROJECT_ROOT, "..", "shared"), "/work/shared"]) {
    const dir = join(root, "data", "reference", name);
    if (existsSync(dir)) return dir;
  }
  return null;
}
