// Getis-Ord Gi* hot-spot class per 500 m square and year (computed on true counts; classes that could reveal a hidden count are hidden).
import {writePublished} from "../../loaders/pipeline/cache.js";

await writePublished("grid_hotspots");
