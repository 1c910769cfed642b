// Crude and Empirical Bayes rates per 1,000 dwellings with funnel signals, per indicator, level, area and year.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("area_rates");
