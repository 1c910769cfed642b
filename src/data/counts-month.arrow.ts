// Burglaries per month, region and municipality, by soort (suppressed in openbaar).
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("counts_month");
