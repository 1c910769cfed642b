import {defineConfig} from "vitest/config";

// Browser tests against a built dist/ (run after `npm run build`).
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    // One id per run: test files that need the same extra build share it (test/e2e/build.ts).
    env: {TZ: "Europe/Amsterdam", INBRAAKLAB_E2E_RUN: process.env.INBRAAKLAB_E2E_RUN ?? String(Date.now())},
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Two test files at a time (each drives its own Chromium against its own static server): the
    // browser tests took 7.5 min one after another and 6 min two at a time on the 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    pool: "forks"
  }
});
