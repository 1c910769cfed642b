// @vitest-environment jsdom
// SVG snapshots of the hypothesis components on small fixed inputs.
import {beforeAll, describe, expect, test} from "vitest";
import {installDom, matchSnapshot} from "./snapshot.js";

let knox: typeof import("../../src/components/knox-matrix.js");
let estimate: typeof import("../../src/components/estimate-plot.js");

beforeAll(async () => {
  installDom();
  knox = await import("../../src/components/knox-matrix.js");
  estimate = await import("../../src/components/estimate-plot.js");
});

describe("hypothesis components", () => {
  const cells = [
    {space_index: 0, space_label: "0 tot 200 m", time_index: 0, time_label: "0 tot 14 dagen", ratio: 5.9, p_value: 0.001},
    {space_index: 0, space_label: "0 tot 200 m", time_index: 1, time_label: "14 dagen of meer", ratio: 0.97, p_value: 0.8},
    {space_index: 1, space_label: "200 m of meer", time_index: 0, time_label: "0 tot 14 dagen", ratio: null, p_value: null, suppressed: true},
    {space_index: 1, space_label: "200 m of meer", time_index: 1, time_label: "14 dagen of meer", ratio: 1, p_value: 0.5}
  ];

  test("KnoxMatrix marks significant cells and greys suppressed ones", () => {
    const svg = knox.KnoxMatrix(cells, {width: 480});
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain("5,90 *");
    expect(texts).toContain("0,97");
    expect(texts).toContain("verborgen");
    expect(matchSnapshot("knox-matrix", svg)).toBe(true);
  });

  test("KnoxMatrix names the build's offence on its time axis", async () => {
    const {THEMES} = await import("../../src/lib/theme.js");
    const text = (svg: Element) => [...svg.querySelectorAll("text")].map((t) => t.textContent).join(" ");
    expect(text(knox.KnoxMatrix(cells, {width: 480}))).toContain("Tijd tussen twee inbraken");
    const bike = text(knox.KnoxMatrix(cells, {width: 480, theme: THEMES.fietsdiefstal}));
    expect(bike).toContain("Tijd tussen twee fietsdiefstallen");
    expect(bike).not.toMatch(/inbra/i);
  });

  test("KnoxMatrix rejects a bad alpha by name", () => {
    expect(() => knox.KnoxMatrix(cells, {alpha: 2})).toThrow(/invalid alpha: 2/);
  });

  test("EstimatePlot draws intervals, a rule at 1 and the planted truth", () => {
    const svg = estimate.EstimatePlot([
      {label: "WOZ-waarde", estimate: 1.13, low: 1.09, high: 1.17, truth: 1.16},
      {label: "dichtheid", estimate: 0.85, low: 0.83, high: 0.88, truth: 0.86},
      {label: "inkomen", estimate: 1.02, low: 0.98, high: 1.06, truth: 1}
    ], {width: 480});
    expect(svg.querySelectorAll("circle")).toHaveLength(3);
    expect(matchSnapshot("estimate-plot", svg)).toBe(true);
  });
});
