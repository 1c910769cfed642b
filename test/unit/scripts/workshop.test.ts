// The workshop works in PowerShell as well as in a Unix shell (issue 14, item 9): every step calls
// npm, npx or node with plain arguments (no sed/head/printf, no quoting, pipes or redirection that
// the shells read differently); the file edits of `npm run workshop` do what the steps say and refuse
// a second time; and `npm run -s check-data -- <map> --json` prints JSON alone, as documented.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {breakRows, head, repairRows, runWorkshop} from "../../../scripts/workshop.mjs";
import {workshopSteps} from "../../workshop/steps.js";

const ROOT = join(import.meta.dirname, "../../..");
/** What a step's line may be: a call of npm, npx or node, and only words, paths and options. */
const PORTABLE = /^(npm|npx|node) [\w@./:=,-]+( [\w@./:=,-]+)*$/;

describe("workshop steps are the same in PowerShell and a Unix shell", () => {
  const steps = workshopSteps(join(ROOT, "docs/workshop"));

  test("every step marker is read as a step (an attribute with > would hide it)", () => {
    const markers = readdirSync(join(ROOT, "docs/workshop")).filter((f) => /^\d\d-.*\.md$/.test(f))
      .reduce((n, f) => n + (readFileSync(join(ROOT, "docs/workshop", f), "utf8").match(/<!--\s*stap\b/g)?.length ?? 0), 0);
    expect(steps).toHaveLength(markers);
  });

  test("every line of every step is a plain npm, npx or node call", () => {
    expect(steps.length).toBeGreaterThanOrEqual(15);
    const odd = steps.flatMap((s) => s.command.split("\n").filter((line) => !PORTABLE.test(line.trim())).map((line) => `${s.id}: ${line}`));
    expect(odd).toEqual([]);
    // The check itself: what the workshop used before would not pass.
    for (const line of ["head -3 werkmap/levering/inbraken.csv", "sed -i -E '5s/a/b/' x.csv", "printf 'a\\n' > x.csv", "npm run -s check-data -- x --json > verslag.json", "node -e 'x'"]) expect(PORTABLE.test(line), line).toBe(false);
  });

  test("every npm run script a step uses exists", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    const used = new Set(steps.flatMap((s) => [...s.command.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1])));
    expect([...used].filter((name) => !(name in scripts))).toEqual([]);
    expect(used).toContain("workshop");
    // npm runs scripts through cmd.exe on Windows: no Unix-only `VAR=value command` in them.
    expect(Object.entries(scripts).filter(([, line]) => /(^|&&\s*)[A-Z_]+=\S+\s/.test(line))).toEqual([]);
  });
});

const HEADER = "registratienummer;soort;pleegdatum_van;gemeentecode;werkwijze";
const ROWS = ["R1;inbraak;2024-01-05;GM0153;raam", "R2;poging;2024-01-06;GM0164;deur", "R3;inbraak;2024-01-07;GM0153;raam", "R4;inbraak;2024-01-08;GM0141;raam", "R5;poging;2024-01-09;GM1735;deur", "R6;inbraak;2024-01-10;GM0163;raam"];
function csvFile(eol = "\n"): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-workshop-"));
  const path = join(dir, "inbraken.csv");
  writeFileSync(path, [HEADER, ...ROWS].join(eol) + eol);
  return path;
}

describe("npm run workshop", () => {
  test("breek changes line 5's soort and line 6's code, herstel undoes exactly that; each refuses a second time", () => {
    for (const eol of ["\n", "\r\n"]) {
      const path = csvFile(eol);
      const original = readFileSync(path, "utf8");
      expect(breakRows(path)).toEqual(["regel 5, kolom soort: inbraak -> onbekend", "regel 6, kolom gemeentecode: GM1735 -> GM1735X"]);
      const broken = readFileSync(path, "utf8").split(eol);
      expect(broken[4]).toBe("R4;onbekend;2024-01-08;GM0141;raam");
      expect(broken[5]).toBe("R5;poging;2024-01-09;GM1735X;deur");
      expect(runWorkshop(["breek", path])).toEqual({exitCode: 1, output: expect.stringContaining("regel 5 van")});
      expect(readFileSync(path, "utf8").split(eol)).toEqual(broken);
      repairRows(path);
      expect(readFileSync(path, "utf8")).toBe(original);
      expect(runWorkshop(["herstel", path]).exitCode).toBe(1);
    }
  });

  test("kop prints the first lines; unknown steps and missing files are Dutch errors", () => {
    const path = csvFile();
    expect(head(path, 2)).toBe(`${HEADER}\n${ROWS[0]}`);
    expect(runWorkshop(["kop", path])).toEqual({exitCode: 0, output: [HEADER, ROWS[0], ROWS[1]].join("\n")});
    expect(runWorkshop(["kop", path, "nul"]).output).toContain("ongeldig aantal regels");
    expect(runWorkshop(["kop", join(tmpdir(), "bestaat-niet.csv")]).output).toMatch(/^Fout: .*bestaat niet/);
    expect(runWorkshop(["sed"])).toMatchObject({exitCode: 1, output: expect.stringContaining("Onbekende stap: sed")});
  });
});

describe("check-data output can be piped as documented", () => {
  test("npm run -s check-data -- <map> --json prints the JSON alone (no npm banner)", () => {
    const dir = join(csvFile(), "..");
    const result = spawnSync("npm", ["run", "-s", "check-data", "--", dir, "--json", "--quarantaine", join(dir, "..", "q")], {cwd: ROOT, encoding: "utf8"});
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.usable).toBe(true);
    expect(json.files.find((f: {file: string}) => f.file === "inbraken.csv").read).toBe(ROWS.length);
  });
});
