import {describe, expect, test} from "vitest";
import {normal, poisson, seededRng, shuffle, shuffleSeeded, streamSeeds} from "../../src/lib/random.js";

describe("seededRng", () => {
  test("reproduces a sequence for a seed, and differs between seeds", () => {
    const a = seededRng(42), b = seededRng(42), c = seededRng(43);
    const xs = Array.from({length: 5}, a);
    expect(Array.from({length: 5}, b)).toEqual(xs);
    expect(Array.from({length: 5}, c)).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  test("rejects a non-finite seed", () => expect(() => seededRng(NaN)).toThrow("invalid seed: NaN"));
});

describe("poisson", () => {
  test.each([0.3, 4, 25, 200])("has mean and variance near lambda = %s", (lambda) => {
    const rng = seededRng(7);
    const n = 20000;
    const xs = Array.from({length: n}, () => poisson(rng, lambda));
    const mean = xs.reduce((a, b) => a + b) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n) + 0.01);
    expect(variance / lambda).toBeGreaterThan(0.9);
    expect(variance / lambda).toBeLessThan(1.1);
  });
  test("rejects a negative mean", () => expect(() => poisson(seededRng(1), -1)).toThrow("invalid lambda: -1"));
});

test("normal draws have mean 0 and sd 1", () => {
  const rng = seededRng(3);
  const xs = Array.from({length: 20000}, () => normal(rng));
  const mean = xs.reduce((a, b) => a + b) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  expect(Math.abs(mean)).toBeLessThan(0.03);
  expect(Math.abs(sd - 1)).toBeLessThan(0.03);
});

test("shuffle permutes in place and keeps every value", () => {
  const xs = Array.from({length: 50}, (_, i) => i);
  shuffle(seededRng(1), xs);
  expect(xs).not.toEqual(Array.from({length: 50}, (_, i) => i));
  expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({length: 50}, (_, i) => i));
});

test("shuffleSeeded gives the same order as shuffle with seededRng, on both array types", () => {
  for (const seed of [0, 1, 7, 4294967295, -3.5]) {
    const values = Array.from({length: 257}, (_, i) => i * 3);
    const expected = shuffle(seededRng(seed), [...values]);
    expect(Array.from(shuffleSeeded(seed, Float64Array.from(values)))).toEqual(expected);
    expect(Array.from(shuffleSeeded(seed, Int32Array.from(values)))).toEqual(expected);
  }
  expect(() => shuffleSeeded(NaN, new Int32Array(2))).toThrow("invalid seed: NaN");
});

test("streamSeeds draws whole 32-bit seeds from the rng", () => {
  const seeds = streamSeeds(seededRng(1), 4);
  const rng = seededRng(1);
  expect(Array.from(seeds)).toEqual(Array.from({length: 4}, () => Math.floor(rng() * 4294967296)));
  expect(new Set(seeds).size).toBe(4);
  expect(() => streamSeeds(seededRng(1), -1)).toThrow("invalid count: -1");
});
