/**
 * The registry of analyses the pipeline runs, in order. To add one: write
 * `loaders/analyses/<name>.ts` exporting an {@link Analysis}, list it here, add a thin loader
 * `src/data/<table>.arrow.ts` per table it publishes, and a contract test.
 */
import type {Analysis} from "./types.js";
import {timeAnalysis} from "./time.js";
import {whatAnalysis} from "./what.js";
import {areaGeometry} from "./area-geometry.js";
import {areaRates} from "./area-rates.js";
import {gridHotspots} from "./grid-hotspots.js";

export const ANALYSES: readonly Analysis[] = [
  timeAnalysis,
  whatAnalysis,
  areaGeometry,
  gridHotspots,
  areaRates
];
