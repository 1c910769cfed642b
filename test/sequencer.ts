/**
 * The order in which vitest starts the test files (vitest.config.ts `sequence.sequencer`).
 *
 * Unit files that need another environment (`// @vitest-environment jsdom`) go last. The unit files
 * share two worker processes (`isolate: false`), and vitest hands a finished worker the next file
 * only if that file's environment is the worker's; otherwise it ends the worker and starts another.
 * The jsdom files (two component tests and the Plot snapshot tests of test/plots) queued among the
 * others ended the workers again and again, and with them what the workers had built once for all
 * their files: the imported pipeline, the demo deliveries and the published demo tables of
 * test/helpers (docs/performance.md).
 *
 * The browser test files run two at a time and take from a few seconds to well over a minute each,
 * so the order decides how long one worker idles at the end while the other finishes a long file.
 * vitest starts the files longest first when its cache holds their last durations
 * (node_modules/.vite/vitest), and by file size otherwise, as on every clean checkout (CI): there
 * switch-delivery (51 lines, about 35 s) and minimal-delivery (68 lines, about 36 s)
 * started last and ended the stage 15-20 s after the other worker. {@link E2E_SECONDS} gives the
 * durations of the last measured clean run, so a clean checkout also starts the longest first. The
 * figures only order the files: a stale figure makes the order worse, never a test wrong.
 */
import {readFileSync} from "node:fs";
import {relative} from "node:path";
import {BaseSequencer, type TestSpecification} from "vitest/node";

/**
 * Seconds each browser test file took in a clean-clone CI run (run 35, December 6, both workers busy).
 * A file not listed starts first, as vitest runs unknown files first.
 */
export const E2E_SECONDS: Readonly<Record<string, number>> = {
  "test/e2e/publish.test.ts": 76, "test/e2e/filters.test.ts": 73, "test/e2e/site.test.ts": 47, "test/e2e/switch-delivery.test.ts": 44,
  "test/e2e/privacy.test.ts": 42, "test/e2e/edition.test.ts": 42, "test/e2e/minimal-delivery.test.ts": 39, "test/e2e/theme.test.ts": 36,
  "test/e2e/csv-formulas.test.ts": 32, "test/e2e/smoke-detects.test.ts": 19, "test/e2e/maps.test.ts": 14, "test/e2e/print.test.ts": 13,
  "test/e2e/explore.test.ts": 12, "test/e2e/knox-worker.test.ts": 9, "test/e2e/planner.test.ts": 3, "test/e2e/needles.test.ts": 0
};

/**
 * Orders files longest first by {@link E2E_SECONDS} (unlisted first). Returns the input's order for
 * files of equal weight.
 * @example byExpectedDuration(["test/e2e/maps.test.ts", "test/e2e/publish.test.ts"]) // publish first
 */
export function byExpectedDuration(files: readonly string[], seconds: Readonly<Record<string, number>> = E2E_SECONDS): string[] {
  const weight = (f: string) => seconds[f] ?? Infinity;
  return [...files].sort((a, b) => weight(b) - weight(a));
}

/**
 * The environment a test file asks for in its docblock (`@vitest-environment jsdom`), or undefined
 * for the projects' own (node, also when a file names it).
 */
export function fileEnvironment(path: string): string | undefined {
  const named = /@vitest-environment\s+([\w-]+)/.exec(readFileSync(path, "utf8").slice(0, 2000))?.[1];
  return named === "node" ? undefined : named;
}

/**
 * vitest's own order, except that
 * - the unit project's files that ask for another environment come after its other files, and
 * - the e2e project's files, when vitest has no durations of its own for them, start longest first
 *   by {@link E2E_SECONDS}.
 */
export class TestSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const unit = sorted.filter((s) => s.project.name === "unit");
    const other = new Set(unit.filter((s) => fileEnvironment(s.moduleId) !== undefined));
    const units = [...unit.filter((s) => !other.has(s)), ...other];
    const withUnits = sorted.map((s) => (s.project.name === "unit" ? units.shift()! : s));
    const root = this.ctx.config.root;
    const key = (s: TestSpecification) => relative(root, s.moduleId).replaceAll("\\", "/");
    const e2e = withUnits.filter((s) => s.project.name === "e2e");
    if (e2e.length < 2 || e2e.some((s) => this.ctx.cache.getFileTestResults(`e2e:${key(s)}`))) return withUnits;
    const order = byExpectedDuration(e2e.map(key));
    const ranked = [...e2e].sort((a, b) => order.indexOf(key(a)) - order.indexOf(key(b)));
    return withUnits.map((s) => (s.project.name === "e2e" ? ranked.shift()! : s));
  }
}
