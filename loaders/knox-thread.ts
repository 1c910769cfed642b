/**
 * One worker thread of loaders/knox-threads.ts: counts the permutations from..to-1 of a Knox plan
 * and posts progress, then the tally. Bundled into a script by buildKnoxThread (loaders/worker.ts).
 */
import {parentPort, workerData} from "node:worker_threads";
import {countKnoxPermutations, type KnoxPlan} from "../src/lib/knox.js";

const {plan, from, to} = workerData as {plan: KnoxPlan; from: number; to: number};
const tally = countKnoxPermutations(plan, from, to, {
  onProgress: (fraction) => parentPort!.postMessage({type: "progress", fraction})
});
parentPort!.postMessage({type: "tally", tally});
