// Warnings after a burglary: near repeats after burglaries with and without a warning.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("alert_effects");
