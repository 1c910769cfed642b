import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {monthIndex, type Panel} from "../../../src/lib/measures/did.js";
import {displacementCheck, doseResponse} from "../../../src/lib/measures/dose.js";
import {simulatePanel} from "../../../src/lib/measures/simulate.js";

const doseMonth = monthIndex("2020-01");
const windows = {before: [doseMonth - 36, doseMonth - 1] as const, after: [doseMonth, doseMonth + 35] as const};

describe("doseResponse", () => {
  test("recovers an exact slope on noise-free data", () => {
    // Rate after / before = exp(0.1 - 0.02 * dose); dwellings differ between areas.
    const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
    const visits: Record<string, number> = {};
    [0, 5, 10, 20, 40].forEach((dose, i) => {
      const name = `a${i}`, dwellings = 500 + 400 * i;
      visits[name] = (dose * dwellings) / 1000;
      for (let t = 0; t < 24; t++) {
        area.push(name);
        month.push(100 + t);
        exposure.push(dwellings);
        count.push(dwellings * 0.01 * (t >= 12 ? Math.exp(0.1 - 0.02 * dose) : 1));
      }
    });
    const r = doseResponse({area, month, count, exposure}, {visits, before: [100, 111], after: [112, 123], rng: seededRng(1), smoothing: 1e-9, replicates: 19});
    expect(r.slope.estimate).toBeCloseTo(-0.02, 8);
    expect(r.intercept).toBeCloseTo(0.1, 8);
    expect(r.perUnit.percent).toBeCloseTo(100 * (Math.exp(-0.2) - 1), 6);
    expect(r.areas.map((a) => a.dose)).toEqual([0, 5, 10, 20, 40].map((d) => expect.closeTo(d, 9)));
    expect(r.flags.tooFewAreas).toBe(true);
  });
  test("finds the sign of a planted slope in simulated panels", () => {
    for (const seed of [1, 2, 3]) {
      const sim = simulatePanel(seededRng(seed), {effect: 0, dose: {month: doseMonth, slope: -0.01, maxPerThousand: 40}});
      const r = doseResponse(sim.panel, {visits: sim.visits, ...windows, rng: seededRng(seed)});
      expect(r.slope.upper).toBeLessThan(0);
      expect(r.slope.lower).toBeLessThan(r.slope.estimate);
    }
  });
  test("mostly covers 0 when nothing is planted", () => {
    let declared = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const sim = simulatePanel(seededRng(seed), {effect: 0, dose: {month: doseMonth, slope: 0, maxPerThousand: 40}});
      const r = doseResponse(sim.panel, {visits: sim.visits, ...windows, rng: seededRng(seed)});
      if (r.slope.lower > 0 || r.slope.upper < 0) declared++;
    }
    expect(declared).toBeLessThanOrEqual(2);
  });
  test("names bad input", () => {
    const sim = simulatePanel(seededRng(1), {areas: 30, treatedAreas: 5, dose: {month: doseMonth, slope: 0, maxPerThousand: 40}});
    const ok = {visits: sim.visits, ...windows, rng: seededRng(1)};
    const {A0001: _drop, ...missing} = sim.visits;
    expect(() => doseResponse(sim.panel, {...ok, visits: missing})).toThrow("invalid visits: no entry for area A0001");
    expect(() => doseResponse(sim.panel, {...ok, visits: missing, missingAsZero: true})).not.toThrow();
    expect(() => doseResponse(sim.panel, {...ok, visits: {...sim.visits, A0002: -1}})).toThrow("invalid visits for area A0002: -1");
    expect(() => doseResponse(sim.panel, {...ok, before: [doseMonth, doseMonth + 3]})).toThrow("invalid windows");
    expect(() => doseResponse(sim.panel, {...ok, after: [doseMonth, doseMonth + 500]})).toThrow("outside the panel months");
    const flat = Object.fromEntries(Object.keys(sim.visits).map((a) => [a, 0]));
    expect(() => doseResponse(sim.panel, {...ok, visits: flat})).toThrow("the dose does not vary");
  });
});

describe("displacementCheck", () => {
  test("finds about 0 when no displacement is planted", () => {
    for (const seed of [1, 2]) {
      const sim = simulatePanel(seededRng(seed), {effect: -0.25});
      const r = displacementCheck(sim.panel, sim.starts, sim.neighbours, {rng: seededRng(seed), replicates: 99});
      expect(r.exposedAreas).toBeGreaterThan(100);
      expect(r.n.areas).toBe(400);
      expect(r.overall.percentLower).toBeLessThan(0);
      expect(r.overall.percentUpper).toBeGreaterThan(0);
      expect(Math.abs(r.overall.percent)).toBeLessThan(10);
    }
  });
  test("detects planted displacement of +30% to neighbours", () => {
    const sim = simulatePanel(seededRng(4), {effect: -0.25, displacement: 0.3});
    const r = displacementCheck(sim.panel, sim.starts, sim.neighbours, {rng: seededRng(4), replicates: 99});
    expect(r.overall.percentLower).toBeGreaterThan(0);
    expect(r.overall.percentLower).toBeLessThan(30);
    expect(r.overall.percentUpper).toBeGreaterThan(30);
  });
  test("uses neighbour lists in either direction and names bad input", () => {
    const panel: Panel = {area: [], month: [], count: [], exposure: []};
    const a = panel.area as string[], m = panel.month as number[], c = panel.count as number[], e = panel.exposure as number[];
    for (const name of ["t", "n", "x", "y"]) for (let t = 0; t < 30; t++) a.push(name), m.push(t), c.push(1), e.push(1000);
    const starts = {t: 15, n: null, x: null, y: null};
    const r = displacementCheck(panel, starts, {n: ["t"]}, {rng: seededRng(1), replicates: 19});
    expect(r.exposedAreas).toBe(1);
    expect(r.n.areas).toBe(3);
    expect(r.overall.estimate).toBeCloseTo(0, 12);
    expect(() => displacementCheck(panel, starts, {x: ["y"]}, {rng: seededRng(1)})).toThrow("no untreated area borders a treated area");
    expect(() => displacementCheck(panel, {t: 15, n: null, x: null}, {n: ["t"]}, {rng: seededRng(1)})).toThrow("invalid starts: no entry for area y");
    expect(() => displacementCheck(panel, starts, {n: "t" as unknown as string[]}, {rng: seededRng(1)})).toThrow("invalid neighbours for area n: t");
  });
});
