// Prevention advice: neighbourhoods grouped by dose, rate ratio after / before.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("prevention_dose_groups");
