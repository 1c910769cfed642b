import {describe, expect, test} from "vitest";
import {MONTHS_LONG, MONTHS_SHORT, WEEKDAYS, nlMonthTick, nlPercentTick, nlTick, oneDecimal, percentOneDecimal} from "../../../src/lib/nl-format.js";

describe("Dutch tick formats", () => {
  test("numbers, percentages and months", () => {
    expect(nlTick(1000)).toBe("1.000");
    expect(nlTick(4.5)).toBe("4,5");
    expect(nlTick(10_000)).toBe("10.000");
    expect(nlPercentTick(-2.5)).toBe("-2,5%");
    expect(nlMonthTick(new Date(Date.UTC(2024, 0, 1)))).toBe("2024");
    expect(nlMonthTick(new Date(Date.UTC(2024, 2, 1)))).toBe("mrt");
    expect(nlMonthTick(Date.UTC(2024, 9, 1))).toBe("okt");
  });
});

describe("Dutch month and weekday names (from Intl)", () => {
  test("are the names the pages print, without abbreviation dots", () => {
    expect(MONTHS_SHORT).toEqual(["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]);
    expect(MONTHS_LONG).toEqual(["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]);
    expect(WEEKDAYS).toEqual(["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]);
  });
});

describe("oneDecimal and percentOneDecimal (table cells and downloads keep numbers)", () => {
  test("round half up to one decimal, and pass null and undefined on as null", () => {
    expect(oneDecimal(2.25)).toBe(2.3);
    expect(oneDecimal(-1.04)).toBe(-1);
    expect(oneDecimal(0)).toBe(0);
    expect(oneDecimal(null)).toBeNull();
    expect(oneDecimal(undefined)).toBeNull();
    expect(percentOneDecimal(0.1234)).toBe(12.3);
    expect(percentOneDecimal(0.12355)).toBe(12.4);
    expect(percentOneDecimal(1)).toBe(100);
    expect(percentOneDecimal(null)).toBeNull();
    expect(percentOneDecimal(undefined)).toBeNull();
  });
});
