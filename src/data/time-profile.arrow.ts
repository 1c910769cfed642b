// Aoristic weekday x hour profile of burglary times.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("time_profile");
