/**
 * The planner (page Maatregelen > Vooraf): detection probabilities of planned rollouts, simulated on
 * the delivery's own neighbourhood baseline with the WhatsApp estimator and its verdict rule
 * (src/lib/measures/planner.ts), for a small grid of designs: share of neighbourhoods treated,
 * rollout (all at once or in waves) and follow-up, each for effects 0 to -50%.
 */
import type {Delivery} from "../delivery/read.js";
import {planBaseline, planPower, minimumDetectable, type PlanDesign} from "../../src/lib/measures/planner.js";
import {seededRng} from "../../src/lib/random.js";
import {buurtPanel, dayOfMonth} from "./measures/panel.js";
import {num, spec, tableOf} from "./measures/effects.js";
import type {Analysis} from "./types.js";

const {f64, i32, str, day} = spec;

export const PLANNER_SCHEMAS = {
  planner_power: [
    f64("share", "percent of the neighbourhoods that get the measure (drawn at random)"),
    i32("waves", "waves the treated neighbourhoods start in (1: all at once)"),
    i32("wave_gap", "months between waves"),
    i32("follow_up", "months of data after the last wave starts"),
    f64("effect", "planted effect (percent change; -25 = a 25% fall)"),
    f64("power", "share of simulated rollouts whose verdict would be aangetoond")
  ],
  planner_designs: [
    f64("share", "percent of the neighbourhoods that get the measure"),
    i32("treated_areas", "neighbourhoods with the measure"),
    i32("control_areas", "neighbourhoods without it (never-treated controls)"),
    i32("waves", "waves (1: all at once)"),
    i32("wave_gap", "months between waves"),
    i32("follow_up", "months after the last wave"),
    i32("months", "months of the simulated panel (36 before the first wave, the rollout, the follow-up)"),
    f64("se", "bootstrap standard error of the log estimate without effect; null when too few areas", true),
    f64("mde", "smallest fall (percent, positive) found with probability 0.8, interpolated; null when none of the effects reaches it", true),
    i32("runs", "simulated rollouts")
  ],
  planner_baseline: [
    i32("areas", "neighbourhoods in the baseline (0 when the planner could not run)"),
    f64("rate", "burglaries per 1,000 dwellings per year over the last 12 months", true),
    f64("dispersion", "variance of the gamma frailty per neighbourhood-month (0: Poisson)", true),
    day("first_month", "first simulated month (the month after the delivery)", true),
    str("reason", "why the planner could not run, in Dutch; null when it ran", true)
  ]
} as const;

/** The grid: shares of neighbourhoods, rollouts and follow-ups (docs/methods.md, "Planner"). */
export const PLANNER_GRID = {
  shares: [10, 25, 50],
  rollouts: [{waves: 1, waveGap: 0}, {waves: 3, waveGap: 6}],
  followUps: [12, 24, 36],
  effects: [0, -0.05, -0.1, -0.15, -0.2, -0.25, -0.3, -0.35, -0.4, -0.5]
};

/** Months of data the baseline needs (four years: a stable seasonal profile and relative rates). */
export const PLANNER_MIN_MONTHS = 48;

export interface PlannerOptions {
  /** Simulated rollouts per design (default 30). */
  runs?: number;
  seed?: number;
  grid?: typeof PLANNER_GRID;
}

export function runPlanner(delivery: Delivery, {runs = 30, seed = 20_261_205, grid = PLANNER_GRID}: PlannerOptions = {}) {
  const empty = (reason: string) => ({
    planner_power: tableOf(PLANNER_SCHEMAS.planner_power, []),
    planner_designs: tableOf(PLANNER_SCHEMAS.planner_designs, []),
    planner_baseline: tableOf(PLANNER_SCHEMAS.planner_baseline, [{areas: 0, rate: null, dispersion: null, first_month: null, reason}])
  });
  const panel = buurtPanel(delivery);
  if (!panel) return empty("Geen inbraken met een buurt in de levering: de planner rekent per buurt.");
  if (panel.months < PLANNER_MIN_MONTHS) return empty(`De levering beslaat ${panel.months} maanden; de planner heeft er minstens ${PLANNER_MIN_MONTHS} nodig voor de uitgangssituatie per buurt.`);
  if (panel.areas.length < 40) return empty(`De levering heeft ${panel.areas.length} buurten; de planner heeft er minstens 40 nodig (10 met en 10 zonder maatregel bij het kleinste aandeel).`);
  let baseline;
  try {
    baseline = planBaseline(panel);
  } catch (error) {
    return empty(`De uitgangssituatie is niet te schatten: ${(error as Error).message}.`);
  }
  const n = panel.areas.length;
  const rng = seededRng(seed);
  const power: object[] = [], designs: object[] = [];
  for (const share of grid.shares) {
    for (const rollout of grid.rollouts) {
      for (const followUp of grid.followUps) {
        const treatedAreas = Math.round((share / 100) * n);
        const design: PlanDesign = {treatedAreas, ...rollout, followUp};
        const r = planPower(baseline, design, {rng, effects: grid.effects, runs});
        const key = {share, waves: rollout.waves, wave_gap: rollout.waveGap, follow_up: followUp};
        grid.effects.forEach((e, i) => power.push({...key, effect: num(100 * e), power: r.power[i]}));
        designs.push({
          share, treated_areas: treatedAreas, control_areas: n - treatedAreas, waves: rollout.waves, wave_gap: rollout.waveGap, follow_up: followUp,
          months: r.months, se: r.thin ? null : num(r.se.main), mde: r.thin ? null : num(minimumDetectable(grid.effects, r.power), 2), runs: r.runs
        });
      }
    }
  }
  return {
    planner_power: tableOf(PLANNER_SCHEMAS.planner_power, power),
    planner_designs: tableOf(PLANNER_SCHEMAS.planner_designs, designs),
    planner_baseline: tableOf(PLANNER_SCHEMAS.planner_baseline, [{
      areas: n, rate: num(baseline.level * 12_000, 3), dispersion: num(baseline.dispersion), first_month: dayOfMonth(baseline.firstMonth), reason: null
    }])
  };
}

export const plannerAnalysis: Analysis = {
  name: "planner",
  schemas: PLANNER_SCHEMAS,
  run({delivery}) {
    return {tables: runPlanner(delivery)};
  }
};
