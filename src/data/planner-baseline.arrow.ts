// The planner: planner_baseline (loaders/analyses/planner.ts).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("planner_baseline");
