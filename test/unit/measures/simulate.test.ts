import {describe, expect, test} from "vitest";
import {seededRng} from "../../../src/lib/random.js";
import {monthIndex} from "../../../src/lib/measures/did.js";
import {simulatePanel, simulateSeries} from "../../../src/lib/measures/simulate.js";

describe("simulatePanel", () => {
  const sim = simulatePanel(seededRng(1));
  test("builds a balanced 500 x 120 panel with 100 staggered adopters", () => {
    expect(sim.panel.area.length).toBe(500 * 120);
    const starts = Object.values(sim.starts).filter((s): s is number => s !== null);
    expect(starts.length).toBe(100);
    const first = monthIndex("2015-01");
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(first + 36);
    expect(Math.max(...starts)).toBeLessThan(first + 72);
    expect(new Set(starts).size).toBeGreaterThan(20);
  });
  test("has about 3 burglaries per 1,000 dwellings per year before any start", () => {
    let count = 0, dwellingMonths = 0;
    for (let i = 0; i < sim.panel.area.length; i++) {
      if (sim.panel.month[i] >= monthIndex("2018-01")) continue;
      count += sim.panel.count[i];
      dwellingMonths += sim.panel.exposure[i];
    }
    const rate = (count / dwellingMonths) * 12 * 1000;
    expect(rate).toBeGreaterThan(2.7); // the trend of -5% a year lowers year 3 a little
    expect(rate).toBeLessThan(3.2);
  });
  test("gives symmetric rook neighbours and reproduces a seed", () => {
    for (const [a, list] of Object.entries(sim.neighbours)) for (const b of list) expect(sim.neighbours[b]).toContain(a);
    expect(sim.neighbours.A0001).toEqual(["A0002", "A0024"]);
    expect(simulatePanel(seededRng(1)).panel.count).toEqual(sim.panel.count);
    expect(simulatePanel(seededRng(2)).panel.count).not.toEqual(sim.panel.count);
  });
  test("overdispersion raises the variance above the mean", () => {
    const over = simulateSeries(seededRng(1), {dispersion: 0.2, level: 0, trendPerYear: 0, months: 240, startOffset: 1});
    const plain = simulateSeries(seededRng(1), {level: 0, trendPerYear: 0, months: 240, startOffset: 1});
    const ratio = (xs: ArrayLike<number>) => {
      const v = Array.from(xs), m = v.reduce((a, b) => a + b) / v.length;
      return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / m;
    };
    expect(ratio(over.series.count)).toBeGreaterThan(2 * ratio(plain.series.count));
  });
  test("names bad settings", () => {
    expect(() => simulatePanel(seededRng(1), {treatedAreas: 600})).toThrow("invalid treatedAreas: 600");
    expect(() => simulatePanel(seededRng(1), {adoptionFrom: 100})).toThrow("invalid adoption window");
    expect(() => simulateSeries(seededRng(1), {startOffset: 0})).toThrow("invalid startOffset: 0");
  });
});
