/**
 * One timed run of one side of the pipeline benchmark, in its own process so that its peak RSS is
 * its own: `node --import tsx bench/pipeline-worker.ts <ours|duckdb> <inbraken.csv>`.
 * Prints one JSON line: rows read/accepted/rejected, wall time, peak RSS, Arrow IPC size, and a
 * fingerprint of the accepted registration numbers (in file order).
 */
import {createHash} from "node:crypto";
import {tableToIPC} from "apache-arrow";
import {duckdbPipeline, ourPipeline, type PipelineResult} from "./pipeline.js";

const [side, path] = process.argv.slice(2);
if (!["ours", "duckdb"].includes(side ?? "")) throw new Error(`invalid side: ${side}`);
if (!path) throw new Error("invalid path: geef het pad van inbraken.csv");
const t0 = performance.now();
const result: PipelineResult = side === "duckdb" ? await duckdbPipeline(path) : ourPipeline(path);
const ipc = tableToIPC(result.table, "stream");
const ms = performance.now() - t0;
const fingerprint = createHash("sha1").update(result.ids.join("\n")).digest("hex").slice(0, 12);
console.log(JSON.stringify({side, read: result.read, accepted: result.accepted, rejected: result.rejected, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ipcBytes: ipc.byteLength, fingerprint}));
