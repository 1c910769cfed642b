// WhatsApp groups: neighbourhoods with a running group, not yet and never per month.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_timeline");
