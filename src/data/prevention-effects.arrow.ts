// Prevention advice: dose-response slope (percent per 10 visits per 1,000 dwellings).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("prevention_effects");
