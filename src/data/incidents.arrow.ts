// Pseudonymised incidents (intern build only; empty in the openbaar build).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("incidents");
