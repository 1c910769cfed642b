// Prevention advice: neighbourhoods grouped by dose, rate ratio after / before.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("prevention_dose_groups");
