// WhatsApp neighbourhood prevention groups.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("whatsapp_groups");
