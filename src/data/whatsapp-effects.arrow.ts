// WhatsApp groups: overall effect, displacement and pre-trend test (one row per estimate).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_effects");
