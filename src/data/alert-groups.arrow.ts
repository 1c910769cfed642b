// Warnings after a burglary: burglaries with and without a warning, and the burglaries around them.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("alert_groups");
