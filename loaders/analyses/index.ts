/**
 * The registry of analyses the pipeline runs, in order. To add one: write
 * `loaders/analyses/<name>.ts` exporting an {@link Analysis}, list it here, add a thin loader
 * `src/data/<table>.arrow.ts` per table it publishes, and a contract test.
 */
import type {Analysis} from "./types.js";
import {campaignsAnalysis} from "./campaigns.js";
import {dorAnalysis} from "./dor.js";
import {preventionAnalysis} from "./prevention.js";
import {whatsappAnalysis} from "./whatsapp.js";

export const ANALYSES: readonly Analysis[] = [
  whatsappAnalysis,
  preventionAnalysis,
  dorAnalysis,
  campaignsAnalysis
];
