import {describe, expect, test} from "vitest";
import {dstShares, dstTable, monthIndexTable, sunsetTable} from "../../../src/lib/hypotheses/season.js";

describe("dark-evenings page tables", () => {
  test("the month index table names each month and gives incidents per day against the average day", () => {
    // 62 in 31 days and 28 in 28 days: 90 in 59 days on average; January 2/(90/59) = 131.1, February 1/(90/59) = 65.6.
    expect(monthIndexTable([{month: 1, incidents: 62, days: 31}, {month: 2, incidents: 28, days: 28}])).toEqual([
      {maand: "jan", inbraken: 62, dagen: 31, index: "131,1"},
      {maand: "feb", inbraken: 28, dagen: 28, index: "65,6"}
    ]);
    expect(monthIndexTable([])).toEqual([]);
  });

  test("the sunset table says 'verborgen' for a hidden hour and one decimal otherwise", () => {
    expect(sunsetTable([{season: "winter", relative_hour: -1, weight: 12.345}, {season: "winter", relative_hour: 0, weight: null}])).toEqual([
      {"uur t.o.v. zonsondergang": -1, gewicht: "12,3"},
      {"uur t.o.v. zonsondergang": 0, gewicht: "verborgen"}
    ]);
  });

  test("clock-change shares are of each week's shown weight; a hidden hour is a gap", () => {
    const rows = [
      {week: "voor", hour: 17, weight: 1}, {week: "voor", hour: 18, weight: 3},
      {week: "na", hour: 17, weight: 2}, {week: "na", hour: 18, weight: null}, {week: "na", hour: 19, weight: 6}
    ];
    expect(dstShares(rows)).toEqual([
      {hour: 17, week: "week vóór", aandeel: 0.25}, {hour: 18, week: "week vóór", aandeel: 0.75},
      {hour: 17, week: "week na", aandeel: 0.25}, {hour: 18, week: "week na", aandeel: null}, {hour: 19, week: "week na", aandeel: 0.75}
    ]);
    // The download lists the week before first, whatever the row order.
    expect(dstTable([rows[2], rows[0], rows[3]])).toEqual([
      {week: "voor", klokuur: 17, gewicht: "1,00"},
      {week: "na", klokuur: 17, gewicht: "2,00"},
      {week: "na", klokuur: 18, gewicht: "verborgen"}
    ]);
  });
});
