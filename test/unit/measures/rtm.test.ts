import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {staggeredDid, type DidResult, type Effect, type Panel} from "../../../src/lib/measures/did.js";
import {guardedVerdict, rtmCheck, rtmWarning, RTM_VERDICT} from "../../../src/lib/measures/rtm.js";
import {plantedRun, selectionRun} from "../../../src/lib/measures/rtm-simulation.js";
import {simulatePanel, waveSelectedStarts} from "../../../src/lib/measures/simulate.js";

/** A noise-free panel of 48 months; treated areas' counts are multiplied by `wave` in the 12 months before their start. */
function wavePanel({effect = 0, wave = 1} = {}): {panel: Panel; starts: Record<string, number | null>} {
  const areas = [
    {name: "t1", start: 36, level: 1.3, dwellings: 800},
    {name: "t2", start: 36, level: 0.7, dwellings: 1500},
    {name: "t3", start: 36, level: 1.0, dwellings: 400},
    {name: "t4", start: 20, level: 1.0, dwellings: 900}, // too early for a base at -24..-13
    {name: "c1", start: null, level: 0.9, dwellings: 2000},
    {name: "c2", start: null, level: 1.6, dwellings: 600},
    {name: "c3", start: null, level: 1.1, dwellings: 1000}
  ];
  const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
  for (const a of areas) {
    for (let t = 0; t < 48; t++) {
      const common = (1 + 0.4 * Math.cos((2 * Math.PI * t) / 12)) * Math.exp(-0.01 * t);
      const after = a.start !== null && t >= a.start ? 1 + effect : 1;
      const before = a.start !== null && t >= a.start - 12 && t < a.start ? wave : 1;
      area.push(a.name);
      month.push(1000 + t);
      exposure.push(a.dwellings);
      count.push((a.dwellings / 1000) * 0.25 * a.level * common * after * before);
    }
  }
  return {panel: {area, month, count, exposure}, starts: Object.fromEntries(areas.map((a) => [a.name, a.start === null ? null : 1000 + a.start]))};
}

const did = (p: ReturnType<typeof wavePanel>, baseGap = 0) => staggeredDid(p.panel, p.starts, {rng: seededRng(1), replicates: 19, baseGap});

describe("base before the wave (baseGap)", () => {
  test("a base at -24..-13 recovers the effect exactly, from the cohorts with that history only", () => {
    const r = did(wavePanel({effect: -0.2}), 12);
    expect(r.overall.percent).toBeCloseTo(-20, 8);
    expect(r.cohorts.find((c) => c.start === 1020)!.expected).toBe(0); // t4 starts in month 20: left out
    expect(r.flags.tooFewMonths).toBe(true);
    expect(() => staggeredDid(wavePanel().panel, wavePanel().starts, {rng: seededRng(1), baseGap: -1})).toThrow("invalid baseGap: -1");
  });
  test("a wave in the 12 months before the start fakes a fall with the usual base, not with the early base", () => {
    const p = wavePanel({effect: 0, wave: 1.5});
    const main = did(p), robust = did(p, 12);
    // The usual base is 1.5 times too high: expected counts after the start are 1.5 times the observed
    // (cohort 36, whose controls are the never-treated; cohort 20's not-yet-treated controls carry waves).
    expect(main.cohorts.find((c) => c.start === 1036)!.percent).toBeCloseTo(100 * (1 / 1.5 - 1), 6);
    expect(main.overall.percent).toBeLessThan(-30);
    expect(robust.overall.percent).toBeCloseTo(0, 8);
    // The months -24..-13 lie 1/1.5 below what the (high) base predicts.
    expect(main.history.percent).toBeLessThan(-30);
    expect(did(wavePanel({effect: -0.2})).history.percent).toBeCloseTo(0, 8);
  });
});

/** An estimate with an interval (percent), for the check. */
function effect(lower: number, upper: number): Effect {
  const log = (p: number) => Math.log(1 + p / 100);
  return {estimate: log((lower + upper) / 2), lower: log(lower), upper: log(upper), se: 0.1, percent: (lower + upper) / 2, percentLower: lower, percentUpper: upper, observed: 100, expected: 120};
}
const result = (overall: Effect, history = effect(-5, 5)) => ({overall, history}) as DidResult;

describe("rtmCheck", () => {
  test("a fall that the early base confirms and a base that was not high is robust", () => {
    const c = rtmCheck(result(effect(-35, -15)), result(effect(-30, -5)));
    expect(c).toMatchObject({side: -1, robustAgrees: true, baseExtreme: false, notRobust: false});
    expect(guardedVerdict("aangetoond", c)).toBe("aangetoond");
    expect(rtmWarning(c)).toBeNull();
  });
  test("the early base's interval containing 0 makes the fall not robust", () => {
    const c = rtmCheck(result(effect(-35, -15)), result(effect(-20, 3)));
    expect(c).toMatchObject({robustAgrees: false, notRobust: true});
    expect(guardedVerdict("aangetoond", c)).toBe(RTM_VERDICT);
    expect(rtmWarning(c)).toContain("maanden 24 tot 13");
  });
  test("a base that was high against the areas' own history makes the fall not robust", () => {
    const c = rtmCheck(result(effect(-35, -15), effect(-25, -4)), result(effect(-30, -5)));
    expect(c).toMatchObject({robustAgrees: true, baseExtreme: true, notRobust: true});
    expect(rtmWarning(c)).toContain("lagen hoger");
    // A low base is no reason to doubt a fall.
    expect(rtmCheck(result(effect(-35, -15), effect(4, 25)), result(effect(-30, -5))).notRobust).toBe(false);
  });
  test("without an early base the claim cannot be shown robust; without a claim there is nothing to guard", () => {
    const c = rtmCheck(result(effect(-35, -15)), null);
    expect(c.notRobust).toBe(true);
    expect(rtmWarning(c)).toContain("geen groep heeft 24 maanden");
    const none = rtmCheck(result(effect(-35, 5)), null);
    expect(none).toMatchObject({side: 0, notRobust: false});
    expect(guardedVerdict("niet aangetoond", {notRobust: true})).toBe("niet aangetoond");
    expect(guardedVerdict("tegengesteld", {notRobust: true})).toBe(RTM_VERDICT);
  });
});

describe("wave selection", () => {
  test("groups start in the more burgled candidate: their last 12 months are above the average", () => {
    const sim = simulatePanel(seededRng(5), {areas: 185, months: 60, treatedAreas: 0, effect: 0, adoptionFrom: 24, adoptionMonths: 24});
    const starts = waveSelectedStarts(seededRng(6), sim.panel);
    const treated = Object.entries(starts).filter(([, s]) => s !== null);
    expect(treated).toHaveLength(92);
    const rows = new Map<string, number[]>();
    sim.panel.area.forEach((a, i) => (rows.get(a) ?? rows.set(a, []).get(a)!).push(sim.panel.count[i]));
    const first = sim.panel.month[0];
    const lastYear = (a: string, s: number) => rows.get(a)!.slice(s - first - 12, s - first).reduce((x, y) => x + y, 0);
    const rate = (a: string) => rows.get(a)!.reduce((x, y) => x + y, 0) / 60;
    // Selected on the last 12 months: those months exceed the area's own average month.
    const excess = treated.reduce((sum, [a, s]) => sum + lastYear(a, s!) / 12 - rate(a), 0) / treated.length;
    expect(excess).toBeGreaterThan(0.02);
    for (const [, s] of treated) expect(s! - first).toBeGreaterThanOrEqual(24);
  });
});

// The selection simulation of issue 13 at one delivery's size (185 areas x 60 months), smaller than
// the bench (bench/rtm-selection.bench.ts: 200 runs with 499 replicates; figures in docs/methods.md).
describe("regression-to-the-mean guard on simulated deliveries", () => {
  const runs = 40, replicates = 99;
  test(`no effect, groups after a wave: without the guard many runs read "aangetoond", with it at most 7% (${runs} runs)`, () => {
    const results = Array.from({length: runs}, (_, s) => selectionRun(seededRng(1 + s), {replicates}));
    const before = results.filter((r) => r.verdict === "aangetoond").length;
    const after = results.filter((r) => r.guarded === "aangetoond").length;
    expect(results.reduce((s, r) => s + r.percent, 0) / runs).toBeLessThan(-8); // regression to the mean
    expect(before / runs).toBeGreaterThan(0.2);
    expect(after / runs).toBeLessThanOrEqual(0.07);
  });
  test("a planted -30% with random starts is still detected in most runs", () => {
    const n = 20;
    const results = Array.from({length: n}, (_, s) => plantedRun(seededRng(100_001 + s), {effect: -0.3, replicates}));
    expect(results.filter((r) => r.guarded === "aangetoond").length / n).toBeGreaterThan(0.6);
  });
});
