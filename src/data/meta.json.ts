// Build metadata: publication level, source, region, privacy threshold, period, files delivered.
import {prepare} from "../../loaders/pipeline/run.js";

process.stdout.write(JSON.stringify((await prepare()).meta));
