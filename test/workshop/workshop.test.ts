// The workshop (docs/workshop/) works as written: every marked step runs, in order, in a
// temporary copy of the project, ends with its exit code and shows its expected output. This also
// proves that what `npm run new` scaffolds type-checks, passes its tests and builds with the site.
import {spawnSync} from "node:child_process";
import {existsSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {copyProject} from "../e2e/build.js";
import {parseSteps, workshopSteps} from "./steps.js";

const ROOT = join(import.meta.dirname, "../..");
let copy = "";

describe("parseSteps", () => {
  test("reads marked sh blocks with their expectations, and only those", () => {
    const md = [
      "<!-- stap verwacht=\"a b\" verwacht2=\"\\\"q\\\"\" -->", "```sh", "echo 1", "```",
      "```sh", "echo not-a-step", "```",
      "<!-- stap exit=1 niet=\"x\" -->", "```sh", "false", "```"
    ].join("\n");
    expect(parseSteps(md, "x.md")).toEqual([
      {id: "x.md#1", command: "echo 1", expected: ["a b", "\"q\""], absent: [], exit: 0},
      {id: "x.md#2", command: "false", expected: [], absent: ["x"], exit: 1}
    ]);
    expect(() => parseSteps("<!-- stap foo=1 -->\n```sh\nx\n```", "y.md")).toThrow("invalid step attribute: foo");
  });
});

describe("workshop", () => {
  const steps = workshopSteps(join(ROOT, "docs/workshop"));

  beforeAll(() => {
    copy = copyProject("inbraaklab-workshop-");
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, {recursive: true, force: true});
  });

  test("has the three sessions", () => {
    expect(new Set(steps.map((s) => s.id.split("#")[0]))).toEqual(new Set(["01-levering-controleren.md", "02-nieuwe-bron.md", "03-hypothesepagina.md"]));
    expect(steps.length).toBeGreaterThanOrEqual(15);
  });

  for (const step of steps) {
    test(`${step.id}: ${step.command.split("\n")[0].slice(0, 70)}`, () => {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("INBRAAKLAB_") && !k.startsWith("VITEST") && k !== "NODE_OPTIONS") env[k] = v;
      const result = spawnSync("bash", ["-e", "-o", "pipefail", "-c", step.command], {
        cwd: copy, env: {...env, NO_COLOR: "1", FORCE_COLOR: "0", TZ: "Europe/Amsterdam", OBSERVABLE_TELEMETRY_DISABLE: "true"},
        encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024
      });
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.status, `${step.id} exit code; output:\n${output.slice(-3000)}`).toBe(step.exit);
      for (const text of step.expected) expect(output, `${step.id} should show ${JSON.stringify(text)}`).toContain(text);
      for (const text of step.absent) expect(output, `${step.id} should not show ${JSON.stringify(text)}`).not.toContain(text);
    });
  }

  test("the workshop leaves what the participant made in the copy, not in the project", () => {
    expect(existsSync(join(copy, "src/hypothesen/eengezinswoningen.md"))).toBe(true);
    expect(existsSync(join(copy, "werkmap/hypothese.pdf"))).toBe(true);
    expect(existsSync(join(ROOT, "src/hypothesen/eengezinswoningen.md"))).toBe(false);
  });
});
