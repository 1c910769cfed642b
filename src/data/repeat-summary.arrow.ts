// Published by the repeat analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("repeat_summary");
