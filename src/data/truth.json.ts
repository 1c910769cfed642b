// What the demo generator planted (risk coefficients, measure effects, near-repeat window), or null
// for a real delivery: pages show it beside the estimates so workshops can see the methods work.
import {readTruth} from "../../loaders/pipeline/cache.js";

process.stdout.write(JSON.stringify(await readTruth()));
