import {describe, expect, test} from "vitest";
import {pc4Totals, type Pc4Row} from "../../../src/lib/pc4.js";

const m = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, 1);
const rows: Pc4Row[] = [
  {pc4: "7512", gemeentecode: "GM0153", month: m("2025-01"), soort: "inbraak", count: 3},
  {pc4: "7512", gemeentecode: "GM0153", month: m("2025-02"), soort: "poging", count: 1},
  {pc4: "7512", gemeentecode: "GM0153", month: m("2024-12"), soort: "inbraak", count: 9},
  {pc4: "7550", gemeentecode: "GM0164", month: m("2025-03"), soort: "inbraak", count: 2},
  {pc4: "7550", gemeentecode: "GM0153", month: m("2025-03"), soort: "inbraak", count: 2}
];

describe("pc4Totals", () => {
  test("sums the period per postcode, by soort, largest first; a postcode across a border names both municipalities", () => {
    expect(pc4Totals(rows, {from: "2025-01", to: "2025-12", area: "regio", soort: "alle"})).toEqual([
      {pc4: "7512", gemeentecode: "GM0153", inbraak: 3, poging: 1, totaal: 4},
      {pc4: "7550", gemeentecode: "GM0153, GM0164", inbraak: 4, poging: 0, totaal: 4}
    ]);
  });

  test("filters a municipality and a soort", () => {
    expect(pc4Totals(rows, {from: "2024-01", to: "2025-12", area: "GM0164", soort: "alle"})).toEqual([{pc4: "7550", gemeentecode: "GM0164", inbraak: 2, poging: 0, totaal: 2}]);
    expect(pc4Totals(rows, {from: "2024-01", to: "2025-12", area: "GM0153", soort: "poging"})).toEqual([{pc4: "7512", gemeentecode: "GM0153", inbraak: 0, poging: 1, totaal: 1}]);
    expect(() => pc4Totals(rows, {from: "2025-12", to: "2025-01", area: "regio", soort: "alle"})).toThrow(/invalid period/);
  });
});
