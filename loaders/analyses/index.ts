/**
 * The registry of analyses the pipeline runs, in order. To add one: write
 * `loaders/analyses/<name>.ts` exporting an {@link Analysis}, list it here, add a thin loader
 * `src/data/<table>.arrow.ts` per table it publishes, and a contract test.
 */
import type {Analysis} from "./types.js";
import {factorsAnalysis} from "./factors.js";
import {knoxAnalysis} from "./knox.js";
import {repeatAnalysis} from "./repeat.js";
import {seasonAnalysis} from "./season.js";

export const ANALYSES: readonly Analysis[] = [
  knoxAnalysis,
  factorsAnalysis,
  seasonAnalysis,
  repeatAnalysis
];
