// @vitest-environment jsdom
// The charts of the forecast evaluation on Waar nu?: the PAI curve over the share of the area and
// the monthly PAI, per method, with PAI 1 (chance) dashed.
import {beforeAll, describe, expect, test} from "vitest";
import {installDom} from "./snapshot.js";

let charts: typeof import("../../src/components/forecast-charts.js");

beforeAll(async () => {
  installDom();
  charts = await import("../../src/components/forecast-charts.js");
});

const texts = (node: Element) => [...node.querySelectorAll("text")].map((t) => t.textContent);

describe("forecast charts", () => {
  const curve = ["telling vorige 12 maanden", "kerndichtheid (hotspotkaart)"].flatMap((methode, m) =>
    [1, 5, 10].map((aandeel) => ({methode, aandeel, pai: 4 - m - aandeel / 10, pai_low: 3 - m - aandeel / 10, pai_high: 5 - m - aandeel / 10, hit_rate: aandeel / 100})));

  test("PaiCurveChart: a line and a band per method, a log axis in Dutch, PAI 1 dashed", () => {
    const figure = charts.PaiCurveChart(curve, {width: 600});
    const svg = [...figure.querySelectorAll("svg")].pop()!;
    expect(svg.querySelectorAll("g[aria-label='line'] path").length).toBe(2);
    expect(svg.querySelectorAll("g[aria-label='area'] path").length).toBe(2);
    expect(svg.querySelector("g[aria-label='rule']")!.getAttribute("stroke-dasharray")).toBe("4,3");
    expect(texts(svg)).toEqual(expect.arrayContaining(["1", "5", "10"]));
    expect(figure.textContent).toContain("kerndichtheid (hotspotkaart)");
    expect(svg.textContent).toContain("Aandeel van het gebied met de hoogste voorspelling (%)");
  });

  test("PaiMonthChart: a line per method over the months, Dutch month ticks", () => {
    const rows = [0, 1, 2].flatMap((i) => [{month: Date.UTC(2024, i, 1), methode: "combinatie", pai: 2 + i}, {month: Date.UTC(2024, i, 1), methode: "prospectief (near repeats)", pai: 1 + i}]);
    const figure = charts.PaiMonthChart(rows, {width: 600});
    const svg = [...figure.querySelectorAll("svg")].pop()!;
    expect(svg.getAttribute("height")).toBe("300");
    expect(svg.querySelectorAll("g[aria-label='line'] path").length).toBe(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(["↑ PAI", "feb"]));
  });
});
