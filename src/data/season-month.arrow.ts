// Published by the season analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("season_month");
