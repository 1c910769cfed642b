// Build metadata: publication level, source, region, privacy threshold, period, files delivered,
// plus the offence theme and the delivery date (the newest file of the delivery folder).
import {prepare} from "../../loaders/pipeline/cache.js";
import {readConfig} from "../../loaders/config.js";
import {deliveryDate} from "../../loaders/site/delivery-date.js";

const config = readConfig();
const prepared = await prepare(config);
process.stdout.write(JSON.stringify({...prepared.meta, theme: config.theme, delivered: deliveryDate(prepared.dir)}));
