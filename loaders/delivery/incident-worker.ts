/**
 * Worker-thread side of incident-parallel.ts: validates one byte range of inbraken.csv and sends
 * the columns back (typed arrays transferred), then raises the shared flag the main thread waits on.
 */
import {workerData, type MessagePort} from "node:worker_threads";
import type {ByteLayout} from "./csv-bytes.js";
import {parseIncidentChunk, type IncidentHeader} from "./incident-columns.js";
import type {DateLimits} from "./values.js";

interface Task {
  bytes: Uint8Array;
  layout: ByteLayout;
  header: IncidentHeader;
  from: number;
  to: number;
  limits: DateLimits;
}

const {port, flag} = workerData as {port: MessagePort; flag: Int32Array};
port.once("message", (task: Task) => {
  const t0 = performance.now();
  try {
    const chunk = parseIncidentChunk(task.bytes, task.layout, task.header, task.from, task.to, 0, task.limits);
    const transfer = [chunk.soort, chunk.start, chunk.end, chunk.gemeentecode, chunk.buurtcode, chunk.pc4, chunk.pc6, chunk.huisnummer, chunk.x, chunk.y,
      chunk.werkwijze, chunk.woningtype, chunk.buit, chunk.opgelost, chunk.line, chunk.offset, chunk.keyStart, chunk.keyEnd].map((a) => a.buffer as ArrayBuffer);
    const t1 = performance.now();
    port.postMessage({chunk}, transfer);
    if (process.env.INBRAAKLAB_DEBUG) console.error(`worker: up at ${t0.toFixed(0)} ms, parsed in ${(t1 - t0).toFixed(0)} ms, posted in ${(performance.now() - t1).toFixed(0)} ms`);
  } catch (error) {
    port.postMessage({error: String((error as Error)?.stack ?? error)});
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
});
