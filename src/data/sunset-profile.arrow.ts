// Aoristic histogram of burglary times in hours relative to sunset, per area, year, month and soort.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("sunset_profile");
