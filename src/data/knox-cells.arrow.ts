// Published by the knox analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("knox_cells");
