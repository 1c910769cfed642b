// Prevention advice visits per month and area.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("prevention_advice");
