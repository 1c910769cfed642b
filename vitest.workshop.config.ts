import {defineConfig} from "vitest/config";

// The workshop's steps (docs/workshop/), run in a temporary copy of the project: slow (a build),
// so separate from the unit tests. Steps run in order in one file.
export default defineConfig({
  test: {
    include: ["test/workshop/**/*.test.ts"],
    env: {TZ: "Europe/Amsterdam"},
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    sequence: {concurrent: false},
    pool: "forks"
  }
});
