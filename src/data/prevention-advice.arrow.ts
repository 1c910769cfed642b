// Prevention advice visits per month and area.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("prevention_advice");
