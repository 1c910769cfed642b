// The planner (src/lib/measures/planner.ts): detection probabilities of planned rollouts with the
// WhatsApp estimator, on a simulated baseline; checked against the published rule itself and against
// the demo bench's measured share (docs/methods.md, "Planner").
import {describe, expect, test} from "vitest";
import {drawPlanMatrix, drawPlanPanel, fullRulePower, minimumDetectable, planBaseline, planPower, type PlanBaseline} from "../../../src/lib/measures/planner.js";
import {simulatePanel} from "../../../src/lib/measures/simulate.js";
import {panelMatrix} from "../../../src/lib/measures/did.js";
import {seededRng} from "../../../src/lib/random.js";

// A delivery-like baseline: 200 neighbourhoods, five years, no measure.
const sim = simulatePanel(seededRng(7), {areas: 200, months: 60, treatedAreas: 0, effect: 0, adoptionFrom: 1, adoptionMonths: 1, dispersion: 0.1});
const baseline: PlanBaseline = planBaseline(panelMatrix(sim.panel));
const EFFECTS = [0, -0.1, -0.2, -0.3, -0.4];
const design = {treatedAreas: 60, waves: 1, waveGap: 0, followUp: 24};

describe("drawing a planned rollout", () => {
  test("the dense draw and the long panel are the same draw, area-major, with the same random numbers", () => {
    const {matrix, starts} = drawPlanMatrix(seededRng(4), baseline, design, -0.2);
    const {panel, starts: longStarts} = drawPlanPanel(seededRng(4), baseline, design, -0.2);
    expect(panelMatrix(panel)).toEqual(matrix);
    expect(longStarts).toEqual(starts);
    expect(Object.values(starts).filter((s) => s !== null).length).toBe(design.treatedAreas);
    expect(matrix.areas.slice(0, 2)).toEqual(["P0", "P1"]);
  });
});

describe("planBaseline", () => {
  test("recovers the simulated level, season and dispersion", () => {
    // Simulated: 3 per 1,000 a year at the start, trend -5% a year: about 2.4 in the last year.
    expect(baseline.level * 12_000).toBeGreaterThan(2.1);
    expect(baseline.level * 12_000).toBeLessThan(2.7);
    expect(baseline.season[11]).toBeGreaterThan(baseline.season[5]); // December above June
    expect(baseline.season.reduce((s, v) => s + v, 0)).toBeCloseTo(12, 6);
    expect(baseline.dispersion).toBeLessThan(0.5);
    expect(baseline.dwellings.length).toBe(200);
  });

  test("refuses a panel without months or burglaries", () => {
    expect(() => planBaseline({areas: ["a"], firstMonth: 0, months: 6, count: new Float64Array(6), exposure: new Float64Array(6).fill(1)})).toThrow("at least 12 months");
    expect(() => planBaseline({areas: ["a"], firstMonth: 0, months: 12, count: new Float64Array(12), exposure: new Float64Array(12).fill(1)})).toThrow("no burglaries");
  });
});

describe("planPower", () => {
  const short = planPower(baseline, {...design, followUp: 12}, {rng: seededRng(1), effects: EFFECTS, runs: 60});
  const long = planPower(baseline, {...design, followUp: 36}, {rng: seededRng(1), effects: EFFECTS, runs: 60});

  test("near the one-sided false-positive rate at effect 0, rising with the effect", () => {
    expect(long.power[0]).toBeLessThanOrEqual(0.1); // "aangetoond" for a fall: 2.5% expected
    for (let i = 1; i < EFFECTS.length; i++) expect(long.power[i]).toBeGreaterThanOrEqual(long.power[i - 1] - 0.05);
    expect(long.power[4]).toBeGreaterThan(0.8);
  });

  test("rises with the follow-up, and the minimum detectable effect falls", () => {
    const sum = (p: number[]) => p.reduce((s, v) => s + v, 0);
    expect(sum(long.power)).toBeGreaterThan(sum(short.power));
    const mdeLong = minimumDetectable(EFFECTS, long.power)!, mdeShort = minimumDetectable(EFFECTS, short.power);
    expect(mdeLong).toBeGreaterThan(0);
    expect(mdeShort === null || mdeShort > mdeLong).toBe(true);
    expect(long.se.main).toBeLessThan(short.se.main);
  });

  test("too few controls: no verdict possible, power 0", () => {
    const r = planPower(baseline, {...design, treatedAreas: 195}, {rng: seededRng(1), effects: EFFECTS, runs: 5});
    expect(r.thin).toBe(true);
    expect(r.power).toEqual([0, 0, 0, 0, 0]);
  });

  test("bad settings are refused by name", () => {
    expect(() => planPower(baseline, {...design, treatedAreas: 0}, {rng: seededRng(1), effects: EFFECTS})).toThrow("invalid treatedAreas");
    expect(() => planPower(baseline, design, {rng: seededRng(1), effects: [0.2]})).toThrow("invalid effect");
    expect(() => planPower(baseline, {...design, waves: 2, waveGap: 0}, {rng: seededRng(1), effects: EFFECTS})).toThrow("invalid waveGap");
  });

  test("agrees with the published rule run in full (within simulation error)", () => {
    // The fast rule (thinning, SEs from two bootstrap runs, no pre-trend test) against the guarded
    // estimate with 199 replicates and its verdict, at an effect where power is near one half.
    const fast = planPower(baseline, design, {rng: seededRng(3), effects: [-0.2], runs: 80}).power[0];
    const full = fullRulePower(baseline, design, -0.2, {rng: seededRng(4), runs: 40, replicates: 199});
    const se = Math.sqrt((fast * (1 - fast)) / 80 + (full * (1 - full)) / 40);
    expect(Math.abs(fast - full)).toBeLessThan(2.6 * Math.max(se, 0.03));
  }, 120_000);
});

describe("minimumDetectable", () => {
  test("interpolates linearly and is monotone in the power curve", () => {
    expect(minimumDetectable([0, -0.1, -0.2], [0.02, 0.5, 0.9])).toBeCloseTo(17.5, 10);
    expect(minimumDetectable([0, -0.1, -0.2], [0.02, 0.6, 0.95])!).toBeLessThan(17.5);
    expect(minimumDetectable([0, -0.1], [0.02, 0.5])).toBeNull();
    expect(() => minimumDetectable([0], [0.1, 0.2])).toThrow("invalid power");
  });
});
