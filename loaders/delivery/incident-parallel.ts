/**
 * Parses inbraken.csv on both cores while keeping readDelivery synchronous: a worker thread
 * validates the second part of the file (shared, not copied) while the main thread does the
 * first; the main thread then blocks on an Atomics flag and takes the worker's columns with
 * receiveMessageOnPort (typed arrays are transferred, not cloned).
 */
import {createRequire} from "node:module";
import {MessageChannel, Worker, receiveMessageOnPort} from "node:worker_threads";
import type {ByteLayout} from "./csv-bytes.js";
import {parseIncidentChunk, recordBoundary, type IncidentChunk, type IncidentHeader} from "./incident-columns.js";
import {dateLimits, type DateLimits} from "./values.js";

/** Share of the body given to the worker (it starts later: it must load its modules first). */
export const WORKER_SHARE = 0.46;
/** How long the main thread waits for the worker before parsing its part itself. */
const WAIT_MS = 120_000;

const require = createRequire(import.meta.url);

/** The worker's entry: registers tsx when needed, then runs incident-worker.ts. */
const BOOTSTRAP = `
const {workerData} = require("node:worker_threads");
const start = async () => {
  if (workerData.entry.endsWith(".ts")) {
    const api = await import(workerData.tsx);
    await api.tsImport(workerData.entry, workerData.entry);
  } else await import(workerData.entry);
};
start().catch((error) => {
  const {port, flag} = workerData;
  port.postMessage({error: String(error && error.stack || error)});
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** Validates the body in two parts, one in a worker thread; chunks come back in file order. */
export function parseInParallel(bytes: Uint8Array, layout: ByteLayout, header: IncidentHeader, bodyStart: number, bodyLine: number, share = WORKER_SHARE, limits: DateLimits = dateLimits()): IncidentChunk[] {
  let shared = bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const {port1, port2} = new MessageChannel();
  const entry = new URL("./incident-worker.ts", import.meta.url).href;
  let tsx: string;
  try {
    tsx = new URL(`file://${require.resolve("tsx/esm/api")}`).href;
  } catch {
    tsx = "tsx/esm/api";
  }
  const worker = new Worker(BOOTSTRAP, {eval: true, workerData: {entry, tsx, port: port2, flag}, transferList: [port2]});
  worker.unref();
  const split = recordBoundary(shared, layout, bodyStart, bodyStart + Math.floor((layout.end - bodyStart) * (1 - share)));
  port1.postMessage({bytes: shared, layout, header, from: split, to: layout.end, limits});
  const t0 = performance.now();
  const first = parseIncidentChunk(shared, layout, header, bodyStart, split, bodyLine, limits);
  const t1 = performance.now();
  let second: IncidentChunk | undefined;
  if (Atomics.wait(flag, 0, 0, WAIT_MS) !== "timed-out") {
    const message = receiveMessageOnPort(port1)?.message as {chunk?: IncidentChunk; error?: string} | undefined;
    if (message?.chunk) second = message.chunk;
    else if (process.env.INBRAAKLAB_DEBUG) console.error(`incident worker failed: ${message?.error}`);
  }
  if (process.env.INBRAAKLAB_DEBUG) console.error(`main: parsed in ${(t1 - t0).toFixed(0)} ms, waited+received ${(performance.now() - t1).toFixed(0)} ms`);
  void worker.terminate();
  port1.close();
  if (!second) second = parseIncidentChunk(shared, layout, header, split, layout.end, 0, limits);
  const offset = first.endLine;
  for (let i = 0; i < second.length; i++) second.line[i] += offset;
  for (const r of second.rejects) r.line += offset;
  second.endLine += offset;
  return [first, second];
}
