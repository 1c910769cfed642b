// Area statistics (kerncijfers) in long format.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("area_stats");
