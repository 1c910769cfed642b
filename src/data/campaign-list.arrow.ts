// Campaigns: the delivered campaigns with their slug.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("campaign_list");
