// Fractional tables: the linear-constraint attack and the suppression built on it.
import {describe, expect, test} from "vitest";
import {determinedCells, lineEquations} from "../../../src/lib/privacy/linear-attack.js";
import {protectWeights} from "../../../src/lib/privacy/weights.js";

describe("determinedCells", () => {
  test("finds a lone hidden cell of a line with a known total, and not two", () => {
    const eq = lineEquations([{members: [0, 1, 2], total: 6.5}]);
    expect(determinedCells([1.5, 2, 3], [true, false, false], eq)).toEqual([{index: 0, value: 1.5}]);
    expect(determinedCells([1.5, 2, 3], [true, true, false], eq)).toEqual([]);
  });

  test("solves across lines: a 2 x 2 table with row, column and grand totals pins every hidden cell", () => {
    // cells a b / c d, rows a+b, c+d, columns a+c, b+d published as totals.
    const values = [1, 2, 3, 4];
    const eq = lineEquations([{members: [0, 1], total: 3}, {members: [2, 3], total: 7}, {members: [0, 2], total: 4}]);
    expect(determinedCells(values, [true, true, true, true], eq)).toEqual([]);
    const withB = lineEquations([{members: [0, 1], total: 3}, {members: [2, 3], total: 7}, {members: [0, 2], total: 4}, {members: [1, 3], total: 6}]);
    // Four unknowns, rank 3: not determined; showing d pins the rest.
    expect(determinedCells(values, [true, true, true, false], withB).map((d) => [d.index, d.value])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  test("a total cell that is the sum of its parts", () => {
    const eq = lineEquations([{members: [0, 1, 2]}]); // cell 0 = cell 1 + cell 2
    expect(determinedCells([5, 2, 3], [true, false, false], eq)).toEqual([{index: 0, value: 5}]);
    expect(determinedCells([5, 2, 3], [false, true, false], eq)).toEqual([{index: 1, value: 2}]);
  });

  test("rejects mismatched input", () => {
    expect(() => determinedCells([1, 2], [true], [])).toThrow(/invalid hidden/);
  });
});

describe("protectWeights", () => {
  test("hides small weights and zeros, and a partner for a lone hidden cell", () => {
    const r = protectWeights([0.5, 7, 9, 0], {threshold: 5, lines: [{members: [0, 1, 2, 3], total: 16.5}]});
    expect(r.hidden).toEqual([true, false, false, true]);
    const lone = protectWeights([0.5, 7, 9], {threshold: 5, lines: [{members: [0, 1, 2], total: 16.5}]});
    expect(lone.hidden).toEqual([true, true, false]);
    expect(lone.reason).toEqual(["primair", "secundair", null]);
  });

  test("across groups: no hidden cell is determined after suppression (a lone incident's hours stay unknown)", () => {
    // Region = municipality A + municipality B, three hours each; A holds one incident at hour 1.
    const values = [0, 1, 0, /* A */ 9, 6, 8, /* B */ 9, 7, 8 /* region */];
    const lines = [
      {members: [0, 1, 2], total: 1}, {members: [3, 4, 5], total: 23}, {members: [6, 7, 8], total: 24},
      {members: [6, 0, 3]}, {members: [7, 1, 4]}, {members: [8, 2, 5]}
    ];
    const r = protectWeights(values, {threshold: 5, lines});
    expect(r.unresolved).toEqual([]);
    expect(r.hidden.slice(0, 3)).toEqual([true, true, true]);
    expect(determinedCells(values, r.hidden, lineEquations(lines))).toEqual([]);
    // Primary suppression alone would let the region minus B give A's hours away.
    const primary = values.map((v) => v < 5);
    expect(determinedCells(values, primary, lineEquations(lines)).map((d) => d.index)).toEqual([0, 1, 2]);
  });

  test("threshold 0 hides nothing; bad input is rejected", () => {
    expect(protectWeights([0, 1], {threshold: 0, lines: []}).hidden).toEqual([false, false]);
    expect(() => protectWeights([-1], {threshold: 5, lines: []})).toThrow(/invalid weight/);
  });
});
