// Burglaries per four-digit postcode, municipality, month and soort (open: the police map's grain).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("counts_pc4");
