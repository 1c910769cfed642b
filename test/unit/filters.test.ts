import {describe, expect, test} from "vitest";
import {defaultFilters, filterText, inPeriod, readFilters, writeFilters} from "../../src/lib/filters.js";

const domain = {months: ["2023-11", "2023-12", "2024-01", "2024-02"], gemeenten: ["GM0153", "GM0164"]};

describe("URL filters", () => {
  test("defaults: the last 12 months (here all four), the region, both kinds", () => {
    expect(defaultFilters(domain)).toEqual({from: "2023-11", to: "2024-02", gemeente: "regio", soort: "alle"});
    expect(readFilters("", domain)).toEqual(defaultFilters(domain));
  });

  test("round-trips through the query string", () => {
    const filters = {from: "2023-12", to: "2024-01", gemeente: "GM0164", soort: "poging" as const};
    const search = writeFilters(filters, domain);
    expect(search).toBe("?van=2023-12&tot=2024-01&gemeente=GM0164&soort=poging");
    expect(readFilters(search, domain)).toEqual(filters);
    expect(writeFilters(defaultFilters(domain), domain)).toBe("");
  });

  test("ignores unknown values and orders a reversed period", () => {
    expect(readFilters("?van=2024-02&tot=2023-11&gemeente=GM9999&soort=<script>", domain)).toEqual({from: "2023-11", to: "2024-02", gemeente: "regio", soort: "alle"});
    expect(readFilters("?van=1999-01", domain).from).toBe("2023-11");
  });

  test("describes the filters in Dutch and tests membership of the period", () => {
    const names = new Map([["GM0153", "Enschede"]]);
    expect(filterText({from: "2023-12", to: "2024-01", gemeente: "GM0153", soort: "inbraak"}, names)).toBe("Periode december 2023 t/m januari 2024, gemeente Enschede, alleen geslaagde inbraken.");
    const f = {from: "2023-12", to: "2024-01", gemeente: "regio", soort: "alle" as const};
    expect(inPeriod(f, "2023-12")).toBe(true);
    expect(inPeriod(f, Date.UTC(2024, 1, 1))).toBe(false);
  });
});
