// Published by the nearrepeat analysis (loaders/analyses/nearrepeat.ts): see its schema there.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("nearrepeat_zones");
