// Prevention advice: the before, dose and after windows.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("prevention_windows");
