// Funnel-plot limits (95% and 99.8%) around the rate of each level, per indicator and year.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("funnel_limits");
