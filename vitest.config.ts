import {defineConfig} from "vitest/config";

// Unit, contract and SQL tests: no browser, no build. Time zone pinned for date logic.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "test/workshop/**", "node_modules/**"],
    env: {TZ: "Europe/Amsterdam"},
    testTimeout: 60_000,
    pool: "forks"
  }
});
