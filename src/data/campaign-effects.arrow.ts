// Campaigns: effect per campaign (editions pooled).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("campaign_effects");
