import {availableParallelism} from "node:os";
import {defineConfig} from "vitest/config";
import {todayInAmsterdam} from "./loaders/delivery/values.js";
import {TestSequencer} from "./test/sequencer.js";

// One configuration, three projects: `vitest run --project unit` (npm run test:unit), `--project e2e`
// (npm run test:e2e, after the extra sites are built) and `--project workshop` (npm run test:workshop).
// A plain `npx vitest run <file>` runs that file in the project whose files it matches.
// The time zone is pinned for date logic in all three.
const env = {TZ: "Europe/Amsterdam"};

export default defineConfig({
  test: {
    // Unit files of another environment last; browser test files longest first on a clean checkout too
    // (test/sequencer.ts).
    sequence: {sequencer: TestSequencer},
    projects: [
      {
        // Unit, contract and SQL tests: no browser, no build.
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/workshop/**", "node_modules/**"],
          env,
          // A guard against hangs, not a speed check: a few tests run every analysis on the demo (about a
          // minute on a loaded 2-core machine).
          testTimeout: 180_000,
          // The same guard for setup: a beforeAll that generates the demo took over vitest's default
          // 10 s under load (load average 15) and failed the file with no failed assertion.
          hookTimeout: 180_000,
          pool: "forks",
          // vitest's default is one worker less than the cores: one on the 2-core machine, where two
          // took the project from 209 s to 143 s (docs/performance.md).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // Files in one worker share their modules: the demo deliveries and published tables that
          // test/helpers cache per process are built once per worker instead of once per file, and
          // the pipeline's modules are imported once. No test mocks modules; the Plot snapshot tests
          // (test/plots) install a DOM as globals, so they ask for the jsdom environment and run in
          // workers of their own, where Plot always loads with a window (its pixel offset depends on
          // that) and their globals reach no other file (docs/performance.md has the measurement).
          isolate: false
        }
      },
      {
        // Browser tests against built sites (dist/ from `npm run build`; the extra sites of test/e2e/sites.ts).
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // One id per run: test files that need the same extra build share it (test/e2e/build.ts).
          // And one peildatum for all its builds, as test/e2e/run.ts sets it (a run across midnight).
          env: {...env, INBRAAKLAB_E2E_RUN: process.env.INBRAAKLAB_E2E_RUN ?? String(Date.now()), INBRAAKLAB_PEILDATUM: process.env.INBRAAKLAB_PEILDATUM ?? todayInAmsterdam()},
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Two test files at a time (each drives its worker's Chromium against its own static server): the
          // browser tests took 7.5 min one after another and 6 min two at a time on the 2-core machine.
          fileParallelism: true,
          maxWorkers: 2,
          pool: "forks",
          // Files in one worker share the modules they import (playwright-core, the helpers): 0.65 s
          // less per file (six files: import 7.2 s -> 3.4 s). No browser test keeps state in a shared
          // module, stubs a global or changes the environment; each builds its server and contexts in
          // its own hooks, in the browser the worker's files share (workerBrowser, test/e2e/browser.ts).
          isolate: false
        }
      },
      {
        // The workshop's steps (docs/workshop/), run in a temporary copy of the project: slow (a
        // build), so apart from the unit tests. Steps run in order in one file.
        test: {
          name: "workshop",
          include: ["test/workshop/**/*.test.ts"],
          env,
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: {concurrent: false},
          pool: "forks"
        }
      }
    ]
  }
});
