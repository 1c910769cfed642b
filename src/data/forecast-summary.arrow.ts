// Published by the forecast analysis (loaders/analyses/forecast.ts): see its schema there.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("forecast_summary");
