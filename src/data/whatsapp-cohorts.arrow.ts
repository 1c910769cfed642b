// WhatsApp groups: effect per start-month cohort.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("whatsapp_cohorts");
