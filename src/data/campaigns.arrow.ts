// Prevention campaigns.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("campaigns");
