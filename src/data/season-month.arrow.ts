// Published by the season analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("season_month");
