// Connections to the Digitaal Opkopersregister.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("dor_connections");
