// Connections to the Digitaal Opkopersregister.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("dor_connections");
