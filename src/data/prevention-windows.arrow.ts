// Prevention advice: the before, dose and after windows.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("prevention_windows");
