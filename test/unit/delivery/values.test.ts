import {describe, expect, test} from "vitest";
import {
  formatCivil, municipalityOf, parseBuurtcode, parseDate, parseDecimal, parseGemeentecode, parseInteger, parseJaNee,
  parsePostcode, parseSoort
} from "../../../loaders/delivery/values.js";

describe("parseDate", () => {
  test.each([
    ["2023-12-31", "2023-12-31 00:00", false],
    ["31-12-2023", "2023-12-31 00:00", false],
    ["31-12-2023 22:15", "2023-12-31 22:15", true],
    ["2024-02-29T07:05:59", "2024-02-29 07:05", true],
    ["01-03-2024 00:00:00", "2024-03-01 00:00", true]
  ])("%s", (text, civil, hasTime) => {
    const parsed = parseDate(text)!;
    expect(formatCivil(parsed.minutes)).toBe(civil);
    expect(parsed.hasTime).toBe(hasTime);
  });

  test.each(["", "2023-13-01", "2023-02-30", "2023-02-29", "10-10-22", "1-2-2023", "1-2-2023 3:04", "2023/01/01", "2023-01-01 24:00", "2023-01-01 12:60", " 2023-01-01", "2023-01-01x"])(
    "rejects %j", (text) => expect(parseDate(text)).toBeUndefined()
  );
});

describe("numbers", () => {
  test("decimal point and decimal comma", () => {
    expect(parseDecimal("256117,5")).toBe(256117.5);
    expect(parseDecimal("256117.5")).toBe(256117.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal(",5")).toBe(0.5);
  });
  test.each(["", "1e3", "1.000,5", " 12", "12 ", "abc", "1,2,3"])("rejects decimal %j", (t) => expect(parseDecimal(t)).toBeUndefined());
  test.each(["1e3", " 12", "1.0", ""])("rejects integer %j", (t) => expect(parseInteger(t)).toBeUndefined());
  test("integer", () => expect(parseInteger("42")).toBe(42));
});

describe("codes", () => {
  test("municipality codes normalise, with or without GM", () => {
    expect(parseGemeentecode("GM0153")).toBe("GM0153");
    expect(parseGemeentecode("gm0153")).toBe("GM0153");
    expect(parseGemeentecode("0153")).toBe("GM0153");
    expect(parseGemeentecode("GM153")).toBeUndefined();
  });
  test("neighbourhood codes name their municipality", () => {
    expect(parseBuurtcode("BU01530301")).toBe("BU01530301");
    expect(parseBuurtcode("BU0153030")).toBeUndefined();
    expect(municipalityOf("BU01530301")).toBe("GM0153");
    expect(municipalityOf("WK015303")).toBe("GM0153");
  });
  test("postcodes PC4 and PC6", () => {
    expect(parsePostcode("7511")).toEqual({pc4: "7511", pc6: null});
    expect(parsePostcode("7511 ab")).toEqual({pc4: "7511", pc6: "7511AB"});
    expect(parsePostcode("0511")).toBeUndefined();
    expect(parsePostcode("75111")).toBeUndefined();
  });
  test("soort in template and police wording", () => {
    expect(parseSoort("Woninginbraak")).toBe("inbraak");
    expect(parseSoort("Poging tot woninginbraak")).toBe("poging");
    expect(parseSoort("inbraak")).toBe("inbraak");
    expect(parseSoort("diefstal")).toBeUndefined();
  });
  test("ja/nee", () => {
    expect(parseJaNee("Ja")).toBe(true);
    expect(parseJaNee("nee")).toBe(false);
    expect(parseJaNee("misschien")).toBeUndefined();
  });
});
