// Published by the knox analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("knox_cells");
