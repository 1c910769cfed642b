// Burglaries per year and area (municipality, district, neighbourhood), by soort.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("counts_year");
