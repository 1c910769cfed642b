// Campaigns: effect per campaign (editions pooled).
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("campaign_effects");
