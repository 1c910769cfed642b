import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {DEFAULT_INTERVAL, checkPanelMatrix, intervalOf, jackknifeCheck, jackknifeSe, monthIndex, monthLabel, panelMatrix, staggeredDid, type Panel} from "../../../src/lib/measures/did.js";
import {studentTQuantile} from "../../../src/lib/stats/distributions.js";
import {simulatePanel} from "../../../src/lib/measures/simulate.js";

/** A noise-free panel: count = dwellings x area level x month effect x (effect after start). */
function exactPanel(effect: number, {treatedTrend = 0} = {}): {panel: Panel; starts: Record<string, number | null>} {
  const areas = [
    {name: "t1", start: 20, level: 1.3, dwellings: 800},
    {name: "t2", start: 20, level: 0.7, dwellings: 1500},
    {name: "t3", start: 27, level: 1.0, dwellings: 400},
    {name: "c1", start: null, level: 0.9, dwellings: 2000},
    {name: "c2", start: null, level: 1.6, dwellings: 600},
    {name: "c3", start: 60, level: 1.1, dwellings: 1000} // starts after the panel: a control throughout
  ];
  const panel: Panel = {area: [], month: [], count: [], exposure: []} as unknown as Panel;
  const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
  for (const a of areas) {
    for (let t = 0; t < 48; t++) {
      const common = (1 + 0.4 * Math.cos((2 * Math.PI * t) / 12)) * Math.exp(-0.01 * t);
      const treatedNow = a.start !== null && t >= a.start;
      const trend = a.start !== null && a.start < 48 ? Math.exp(treatedTrend * t) : 1;
      area.push(a.name);
      month.push(1000 + t);
      exposure.push(a.dwellings);
      count.push((a.dwellings / 1000) * 0.25 * a.level * common * trend * (treatedNow ? 1 + effect : 1));
    }
  }
  Object.assign(panel, {area, month, count, exposure});
  return {panel, starts: Object.fromEntries(areas.map((a) => [a.name, a.start === null ? null : 1000 + a.start]))};
}

describe("month index", () => {
  test("round-trips labels", () => {
    expect(monthIndex("2020-01")).toBe(2020 * 12);
    expect(monthLabel(monthIndex("2019-12"))).toBe("2019-12");
    expect(monthIndex("2021-03") - monthIndex("2020-03")).toBe(12);
  });
  test("rejects bad labels", () => {
    expect(() => monthIndex("2020-13")).toThrow("invalid month: 2020-13");
    expect(() => monthLabel(1.5)).toThrow("invalid month index: 1.5");
  });
});

describe("panelMatrix", () => {
  test("orders rows into an area x month matrix", () => {
    const m = panelMatrix({area: ["b", "a", "a", "b"], month: [5, 6, 5, 6], count: [1, 2, 3, 4], exposure: [10, 20, 30, 40]});
    expect(m.areas).toEqual(["b", "a"]);
    expect(m.firstMonth).toBe(5);
    expect(Array.from(m.count)).toEqual([1, 4, 3, 2]);
    expect(Array.from(m.exposure)).toEqual([10, 40, 30, 20]);
  });
  test("rejects unbalanced panels, repeats and bad values", () => {
    expect(() => panelMatrix({area: ["a", "a", "b"], month: [0, 1, 0], count: [0, 0, 0], exposure: [1, 1, 1]})).toThrow("not balanced");
    expect(() => panelMatrix({area: ["a", "a", "b", "b"], month: [0, 0, 0, 1], count: [0, 0, 0, 0], exposure: [1, 1, 1, 1]})).toThrow("area a has month 0 twice");
    expect(() => panelMatrix({area: ["a"], month: [0], count: [-1], exposure: [1]})).toThrow("invalid panel.count: -1 at row 0");
    expect(() => panelMatrix({area: ["a"], month: [0.5], count: [1], exposure: [1]})).toThrow("invalid panel.month: 0.5");
    expect(() => panelMatrix({area: ["a"], month: [0], count: [1], exposure: [NaN]})).toThrow("invalid panel.exposure: NaN");
    expect(() => panelMatrix({area: ["a"], month: [0, 1], count: [1], exposure: [1]})).toThrow("invalid panel.month: length 2, expected 1");
  });
});

describe("checkPanelMatrix (a panel given dense)", () => {
  const dense = (over: object = {}) => ({areas: ["a", "b"], firstMonth: 5, months: 2, count: new Float64Array([1, 2, 3, 4]), exposure: new Float64Array([9, 9, 8, 8]), ...over});
  test("passes a valid matrix through, and rejects what panelMatrix would not build", () => {
    const m = dense();
    expect(checkPanelMatrix(m)).toBe(m);
    expect(() => checkPanelMatrix(dense({areas: []}))).toThrow("invalid panel: no areas");
    expect(() => checkPanelMatrix(dense({areas: ["a", "a"]}))).toThrow("invalid panel.areas: a twice");
    expect(() => checkPanelMatrix(dense({areas: ["a", ""]}))).toThrow("invalid panel.areas: ");
    expect(() => checkPanelMatrix(dense({months: 0}))).toThrow("invalid panel: firstMonth 5, months 0");
    expect(() => checkPanelMatrix(dense({firstMonth: 1.5}))).toThrow("invalid panel: firstMonth 1.5");
    expect(() => checkPanelMatrix(dense({count: new Float64Array(3)}))).toThrow("invalid panel.count: length 3, expected 4");
    expect(() => checkPanelMatrix(dense({exposure: [9, 9, 8, 8]}))).toThrow("invalid panel.exposure: length 4, expected 4");
    expect(() => checkPanelMatrix(dense({count: new Float64Array([1, -1, 0, 0])}))).toThrow("invalid panel.count: -1 at cell 1");
    expect(() => checkPanelMatrix(dense({exposure: new Float64Array([9, NaN, 8, 8])}))).toThrow("invalid panel.exposure: NaN at cell 1");
  });

  test("staggeredDid gives the same result on the dense form as on the long panel", () => {
    const sim = simulatePanel(seededRng(3), {areas: 60, months: 48, treatedAreas: 30, effect: -0.2, adoptionFrom: 20, adoptionMonths: 6, dispersion: 0.1});
    const long = staggeredDid(sim.panel, sim.starts, {rng: seededRng(9), replicates: 19});
    const fromDense = staggeredDid(panelMatrix(sim.panel), sim.starts, {rng: seededRng(9), replicates: 19});
    expect(fromDense).toEqual(long);
    expect(long.overall.estimate).toBeLessThan(1);
  });
});

describe("staggeredDid on noise-free data", () => {
  test("recovers a planted -30% exactly, with a flat pre-period", () => {
    const {panel, starts} = exactPanel(-0.3);
    const r = staggeredDid(panel, starts, {rng: seededRng(1), replicates: 19, eventMin: -12, eventMax: 12});
    expect(r.overall.percent).toBeCloseTo(-30, 9);
    expect(r.n).toMatchObject({areas: 6, treatedAreas: 3, neverTreatedAreas: 3, cohorts: 2});
    for (const row of r.eventStudy) expect(row.percent).toBeCloseTo(row.eventTime < 0 ? 0 : -30, 9);
    expect(r.cohorts.map((c) => [c.start, c.areas])).toEqual([[1020, 2], [1027, 1]]);
    for (const c of r.cohorts) expect(c.percent).toBeCloseTo(-30, 9);
  });
  test("reports no effect when none is planted", () => {
    const {panel, starts} = exactPanel(0);
    const r = staggeredDid(panel, starts, {rng: seededRng(1), replicates: 19});
    expect(r.overall.estimate).toBeCloseTo(0, 12);
  });
  test("bins event time into quarters", () => {
    const {panel, starts} = exactPanel(-0.3);
    const r = staggeredDid(panel, starts, {rng: seededRng(1), replicates: 19, binMonths: 3, eventMin: -6, eventMax: 5});
    expect(r.eventStudy.map((e) => e.eventTime)).toEqual([-6, -3, 0, 3]);
  });
  test("an area leaving its cohort (its group ended) is not read as an effect", () => {
    // One cohort of a high-rate (x2) and a low-rate (x0.5) area with equal dwellings; the high-rate
    // area's group ends 12 months after the start, so its later months have no exposure (as the
    // WhatsApp pipeline censors them). With a pooled cohort base rate this showed -30%.
    const areas = [{n: "hi", s: 24, level: 2, end: 36}, {n: "lo", s: 24, level: 0.5, end: 999}, {n: "c1", s: null, level: 1, end: 999}, {n: "c2", s: null, level: 1.2, end: 999}];
    const area: string[] = [], month: number[] = [], count: number[] = [], exposure: number[] = [];
    for (const a of areas) {
      for (let t = 0; t < 60; t++) {
        const off = t >= a.end;
        area.push(a.n), month.push(100 + t), exposure.push(off ? 0 : 1000);
        count.push(off ? 0 : a.level * 0.3 * (1 + 0.3 * Math.cos((2 * Math.PI * t) / 12)));
      }
    }
    const starts = Object.fromEntries(areas.map((a) => [a.n, a.s === null ? null : 100 + a.s]));
    const r = staggeredDid({area, month, count, exposure}, starts, {rng: seededRng(1), replicates: 19});
    expect(r.overall.percent).toBeCloseTo(0, 9);
    expect(r.overall.observed).toBeCloseTo(r.overall.expected, 9);
  });
  test("a diverging trend of the treated areas shows in the pre-period and biases the effect", () => {
    const {panel, starts} = exactPanel(0, {treatedTrend: 0.02});
    const r = staggeredDid(panel, starts, {rng: seededRng(1), replicates: 19, eventMin: -12, eventMax: 12});
    expect(r.eventStudy[0].eventTime).toBe(-12);
    expect(r.eventStudy[0].estimate).toBeLessThan(-0.05);
    expect(r.overall.estimate).toBeGreaterThan(0.1);
  });
});

describe("staggeredDid checks its input", () => {
  const {panel, starts} = exactPanel(-0.3);
  test("names the bad value", () => {
    const {t1: _drop, ...missing} = starts;
    expect(() => staggeredDid(panel, missing, {rng: seededRng(1)})).toThrow("invalid starts: no entry for area t1");
    expect(() => staggeredDid(panel, {...starts, t1: 10.5}, {rng: seededRng(1)})).toThrow("invalid start for area t1: 10.5");
    expect(() => staggeredDid(panel, starts, {rng: seededRng(1), replicates: 5})).toThrow("invalid replicates: 5");
    expect(() => staggeredDid(panel, starts, {rng: seededRng(1), level: 95})).toThrow("invalid level: 95");
    expect(() => staggeredDid(panel, starts, {rng: undefined as unknown as () => number})).toThrow("invalid rng");
    const never = Object.fromEntries(Object.keys(starts).map((a) => [a, null]));
    expect(() => staggeredDid(panel, never, {rng: seededRng(1)})).toThrow("no area starts inside the panel");
  });
  test("leaves out areas treated from the first month and flags thin designs", () => {
    const r = staggeredDid(panel, {...starts, c2: 1000}, {rng: seededRng(1), replicates: 19});
    expect(r.n.excludedAreas).toBe(1);
    expect(r.flags.tooFewAreas).toBe(true);
  });
});

describe("staggeredDid on simulated Twente-scale panels", () => {
  // 500 areas, 100 adopting over 3 years, 120 months, ~3 burglaries per 1,000 dwellings per year.
  const seeds = Array.from({length: 20}, (_, i) => i + 1);
  test("is reproducible for a seed", () => {
    const sim = simulatePanel(seededRng(1));
    const a = staggeredDid(sim.panel, sim.starts, {rng: seededRng(5), replicates: 39});
    const b = staggeredDid(sim.panel, sim.starts, {rng: seededRng(5), replicates: 39});
    expect(a.overall).toEqual(b.overall);
    expect(a.flags).toEqual({tooFewAreas: false, tooFewMonths: false, preTrendDiffers: false});
  });
  test("95% intervals cover a planted -25% in at least 17 of 20 seeds", () => {
    let covered = 0;
    for (const seed of seeds) {
      const sim = simulatePanel(seededRng(seed), {effect: -0.25});
      const r = staggeredDid(sim.panel, sim.starts, {rng: seededRng(100 + seed), replicates: 199});
      if (r.overall.percentLower <= -25 && -25 <= r.overall.percentUpper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(17);
  });
  test("declares an effect in at most 3 of 20 seeds when none is planted", () => {
    let declared = 0, preTrendFlags = 0;
    for (const seed of seeds) {
      const sim = simulatePanel(seededRng(500 + seed), {effect: 0});
      const r = staggeredDid(sim.panel, sim.starts, {rng: seededRng(100 + seed), replicates: 199});
      if (r.overall.percentLower > 0 || r.overall.percentUpper < 0) declared++;
      if (r.flags.preTrendDiffers) preTrendFlags++;
    }
    expect(declared).toBeLessThanOrEqual(3);
    expect(preTrendFlags).toBeLessThanOrEqual(4);
  });
});

// Issue 13, item 2: intervals that hold at one delivery's size. The slow version with 200 runs at
// 185 x 60 and 640 x 120 is bench/did-calibration.bench.ts (figures in docs/methods.md).
describe("jackknife t intervals", () => {
  test("the stratified jackknife SE and the t interval match a hand computation", () => {
    // Treated deletions 0.1, 0.3, 0.5 (mean 0.3): 2/3 * (0.04 + 0 + 0.04); controls 1, 1: 0.
    expect(jackknifeSe([[0.1, 0.3, 0.5], [1, 1]]).se).toBeCloseTo(Math.sqrt((2 / 3) * 0.08), 12);
    expect(jackknifeSe([[0.1, NaN, 0.5]]).se).toBeCloseTo(Math.sqrt(0.5 * 0.08), 12); // non-finite values left out
    // Three treated areas move the estimate 0.25: t with 2 degrees of freedom (4.302653).
    const se = Math.sqrt((2 / 3) * 0.08);
    const [lo, hi] = intervalOf("jackknife-t", 0.25, [0, 0.5], [[0.1, 0.3, 0.5], [1, 1]], 0.025);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(lo).toBeCloseTo(0.25 - 4.302653 * se, 5);
    expect(hi).toBeCloseTo(0.25 + 4.302653 * se, 5);
    // A statistic that rests on one treated area has no interval.
    expect(intervalOf("jackknife-t", 0.25, [0, 0.5], [[0.25, 0.25, NaN], [1, 1]], 0.025)).toEqual([NaN, NaN]);
    expect(intervalOf("percentile", 0, [-1, 0, 1], null, 0.025)).toEqual([-0.95, 0.95]);
  });
  test("the fast jackknife equals deleting each area and estimating again", () => {
    const sim = simulatePanel(seededRng(3), {areas: 60, months: 48, treatedAreas: 30, adoptionFrom: 13, adoptionMonths: 24, effect: -0.3});
    const {fast, slow} = jackknifeCheck(sim.panel, sim.starts, {rng: seededRng(1), replicates: 19});
    expect(fast.map((s) => s.length)).toEqual(slow.map((s) => s.length));
    let compared = 0;
    fast.forEach((stratum, h) => stratum.forEach((v, i) => {
      const w = slow[h][i];
      if (Number.isFinite(w)) expect(v).toBeCloseTo(w, 12), compared++;
      else expect(v).toBe(w); // NaN or -Infinity alike
    }));
    expect(compared).toBeGreaterThan(1000);
  });
  test("is the default, and its limits do not depend on the bootstrap's random draws", () => {
    expect(DEFAULT_INTERVAL).toBe("jackknife-t");
    const sim = simulatePanel(seededRng(4), {areas: 185, months: 60, treatedAreas: 92, adoptionFrom: 24, adoptionMonths: 24, effect: -0.3});
    const a = staggeredDid(sim.panel, sim.starts, {rng: seededRng(1), replicates: 39});
    const b = staggeredDid(sim.panel, sim.starts, {rng: seededRng(2), replicates: 39});
    expect([a.overall.lower, a.overall.upper]).toEqual([b.overall.lower, b.overall.upper]);
    expect(a.overall.upper - a.overall.lower).toBeCloseTo(2 * studentTQuantile(0.975, 91) * a.overall.se, 12); // 92 treated areas
    const p = staggeredDid(sim.panel, sim.starts, {rng: seededRng(1), replicates: 39, interval: "percentile"});
    const q = staggeredDid(sim.panel, sim.starts, {rng: seededRng(2), replicates: 39, interval: "percentile"});
    expect(p.overall.lower).not.toBe(q.overall.lower);
    expect(() => staggeredDid(sim.panel, sim.starts, {rng: seededRng(1), interval: "wild" as "bca"})).toThrow("invalid interval: wild");
  });
  test("at one delivery's size (185 x 60, 92 groups): covers a planted -30% in >= 37 of 40 runs, declares one without in <= 3", () => {
    const size = {areas: 185, months: 60, treatedAreas: 92, adoptionFrom: 24, adoptionMonths: 24};
    let covered = 0, declared = 0;
    for (let s = 1; s <= 40; s++) {
      const planted = simulatePanel(seededRng(s), {...size, effect: -0.3});
      const r = staggeredDid(planted.panel, planted.starts, {rng: seededRng(10_000 + s), replicates: 19});
      if (r.overall.percentLower <= -30 && -30 <= r.overall.percentUpper) covered++;
      const none = simulatePanel(seededRng(500_000 + s), {...size, effect: 0});
      const q = staggeredDid(none.panel, none.starts, {rng: seededRng(10_000 + s), replicates: 19});
      if (q.overall.percentLower > 0 || q.overall.percentUpper < 0) declared++;
    }
    expect(covered).toBeGreaterThanOrEqual(37);
    expect(declared).toBeLessThanOrEqual(3);
  });
});
