// Counts per year and category of werkwijze, woningtype, buit and opgelost (small counts hidden).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("what_counts");
