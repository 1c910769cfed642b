// Campaigns: the delivered campaigns with their slug.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("campaign_list");
