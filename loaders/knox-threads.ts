/**
 * The Knox test with its permutations spread over worker threads (Node only; the browser and small
 * inputs use the single-thread `knoxTest`). The near pairs are found once on the calling thread and
 * shared, each thread counts a range of permutations, and the tallies merge into exactly the result
 * of `knoxTest` for the same seed (every permutation is drawn from its own seed).
 */
import {availableParallelism} from "node:os";
import {Worker} from "node:worker_threads";
import {
  abortError, countKnoxPermutations, finishKnox, prepareKnox, type KnoxOptions, type KnoxPlan, type KnoxPoints, type KnoxResult,
  type KnoxTally
} from "../src/lib/knox.js";
import {buildKnoxThread} from "./worker.js";

/** Options of `knoxTestThreads`: those of `knoxTest` and the number of threads. */
export interface KnoxThreadsOptions extends KnoxOptions {
  /**
   * Worker threads; 1 runs on the calling thread. Default: the available cores, or the calling
   * thread alone when the work is too small to gain from workers.
   */
  threads?: number;
}

/**
 * Below this many pair tests (near pairs x permutations) one thread is done before workers would
 * have started (starting one and bundling its code take about 0.1 s).
 */
const MIN_PAIR_TESTS = 1e8;

/** Permutations per pass of the counting loop; ranges start at multiples of it so no pass is split. */
const PASS = 8;

let threadCode: Promise<string> | undefined;

/**
 * Runs the Knox test with the permutations spread over worker threads; the same result as
 * `knoxTest` for the same options (and seed).
 * @param points incidents: x, y in metres, t in days
 * @param options as `knoxTest`, plus threads
 * @returns the Knox result
 * @example await knoxTestThreads({x, y, t}, {spaceBands: [0, 100, 200], timeBands: [0, 7, 14], rng: seededRng(1), threads: 2})
 */
export async function knoxTestThreads(points: KnoxPoints, options: KnoxThreadsOptions): Promise<KnoxResult> {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`invalid threads: ${threads}`);
  const plan = prepareKnox(points, options);
  const R = plan.permutations;
  const ranges = splitRange(R, threads);
  if (ranges.length === 1 || (options.threads === undefined && plan.nearPairs * R < MIN_PAIR_TESTS)) {
    return finishKnox(plan, [countKnoxPermutations(plan, 0, R, options)]);
  }
  const shared = sharePlan(plan);
  const code = await (threadCode ??= buildKnoxThread());
  const done = ranges.map(() => 0);
  const workers: Worker[] = [];
  const report = () => options.onProgress?.(done.reduce((a, b) => a + b, 0) / R);
  try {
    const tallies = await Promise.all(ranges.map(([from, to], i) => new Promise<KnoxTally>((resolve, reject) => {
      const worker = new Worker(code, {eval: true, workerData: {plan: shared, from, to}});
      workers.push(worker);
      worker.on("message", (message: {type: "progress"; fraction: number} | {type: "tally"; tally: KnoxTally}) => {
        if (message.type === "tally") return resolve(message.tally);
        if (options.signal?.aborted) return reject(abortError());
        done[i] = message.fraction * (to - from);
        report();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`knox thread stopped with exit code ${code}`)));
    })));
    return finishKnox(plan, tallies);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Splits 0..total into at most `parts` contiguous ranges that start at multiples of PASS. */
export function splitRange(total: number, parts: number): [number, number][] {
  const passes = Math.ceil(total / PASS);
  const count = Math.max(1, Math.min(parts, passes));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.min(total, Math.round((passes * i) / count) * PASS);
    const to = Math.min(total, Math.round((passes * (i + 1)) / count) * PASS);
    ranges.push([from, to]);
  }
  return ranges;
}

/** The plan with its large arrays in shared memory, so that each thread reads them without a copy. */
function sharePlan(plan: KnoxPlan): KnoxPlan {
  const share = <A extends Int32Array | Float64Array>(array: A): A => {
    const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => A)(new SharedArrayBuffer(array.byteLength));
    copy.set(array);
    return copy;
  };
  return {...plan, row: share(plan.row), pair: share(plan.pair), days: share(plan.days), times: share(plan.times)};
}
