// Findings of every hypothesis and measure page, with the delivery they were computed on.
import {readFindings} from "../../loaders/pipeline/cache.js";

process.stdout.write(JSON.stringify(await readFindings(), null, 2));
