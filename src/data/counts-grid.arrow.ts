// Burglaries per year on 500 m and 125 m grid squares.
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("counts_grid");
