import {describe, expect, test} from "vitest";
import {completeYears, defaultFilters, defaultPeriod, defaultPeriodPhrase, filterText, inPeriod, readFilters, writeFilters} from "../../src/lib/filters.js";

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

/** Every month from `from` to `to` inclusive, `YYYY-MM`. */
function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = +from.slice(0, 4), m = +from.slice(5); `${y}-${String(m).padStart(2, "0")}` <= to; m === 12 ? (y++, m = 1) : m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

describe("default period per chart (issue 14, item 3)", () => {
  // The real police sample's span: April 2023 to June 2026.
  const real = monthRange("2023-04", "2026-06");
  const long = monthRange("2015-01", "2026-06");
  test("complete years are those with all twelve months", () => {
    expect(completeYears(real)).toEqual([2024, 2025]);
    expect(completeYears(monthRange("2024-02", "2024-12"))).toEqual([]);
  });
  test("jaren: the last complete years, at most five; a short delivery gives what it has", () => {
    expect(defaultPeriod(long, "jaren")).toEqual({from: "2021-01", to: "2025-12"});
    expect(defaultPeriod(real, "jaren")).toEqual({from: "2024-01", to: "2025-12"});
    expect(defaultPeriodPhrase(real, "jaren")).toBe("de laatste 2 volledige kalenderjaren");
    expect(defaultPeriod(monthRange("2024-02", "2024-12"), "jaren")).toEqual({from: "2024-02", to: "2024-12"});
  });
  test("jaar: the last complete calendar year, else the last 12 months; maanden: the last 12 months", () => {
    expect(defaultPeriod(real, "jaar")).toEqual({from: "2025-01", to: "2025-12"});
    expect(defaultPeriod(monthRange("2024-02", "2025-03"), "jaar")).toEqual({from: "2024-04", to: "2025-03"});
    expect(defaultPeriod(real, "maanden")).toEqual({from: "2025-07", to: "2026-06"});
    expect(defaultPeriod(real)).toEqual(defaultPeriod(real, "maanden"));
  });
  test("a partly covered end month is never a default's end, nor part of a complete year", () => {
    // The real sample stops on 7 June 2026 and starts on 20 April 2023.
    const partial = ["2023-04", "2026-06"];
    expect(defaultPeriod(real, "maanden", partial)).toEqual({from: "2025-06", to: "2026-05"});
    expect(defaultPeriodPhrase(real, "maanden", partial)).toBe("de laatste 12 volledige maanden");
    expect(defaultFilters({months: real, gemeenten: [], partial})).toMatchObject({from: "2025-06", to: "2026-05"});
    // A delivery that stops on 10 December 2025: 2025 is not a complete year.
    const toDec = monthRange("2023-01", "2025-12");
    expect(completeYears(toDec, ["2025-12"])).toEqual([2023, 2024]);
    expect(defaultPeriod(toDec, "jaar", ["2025-12"])).toEqual({from: "2024-01", to: "2024-12"});
  });
  test("a page's default is left out of its URL, another page's default is not", () => {
    const jaren = {months: real, gemeenten: [], period: "jaren" as const};
    expect(readFilters("", jaren)).toMatchObject({from: "2024-01", to: "2025-12"});
    expect(writeFilters(defaultFilters(jaren), jaren)).toBe("");
    expect(writeFilters(defaultFilters(jaren), {months: real, gemeenten: []})).toBe("?van=2024-01&tot=2025-12");
  });
});
