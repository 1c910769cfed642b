/**
 * The Knox test in a Web Worker (bundled with its dependencies into one file by
 * src/data/knox-worker.js.ts). Messages in: {x, y, t, spaceBands, timeBands, permutations, seed,
 * distance}; out: {type: "progress", fraction}, then {type: "result", result, ms} or {type: "error",
 * message}. Cancelling is `worker.terminate()`.
 */
import {knoxTest, type KnoxDistance} from "../lib/knox.js";
import {seededRng} from "../lib/random.js";

interface Job {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
  spaceBands: number[];
  timeBands: number[];
  permutations: number;
  seed: number;
  distance: KnoxDistance;
}

const scope = globalThis as unknown as {onmessage: ((event: MessageEvent<Job>) => void) | null; postMessage: (message: unknown) => void};

scope.onmessage = ({data}) => {
  const started = performance.now();
  try {
    const result = knoxTest({x: data.x, y: data.y, t: data.t}, {
      spaceBands: data.spaceBands, timeBands: data.timeBands, permutations: data.permutations, distance: data.distance,
      rng: seededRng(data.seed), onProgress: (fraction) => scope.postMessage({type: "progress", fraction})
    });
    scope.postMessage({type: "result", result, ms: performance.now() - started});
  } catch (error) {
    scope.postMessage({type: "error", message: (error as Error).message});
  }
};
