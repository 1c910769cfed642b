// WhatsApp groups: event study by quarters since the start, and the same for untreated neighbours.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_event_study");
