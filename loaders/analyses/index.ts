/**
 * The registry of analyses the pipeline runs, in order. To add one: write
 * `loaders/analyses/<name>.ts` exporting an {@link Analysis}, list it here, add a thin loader
 * `src/data/<table>.arrow.ts` per table it publishes, and a contract test.
 */
import type {Analysis} from "./types.js";
import {alertsAnalysis} from "./alerts.js";
import {areaGeometry} from "./area-geometry.js";
import {areaRates} from "./area-rates.js";
import {campaignsAnalysis} from "./campaigns.js";
import {dorAnalysis} from "./dor.js";
import {factorsAnalysis} from "./factors.js";
import {forecastAnalysis} from "./forecast.js";
import {gridHotspots} from "./grid-hotspots.js";
import {knoxAnalysis} from "./knox.js";
import {nationalAnalysis} from "./national.js";
import {nearRepeatAnalysis} from "./nearrepeat.js";
import {plannerAnalysis} from "./planner.js";
import {preventionAnalysis} from "./prevention.js";
import {repeatAnalysis} from "./repeat.js";
import {seasonAnalysis} from "./season.js";
import {timeAnalysis} from "./time.js";
import {whatAnalysis} from "./what.js";
import {whatsappAnalysis} from "./whatsapp.js";

export const ANALYSES: readonly Analysis[] = [
  // Dashboard: when, what, where, how much.
  timeAnalysis,
  whatAnalysis,
  areaGeometry,
  gridHotspots,
  areaRates,
  nationalAnalysis,
  // Hypotheses.
  knoxAnalysis,
  // Waar nu?: forecasts (after knox, whose bands the near-repeat zones use).
  forecastAnalysis,
  nearRepeatAnalysis,
  factorsAnalysis,
  seasonAnalysis,
  repeatAnalysis,
  // Measures.
  whatsappAnalysis,
  preventionAnalysis,
  dorAnalysis,
  campaignsAnalysis,
  // Vooraf: detection probabilities of planned rollouts (the WhatsApp estimator on the baseline).
  plannerAnalysis,
  // Warnings after a burglary (after nearrepeat, whose zone settings it uses).
  alertsAnalysis
];
