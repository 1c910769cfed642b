/**
 * The selection simulation of issue 13 (item 3), shared by the unit test and the bench: one run
 * simulates a panel, starts the groups, and returns the verdict before and after the
 * regression-to-the-mean guard (src/lib/measures/rtm.ts).
 */
import type {Rng} from "../random.js";
import {didVerdict, guardedVerdict, staggeredDidGuarded} from "./rtm.js";
import {simulatePanel, waveSelectedStarts} from "./simulate.js";
import type {Verdict} from "../verdict.js";

export interface RtmRunOptions {
  /** Areas and months of the panel (default 185 x 60, about one delivery). */
  areas?: number;
  months?: number;
  /** Bootstrap replicates (default 499). */
  replicates?: number;
  /** Burglaries per 1,000 dwellings per year (default 3). */
  ratePerThousand?: number;
  /** Extra-Poisson variation per area-month (gamma variance; default 0). */
  dispersion?: number;
}

export interface RtmRun {
  /** Main estimate (percent). */
  percent: number;
  /** Robustness estimate with base -24..-13 (percent; NaN when missing). */
  robustPercent: number;
  verdict: Verdict;
  guarded: Verdict;
}

const START_FROM = 24, START_SPAN = 24;

function run(rng: Rng, sim: ReturnType<typeof simulatePanel>, starts: Record<string, number | null>, replicates: number): RtmRun {
  const {main, robust, check} = staggeredDidGuarded(sim.panel, starts, {rng, replicates});
  const verdict = didVerdict(main, "decrease");
  return {percent: main.overall.percent, robustPercent: robust?.overall.percent ?? NaN, verdict, guarded: guardedVerdict(verdict, check)};
}

/**
 * No effect; half the areas get a group, each in the more burgled of two candidates (last 12 months).
 * @example selectionRun(seededRng(1)).verdict // "aangetoond" in about a third of the seeds
 */
export function selectionRun(rng: Rng, {areas = 185, months = 60, replicates = 499, ratePerThousand = 3, dispersion = 0}: RtmRunOptions = {}): RtmRun {
  const sim = simulatePanel(rng, {areas, months, treatedAreas: 0, effect: 0, ratePerThousand, dispersion, adoptionFrom: START_FROM, adoptionMonths: START_SPAN});
  const starts = waveSelectedStarts(rng, sim.panel, {groups: Math.floor(areas / 2), from: START_FROM, span: START_SPAN});
  return run(rng, sim, starts, replicates);
}

/**
 * A planted effect; half the areas get a group at random (not selected on a wave).
 * @example plantedRun(seededRng(1), {effect: -0.3}).guarded // "aangetoond" in most seeds
 */
export function plantedRun(rng: Rng, {effect = -0.3, areas = 185, months = 60, replicates = 499, ratePerThousand = 3, dispersion = 0}: RtmRunOptions & {effect?: number} = {}): RtmRun {
  const sim = simulatePanel(rng, {areas, months, treatedAreas: Math.floor(areas / 2), effect, ratePerThousand, dispersion, adoptionFrom: START_FROM, adoptionMonths: START_SPAN});
  return run(rng, sim, sim.starts, replicates);
}
