// Digitaal Opkopersregister: level, slope and placebo per municipality and pooled.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("dor_effects");
