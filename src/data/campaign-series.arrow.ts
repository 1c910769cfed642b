// Campaigns: monthly counts, fit and counterfactual per campaign and area.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("campaign_series");
