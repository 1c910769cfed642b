// The planner: planner_designs (loaders/analyses/planner.ts).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("planner_designs");
