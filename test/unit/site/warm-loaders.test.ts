// Loaders run in one process before the build (loaders/site/warm-loaders.ts): each output lands where
// Framework's cache keeps it, byte for byte what the loader printed; a failing loader is reported and
// left for Framework; loaders in other languages are left alone; stdout is given back.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, expect, test} from "vitest";
import {warmLoaders} from "../../../loaders/site/warm-loaders.js";

const root = mkdtempSync(join(tmpdir(), "inbraaklab-warm-"));
afterAll(() => rmSync(root, {recursive: true, force: true}));

test("every Node loader's output is cached; a failing one is reported and not cached", async () => {
  mkdirSync(join(root, "data"), {recursive: true});
  // Text in two writes (one with a callback, as writePublished does), bytes, a failure, a Python loader.
  writeFileSync(join(root, "data", "a.json.js"), `await new Promise((r) => process.stdout.write('{"a":', () => r()));\nprocess.stdout.write("1}");\n`);
  writeFileSync(join(root, "data", "b.bin.js"), `process.stdout.write(new Uint8Array([0, 255, 7]));\n`);
  writeFileSync(join(root, "data", "c.txt.js"), `process.stdout.write("half");\nthrow new Error("kapot");\n`);
  writeFileSync(join(root, "data", "d.csv.py"), `print("x")\n`);
  writeFileSync(join(root, "top.json.js"), `process.stdout.write("[]");\n`);
  const write: unknown = Reflect.get(process.stdout, "write");
  const seen: string[] = [];
  const result = await warmLoaders(root, (i, n, output) => seen.push(`${i}/${n} ${output}`));

  expect(Reflect.get(process.stdout, "write")).toBe(write);
  expect(result.written).toEqual(["data/a.json", "data/b.bin", "top.json"]);
  expect(result.failed).toEqual([{output: "data/c.txt", error: "kapot"}]);
  expect(seen).toEqual(["1/4 data/a.json", "2/4 data/b.bin", "3/4 data/c.txt", "4/4 top.json"]);
  const cache = join(root, ".observablehq", "cache");
  expect(readFileSync(join(cache, "data", "a.json"), "utf8")).toBe('{"a":1}');
  expect([...readFileSync(join(cache, "data", "b.bin"))]).toEqual([0, 255, 7]);
  expect(readFileSync(join(cache, "top.json"), "utf8")).toBe("[]");
  // No half output for the failed loader (Framework would serve it as fresh), none for Python.
  expect(existsSync(join(cache, "data", "c.txt"))).toBe(false);
  expect(existsSync(join(cache, "data", "d.csv"))).toBe(false);
});
