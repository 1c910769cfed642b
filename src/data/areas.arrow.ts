// Areas of the region with dwellings and inhabitants.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("areas");
