// Digitaal Opkopersregister: monthly counts, fit and counterfactual per municipality.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("dor_series");
