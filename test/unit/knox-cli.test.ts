import {execFile} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import iconv from "iconv-lite";
import {afterAll, describe, expect, test} from "vitest";
import {parseDay, parseKnoxArgs, parseNumberNl, readIncidentCsv, runKnoxCli} from "../../loaders/cli/knox.js";

const REFERENCE = "/work/shared/data/reference/near-repeat";
const FIXTURE = "test/fixtures/knox/inbraken-hand.csv";
const HAND_ARGS = ["--x", "x_rd", "--y", "y_rd", "--date", "pleegdatum", "--space-bands", "0,1,100,200", "--time-bands", "0,7,14", "--permutations", "19"];
const tmp = mkdtempSync(join(tmpdir(), "knox-cli-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function tmpFile(name: string, content: string | Buffer): string {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
}

describe("parseDay and parseNumberNl", () => {
  test("read ISO and Dutch dates, with or without a time, as whole days", () => {
    expect(parseDay("1970-01-02")).toBe(1);
    expect(parseDay("02-01-1970")).toBe(1);
    expect(parseDay("2024-03-01 22:15")).toBe(parseDay("01-03-2024"));
    expect(parseDay("2024-03-01T23:59:59")).toBe(parseDay("2024-03-01"));
    expect(parseDay("29/02/2024")).toBe(parseDay("2024-02-29"));
    expect(parseDay("2023-02-29")).toBeNaN();
    expect(parseDay("13-13-2024")).toBeNaN();
    expect(parseDay("gisteren")).toBeNaN();
  });
  test("read decimal points and decimal commas", () => {
    expect(parseNumberNl("253123.45")).toBe(253123.45);
    expect(parseNumberNl("253123,45")).toBe(253123.45);
    expect(parseNumberNl("253.123,45")).toBe(253123.45);
    expect(parseNumberNl("")).toBeNaN();
    expect(parseNumberNl("twee")).toBeNaN();
  });
});

describe("parseKnoxArgs", () => {
  test("fills defaults and reads every option", () => {
    const args = parseKnoxArgs(["a.csv", "--distance=euclidean", "--permutations", "99", "--seed", "7", "--near", "200,14", "--json"]);
    expect(args).toMatchObject({file: "a.csv", x: "x", y: "y", date: "date", distance: "euclidean", permutations: 99, seed: 7, near: [200, 14], json: true});
    expect(args.spaceBands).toEqual([0, 1, 100, 200, 300, 400]);
    expect(args.timeBands).toEqual([0, 7, 14, 21, 28]);
  });
  test.each([
    [["a.csv", "--space-bands", "0,200,100"], "Ongeldige --space-bands \"0,200,100\""],
    [["a.csv", "--time-bands", "-1,7"], "Ongeldige --time-bands"],
    [["a.csv", "--permutations", "0"], "Ongeldig aantal --permutations \"0\""],
    [["a.csv", "--distance", "hemelsbreed"], "kies manhattan of euclidean"],
    [["a.csv", "--kolom", "x"], "Onbekende optie: --kolom"],
    [["a.csv", "--x"], "Optie --x mist een waarde"],
    [[], "Geen bestand opgegeven"]
  ])("rejects %j in Dutch", (argv, message) => {
    expect(() => parseKnoxArgs(argv)).toThrow(message);
  });
});

describe("runKnoxCli", () => {
  test("runs on a ;-separated Dutch export (decimal commas, DD-MM-YYYY with times)", () => {
    const out = runKnoxCli([FIXTURE, ...HAND_ARGS]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    // The hand-laid case of knox.test.ts, moved to RD coordinates.
    expect(out.result!.observed).toEqual([[1, 0, 0], [0, 2, 0], [0, 0, 3], [2, 1, 1]]);
    expect(out.stdout).toContain("Waargenomen aantal paren");
    expect(out.stdout).toContain("p-waarde");
    expect(out.stdout).toMatch(/\[100, 200\) m\s+0\s+0\s+3/);
    expect(out.stdout).toContain("[14, ∞) d");
  });
  test("prints JSON with --json (NaN as null) and the near-repeat share with --near", () => {
    const out = runKnoxCli([FIXTURE, ...HAND_ARGS, "--json", "--near", "200,14"]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.observed).toEqual([[1, 0, 0], [0, 2, 0], [0, 0, 3], [2, 1, 1]]);
    expect(json.spaceBands[3]).toMatchObject({lower: 200, upper: null, label: "[200, ∞) m"});
    expect(json.nearRepeatShare).toMatchObject({count: 3, n: 5, share: 0.6});
    expect(json.options.permutations).toBe(19);
    expect(json.pValue).toHaveLength(4);
  });
  test("reads Windows-1252 files", () => {
    const text = readFileSync(FIXTURE, "utf8").replace("wijk", "wijk_é").replace("Roombeek", "Roombeek-Één");
    const file = tmpFile("cp1252.csv", iconv.encode(text, "win1252"));
    const out = runKnoxCli([file, ...HAND_ARGS, "--json"]);
    expect(out.code).toBe(0);
    expect(out.result!.observed[2]).toEqual([0, 0, 3]);
  });
  test("names a missing file", () => {
    const out = runKnoxCli([join(tmp, "bestaat-niet.csv")]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("Bestand niet gevonden:");
    expect(out.stderr).toContain("bestaat-niet.csv");
  });
  test("names an unknown column and lists the available ones", () => {
    const out = runKnoxCli([FIXTURE, ...HAND_ARGS, "--date", "datum"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Kolom "datum" (--date) bestaat niet`);
    expect(out.stderr).toContain("Beschikbare kolommen: x_rd, y_rd, pleegdatum, wijk");
  });
  test("names the line of a bad number or date", () => {
    const bad = readFileSync(FIXTURE, "utf8").split("\n");
    bad[3] = bad[3].replace("250050,0", "2500x50");
    const out = runKnoxCli([tmpFile("bad-number.csv", bad.join("\n")), ...HAND_ARGS]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Regel 4: "2500x50" in kolom "x_rd" is geen getal`);
    const badDate = readFileSync(FIXTURE, "utf8").replace("31-03-2024", "31-04-2024");
    const out2 = runKnoxCli([tmpFile("bad-date.csv", badDate), ...HAND_ARGS]);
    expect(out2.code).toBe(1);
    expect(out2.stderr).toContain(`Regel 5: "31-04-2024" in kolom "pleegdatum" is geen geldige datum`);
  });
  test("prints usage with --help and exits 0", () => {
    const out = runKnoxCli(["--help"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Gebruik: npm run knox");
  });
  test("reads a comma-separated file directly", () => {
    const rows = readIncidentCsv("x,y,date\n0,0,2024-01-01\n3,4,2024-01-09\n", {x: "x", y: "y", date: "date"});
    expect(rows.separator).toBe(",");
    expect(Array.from(rows.t)).toEqual([parseDay("2024-01-01"), parseDay("2024-01-01") + 8]);
  });
});

describe.skipIf(!existsSync(REFERENCE))("knox CLI on the NRC's Chicago data", () => {
  // The Chicago CSVs have no header: write a copy with one.
  const file = existsSync(REFERENCE)
    ? tmpFile("chicago_be_month1.csv", "x,y,date\n" + readFileSync(join(REFERENCE, "chicago_be_month1.csv"), "utf8"))
    : "";
  const args = ["--space-bands", "0,1,100,200,300", "--time-bands", "0,7,14,21", "--distance", "manhattan", "--permutations", "19", "--seed", "1"];
  const NRC = [[28, 5, 5, 2], [44, 13, 8, 4], [97, 56, 19, 16], [77, 67, 45, 20], [182194, 146149, 95237, 45879]];

  test("reproduces the NRC's observed table (in-process)", () => {
    const out = runKnoxCli([file, ...args, "--json"]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).observed).toEqual(NRC);
  });

  // As `npm run knox` starts it: the tool's esbuild bundle in plain Node (scripts/cli.mjs).
  test("reproduces it through a real spawn of the tool, as npm run knox starts it", async () => {
    const {stdout} = await promisify(execFile)(process.execPath, ["scripts/cli.mjs", "knox", file, ...args, "--json"], {cwd: process.cwd()});
    expect(JSON.parse(stdout).observed).toEqual(NRC);
    const failed = await promisify(execFile)(process.execPath, ["scripts/cli.mjs", "knox", file, "--x", "X"]).then(() => null, (e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Kolom "X" (--x) bestaat niet`);
  });
});
