// Targets per area, year and indicator.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("targets");
