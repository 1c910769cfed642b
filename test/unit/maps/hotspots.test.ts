import {describe, expect, test} from "vitest";
import {hotspots} from "../../../loaders/analyses/grid-hotspots.js";
import {fdrCutoffs, hotspotClass, hotspotClassAt, Z95, Z99} from "../../../src/lib/maps/hotspots.js";
import {adjustPValues} from "../../../src/lib/stats/correlation.js";
import {getisOrdGiStar, gridNeighbours} from "../../../src/lib/stats/spatial.js";
import {seededRng} from "../../../src/lib/random.js";

describe("hotspotClass", () => {
  test("cuts at the two-sided 95% and 99% normal critical values", () => {
    expect([3, Z99, 2.5, Z95, 1.9, 0, -1.9, -Z95, -2.5, -Z99].map(hotspotClass)).toEqual(
      ["hot99", "hot99", "hot95", "hot95", "ns", "ns", "ns", "cold95", "cold95", "cold99"]);
    expect(() => hotspotClass(NaN)).toThrow("invalid z");
  });
});

describe("Benjamini-Hochberg (false discovery rate) classes", () => {
  test("BH adjustment equals R's p.adjust(method = \"BH\"), computed by hand", () => {
    // p = 0.001 0.008 0.039 0.041 0.042 0.06 0.074 0.205 (m = 8); p * m / rank, then the running
    // minimum from the largest p down: 0.205; 0.074*8/7 = 0.0846; 0.06*8/6 = 0.08; 0.042*8/5 = 0.0672;
    // 0.041*8/4 = 0.082 -> 0.0672; 0.039*8/3 = 0.104 -> 0.0672; 0.008*8/2 = 0.032; 0.001*8 = 0.008.
    const q = adjustPValues([0.041, 0.001, 0.205, 0.008, 0.06, 0.039, 0.074, 0.042], "bh");
    const expected = [0.0672, 0.008, 0.205, 0.032, 0.08, 0.0672, 0.074 * 8 / 7, 0.0672];
    q.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });
  test("the cut-offs are the smallest |z| whose BH-adjusted p is below 5% and 1%", () => {
    // Two-sided p of 3.5, 2.0, 0.1, 0.4: 0.000465, 0.0455, 0.920, 0.689. BH (m = 4): 0.00186, 0.0910,
    // 0.920, 0.919: only 3.5 is below 5% (and 1%); 2.0 is hot95 uncorrected but not after BH.
    expect(fdrCutoffs([3.5, 2.0, 0.1, -0.4])).toEqual({z95: 3.5, z99: 3.5});
    expect(hotspotClassAt(2.0, fdrCutoffs([3.5, 2.0, 0.1, -0.4]))).toBe("ns");
    expect(hotspotClass(2.0)).toBe("hot95");
    // Two of three very small p: 3.0 has p 0.0027 -> BH 0.0027*3/2 = 0.004 < 1%; -3.3 has p 0.00097 -> 0.0029.
    expect(fdrCutoffs([3.0, -3.3, 0.5, NaN])).toEqual({z95: 3.0, z99: 3.0});
    expect(fdrCutoffs([0.2, -1.0])).toEqual({z95: Infinity, z99: Infinity});
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
    const cut = fdrCutoffs(expected);
    expect(result.fdrClasses).toEqual(expected.map((z) => hotspotClassAt(z, cut)));
    expect(cut.z95).toBeGreaterThan(Z95);
    // FDR is stricter: every FDR spot is an uncorrected spot, not the other way round.
    result.fdrClasses.forEach((c, i) => c !== "ns" && expect(result.classes[i]).not.toBe("ns"));
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
        const cut = fdrCutoffs(published.z);
        neighbours.forEach((nb, i) => {
          if (published.fdrClasses[i] === "verborgen") return;
          const set = [i, ...nb];
          const W = set.length;
          const z = (set.reduce((a, j) => a + v[j], 0) - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
          expect(hotspotClassAt(z, cut)).toBe(published.fdrClasses[i]);
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
