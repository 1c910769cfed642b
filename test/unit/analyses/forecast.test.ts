// The forecast analysis: the cells it builds (500 m squares, or postcode areas without coordinates),
// the tables pass the privacy gate at both levels, the openbaar months hide small hit counts, and
// the findings forecast.pai5.<method> carry the mean PAI at 5% with its interval.
import {describe, expect, test} from "vitest";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {forecastAnalysis, forecastInput, SAME_MUNICIPALITY_DISTANCE, squaresInside} from "../../../loaders/analyses/forecast.js";
import {areaContains} from "../../../loaders/delivery/geo.js";
import {checkTable} from "../../../loaders/pipeline/gate.js";
import {FORECAST_METHODS} from "../../../src/lib/forecast.js";
import {demoDelivery} from "../../helpers/demo.js";
import {rowsOf} from "../../helpers/published.js";

const delivery = readDelivery(demoDelivery());
const run = (level: "openbaar" | "intern", d = delivery) => forecastAnalysis.run({delivery: d, level, suppressBelow: 5, tables: new Map(), truth: null});

describe("forecast cells", () => {
  test("with coordinates: 500 m squares of equal area, every incident in one, each square linked to itself first", () => {
    const input = forecastInput(delivery);
    expect(input.level).toBe("vak500");
    expect(input.events.cell.length + input.excluded).toBe(delivery.incidents.length);
    expect(new Set(input.cells.area)).toEqual(new Set([250_000]));
    for (let i = 0; i < input.ids.length; i++) {
      expect(input.cells.linkTo[input.cells.linkStart[i]]).toBe(i);
      expect(input.cells.linkDistance[input.cells.linkStart[i]]).toBe(0);
    }
    // Links are symmetric (the kernel spreads counts along them).
    const {linkStart, linkTo, linkDistance} = input.cells;
    const n = input.ids.length;
    const links = new Map<number, number>();
    for (let i = 0; i < n; i++) for (let k = linkStart[i]; k < linkStart[i + 1]; k++) links.set(i * n + linkTo[k], linkDistance[k]);
    let asymmetric = 0;
    for (const [key, d] of links) if (links.get((key % n) * n + Math.floor(key / n)) !== d) asymmetric++;
    expect(links.size).toBe(linkTo.length);
    expect(asymmetric).toBe(0);
    const k = input.events.cell[0];
    const r = delivery.incidents.find((x) => !Number.isNaN(x.x))!;
    expect(input.ids[k]).toBe(`E${Math.floor(r.x / 500) * 5}N${Math.floor(r.y / 500) * 5}`);
  });

  test("without coordinates but with neighbourhood codes: the neighbourhoods, sized and placed by their boundaries", () => {
    const noXY = {...delivery, incidents: delivery.incidents.map((r) => ({...r, x: NaN, y: NaN}))};
    const input = forecastInput(noXY);
    expect(input.level).toBe("buurt");
    expect(input.ids.every((id) => /^BU\d{8}$/.test(id))).toBe(true);
    expect(input.events.cell.length).toBe(delivery.incidents.filter((r) => r.buurtcode).length);
    const shapes = new Map(delivery.registry.shapes.buurt.map((s) => [s.code, s]));
    expect(input.ids.every((id) => shapes.has(id))).toBe(true);
    // Areas in m² from the boundaries (the fallback without boundaries counts each area as 1).
    expect([...input.cells.area].every((a) => a > 1e5)).toBe(true);
    expect(input.cells.spacing).toBeGreaterThan(100);
    const result = run("openbaar", noXY);
    expect(rowsOf(result.tables!.forecast_summary)[0].cell_level).toBe("buurt");
  });

  test("without coordinates or neighbourhood codes: postcode areas, linked within their municipality", () => {
    const noXY = {...delivery, incidents: delivery.incidents.map((r) => ({...r, x: NaN, y: NaN, buurtcode: null}))};
    const input = forecastInput(noXY);
    expect(input.level).toBe("pc4");
    expect(input.ids.every((id) => /^[1-9]\d{3}$/.test(id))).toBe(true);
    expect(input.events.cell.length).toBe(delivery.incidents.filter((r) => r.pc4).length);
    const {linkStart, linkDistance} = input.cells;
    expect([...linkDistance.slice(linkStart[0], linkStart[1])].slice(1).every((d) => d === SAME_MUNICIPALITY_DISTANCE)).toBe(true);
    const result = run("openbaar", noXY);
    expect(rowsOf(result.tables!.forecast_summary)[0].cell_level).toBe("pc4");
  });

  test("postcode areas with boundaries: areas from the shapes, distances between centroids", () => {
    const square = (code: string, x0: number, side: number) => ({code, name: code, bbox: [x0, 0, x0 + side, side] as [number, number, number, number],
      polygons: [[[[x0, 0], [x0 + side, 0], [x0 + side, side], [x0, side], [x0, 0]]]]});
    const incidents = ["7511", "7512", "7512"].map((pc4, i) => ({...delivery.incidents[i], x: NaN, y: NaN, buurtcode: null, pc4}));
    const registry = {...delivery.registry, shapes: {...delivery.registry.shapes, pc4: [square("7511", 0, 1000), square("7512", 1000, 2000)]}};
    const input = forecastInput({incidents, registry});
    expect(input.ids).toEqual(["7511", "7512"]);
    expect([...input.cells.area]).toEqual([1e6, 4e6]);
    expect(input.cells.spacing).toBeCloseTo(Math.hypot(1500, 500), 9); // centroids (500, 500) and (2000, 1000)
    expect([...input.cells.linkDistance]).toEqual([0, Math.hypot(1500, 500), 0, Math.hypot(1500, 500)]);
  });
});

describe("forecast analysis", () => {
  const intern = run("intern");
  const openbaar = run("openbaar");

  test("both levels pass the privacy gate", () => {
    for (const [level, result] of [["intern", intern], ["openbaar", openbaar]] as const) {
      for (const [name, table] of Object.entries(result.tables!)) expect(() => checkTable(name, table, {level, mode: "standaard", threshold: 5})).not.toThrow();
    }
  });

  test("openbaar hides the months with 1-4 hits; intern shows them", () => {
    const all = rowsOf(intern.tables!.forecast_months), pub = rowsOf(openbaar.tables!.forecast_months);
    expect(pub).toHaveLength(all.length);
    pub.forEach((r, i) => {
      const small = all[i].hits > 0 && all[i].hits < 5;
      expect(r.suppressed).toBe(small);
      if (small) expect([r.hits, r.hit_rate, r.pai]).toEqual([null, null, null]);
      else expect(r.pai).toBe(all[i].pai);
    });
    expect(pub.some((r) => r.suppressed)).toBe(true);
    expect(all.every((r) => !r.suppressed)).toBe(true);
  });

  test("findings forecast.pai5.<method>: the summary's mean PAI at 5% with its interval", () => {
    const summary = rowsOf(intern.tables!.forecast_summary);
    expect(intern.findings!.map((f) => f.id)).toEqual(FORECAST_METHODS.map((m) => `forecast.pai5.${m}`));
    for (const f of intern.findings!) {
      const s = summary.find((r) => `forecast.pai5.${r.method}` === f.id && r.fraction === 0.05)!;
      expect(f.estimate).toBeCloseTo(s.pai, 4);
      expect(f.ci_low).toBeCloseTo(s.pai_low, 4);
      expect(f.ci_high).toBeCloseTo(s.pai_high, 4);
      expect(f.ci_low!).toBeLessThan(f.estimate!);
      expect(f.unit).toBe("pai");
    }
    expect(summary.find((r) => r.method === "simple_count" && r.fraction === 0.05)!.months).toBe(24);
  });

  test("the monthly PAI is the hit rate over the area share, and hits / incidents the hit rate", () => {
    for (const r of rowsOf(intern.tables!.forecast_months)) {
      if (!(r.incidents > 0)) continue;
      expect(r.pai).toBeCloseTo(r.hit_rate / r.fraction, 4);
      expect(r.hit_rate).toBeCloseTo(r.hits / r.incidents, 4);
    }
  });
});

describe("on the default demo (seed 11, 2012-2025), which plants near repeats", () => {
  const demo = readDelivery(demoDelivery({seed: 11, fromYear: 2012, toYear: 2025, incidents: undefined}));
  const findings = run("intern", demo).findings!;
  const pai = (m: string) => findings.find((f) => f.id === `forecast.pai5.${m}`)!.estimate!;

  test("the blend or the prospective weighting beats the simple count at 5% of the area", () => {
    expect(Math.max(pai("blend"), pai("prospective"))).toBeGreaterThan(pai("simple_count"));
  });

  test("every method forecasts better than chance there (interval above PAI 1)", () => {
    for (const f of findings) expect(f.ci_low, f.id).toBeGreaterThan(1);
  });
});

describe("squaresInside", () => {
  test("finds exactly the squares whose centre areaContains, on the demo's municipal boundaries", () => {
    for (const shape of delivery.registry.shapes.gemeente.slice(0, 4)) {
      const found = new Set(squaresInside(shape, 500).map(([x, y]) => `${x}|${y}`));
      const expected = new Set<string>();
      const [x0, y0, x1, y1] = shape.bbox;
      for (let x = Math.floor(x0 / 500) * 500; x <= x1; x += 500) {
        for (let y = Math.floor(y0 / 500) * 500; y <= y1; y += 500) if (areaContains(shape, x + 250, y + 250)) expected.add(`${x}|${y}`);
      }
      expect(expected.size).toBeGreaterThan(10);
      expect([...found].sort()).toEqual([...expected].sort());
    }
  });
});
