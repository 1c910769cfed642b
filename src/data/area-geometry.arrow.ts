// Area boundaries (municipality, district, neighbourhood) as simplified vertex rows in RD New metres.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("area_geometry");
