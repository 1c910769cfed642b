// Pseudonymised incidents (intern build only; empty in the openbaar build).
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("incidents");
