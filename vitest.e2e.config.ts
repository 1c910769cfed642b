import {defineConfig} from "vitest/config";

// Browser tests against a built dist/ (run after `npm run build`).
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    env: {TZ: "Europe/Amsterdam"},
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks"
  }
});
