// Burglaries per year on 500 m and 125 m grid squares.
import {writePublished} from "../../loaders/pipeline/run.js";

await writePublished("counts_grid");
