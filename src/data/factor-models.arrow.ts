// Published by the factor analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("factor_models");
