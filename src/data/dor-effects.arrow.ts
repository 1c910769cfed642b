// Digitaal Opkopersregister: level, slope and placebo per municipality and pooled.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("dor_effects");
