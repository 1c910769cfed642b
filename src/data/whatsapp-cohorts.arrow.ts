// WhatsApp groups: effect per start-month cohort.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("whatsapp_cohorts");
