import {describe, expect, test} from "vitest";
import {
  activeGroups, attemptShare, changeLabel, changeSentence, dorConnected, fileEndsBefore, lastMonthOf, monthKey, monthsBetween, percent, periodPhrase,
  MonthIndex, periodSum, periodSumMixed, perThousand, relativeChange, shiftMonth, sparkSeries, sumInPeriod, targetProgress, targetsProgress, targetTable, yearTotals
} from "../../../src/lib/overview.js";
import {safeSum} from "../../../src/lib/privacy/index.js";
import {seededRng} from "../../../src/lib/random.js";

const m = (k: string) => Date.parse(`${k}-01T00:00:00Z`);
// Column literals: two months of regio and one municipality, a hidden cell in 2024-02 poging.
const rows = [
  {area_code: "regio", month: m("2024-01"), soort: "inbraak", count: 10},
  {area_code: "regio", month: m("2024-01"), soort: "poging", count: 5},
  {area_code: "regio", month: m("2024-02"), soort: "inbraak", count: 8},
  {area_code: "regio", month: m("2024-02"), soort: "poging", count: null},
  {area_code: "GM0153", month: m("2024-01"), soort: "inbraak", count: 7},
  {area_code: "GM0153", month: m("2024-02"), soort: "inbraak", count: 6}
];

describe("months", () => {
  test("keys, shifts and lengths", () => {
    expect(monthKey(m("2024-03"))).toBe("2024-03");
    expect(monthKey(new Date(m("2024-12")))).toBe("2024-12");
    expect(shiftMonth("2024-03", -12)).toBe("2023-03");
    expect(shiftMonth("2024-12", 1)).toBe("2025-01");
    expect(shiftMonth("2024-01", -1)).toBe("2023-12");
    expect(monthsBetween("2024-01", "2024-12")).toBe(12);
    expect(() => shiftMonth("2024-3", 1)).toThrow("invalid month shift");
    expect(() => monthKey(NaN)).toThrow("invalid month");
  });
});

describe("periodSum", () => {
  test("adds shown cells and hides a sum with a hidden part", () => {
    expect(periodSum(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "inbraak"})).toEqual({value: 18, suppressed: false, lowerBound: 18, hidden: 0, covered: true});
    expect(periodSum(rows, {from: "2024-01", to: "2024-02", area: "regio", soort: "alle"})).toEqual({value: null, suppressed: true, lowerBound: 24, hidden: 1, covered: true});
    expect(periodSum(rows, {from: "2023-12", to: "2024-01", area: "regio", soort: "inbraak"}).covered).toBe(false);
  });

  test("periodSumMixed takes whole years from the yearly table", () => {
    const months = [
      {area_code: "GM0141", month: m("2024-01"), soort: "inbraak", count: null},
      ...Array.from({length: 11}, (_, i) => ({area_code: "GM0141", month: m(`2024-${String(i + 2).padStart(2, "0")}`), soort: "inbraak", count: 5})),
      {area_code: "GM0141", month: m("2025-01"), soort: "inbraak", count: 6}
    ];
    const years = [{area_code: "GM0141", year: 2024, soort: "inbraak", count: 58}, {area_code: "GM0141", year: 2024, soort: "totaal", count: 70}];
    expect(periodSumMixed(months, years, {from: "2024-01", to: "2024-12", area: "GM0141", soort: "inbraak"})).toEqual({value: 58, suppressed: false, lowerBound: 58, hidden: 0, covered: true});
    expect(periodSumMixed(months, years, {from: "2024-01", to: "2025-01", area: "GM0141", soort: "inbraak"}).value).toBe(64);
    // A part-year uses the months, and stays hidden with its hidden month.
    const part = periodSumMixed(months, years, {from: "2024-01", to: "2024-06", area: "GM0141", soort: "inbraak"});
    expect(part).toMatchObject({value: null, suppressed: true, lowerBound: 26, covered: true});
    expect(periodSumMixed(months, years, {from: "2024-06", to: "2025-02", area: "GM0141", soort: "inbraak"}).covered).toBe(false);
  });
});

describe("yearTotals", () => {
  test("sums an area's months per year and soort, and hides a year with a hidden month", () => {
    const months = [
      ...rows.filter((r) => r.area_code === "regio"),
      {area_code: "regio", month: m("2023-12"), soort: "poging", count: 0},
      {area_code: "regio", month: m("2023-11"), soort: "poging", count: 4}
    ];
    expect(yearTotals(months)).toEqual([
      {year: 2023, soort: "poging", months: 2, sum: {value: 4, suppressed: false, lowerBound: 4, hidden: 0}},
      {year: 2024, soort: "inbraak", months: 2, sum: {value: 18, suppressed: false, lowerBound: 18, hidden: 0}},
      // 5 shown and one hidden month (at least 1): "≥ 6", never 5.
      {year: 2024, soort: "poging", months: 2, sum: {value: null, suppressed: true, lowerBound: 6, hidden: 1}}
    ]);
    // A month the delivery covers in part is counted in the total but not as a whole month.
    expect(yearTotals(months, ["2023-11"]).map((t) => [t.year, t.months, t.sum.value])).toEqual([[2023, 1, 4], [2024, 2, 18], [2024, 2, null]]);
    // A year with every month hidden is still at least one per month.
    expect(yearTotals([{month: m("2022-01"), soort: "inbraak", count: null}, {month: m("2022-02"), soort: "inbraak", count: null}])[0].sum).toEqual({value: null, suppressed: true, lowerBound: 2, hidden: 2});
    expect(yearTotals([])).toEqual([]);
  });

  test("agrees with periodSum over each whole year", () => {
    const rng = seededRng(7);
    const months = Array.from({length: 36}, (_, i) => ["inbraak", "poging"].map((soort) => ({area_code: "regio", month: m(`${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`), soort, count: rng() < 0.1 ? null : Math.floor(rng() * 20)}))).flat();
    for (const t of yearTotals(months)) {
      const {covered, ...sum} = periodSum(months, {from: `${t.year}-01`, to: `${t.year}-12`, area: "regio", soort: t.soort as "inbraak" | "poging"});
      expect(covered).toBe(true);
      expect(t.sum).toEqual(sum);
      expect(t.months).toBe(12);
    }
    expect(yearTotals(months).length).toBe(6);
  });
});

describe("MonthIndex", () => {
  // The straightforward definition: scan every row for the area, soort and months of the period.
  const reference = (all: typeof rows, {from, to, area, soort}: {from: string; to: string; area: string; soort: "alle" | "inbraak" | "poging"}) => {
    const parts: (number | null)[] = [];
    const seen = new Set<string>();
    for (const r of all) {
      const k = monthKey(r.month);
      if (r.area_code !== area || (soort !== "alle" && r.soort !== soort) || k < from || k > to) continue;
      seen.add(k);
      parts.push(r.count);
    }
    return {...safeSum(parts), covered: seen.size === monthsBetween(from, to)};
  };

  test("period sums and sparklines over an index equal a scan of the rows, on random deliveries", () => {
    const rng = seededRng(7);
    for (let trial = 0; trial < 40; trial++) {
      const random: typeof rows = [];
      for (const area of ["regio", "GM0153", "GM0164"]) {
        for (let i = 0; i < 36; i++) {
          if (rng() < 0.1) continue; // a month outside the delivery
          for (const soort of ["inbraak", "poging"]) {
            if (rng() < 0.1) continue;
            random.push({area_code: area, month: m(shiftMonth("2022-01", i)), soort, count: rng() < 0.15 ? null : Math.floor(rng() * 20)});
          }
        }
      }
      const index = new MonthIndex(random);
      const from = shiftMonth("2021-10", Math.floor(rng() * 30)), to = shiftMonth(from, Math.floor(rng() * 20));
      for (const area of ["regio", "GM0153", "GM0999"]) {
        for (const soort of ["alle", "inbraak", "poging"] as const) {
          const selection = {from, to, area, soort};
          expect(periodSum(index, selection)).toEqual(reference(random, selection));
          expect(periodSum(random, selection)).toEqual(reference(random, selection));
          expect(sparkSeries(index, {to, area, soort}, 6)).toEqual(Array.from({length: 6}, (_, i) => {
            const month = shiftMonth(to, i - 5);
            const cell = reference(random, {from: month, to: month, area, soort});
            return {month, value: cell.covered ? cell.value : null};
          }));
        }
      }
    }
  });

  test("an index is reused, not rebuilt", () => {
    const index = new MonthIndex(rows);
    expect(MonthIndex.of(index)).toBe(index);
    expect(index.cells("regio", "2024-02").map((c) => c.count)).toEqual([8, null]);
    expect(index.cells("regio", "2030-01")).toEqual([]);
  });
});

describe("sentences and labels", () => {
  const period = "In de afgelopen 12 maanden";
  test("the example from the brief", () => {
    expect(changeSentence({noun: "inbraken", current: safeSum([712]), previous: safeSum([809]), period}))
      .toBe("In de afgelopen 12 maanden 12% minder inbraken dan een jaar eerder (712 tegen 809).");
  });

  test("more, equal, from zero, hidden, outside the delivery", () => {
    expect(changeSentence({noun: "pogingen", current: safeSum([1100]), previous: safeSum([1000]), period})).toBe("In de afgelopen 12 maanden 10% meer pogingen dan een jaar eerder (1.100 tegen 1.000).");
    expect(changeSentence({noun: "pogingen", current: safeSum([5]), previous: safeSum([5]), period})).toBe("In de afgelopen 12 maanden evenveel pogingen als een jaar eerder (5 tegen 5).");
    expect(changeSentence({noun: "pogingen", current: safeSum([5]), previous: safeSum([0]), period})).toContain("tegen geen enkele");
    const hidden = changeSentence({noun: "inbraken", current: safeSum([12, null]), previous: safeSum([20]), period});
    expect(hidden).toContain("≥ 13");
    expect(hidden).toContain("niet berekend");
    expect(changeSentence({noun: "inbraken", current: safeSum([12]), previous: {...safeSum([3]), covered: false}, period})).toContain("buiten de levering");
  });

  test("change labels, percentages and period phrases", () => {
    expect(changeLabel(-0.12)).toBe("−12%");
    expect(changeLabel(0.034)).toBe("+3,4%");
    expect(changeLabel(0.0001)).toBe("0%");
    expect(changeLabel(null)).toBe("");
    expect(percent(0.315)).toBe("32%");
    expect(relativeChange(safeSum([10]), safeSum([8]))).toBeCloseTo(0.25, 12);
    expect(relativeChange(safeSum([10]), safeSum([null]))).toBeNull();
    expect(relativeChange(safeSum([10]), safeSum([0]))).toBeNull();
    expect(periodPhrase({from: "2025-01", to: "2025-12"}, "2025-12")).toBe("In de afgelopen 12 maanden");
    expect(periodPhrase({from: "2024-01", to: "2024-12"}, "2025-12")).toBe("Van januari 2024 t/m december 2024");
    expect(periodPhrase({from: "2024-05", to: "2024-05"}, "2025-12")).toBe("In mei 2024");
  });
});

describe("rates, shares and sparklines", () => {
  test("per 1,000 dwellings and attempt share", () => {
    expect(perThousand(30, 10_000)).toBe(3);
    expect(perThousand(null, 10_000)).toBeNull();
    expect(perThousand(3, null)).toBeNull();
    expect(perThousand(3, 0)).toBeNull();
    expect(attemptShare(safeSum([5]), safeSum([20]))).toBe(0.25);
    expect(attemptShare(safeSum([null]), safeSum([20]))).toBeNull();
    expect(attemptShare(safeSum([0]), safeSum([0]))).toBeNull();
  });

  test("sparkSeries gives n months ending at `to`, null where hidden or missing", () => {
    expect(sparkSeries(rows, {to: "2024-02", area: "regio", soort: "alle"}, 3)).toEqual([
      {month: "2023-12", value: null}, {month: "2024-01", value: 15}, {month: "2024-02", value: null}
    ]);
    expect(sparkSeries(rows, {to: "2024-02", area: "GM0153", soort: "inbraak"}, 2).map((d) => d.value)).toEqual([7, 6]);
  });
});

describe("targets", () => {
  test("lower-is-better: on course, ahead of pace, over", () => {
    expect(targetProgress({indicator: "inbraken", year: 2025, target: 700, actual: safeSum([300]), months: 6}).sentence)
      .toBe("Doel 2025: hoogstens 700 inbraken; tot nu toe 300 (43% van het doel, 6 van de 12 maanden verstreken): op koers.");
    expect(targetProgress({indicator: "inbraken", year: 2025, target: 700, actual: safeSum([400]), months: 6}).sentence).toContain("bij dit tempo wordt het doel overschreden");
    expect(targetProgress({indicator: "inbraken", year: 2025, target: 700, actual: safeSum([701]), months: 12}).sentence).toContain("al overschreden");
    expect(targetProgress({indicator: "inbraken", year: 2025, target: 700, actual: safeSum([650]), months: 12}).sentence).toContain("het doel is gehaald");
  });

  test("higher-is-better and hidden values", () => {
    const p = targetProgress({indicator: "whatsapp_groepen", year: 2025, target: 100, actual: safeSum([40]), months: 6});
    expect(p.share).toBe(0.4);
    expect(p.sentence).toContain("achter op schema");
    expect(targetProgress({indicator: "whatsapp_groepen", year: 2025, target: 100, actual: safeSum([100]), months: 6}).sentence).toContain("het doel is gehaald");
    const hidden = targetProgress({indicator: "pogingen", year: 2025, target: 50, actual: safeSum([10, null]), months: 3});
    expect(hidden.actual).toBeNull();
    expect(hidden.sentence).toContain("≥ 11");
    expect(() => targetProgress({indicator: "x", year: 2025, target: 1, actual: safeSum([1]), months: 13})).toThrow("invalid target progress");
  });
});

describe("programme indicators", () => {
  const groups = [
    {gemeentecode: "GM0153", buurtcode: "BU01530101", start: m("2023-05"), end: null},
    {gemeentecode: "GM0153", buurtcode: "BU01530101", start: m("2024-01"), end: null},
    {gemeentecode: "GM0153", buurtcode: null, start: m("2024-01"), end: m("2024-06")},
    {gemeentecode: "GM0164", buurtcode: "BU01640101", start: m("2025-01"), end: null}
  ];
  test("active groups at the end of a month, covered neighbourhoods", () => {
    expect(activeGroups(groups, {at: "2024-03", area: "regio"})).toEqual({groups: 3, covered: 1, withoutArea: 1});
    expect(activeGroups(groups, {at: "2024-12", area: "GM0153"})).toEqual({groups: 2, covered: 1, withoutArea: 0});
    expect(activeGroups(groups, {at: "2025-01", area: "GM0164"}).groups).toBe(1);
    expect(activeGroups(groups, {at: "2024-12", area: "GM0164"}).groups).toBe(0);
  });

  test("visits in a period and DOR connections", () => {
    const visits = [{gemeentecode: "GM0153", month: m("2024-01"), visits: 3}, {gemeentecode: "GM0164", month: m("2024-02"), visits: 4}, {gemeentecode: "GM0153", month: m("2024-03"), visits: 5}];
    expect(sumInPeriod(visits, (d) => d.visits, {from: "2024-01", to: "2024-02", area: "regio"})).toMatchObject({value: 7, suppressed: false});
    expect(sumInPeriod(visits, (d) => d.visits, {from: "2024-01", to: "2024-12", area: "GM0153"})).toMatchObject({value: 8, suppressed: false});
    // A hidden month (prevention_advice is protected) makes the sum a lower bound.
    const hidden = [...visits, {gemeentecode: "GM0153", month: m("2024-04"), visits: null}];
    expect(sumInPeriod(hidden, (d) => d.visits, {from: "2024-01", to: "2024-12", area: "GM0153"})).toMatchObject({value: null, suppressed: true, lowerBound: 9});
    const dor = [{gemeentecode: "GM0153", connected: m("2014-02"), dealers: 4}, {gemeentecode: "GM0164", connected: m("2020-01"), dealers: null}];
    expect(dorConnected(dor, {at: "2015-01", area: "regio"})).toEqual({municipalities: 1, dealers: 4});
    expect(dorConnected(dor, {at: "2024-01", area: "regio"})).toEqual({municipalities: 2, dealers: null});
    expect(dorConnected(dor, {at: "2010-01", area: "GM0153"})).toEqual({municipalities: 0, dealers: 0});
  });
});

describe("programme files that end before the period", () => {
  test("a period after the file's last month gets no figure and no verdict", () => {
    const rows = [{month: Date.UTC(2024, 10, 1)}, {month: new Date(Date.UTC(2024, 11, 1))}];
    expect(lastMonthOf(rows)).toBe("2024-12");
    expect(lastMonthOf([])).toBeNull();
    expect(fileEndsBefore("2025-06", "2024-12")).toBe("2024-12");
    expect(fileEndsBefore("2024-12", "2024-12")).toBeNull();
    expect(fileEndsBefore("2025-06", null)).toBeNull();
    const p = targetProgress({indicator: "preventieadviezen", year: 2025, target: 400, actual: safeSum([0]), months: 6, fileEnds: "2024-12"});
    expect(p).toMatchObject({actual: null, share: null});
    expect(p.sentence).toBe("Doel 2025: minstens 400 preventieadviezen; niet geleverd voor deze periode (bestand loopt t/m december 2024).");
  });
});

describe("targetsProgress (Overzicht and the municipality report)", () => {
  const monthIndex = new MonthIndex(rows);
  const yearRows = [{area_code: "GM0153", year: 2024, soort: "inbraak", count: 13}];
  const inputs = {
    targets: [
      {area_code: "GM0153", year: 2024, indicator: "inbraken", target: 26},
      {area_code: "GM0153", year: 2024, indicator: "inbraken_per_1000_woningen", target: 2},
      {area_code: "GM0153", year: 2024, indicator: "pogingen", target: 10},
      {area_code: "GM0153", year: 2024, indicator: "whatsapp_groepen", target: 4},
      {area_code: "GM0153", year: 2024, indicator: "preventieadviezen", target: 20},
      {area_code: "GM0153", year: 2023, indicator: "inbraken", target: 1},
      {area_code: "GM0164", year: 2024, indicator: "inbraken", target: 1},
      {area_code: "regio", year: 2024, indicator: "pogingen", target: 50}
    ],
    monthIndex, yearRows,
    groups: [{gemeentecode: "GM0153", buurtcode: null, start: m("2023-05"), end: null}],
    advice: [{gemeentecode: "GM0153", month: m("2024-01"), visits: 3}],
    dor: []
  };
  test("only the area's targets of the year of `to`, each with its figure so far", () => {
    const {year, progress} = targetsProgress(inputs, {area: "GM0153", to: "2024-02", dwellings: 10_000});
    expect(year).toBe(2024);
    expect(progress.map((p) => p.indicator)).toEqual(["inbraken", "inbraken_per_1000_woningen", "pogingen", "whatsapp_groepen", "preventieadviezen"]);
    expect(progress[0]).toMatchObject({actual: 13, share: 0.5, months: 2});
    // 13 burglaries in 10,000 dwellings: 1.3 per 1,000.
    expect(progress[1]).toMatchObject({actual: 1.3, months: 2});
    expect(progress[2]).toMatchObject({actual: 0});
    expect(progress[3]).toMatchObject({actual: 1});
    // The advice file ends in January: February has no figure.
    expect(progress[4]).toMatchObject({actual: null});
    expect(progress[4].sentence).toContain("niet geleverd voor deze periode");
    expect(targetTable(progress)[1]).toEqual({indicator: expect.any(String), jaar: "2024", doel: 2, tot_nu_toe: 1.3, aandeel_van_doel: 65, maanden: 2});
  });
  test("without dwellings or with a hidden count the rate is not computed", () => {
    const none = targetsProgress(inputs, {area: "GM0153", to: "2024-02", dwellings: null}).progress[1];
    expect(none).toMatchObject({actual: null, share: null});
    expect(none.sentence).toBe("Doel 2024: hoogstens 2,0 inbraken per 1.000 woningen; tot nu toe niet te berekenen.");
    const region = targetsProgress(inputs, {area: "regio", to: "2024-02", dwellings: 20_000}).progress;
    expect(region).toHaveLength(1);
    expect(region[0]).toMatchObject({indicator: "pogingen", actual: null});
    expect(region[0].sentence).toContain("verborgen");
  });
});
