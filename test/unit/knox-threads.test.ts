import {describe, expect, test} from "vitest";
import {knoxTest, type KnoxPoints} from "../../src/lib/knox.js";
import {normal, seededRng} from "../../src/lib/random.js";
import {knoxTestThreads, splitRange} from "../../loaders/knox-threads.js";

function clustered(n: number, seed: number): KnoxPoints {
  const rng = seededRng(seed);
  const x: number[] = [], y: number[] = [], t: number[] = [];
  for (let i = 0; i < n; i++) {
    x.push(Math.round(1000 + 150 * normal(rng)));
    y.push(Math.round(1000 + 150 * normal(rng)));
    t.push(Math.floor(rng() * 200));
  }
  return {x, y, t};
}

const OPTIONS = {spaceBands: [0, 1, 50, 100, 200], timeBands: [0, 7, 14, 21], permutations: 45};

describe("knoxTestThreads", () => {
  test("equals knoxTest for the same seed, on 2 and 3 threads", async () => {
    const points = clustered(400, 1);
    const single = knoxTest(points, {...OPTIONS, rng: seededRng(5)});
    for (const threads of [2, 3]) {
      const fractions: number[] = [];
      const result = await knoxTestThreads(points, {...OPTIONS, rng: seededRng(5), threads, onProgress: (f) => fractions.push(f)});
      expect(result).toEqual(single);
      expect(fractions.at(-1)).toBe(1);
    }
  }, 30_000);
  test("runs small work on the calling thread by default, with the same result", async () => {
    const points = clustered(100, 2);
    expect(await knoxTestThreads(points, {...OPTIONS, rng: seededRng(1)})).toEqual(knoxTest(points, {...OPTIONS, rng: seededRng(1)}));
  });
  test("stops when the signal is aborted", async () => {
    const run = knoxTestThreads(clustered(200, 3), {...OPTIONS, rng: seededRng(1), threads: 2, signal: {aborted: true}});
    await expect(run).rejects.toThrow("knox test aborted");
  }, 30_000);
  test("rejects a bad number of threads", async () => {
    await expect(knoxTestThreads(clustered(10, 4), {...OPTIONS, rng: seededRng(1), threads: 0})).rejects.toThrow("invalid threads: 0");
  });
});

describe("splitRange", () => {
  test("splits into ranges that start at multiples of 8 and cover every permutation once", () => {
    expect(splitRange(999, 2)).toEqual([[0, 504], [504, 999]]);
    expect(splitRange(45, 3)).toEqual([[0, 16], [16, 32], [32, 45]]);
    expect(splitRange(5, 4)).toEqual([[0, 5]]);
    expect(splitRange(0, 2)).toEqual([[0, 0]]);
  });
});
