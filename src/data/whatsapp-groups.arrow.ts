// WhatsApp neighbourhood prevention groups.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_groups");
