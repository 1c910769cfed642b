// WhatsApp groups: neighbourhoods with a running group, not yet and never per month.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("whatsapp_timeline");
