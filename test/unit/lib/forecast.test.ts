// The forecast core: hit rate and PAI against hand-computed examples, the kernel and the prospective
// weighting by hand, and the rolling evaluation uses nothing from the month it forecasts or later.
import {describe, expect, test} from "vitest";
import {
  capture, evaluateForecasts, hitRateAt, firstDayOfMonth, kernelSmooth, lastCompleteMonth, meanInterval, monthOfDay, prospectiveScores, eventsByDay,
  type ForecastCells
} from "../../../src/lib/forecast.js";
import {seededRng} from "../../../src/lib/random.js";

/** A row of `n` cells `spacing` apart, linked to every other cell. */
function row(n: number, spacing = 500): ForecastCells {
  const linkStart = new Int32Array(n + 1), to: number[] = [], d: number[] = [];
  for (let i = 0; i < n; i++) {
    to.push(i), d.push(0);
    for (let j = 0; j < n; j++) if (j !== i) to.push(j), d.push(Math.abs(i - j) * spacing);
    linkStart[i + 1] = to.length;
  }
  return {area: new Float64Array(n).fill(spacing * spacing), spacing, linkStart, linkTo: Int32Array.from(to), linkDistance: Float64Array.from(d)};
}

describe("capture: hit rate and PAI", () => {
  // Four squares of equal area (A = 4), forecast 3, 1, 0, 0; the month has 2, 0, 1, 1 incidents (N = 4).
  const scores = Float64Array.of(3, 1, 0, 0), area = Float64Array.of(1, 1, 1, 1), actual = Float64Array.of(2, 0, 1, 1);

  test("top square only (a/A = 1/4): n = 2, hit rate 2/4, PAI (2/4)/(1/4) = 2", () => {
    const [c] = capture(scores, area, actual, [0.25]);
    expect(c).toEqual({fraction: 0.25, hits: 2, total: 4, hitRate: 0.5, pai: 2});
  });

  test("two squares (a/A = 1/2): n = 2, PAI 1; three (3/4): half of the tied zero block, n = 2 + 2 x 1/2 = 3", () => {
    const [half, three] = capture(scores, area, actual, [0.5, 0.75]);
    expect([half.hits, half.hitRate, half.pai]).toEqual([2, 0.5, 1]);
    expect([three.hits, three.hitRate, three.pai]).toEqual([3, 0.75, 1]);
  });

  test("cells are ranked by score per area: a small cell with a lower score can come first", () => {
    // Cell 0: score 2 on area 1 (density 2); cell 1: score 3 on area 3 (density 1). A = 4.
    const [c] = capture(Float64Array.of(2, 3), Float64Array.of(1, 3), Float64Array.of(1, 3), [0.25]);
    expect(c.hits).toBe(1);
    expect(c.pai).toBeCloseTo((1 / 4) / (1 / 4), 12);
  });

  test("a cut inside a cell counts the share of its area: 10% of 4 equal cells is 0.4 of the top one", () => {
    const [c] = capture(scores, area, actual, [0.1]);
    expect(c.hits).toBeCloseTo(0.8, 12);
    expect(c.pai).toBeCloseTo(0.2 / 0.1, 12);
  });

  test("a month without incidents has no hit rate; bad input is named", () => {
    expect(capture(scores, area, new Float64Array(4), [0.25])[0].hitRate).toBeNaN();
    expect(() => capture(scores, area, actual, [0])).toThrow(/area fraction: 0/);
    expect(() => capture(Float64Array.of(1, -1, 0, 0), area, actual, [0.5])).toThrow(/score of cell 1/);
    expect(() => capture(scores, Float64Array.of(1, 0, 1, 1), actual, [0.5])).toThrow(/area of cell 1/);
  });
});

describe("hitRateAt: the selection shortcut agrees with capture", () => {
  test("on seeded random forecasts with ties, zeros and unequal areas, at many shares", () => {
    const rng = seededRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 40);
      const scores = Float64Array.from({length: n}, () => (rng() < 0.4 ? 0 : Math.floor(rng() * 5)));
      const area = Float64Array.from({length: n}, () => (rng() < 0.5 ? 1 : 0.5 + 3 * rng()));
      const actual = Float64Array.from({length: n}, () => Math.floor(rng() * 4));
      for (const f of [0.01, 0.05, 0.1, 0.33, 0.5, 1]) {
        const expected = capture(scores, area, actual, [f])[0].hitRate;
        if (Number.isNaN(expected)) expect(hitRateAt(scores, area, actual, f)).toBeNaN();
        else expect(hitRateAt(scores, area, actual, f), `trial ${trial}, f ${f}`).toBeCloseTo(expected, 12);
      }
    }
  });
});

describe("kernel and prospective weighting", () => {
  test("Gaussian kernel by hand: counts 0, 4, 0 at 500 m spacing, h = 500", () => {
    const s = kernelSmooth(row(3), Float64Array.of(0, 4, 0), 500);
    expect(s[1]).toBeCloseTo(4, 12);
    expect(s[0]).toBeCloseTo(4 * Math.exp(-0.5), 12);
    expect(s[2]).toBeCloseTo(4 * Math.exp(-0.5), 12);
  });

  test("Bowers, Johnson & Pease: 1/(1 + d) x 1/(1 + weeks), within reach and the last weeks only", () => {
    const cells = row(3);
    const origin = 1000;
    // Cell 0: one incident the day before (week 0), one 8 days before (week 1), one 60 days before (out of 8 weeks).
    const events = {cell: Int32Array.of(0, 0, 0, 2), day: Int32Array.of(origin - 1, origin - 8, origin - 60, origin)};
    const s = prospectiveScores(cells, events, eventsByDay(events), origin, {reach: 1.5, weeks: 8});
    expect(s[0]).toBeCloseTo(1 + 1 / 2, 12);
    expect(s[1]).toBeCloseTo((1 + 1 / 2) / 2, 12);
    expect(s[2]).toBe(0); // 1000 m = 2 spacings is beyond reach; the incident on the origin day is not yet known
  });
});

describe("months and intervals", () => {
  test("month arithmetic and the last complete month", () => {
    const day = Math.round(Date.UTC(2025, 2, 15) / 86_400_000);
    expect(monthOfDay(day)).toBe(55 * 12 + 2);
    expect(firstDayOfMonth(55 * 12 + 2)).toBe(Math.round(Date.UTC(2025, 2, 1) / 86_400_000));
    expect(lastCompleteMonth([day])).toBe(55 * 12 + 1);
    expect(lastCompleteMonth([Math.round(Date.UTC(2025, 2, 25) / 86_400_000)])).toBe(55 * 12 + 2);
    expect(lastCompleteMonth([Math.round(Date.UTC(2025, 2, 24) / 86_400_000)])).toBe(55 * 12 + 1);
  });

  test("t-interval across months by hand: 1, 2, 3 -> 2 +- t(0.975, 2) x 1/sqrt(3)", () => {
    const r = meanInterval([1, 2, 3, NaN]);
    expect(r.n).toBe(3);
    expect(r.mean).toBe(2);
    expect(r.high - 2).toBeCloseTo(4.302653 / Math.sqrt(3), 5);
  });
});

describe("rolling-origin evaluation", () => {
  /** Seeded incidents over 40 months on 20 cells: cell 3 is always busy, plus near repeats in cell 10 +- 1. */
  function events(seed: number) {
    const rng = seededRng(seed);
    const cell: number[] = [], day: number[] = [];
    const start = firstDayOfMonth(55 * 12);
    for (let t = 0; t < 40 * 30.4; t++) {
      if (rng() < 0.3) cell.push(3), day.push(start + t);
      if (rng() < 0.2) cell.push(Math.floor(rng() * 20)), day.push(start + t);
    }
    return {cell: Int32Array.from(cell), day: Int32Array.from(day)};
  }
  const cells = row(20);

  test("every method puts the always-busy cell on top: PAI at 5% (1 of 20 cells) is well above 1", () => {
    const ev = evaluateForecasts(cells, events(1));
    expect(ev.months).toHaveLength(24);
    for (const method of ["simple_count", "kde", "blend"] as const) {
      const s = ev.summary.find((r) => r.method === method && r.fraction === 0.05)!;
      expect(s.pai, method).toBeGreaterThan(5);
      expect(s.paiLow, method).toBeLessThan(s.pai);
      expect(s.paiHigh, method).toBeGreaterThan(s.pai);
    }
  });

  test("a forecast uses nothing from its month or later: changing the last 6 months leaves earlier months' choices and forecasts alone", () => {
    const a = events(2);
    const b = {cell: Int32Array.from(a.cell), day: a.day};
    const cut = firstDayOfMonth(monthOfDay(a.day[a.day.length - 1]) - 6);
    for (let i = 0; i < b.cell.length; i++) if (b.day[i] >= cut) b.cell[i] = 19 - b.cell[i];
    const ea = evaluateForecasts(cells, a), eb = evaluateForecasts(cells, b);
    const early = ea.months.filter((m) => firstDayOfMonth(m.month) < cut);
    expect(early.length).toBeGreaterThan(10);
    for (const m of early) {
      const other = eb.months.find((x) => x.month === m.month)!;
      expect(other.bandwidth).toBe(m.bandwidth);
      expect(other.weights).toEqual(m.weights);
      expect(other.capture).toEqual(m.capture);
    }
    // ... while the later months do change.
    expect(eb.months.at(-1)!.capture.simple_count).not.toEqual(ea.months.at(-1)!.capture.simple_count);
  });

  test("bad input is named", () => {
    expect(() => evaluateForecasts(cells, {cell: Int32Array.of(20), day: Int32Array.of(1)})).toThrow(/event 0: cell 20/);
    expect(() => evaluateForecasts(cells, events(1), {months: 0})).toThrow(/invalid months: 0/);
  });
});
