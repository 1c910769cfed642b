// Aoristic weekday x hour profile of burglary times.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("time_profile");
