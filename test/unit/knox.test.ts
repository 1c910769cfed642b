import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {
  countKnoxPermutations, finishKnox, knoxBands, knoxNaive, knoxTest, monteCarloPValue, nearRepeatShare, prepareKnox,
  type KnoxPoints
} from "../../src/lib/knox.js";
import {normal, seededRng, type Rng} from "../../src/lib/random.js";

const REFERENCE = "/work/shared/data/reference/near-repeat";

/**
 * Five incidents laid out by hand (metres, days). Pairs, as (manhattan d, euclidean d, dt):
 * 0-1 (0, 0, 3)  0-2 (50, 50, 10)  0-3 (150, 111.8, 30)  0-4 (2000, 1414, 2)
 * 1-2 (50, 50, 7)  1-3 (150, 111.8, 27)  1-4 (2000, 1414, 1)
 * 2-3 (100, 70.7, 20)  2-4 (1950, 1379, 8)  3-4 (1850, 1311, 28)
 * dt = 7 and manhattan d = 100 sit on a break: right-open bands put them in the upper band.
 */
const HAND: KnoxPoints = {x: [0, 0, 50, 100, 1000], y: [0, 0, 0, 50, 1000], t: [0, 3, 10, 30, 2]};

function randomIncidents(n: number, rng: Rng, {integerDays = true} = {}): KnoxPoints {
  const x: number[] = [], y: number[] = [], t: number[] = [];
  for (let i = 0; i < n; i++) {
    // Half in two tight clusters, half spread out, so that every band gets pairs.
    const clustered = rng() < 0.5;
    const cx = rng() < 0.5 ? 500 : 1500;
    x.push(clustered ? Math.round(cx + 80 * normal(rng)) : rng() * 3000);
    y.push(clustered ? Math.round(1000 + 80 * normal(rng)) : rng() * 3000);
    t.push(integerDays ? Math.floor(rng() * 120) : rng() * 120);
  }
  return {x, y, t};
}

describe("knoxTest on a hand-laid case", () => {
  const options = {spaceBands: [0, 1, 100, 200], timeBands: [0, 7, 14], permutations: 19};
  test("counts manhattan pairs in right-open bands", () => {
    const result = knoxTest(HAND, {...options, distance: "manhattan", rng: seededRng(1)});
    expect(result.observed).toEqual([[1, 0, 0], [0, 2, 0], [0, 0, 3], [2, 1, 1]]);
    expect(result.totalPairs).toBe(10);
    expect(result.nearPairs).toBe(6);
    expect(result.spaceTotals).toEqual([1, 2, 3, 4]);
    expect(result.timeTotals).toEqual([3, 3, 4]);
  });
  test("counts euclidean pairs (2-3 at 70.7 m moves to [1, 100))", () => {
    const result = knoxTest(HAND, {...options, distance: "euclidean", rng: seededRng(1)});
    expect(result.observed).toEqual([[1, 0, 0], [0, 2, 1], [0, 0, 2], [2, 1, 1]]);
  });
  test("every permutation keeps all pairs: expected sums to n (n - 1) / 2 and column sums are fixed", () => {
    const result = knoxTest(HAND, {...options, rng: seededRng(2)});
    const sum = result.expected.flat().reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(10, 9);
    // Shuffling times keeps the multiset of time differences over all pairs.
    for (let k = 0; k < 3; k++) expect(result.expected.reduce((a, row) => a + row[k], 0)).toBeCloseTo(result.timeTotals[k], 9);
    for (const [s, row] of result.ratio.entries()) {
      for (const [k, ratio] of row.entries()) {
        if (result.expected[s][k] > 0) expect(ratio).toBeCloseTo(result.observed[s][k] / result.expected[s][k], 12);
      }
    }
    expect(result.pValue.flat().every((p) => p >= 1 / 20 && p <= 1)).toBe(true);
  });
});

describe("knoxTest equals knoxNaive exactly", () => {
  test.each([
    ["manhattan", true], ["euclidean", true], ["manhattan", false], ["euclidean", false]
  ] as const)("%s distance, integer days %s", (distance, integerDays) => {
    const points = randomIncidents(300, seededRng(11), {integerDays});
    const options = {spaceBands: [0, 1, 50, 100, 200], timeBands: [0, 7, 14, 21], distance, permutations: 49};
    const fast = knoxTest(points, {...options, rng: seededRng(5)});
    const naive = knoxNaive(points, {...options, rng: seededRng(5)});
    expect(fast.nearPairs).toBeGreaterThan(500);
    expect(fast.observed[1][0]).toBeGreaterThan(0);
    expect(fast).toEqual(naive);
    // And a different seed gives a different null distribution (the test can fail).
    const other = knoxTest(points, {...options, rng: seededRng(6)});
    expect(other.expected).not.toEqual(fast.expected);
    expect(other.observed).toEqual(fast.observed);
  });
  test("with fractional breaks on integer days (lookup table) and far-apart epoch values", () => {
    const points = randomIncidents(200, seededRng(8));
    const shifted = {...points, t: Array.from(points.t, (d) => d + 1e9)};
    const options = {spaceBands: [0, 30.5, 120], timeBands: [0, 1, 7.5, 13.2], distance: "euclidean" as const, permutations: 29};
    const fast = knoxTest(shifted, {...options, rng: seededRng(2)});
    expect(fast).toEqual(knoxNaive(shifted, {...options, rng: seededRng(2)}));
    expect(fast.observed[0][1]).toBeGreaterThan(0);
  });
  test("with coordinates far apart and negative (the grid sort's fallback)", () => {
    const points = randomIncidents(150, seededRng(14));
    const far = {...points, x: Array.from(points.x, (v, i) => v + (i % 2 ? 1e12 : -1e12)), y: Array.from(points.y, (v) => -v)};
    for (const distance of ["manhattan", "euclidean"] as const) {
      const options = {spaceBands: [0, 1, 50, 100], timeBands: [0, 7, 14], distance, permutations: 11};
      const fast = knoxTest(far, {...options, rng: seededRng(3)});
      expect(fast).toEqual(knoxNaive(far, {...options, rng: seededRng(3)}));
      expect(fast.nearPairs).toBeGreaterThan(100);
    }
  });
  test("with a single space band (no near pairs) and a single time band", () => {
    const points = randomIncidents(60, seededRng(3));
    for (const [spaceBands, timeBands] of [[[0], [0, 7]], [[0, 100], [0]]]) {
      const options = {spaceBands, timeBands, permutations: 9};
      expect(knoxTest(points, {...options, rng: seededRng(1)})).toEqual(knoxNaive(points, {...options, rng: seededRng(1)}));
    }
  });
});

describe("knoxTest permutations in ranges (for threads)", () => {
  test.each([true, false])("any split of the permutations merges to the single-run result (integer days %s)", (integerDays) => {
    const points = randomIncidents(300, seededRng(12), {integerDays});
    const options = {spaceBands: [0, 1, 50, 100, 200], timeBands: [0, 7, 14, 21], permutations: 37};
    const whole = knoxTest(points, {...options, rng: seededRng(9)});
    const plan = prepareKnox(points, {...options, rng: seededRng(9)});
    for (const cuts of [[0, 37], [0, 5, 37], [0, 8, 16, 17, 30, 37], [0, 0, 36, 37]]) {
      const parts = cuts.slice(1).map((to, i) => countKnoxPermutations(plan, cuts[i], to));
      expect(finishKnox(plan, parts)).toEqual(whole);
    }
    // A plan survives a structured clone (as when posted to a worker thread).
    expect(finishKnox(structuredClone(plan), [countKnoxPermutations(structuredClone(plan), 0, 37)])).toEqual(whole);
  });
  test("permutation counts around the 8-permutation passes equal the naive result", () => {
    const points = randomIncidents(120, seededRng(13));
    for (const permutations of [1, 7, 8, 9, 16, 17]) {
      const options = {spaceBands: [0, 1, 50, 100, 200], timeBands: [0, 7, 14, 21], permutations};
      expect(knoxTest(points, {...options, rng: seededRng(4)})).toEqual(knoxNaive(points, {...options, rng: seededRng(4)}));
    }
  });
  test("rejects a range outside the plan", () => {
    const plan = prepareKnox(HAND, {spaceBands: [0, 100], timeBands: [0, 7], permutations: 9, rng: seededRng(1)});
    expect(() => countKnoxPermutations(plan, 3, 10)).toThrow("invalid permutation range: 3 to 10 of 9");
    expect(() => countKnoxPermutations(plan, 5, 4)).toThrow("invalid permutation range");
  });
});

describe("monteCarloPValue", () => {
  test("counts ties as at least as extreme", () => {
    expect(monteCarloPValue(10, [3, 12, 5])).toBe(0.5);
    expect(monteCarloPValue(5, [5, 5, 5])).toBe(1);
    expect(monteCarloPValue(99, Array.from({length: 19}, () => 1))).toBe(0.05);
  });
  test("rejects an empty permutation list", () => expect(() => monteCarloPValue(1, [])).toThrow("invalid permuted"));
});

describe("knoxBands", () => {
  test("labels right-open bands, in Dutch and as the NRC does", () => {
    const space = knoxBands([0, 1, 100, 200], "m");
    expect(space.map((b) => b.label)).toEqual(["[0, 1) m", "[1, 100) m", "[100, 200) m", "[200, ∞) m"]);
    expect(space.map((b) => b.labelNl)).toEqual(["zelfde locatie (< 1 m)", "1 tot 100 m", "100 tot 200 m", "200 m of meer"]);
    expect(space.map((b) => b.labelNrc)).toEqual(["Same location", "1 to 100", "101 to 200", "More than 200"]);
    const time = knoxBands([0, 7, 14], "d");
    expect(time.map((b) => b.label)).toEqual(["[0, 7) d", "[7, 14) d", "[14, ∞) d"]);
    expect(time.map((b) => b.labelNl)).toEqual(["0 tot 7 dagen", "7 tot 14 dagen", "14 dagen of meer"]);
    expect(time.map((b) => b.labelNrc)).toEqual(["0 to 7", "8 to 14", "More than 14"]);
    expect(space[3].upper).toBe(Infinity);
  });
});

describe("nearRepeatShare", () => {
  test("flags incidents with another within 200 m and 14 days (hand case)", () => {
    // Near pairs: 0-1 (0 m, 3 d), 0-2 (50 m, 10 d), 1-2 (50 m, 7 d); 3 is 20+ days away, 4 far away.
    const any = nearRepeatShare(HAND, {maxDistance: 200, maxDays: 14});
    expect(Array.from(any.flags)).toEqual([1, 1, 1, 0, 0]);
    expect(any).toMatchObject({n: 5, count: 3, share: 0.6, pairs: 3});
    const followers = nearRepeatShare(HAND, {maxDistance: 200, maxDays: 14, role: "follower"});
    expect(Array.from(followers.flags)).toEqual([0, 1, 1, 0, 0]);
    // Right-open: at exactly 100 m / 20 days the pair 2-3 is not near.
    expect(nearRepeatShare(HAND, {maxDistance: 100, maxDays: 21}).flags[3]).toBe(0);
    expect(nearRepeatShare(HAND, {maxDistance: 101, maxDays: 21}).flags[3]).toBe(1);
  });
  test("equals a brute-force count on random data", () => {
    const points = randomIncidents(250, seededRng(4));
    for (const distance of ["manhattan", "euclidean"] as const) {
      const share = nearRepeatShare(points, {maxDistance: 150, maxDays: 10, distance});
      const flags = new Uint8Array(250);
      for (let i = 0; i < 250; i++) {
        for (let j = 0; j < 250; j++) {
          if (i === j) continue;
          const dx = points.x[i] - points.x[j], dy = points.y[i] - points.y[j];
          const d = distance === "manhattan" ? Math.abs(dx) + Math.abs(dy) : Math.hypot(dx, dy);
          if (d < 150 && Math.abs(points.t[i] - points.t[j]) < 10) flags[i] = 1;
        }
      }
      expect(share.flags).toEqual(flags);
      expect(share.count).toBeGreaterThan(10);
    }
  });
  test("rejects bad limits", () => {
    expect(() => nearRepeatShare(HAND, {maxDistance: 0, maxDays: 14})).toThrow("invalid maxDistance: 0");
    expect(() => nearRepeatShare(HAND, {maxDistance: 200, maxDays: NaN})).toThrow("invalid maxDays: NaN");
  });
});

describe("knoxTest under the null", () => {
  test("flags about 5% of cells at alpha 0.05 when times are random", () => {
    let flagged = 0, cells = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = seededRng(1000 + seed);
      const n = 200;
      const x = Array.from({length: n}, () => rng() * 2000);
      const y = Array.from({length: n}, () => rng() * 2000);
      const t = Array.from({length: n}, () => Math.floor(rng() * 365));
      const result = knoxTest({x, y, t}, {spaceBands: [0, 100, 200, 400], timeBands: [0, 7, 14, 28], permutations: 99, rng});
      for (const p of result.pValue.flat()) {
        cells++;
        if (p <= 0.05) flagged++;
      }
    }
    const rate = flagged / cells;
    console.log(`knox null calibration: ${flagged} of ${cells} cells flagged at alpha 0.05 (${(100 * rate).toFixed(1)}%)`);
    expect(rate).toBeLessThan(0.08);
    expect(rate).toBeGreaterThan(0.01);
  });
});

describe("knoxTest progress and cancel", () => {
  test("reports progress up to 1", () => {
    const fractions: number[] = [];
    knoxTest(HAND, {spaceBands: [0, 100], timeBands: [0, 7], permutations: 250, rng: seededRng(1), onProgress: (f) => fractions.push(f)});
    expect(fractions.length).toBeGreaterThan(50);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
  });
  test("stops between permutations when the signal is aborted", () => {
    const signal = {aborted: false};
    let calls = 0;
    const run = () => knoxTest(HAND, {
      spaceBands: [0, 100], timeBands: [0, 7], permutations: 1000, rng: seededRng(1), signal,
      onProgress: () => { if (++calls === 3) signal.aborted = true; }
    });
    expect(run).toThrow("knox test aborted");
    expect(calls).toBe(3);
  });
});

describe("knoxTest input checks", () => {
  const ok = {spaceBands: [0, 100], timeBands: [0, 7], rng: seededRng(1)};
  test.each([
    [{x: [0, 1], y: [0], t: [0, 1]}, ok, "differ in length"],
    [{x: [0], y: [0], t: [0]}, ok, "need at least 2"],
    [{x: [0, NaN], y: [0, 0], t: [0, 1]}, ok, "invalid x at index 1: NaN"],
    [{x: [0, 1], y: [0, Infinity], t: [0, 1]}, ok, "invalid y at index 1: Infinity"],
    [{x: [0, 1], y: [0, 0], t: [0, NaN]}, ok, "invalid t at index 1: NaN"],
    [HAND, {...ok, spaceBands: [0, 200, 100]}, "invalid spaceBands"],
    [HAND, {...ok, spaceBands: [-1, 100]}, "invalid spaceBands: the first break must be 0, got -1"],
    [HAND, {...ok, timeBands: [0, 7, 7]}, "invalid timeBands"],
    [HAND, {...ok, timeBands: []}, "invalid timeBands"],
    [HAND, {...ok, permutations: 0}, "invalid permutations: 0"],
    [HAND, {...ok, permutations: 9.5}, "invalid permutations: 9.5"],
    [HAND, {...ok, distance: "chebyshev"}, "invalid distance: chebyshev"]
  ])("rejects %#", (points, options, message) => {
    expect(() => knoxTest(points as KnoxPoints, options as never)).toThrow(message);
    expect(() => knoxNaive(points as KnoxPoints, options as never)).toThrow(message);
  });
});

/** Reads the NRC verbose output: per cell its observed count, permuted counts, p-value and ratio. */
function readVerbose(file: string) {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const cells: {row: number; column: number; observed: number; permuted: number[]; p: number; ratio: number}[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^Row (\d+) Column (\d+)/.exec(lines[i]);
    if (!head) continue;
    const value = (name: string) => Number(lines.slice(i, i + 12).find((l) => l.startsWith(name))!.split(",")[1]);
    const permuted = lines[i + 1].split(",").slice(1).filter((v) => v.trim() !== "").map(Number);
    cells.push({row: +head[1], column: +head[2], observed: value("Observed"), permuted, p: value("P value"), ratio: value("Obs over Mean Exp")});
  }
  return cells;
}

describe.skipIf(!existsSync(REFERENCE))("Near Repeat Calculator reference (Chicago)", () => {
  const rows = readFileSync(join(REFERENCE, "chicago_be_month1.csv"), "utf8").trim().split(/\r?\n/).map((l) => l.split(","));
  const points: KnoxPoints = {
    x: rows.map((r) => Number(r[0])),
    y: rows.map((r) => Number(r[1])),
    t: rows.map((r) => Date.parse(`${r[2]}T00:00:00Z`) / 86_400_000)
  };
  const options = {spaceBands: [0, 1, 100, 200, 300], timeBands: [0, 7, 14, 21], distance: "manhattan" as const, permutations: 19};

  test("reproduces the NRC's observed table for chicago_be_month1 exactly", () => {
    const result = knoxTest(points, {...options, rng: seededRng(1)});
    expect(result.n).toBe(970);
    expect(result.observed).toEqual([
      [28, 5, 5, 2], [44, 13, 8, 4], [97, 56, 19, 16], [77, 67, 45, 20], [182194, 146149, 95237, 45879]
    ]);
    expect(result.totalPairs).toBe(469_965);
    const verbose = readVerbose(join(REFERENCE, "chicago_be_month1_NRverbose_2019-09-23_143005.csv"));
    for (const cell of verbose) expect(result.observed[cell.row - 1][cell.column - 1]).toBe(cell.observed);
  });

  test("uses the NRC's p-value and ratio formulas (checked on its own permuted counts)", () => {
    const verbose = readVerbose(join(REFERENCE, "chicago_be_month1_NRverbose_2019-09-23_143005.csv"));
    expect(verbose).toHaveLength(20);
    for (const cell of verbose) {
      // "20 iterations" = 19 permutations + the observed data.
      expect(cell.permuted).toHaveLength(19);
      expect(monteCarloPValue(cell.observed, cell.permuted)).toBeCloseTo(cell.p, 10);
      const mean = cell.permuted.reduce((a, b) => a + b, 0) / cell.permuted.length;
      expect(cell.observed / mean).toBeCloseTo(cell.ratio, 9);
    }
  });

  test("labels bands as the NRC's header does", () => {
    const result = knoxTest(points, {...options, permutations: 1, rng: seededRng(1)});
    expect(result.spaceBands.map((b) => b.labelNrc)).toEqual(["Same location", "1 to 100", "101 to 200", "201 to 300", "More than 300"]);
    expect(result.timeBands.map((b) => b.labelNrc)).toEqual(["0 to 7", "8 to 14", "15 to 21", "More than 21"]);
  });

  test("finds the NRC's near-repeat signal: [1, 100) m x [0, 7) d over-represented, p = 0.001", () => {
    const result = knoxTest(points, {...options, permutations: 999, rng: seededRng(7)});
    expect(result.ratio[1][0]).toBeGreaterThan(1.4);
    expect(result.pValue[1][0]).toBe(0.001);
    expect(result.pValue[3][0]).toBeGreaterThan(0.1);
  });
});
