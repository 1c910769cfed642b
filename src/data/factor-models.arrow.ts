// Published by the factor analysis (loaders/analyses/): see its schema there.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("factor_models");
