import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {callawaySantAnna} from "../../../src/lib/measures/cs.js";
import type {Panel} from "../../../src/lib/measures/did.js";
import {simulatePanel} from "../../../src/lib/measures/simulate.js";

/** Columns of counts per area over months 100..103, 1,000 dwellings each (rate per 1,000 = count). */
function panelOf(counts: Record<string, number[]>, exposure = 1000): Panel {
  const area: string[] = [], month: number[] = [], count: number[] = [], dwellings: number[] = [];
  for (const [a, row] of Object.entries(counts)) row.forEach((c, t) => (area.push(a), month.push(100 + t), count.push(c), dwellings.push(exposure)));
  return {area, month, count, exposure: dwellings};
}

describe("Callaway & Sant'Anna, base g-1, simple aggregation", () => {
  // A starts in month 2 (base month 1), B in month 3 (base month 2); C and D never.
  //   A: 2 4 3 5   B: 1 1 2 0   C: 3 3 5 4   D: 1 2 2 3
  // ATT(2,2) = (3-4) - mean(B 2-1, C 5-3, D 2-2 = 1, 2, 0) = -1 - 1 = -2   (B not yet treated in month 2)
  // ATT(2,3) = (5-4) - mean(C 4-3, D 3-2 = 1, 1)            =  1 - 1 =  0
  // ATT(3,3) = (0-2) - mean(C 4-5, D 3-2 = -1, 1)           = -2 - 0 = -2
  // Simple aggregation (cohorts of one area): θ = (-2 + 0 - 2) / 3 = -4/3.
  // Treated mean over the same cells: (3 + 5 + 0) / 3 = 8/3; counterfactual 8/3 + 4/3 = 4; θ/4 = -33.3%.
  const counts = {A: [2, 4, 3, 5], B: [1, 1, 2, 0], C: [3, 3, 5, 4], D: [1, 2, 2, 3]};
  const starts = {A: 102, B: 103, C: null, D: null};

  test("group-time ATTs and their simple aggregate equal the hand computation", () => {
    const r = callawaySantAnna(panelOf(counts), starts, {rng: seededRng(1), replicates: 19});
    expect(r.cells.map((c) => [c.start, c.month, c.att])).toEqual([[102, 102, -2], [102, 103, 0], [103, 103, -2]]);
    expect(r.att).toBeCloseTo(-4 / 3, 12);
    expect(r.percent).toBeCloseTo(-100 / 3, 10);
    expect(r.attLower).toBeLessThanOrEqual(r.attUpper);
  });
  test("cohort size weights the cells; rates are per 1,000 dwellings", () => {
    // A second area in cohort A with the same counts doubles its weight: θ = (2·(-2) + 2·0 + (-2)) / 5.
    const r = callawaySantAnna(panelOf({...counts, A2: counts.A}), {...starts, A2: 102}, {rng: seededRng(1), replicates: 19});
    expect(r.att).toBeCloseTo(-6 / 5, 12);
    const half = callawaySantAnna(panelOf(counts, 500), starts, {rng: seededRng(1), replicates: 19});
    expect(half.att).toBeCloseTo(-8 / 3, 12);
    expect(half.percent).toBeCloseTo(-100 / 3, 10);
  });
  test("an area-month without dwellings is left out of the means", () => {
    const p = panelOf(counts);
    (p.exposure as number[])[4 + 3] = 0; // B in month 3: ATT(3,3) has no treated area
    const r = callawaySantAnna(p, starts, {rng: seededRng(1), replicates: 19});
    expect(r.cells.map((c) => [c.start, c.month])).toEqual([[102, 102], [102, 103]]);
    expect(r.att).toBeCloseTo(-1, 12);
  });
  test("rejects bad input", () => {
    expect(() => callawaySantAnna(panelOf(counts), {A: null, B: null, C: null, D: null}, {rng: seededRng(1)})).toThrow("no area starts");
    expect(() => callawaySantAnna(panelOf(counts), {A: 102, B: 103, C: null}, {rng: seededRng(1)})).toThrow("no entry for area D");
    expect(() => callawaySantAnna(panelOf(counts), starts, {rng: seededRng(1), replicates: 5})).toThrow("invalid replicates: 5");
  });
  test("recovers a planted effect on simulated panels: unbiased on average, intervals that cover it", () => {
    // One base month makes CS noisy at this size (spread about 14 points): judged over 8 panels.
    const runs = Array.from({length: 8}, (_, i) => {
      const sim = simulatePanel(seededRng(1 + i), {areas: 300, months: 72, treatedAreas: 150, adoptionFrom: 24, adoptionMonths: 24, effect: -0.3, ratePerThousand: 6});
      return callawaySantAnna(sim.panel, sim.starts, {rng: seededRng(4), replicates: 99});
    });
    const mean = runs.reduce((s, r) => s + r.percent, 0) / runs.length;
    expect(mean).toBeGreaterThan(-38);
    expect(mean).toBeLessThan(-20);
    expect(runs.filter((r) => r.percentLower <= -30 && r.percentUpper >= -30).length).toBeGreaterThanOrEqual(6);
  });
});
