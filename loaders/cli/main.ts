import {realpathSync} from "node:fs";
import {fileURLToPath} from "node:url";

/** Whether the module at `url` is the script Node was started with (`tsx loaders/cli/x.ts`). */
export function isMain(url: string): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(fileURLToPath(url)) === realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}
