// findings.json at a stable address (dist/findings.json) for comparing reports between deliveries
// and over time: built when observablehq.config.ts lists "/findings.json" in dynamicPaths.
import {readFindings} from "../loaders/pipeline/cache.js";

process.stdout.write(JSON.stringify(await readFindings(), null, 2));
