import {expect, test} from "vitest";
import {NeedleIndex} from "./needles.js";

test("finds every planted needle, of any length, and float64 values at any offset", () => {
  const index = new NeedleIndex(
    [{label: "a", bytes: Buffer.from("PL0600-2012-0000001")}, {label: "b", bytes: Buffer.from("7511AB")}, {label: "c", bytes: Buffer.from("7511AC")}],
    [{label: "x", value: 256117.5}]
  );
  const x = Buffer.alloc(8);
  x.writeDoubleLE(256117.5);
  const bytes = Buffer.concat([Buffer.from("xx7511ABPL0600-2012-0000001"), Buffer.from([7]), x, Buffer.from("7511A")]);
  expect(index.find(bytes, {floats: true}).sort()).toEqual(["a", "b", "x"]);
  expect(index.find(bytes)).not.toContain("x");
  expect(index.find(Buffer.from("PL0600-2012-000000"))).toEqual([]);
});
