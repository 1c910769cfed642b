// The planner: planner_power (loaders/analyses/planner.ts).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("planner_power");
