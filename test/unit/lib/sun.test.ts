import {describe, expect, test} from "vitest";
import {amsterdamOffsetMinutes, minutesFromSunset, sunsetCivilMinute, sunsetHistogram, sunsetLookup} from "../../../src/lib/sun.js";

const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const clock = (minute: number) => `${String(Math.floor((minute % 1440) / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

describe("amsterdamOffsetMinutes", () => {
  test("switches at 01:00 UTC on the last Sundays of March and October", () => {
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 0, 15))).toBe(60);
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 6, 1))).toBe(120);
    // 2024: summer time from 31 March 01:00 UTC to 27 October 01:00 UTC.
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 2, 31, 0, 59))).toBe(60);
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 2, 31, 1, 0))).toBe(120);
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 9, 27, 0, 59))).toBe(120);
    expect(amsterdamOffsetMinutes(Date.UTC(2024, 9, 27, 1, 0))).toBe(60);
    expect(() => amsterdamOffsetMinutes(NaN)).toThrow("invalid instant");
  });

  test("agrees with the platform's time zone data for every day of two years", () => {
    const fmt = new Intl.DateTimeFormat("en-GB", {timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23"});
    for (let t = Date.UTC(2023, 0, 1, 12); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
      const [h] = fmt.format(new Date(t)).split(":").map(Number);
      expect(amsterdamOffsetMinutes(t)).toBe((h - 12) * 60);
    }
  });
});

describe("sunset", () => {
  test("Twente's sunset: about 16:30 at midwinter and 22:00 at midsummer (civil time)", () => {
    expect(clock(sunsetCivilMinute(dayOf(2024, 12, 21)) - dayOf(2024, 12, 21) * 1440)).toMatch(/^16:(2|3)\d$/);
    expect(clock(sunsetCivilMinute(dayOf(2024, 6, 21)) - dayOf(2024, 6, 21) * 1440)).toMatch(/^(21:5\d|22:0\d)$/);
    expect(() => sunsetCivilMinute(1.5)).toThrow("invalid day");
  });

  test("minutesFromSunset measures to the nearest sunset", () => {
    const lookup = (d: number) => d * 1440 + 17 * 60; // a fixed 17:00 sunset
    const day = dayOf(2024, 1, 10) * 1440;
    expect(minutesFromSunset(day + 19 * 60, lookup)).toBe(120);
    expect(minutesFromSunset(day + 15 * 60, lookup)).toBe(-120);
    expect(minutesFromSunset(day + 2 * 60, lookup)).toBe(9 * 60); // after yesterday's sunset
    expect(minutesFromSunset(day + 23 * 60 + 30, lookup)).toBe(6 * 60 + 30);
  });
});

describe("sunsetHistogram", () => {
  const fixed = (d: number) => d * 1440 + 17 * 60;
  const day = dayOf(2024, 1, 10) * 1440;

  test("an exact time goes into one bin; a window is spread in proportion", () => {
    const one = sunsetHistogram(day + 18 * 60 + 30, day + 18 * 60 + 30, new Float64Array(24), fixed);
    expect(one[13]).toBe(1); // 1.5 h after sunset: bin [1, 2) = index 13
    const spread = sunsetHistogram(day + 16 * 60, day + 18 * 60 - 1, new Float64Array(24), fixed);
    expect(spread[11]).toBeCloseTo(0.5, 12);
    expect(spread[12]).toBeCloseTo(0.5, 12);
  });

  test("keeps the total weight for long windows, and rejects bad input", () => {
    const week = sunsetHistogram(day, day + 10 * 1440, new Float64Array(24), sunsetLookup());
    expect(week.reduce((a, b) => a + b)).toBeCloseTo(1, 9);
    expect(week.every((w) => w > 0.02 && w < 0.06)).toBe(true);
    expect(() => sunsetHistogram(5, 1, new Float64Array(24), fixed)).toThrow("invalid window");
    expect(() => sunsetHistogram(1, 5, new Float64Array(12), fixed)).toThrow("invalid bins length");
  });
});
