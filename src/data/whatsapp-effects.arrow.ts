// WhatsApp groups: overall effect, displacement and pre-trend test (one row per estimate).
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("whatsapp_effects");
