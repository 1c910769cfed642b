// WhatsApp groups: every neighbourhood's role in the comparison, with its centroid (RD) for the map.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_design");
