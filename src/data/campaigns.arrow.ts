// Prevention campaigns.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("campaigns");
