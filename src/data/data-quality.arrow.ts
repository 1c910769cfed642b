// Data-quality account of the delivery: rows read, accepted and rejected per file and reason.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("data_quality");
