// Monthly burglary counts per municipality (seeded sample) as an Arrow stream.
import {writeArrow} from "../../loaders/arrow.js";
import {monthlySample} from "../../loaders/sample-monthly.js";

await writeArrow(monthlySample({seed: 1}));
