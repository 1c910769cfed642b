// Targets per area, year and indicator.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("targets");
