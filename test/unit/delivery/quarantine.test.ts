// Tools touch only their own folders (issue 12): check-data's quarantine folder name is derived
// safely from the resolved delivery path, only a folder the tool made is replaced, and only after
// the new quarantine is written. check-data runs as a CLI in a copy of the project on `data/x/..`,
// `data/x/.`, `.` and `/`, and nothing outside its own quarantine folders changes.
import {execFileSync, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {isAbsolute, join, relative, resolve, sep} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {QUARANTINE_MARKER, quarantineName, writeQuarantine} from "../../../loaders/delivery/quarantine.js";
import {readDelivery} from "../../../loaders/delivery/read.js";

const ROOT = join(import.meta.dirname, "../../..");
const BAD = "registratienummer;soort;pleegdatum_van;gemeentecode\nR1;inbraak;2024-01-05;GM0153\nR2;diefstal;2024-01-05;GM0153\n";

describe("quarantineName", () => {
  test("is one safe path component with a hash of the resolved path", () => {
    const cases = ["data/x/..", "data/x/.", "data/x", "data/x/", ".", "..", "/", "../../etc", "a\\b", "lev ering/ü", "-rf", `${"z".repeat(300)}`];
    for (const c of cases) {
      const name = quarantineName(c);
      expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}-[0-9a-f]{8}$/);
      expect(name.includes(sep) || name.includes("/") || isAbsolute(name) || name === "." || name === "..").toBe(false);
    }
    expect(quarantineName("/")).toMatch(/^levering-[0-9a-f]{8}$/);
    expect(quarantineName("/tmp/p/data/x/..")).toBe(quarantineName("/tmp/p/data"));
    expect(quarantineName("/tmp/p/data/x/.")).toBe(quarantineName("/tmp/p/data/x"));
    expect(quarantineName("/tmp/a/levering")).not.toBe(quarantineName("/tmp/b/levering"));
  });
});

describe("writeQuarantine", () => {
  const delivery = () => {
    const dir = mkdtempSync(join(tmpdir(), "inbraaklab-qd-"));
    writeFileSync(join(dir, "inbraken.csv"), BAD);
    return readDelivery(dir, {maxRejectShare: 1});
  };

  test("never replaces a folder it did not make, and leaves it as it was", () => {
    const parent = mkdtempSync(join(tmpdir(), "inbraaklab-qw-"));
    const foreign = join(parent, "werk");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "inbraken.csv"), "mijn eigen bestand\n");
    expect(() => writeQuarantine(delivery(), foreign)).toThrow(/bestaat al en is niet door Inbraaklab gemaakt/);
    expect(readdirSync(foreign)).toEqual(["inbraken.csv"]);
    expect(readFileSync(join(foreign, "inbraken.csv"), "utf8")).toBe("mijn eigen bestand\n");
    expect(readdirSync(parent)).toEqual(["werk"]);
  });

  test("replaces its own folder with the new quarantine, leaving no temporary folders", () => {
    const parent = mkdtempSync(join(tmpdir(), "inbraaklab-qw-"));
    const dir = join(parent, "q");
    expect(writeQuarantine(delivery(), dir)).toEqual([join(dir, "inbraken.csv")]);
    writeFileSync(join(dir, "oud.csv"), "stale\n");
    writeQuarantine(delivery(), dir);
    expect(readdirSync(dir).sort()).toEqual([QUARANTINE_MARKER, "inbraken.csv"]);
    expect(readFileSync(join(dir, "inbraken.csv"), "utf8")).toContain("ongeldige_soort");
    expect(readdirSync(parent)).toEqual(["q"]);
  });
});

/** Every path under `dir` (node_modules excluded) with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path);
      if (rel === "node_modules") continue;
      const stat = lstatSync(path);
      if (stat.isDirectory()) out.set(rel + "/", "dir"), walk(path);
      else out.set(rel, createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

describe("check-data on hostile paths in a copy of the project", () => {
  const copy = mkdtempSync(join(tmpdir(), "inbraaklab-qcopy-"));
  afterAll(() => rmSync(copy, {recursive: true, force: true}));
  for (const part of ["loaders", join("src", "lib"), join("scripts", "cli.mjs"), "package.json", "tsconfig.json"]) cpSync(join(ROOT, part), join(copy, part), {recursive: true});
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(copy, "node_modules"));
  // data/ is itself a delivery (so data/x/.. has rejects to quarantine), with a delivery in x and
  // another in y, and an earlier quarantine of y.
  mkdirSync(join(copy, "data", "x"), {recursive: true});
  mkdirSync(join(copy, "data", "y"));
  writeFileSync(join(copy, "data", "inbraken.csv"), BAD);
  writeFileSync(join(copy, "data", "x", "inbraken.csv"), BAD);
  writeFileSync(join(copy, "data", "y", "inbraken.csv"), BAD);
  const yQuarantine = join(copy, "data", "quarantaine", quarantineName(join(copy, "data", "y")));
  mkdirSync(yQuarantine, {recursive: true});
  writeFileSync(join(yQuarantine, QUARANTINE_MARKER), "");
  writeFileSync(join(yQuarantine, "inbraken.csv"), "earlier\n");

  test("data/x/.., data/x/., . and / change nothing outside their own quarantine folders", () => {
    // The tool's bundle goes into the copy's .cli/ at its first start: made here, before the snapshot
    // (with no folder the tool only prints its usage).
    spawnSync(process.execPath, ["scripts/cli.mjs", "check-data"], {cwd: copy});
    const before = snapshot(copy);
    const own = new Set<string>();
    for (const arg of ["data/x/..", "data/x/.", ".", "/"]) {
      let status = 0;
      try {
        // As `npm run check-data` starts it (scripts/cli.mjs bundles the tool into the copy's .cli/ first).
        execFileSync(process.execPath, ["scripts/cli.mjs", "check-data", arg, "--max-afkeur", "1"], {cwd: copy, encoding: "utf8", stdio: "pipe"});
      } catch (error) {
        status = (error as {status: number}).status;
      }
      expect([0, 1]).toContain(status);
      own.add(join("data", "quarantaine", quarantineName(resolve(copy, arg))));
    }
    const after = snapshot(copy);
    const outside = (m: Map<string, string>) => [...m].filter(([path]) => ![...own].some((o) => path === o + "/" || path.startsWith(o + sep)) && path !== join("data", "quarantaine") + "/");
    expect(outside(after)).toEqual(outside(before));
    // The deliveries and the other quarantine are all still there, untouched.
    expect(readFileSync(join(yQuarantine, "inbraken.csv"), "utf8")).toBe("earlier\n");
    for (const d of ["data", "data/x", "data/y"]) expect(readFileSync(join(copy, d, "inbraken.csv"), "utf8")).toBe(BAD);
    // data/x/. and data/x/.. each got their own quarantine, with the marker and the rejected row.
    for (const arg of ["data/x/..", "data/x/."]) {
      const q = join(copy, "data", "quarantaine", quarantineName(resolve(copy, arg)));
      expect(readFileSync(join(q, "inbraken.csv"), "utf8")).toContain("ongeldige_soort");
      expect(existsSync(join(q, QUARANTINE_MARKER))).toBe(true);
    }
    expect(readdirSync(join(copy, "data", "quarantaine")).filter((n) => n.includes(".tmp-") || n.includes(".old-"))).toEqual([]);
  }, 300_000); // four CLI runs in subprocesses, on a shared 2-core machine
});
