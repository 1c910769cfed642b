import {describe, expect, test} from "vitest";
import {hotspots} from "../../../loaders/analyses/grid-hotspots.js";
import {hotspotClass, Z95, Z99} from "../../../src/lib/maps/hotspots.js";
import {getisOrdGiStar, gridNeighbours} from "../../../src/lib/stats/spatial.js";
import {seededRng} from "../../../src/lib/random.js";

describe("hotspotClass", () => {
  test("cuts at the two-sided 95% and 99% normal critical values", () => {
    expect([3, Z99, 2.5, Z95, 1.9, 0, -1.9, -Z95, -2.5, -Z99].map(hotspotClass)).toEqual(
      ["hot99", "hot99", "hot95", "hot95", "ns", "ns", "ns", "cold95", "cold95", "cold99"]);
    expect(() => hotspotClass(NaN)).toThrow("invalid z");
  });
});

describe("hotspots (pipeline Gi* with published classes)", () => {
  const grid = (k: number) => Array.from({length: k * k}, (_, i) => ({x: (i % k) * 500, y: Math.floor(i / k) * 500}));

  test("z-scores equal getisOrdGiStar on queen neighbours; nothing hidden gives the plain classes", () => {
    const cells = grid(6);
    const rng = seededRng(4);
    const counts = cells.map((_, i) => (i === 14 || i === 15 || i === 20 ? 30 : Math.floor(rng() * 4)));
    const result = hotspots({cells, counts, hidden: cells.map(() => false), threshold: 0})!;
    const expected = getisOrdGiStar(counts, gridNeighbours(cells.map(({x, y}) => ({col: x / 500, row: y / 500})))).z;
    result.z.forEach((z, i) => expect(z).toBeCloseTo(expected[i], 12));
    expect(result.classes).toEqual(expected.map(hotspotClass));
    expect(result.classes[14]).toBe("hot99");
  });

  test("a published class is the same for every value the hidden counts could take", () => {
    const cells = grid(5);
    const rng = seededRng(11);
    const threshold = 5;
    for (let trial = 0; trial < 20; trial++) {
      const counts = cells.map(() => (rng() < 0.15 ? 8 + Math.floor(rng() * 10) : Math.floor(rng() * 5)));
      const hidden = counts.map((c) => c >= 1 && c < threshold);
      const published = hotspots({cells, counts, hidden, threshold});
      if (!published) continue;
      const hiddenIdx = hidden.flatMap((h, i) => (h ? [i] : []));
      // Try every hidden cell at 1 and at threshold-1 separately, and all at once (mean and sd held at the truth).
      const variants: number[][] = [];
      for (const value of [1, threshold - 1]) {
        variants.push(counts.map((c, i) => (hidden[i] ? value : c)));
        for (const j of hiddenIdx) variants.push(counts.map((c, i) => (i === j ? value : c)));
      }
      const n = counts.length, mean = counts.reduce((a, b) => a + b, 0) / n;
      const s = Math.sqrt(counts.reduce((a, b) => a + b * b, 0) / n - mean * mean);
      const neighbours = gridNeighbours(cells.map(({x, y}) => ({col: x / 500, row: y / 500})));
      for (const v of variants) {
        neighbours.forEach((nb, i) => {
          if (published.classes[i] === "verborgen") return;
          const set = [i, ...nb];
          const W = set.length;
          const local = set.reduce((a, j) => a + v[j], 0);
          const z = (local - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
          expect(hotspotClass(z)).toBe(published.classes[i]);
        });
      }
    }
  });

  test("returns null when Gi* is undefined and rejects mismatched input", () => {
    const cells = grid(3);
    expect(hotspots({cells, counts: cells.map(() => 2), hidden: cells.map(() => false), threshold: 5})).toBeNull();
    expect(() => hotspots({cells, counts: [1], hidden: cells.map(() => false), threshold: 5})).toThrow("invalid input");
  });
});
