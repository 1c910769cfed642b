// Digitaal Opkopersregister: monthly counts, fit and counterfactual per municipality.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("dor_series");
