import {describe, expect, test} from "vitest";
import {PARTIAL_MONTH_CHANCE, partialMonths} from "../../../loaders/pipeline/time.js";
import {fullYears} from "../../../loaders/analyses/common.js";
import type {LinkedIncident} from "../../../loaders/delivery/read.js";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe("partialMonths", () => {
  test("a busy delivery from 20 April to 7 June covers both end months only in part", () => {
    // The real police sample's shape: about two incidents a day.
    expect(partialMonths(day("2023-04-20"), day("2026-06-07"), 2304)).toEqual(["2023-04", "2026-06"]);
  });
  test("whole months at both ends are whole", () => {
    expect(partialMonths(day("2021-01-01"), day("2025-12-31"), 27_000)).toEqual([]);
  });
  test("a gap that is likely at the delivery's rate is chance, not a partial month", () => {
    // 100 incidents a year: about 0.27 a day, so 10 quiet days have chance exp(-2.7) = 7%.
    expect(partialMonths(day("2024-01-11"), day("2024-12-21"), 95)).toEqual([]);
    // 20 quiet days at that rate: exp(-5.5) = 0.4%, below the 1% line.
    expect(partialMonths(day("2024-01-21"), day("2024-12-31"), 95)).toEqual(["2024-01"]);
  });
  test("the line sits at the stated chance: one day either side of it", () => {
    const rate = 2; // incidents a day
    const gap = Math.ceil(Math.log(1 / PARTIAL_MONTH_CHANCE) / rate); // 3 days
    const first = day("2023-01-01"), last = day("2025-12-31") - gap;
    expect(partialMonths(first, last, rate * (last - first + 1))).toEqual(["2025-12"]);
    expect(partialMonths(first, last + 1, rate * (last - first + 2))).toEqual([]);
  });
  test("no incidents, no months", () => {
    expect(partialMonths(Infinity, -Infinity, 0)).toEqual([]);
  });
});

describe("fullYears", () => {
  const incident = (iso: string) => ({start: day(iso) * 1440}) as unknown as LinkedIncident;
  test("a year with January and December is full unless the delivery stops inside December", () => {
    // Two a day from 1 January 2024; one delivery runs to 31 December 2025, the other to 7 December 2025.
    const days = (to: string) => {
      const out: LinkedIncident[] = [];
      for (let d = day("2024-01-01"); d <= day(to); d++) out.push(incident(new Date(d * 86_400_000).toISOString().slice(0, 10)), incident(new Date(d * 86_400_000).toISOString().slice(0, 10)));
      return out;
    };
    expect(fullYears(days("2025-12-31"))).toEqual([2024, 2025]);
    expect(fullYears(days("2025-12-07"))).toEqual([2024]);
  });
});
