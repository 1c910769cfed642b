// Area boundaries (municipality, district, neighbourhood) as simplified vertex rows in RD New metres.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("area_geometry");
