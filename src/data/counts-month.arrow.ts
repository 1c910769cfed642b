// Burglaries per month, region and municipality, by soort (suppressed in openbaar).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("counts_month");
