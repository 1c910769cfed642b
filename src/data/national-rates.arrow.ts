// National benchmark: the Netherlands per 1,000 dwellings per year (CBS open data).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("national_rates");
