import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect, test} from "vitest";
import {copyFindings} from "../../scripts/postbuild.js";

test("copyFindings puts the hashed findings file at a stable path, and refuses zero or two", () => {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-postbuild-"));
  expect(() => copyFindings(dir)).toThrow(/found 0/);
  mkdirSync(join(dir, "_file", "data"), {recursive: true});
  writeFileSync(join(dir, "_file", "data", "findings.0a1b2c3d.json"), '[{"id": "knox.near_repeat"}]');
  expect(copyFindings(dir)).toBe(join(dir, "findings.json"));
  expect(JSON.parse(readFileSync(join(dir, "findings.json"), "utf8"))).toEqual([{id: "knox.near_repeat"}]);
  writeFileSync(join(dir, "_file", "data", "findings.ffff0000.json"), "[]");
  expect(() => copyFindings(dir)).toThrow(/found 2/);
});
