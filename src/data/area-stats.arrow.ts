// Area statistics (kerncijfers) in long format.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("area_stats");
