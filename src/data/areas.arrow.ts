// Areas of the region with dwellings and inhabitants.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("areas");
