// The order of the test files (test/sequencer.ts): unit files of another environment after the
// others, so the two unit workers are not ended midway; browser test files longest first on a clean
// checkout, where vitest has no durations of its own and would start them by file size.
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect, test} from "vitest";
import type {TestSpecification, Vitest} from "vitest/node";
import {E2E_SECONDS, TestSequencer, byExpectedDuration, fileEnvironment} from "../../sequencer.js";

const ROOT = join(import.meta.dirname, "../../..");

test("orders files longest first, a file without a figure before all, ties as given", () => {
  const seconds = {"a.ts": 10, "b.ts": 30, "c.ts": 10};
  expect(byExpectedDuration(["a.ts", "b.ts", "new.ts", "c.ts"], seconds)).toEqual(["new.ts", "b.ts", "a.ts", "c.ts"]);
});

test("every browser test file has a figure", () => {
  const files = readdirSync(join(ROOT, "test/e2e")).filter((f) => f.endsWith(".test.ts")).map((f) => `test/e2e/${f}`);
  expect(files.filter((f) => !(f in E2E_SECONDS))).toEqual([]);
});

/** A vitest context whose cache knows the durations in `known` (none by default), and a spec per file. */
function setup(known: Record<string, number> = {}) {
  const ctx = {
    config: {root: ROOT},
    cache: {
      getFileTestResults: (key: string) => (key in known ? {duration: known[key], failed: false} : undefined),
      getFileStats: (key: string) => ({size: key.length})
    }
  } as unknown as Vitest;
  const spec = (project: string, file: string) => ({project: {name: project, config: {sequence: {groupOrder: 0}, isolate: true}}, moduleId: join(ROOT, file)}) as unknown as TestSpecification;
  return {sequencer: new TestSequencer(ctx), spec};
}
const names = (specs: TestSpecification[]) => specs.map((s) => s.moduleId.slice(ROOT.length + 1));

test("with no durations of vitest's own, the e2e files start longest first", async () => {
  const {sequencer, spec} = setup();
  const files = ["test/e2e/needles.test.ts", "test/e2e/switch-delivery.test.ts", "test/e2e/publish.test.ts", "test/e2e/maps.test.ts"];
  expect(names(await sequencer.sort(files.map((f) => spec("e2e", f))))).toEqual(["test/e2e/publish.test.ts", "test/e2e/switch-delivery.test.ts", "test/e2e/maps.test.ts", "test/e2e/needles.test.ts"]);
});

test("with durations of vitest's own, vitest's order stands (longest by those first)", async () => {
  const files = ["test/e2e/publish.test.ts", "test/e2e/needles.test.ts"];
  const {sequencer, spec} = setup({"e2e:test/e2e/needles.test.ts": 90, "e2e:test/e2e/publish.test.ts": 5});
  expect(names(await sequencer.sort(files.map((f) => spec("e2e", f))))).toEqual(["test/e2e/needles.test.ts", "test/e2e/publish.test.ts"]);
});

test("a unit file that asks for jsdom is seen as such; a plain one has the project's environment", () => {
  expect(fileEnvironment(join(ROOT, "test/unit/components/walkthrough.test.ts"))).toBe("jsdom");
  expect(fileEnvironment(join(ROOT, "test/unit/random.test.ts"))).toBeUndefined();
  // Naming the projects' own environment keeps a file with the others.
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-sequencer-"));
  writeFileSync(join(dir, "named.test.ts"), "// @vitest-environment node\n");
  writeFileSync(join(dir, "dom.test.ts"), "/** @vitest-environment happy-dom */\n");
  expect(fileEnvironment(join(dir, "named.test.ts"))).toBeUndefined();
  expect(fileEnvironment(join(dir, "dom.test.ts"))).toBe("happy-dom");
  rmSync(dir, {recursive: true});
});

test("unit files of another environment run after the others, which keep their order; other projects stay", async () => {
  const {sequencer, spec} = setup();
  const files = [["unit", "test/unit/components/walkthrough.test.ts"], ["unit", "test/unit/random.test.ts"], ["workshop", "test/workshop/workshop.test.ts"], ["unit", "test/unit/components/print-tables.test.ts"], ["unit", "test/unit/knox.test.ts"]] as const;
  const sorted = names(await sequencer.sort(files.map(([project, file]) => spec(project, file))));
  const unit = sorted.filter((f) => !f.startsWith("test/workshop/"));
  expect(unit.slice(-2).sort()).toEqual(["test/unit/components/print-tables.test.ts", "test/unit/components/walkthrough.test.ts"]);
  expect(unit.slice(0, 2).sort()).toEqual(["test/unit/knox.test.ts", "test/unit/random.test.ts"]);
  expect(sorted).toContain("test/workshop/workshop.test.ts");
});
