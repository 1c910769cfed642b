import {describe, expect, test} from "vitest";
import {tableHeader} from "../../../src/lib/table-header.js";

describe("table headers", () => {
  test("snake_case columns get Dutch headers; other columns are left alone", () => {
    expect(tableHeader([{gemeente: "Enschede", tot_nu_toe: 3, aandeel_van_doel: 0.5, x_rd: "1", per_1000_woningen: 2}])).toEqual({
      tot_nu_toe: "tot nu toe", aandeel_van_doel: "aandeel van doel", x_rd: "x (RD)", per_1000_woningen: "per 1.000 woningen"
    });
    expect(tableHeader(["eb_per_1000_woningen", "aandeel_procent"], {exposure: "inwoners"})).toEqual({
      eb_per_1000_woningen: "per 1.000 inwoners (Empirical Bayes)", aandeel_procent: "aandeel (%)"
    });
    expect(() => tableHeader(null as never)).toThrow("invalid rows");
  });
});
