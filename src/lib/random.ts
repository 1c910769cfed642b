/**
 * Seeded pseudo-random numbers. Every random draw in the project goes through an `Rng` that is
 * passed in, never a global seed, so that a seed reproduces a result exactly.
 */

/** A function returning uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Returns a seeded generator (mulberry32 on a splitmix32-scrambled seed).
 * @example const rng = seededRng(1); rng(); // 0.6270739405881613
 */
export function seededRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`invalid seed: ${seed}`);
  let s = splitmix32(Math.trunc(seed) >>> 0);
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A Poisson draw with mean `lambda` (Knuth for small means, a normal approximation above 60). */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0)) throw new Error(`invalid lambda: ${lambda}`);
  if (lambda === 0) return 0;
  if (lambda > 60) {
    const value = Math.round(lambda + Math.sqrt(lambda) * normal(rng));
    return value < 0 ? 0 : value;
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** A standard normal draw (Box-Muller). */
export function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Returns `count` seeds drawn from `rng`, one per independent stream (e.g. one per permutation, so
 * that the permutations can be split over threads without changing any of them).
 * @example streamSeeds(seededRng(1), 3) // Uint32Array [seed0, seed1, seed2]
 */
export function streamSeeds(rng: Rng, count: number): Uint32Array {
  if (!Number.isInteger(count) || count < 0) throw new Error(`invalid count: ${count}`);
  const seeds = new Uint32Array(count);
  for (let r = 0; r < count; r++) seeds[r] = Math.floor(rng() * 4294967296);
  return seeds;
}

/**
 * Fisher-Yates shuffle in place with `seededRng(seed)`, inlined: the same order as
 * `shuffle(seededRng(seed), values)` at about twice the speed (the Knox test shuffles 999 times).
 * @example shuffleSeeded(7, Int32Array.of(1, 2, 3))
 */
export function shuffleSeeded<A extends Float64Array | Int32Array>(seed: number, values: A): A {
  if (!Number.isFinite(seed)) throw new Error(`invalid seed: ${seed}`);
  let s = splitmix32(Math.trunc(seed) >>> 0);
  for (let i = values.length - 1; i > 0; i--) {
    // seededRng's step, then Math.floor(u * (i + 1)) as in shuffle.
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    const v = values[i];
    values[i] = values[j];
    values[j] = v;
  }
  return values;
}

/** Fisher-Yates shuffle in place; returns the array. */
export function shuffle<T>(rng: Rng, values: T[] | Float64Array | Int32Array): typeof values {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}
