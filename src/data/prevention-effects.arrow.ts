// Prevention advice: dose-response slope (percent per 10 visits per 1,000 dwellings).
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("prevention_effects");
