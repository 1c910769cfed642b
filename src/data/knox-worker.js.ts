// The Knox Web Worker of the near-repeat page (intern build): src/components/knox-worker.ts and its
// dependencies (src/lib/knox.ts, kdbush) bundled into one self-contained browser module with esbuild.
import {buildKnoxWorker} from "../../loaders/worker.js";

process.stdout.write(await buildKnoxWorker());
