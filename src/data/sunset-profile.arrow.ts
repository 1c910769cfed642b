// Aoristic histogram of burglary times in hours relative to sunset, per area, year, month and soort.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("sunset_profile");
