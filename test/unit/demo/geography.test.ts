import {describe, expect, test} from "vitest";
import {polygonContains} from "d3-polygon";
import {seededRng} from "../../../src/lib/random.js";
import {TWENTE} from "../../../src/lib/twente.js";
import {CELL_SIZE, KERNCIJFER_VARIABLES, buildGeography, mergeCells, toRd} from "../../../loaders/demo/geography.js";

describe("buildGeography", () => {
  const geo = buildGeography(seededRng(1));

  test("has about the real number of districts and neighbourhoods, with CBS-form codes", () => {
    expect(geo.municipalities.map((m) => m.code).sort()).toEqual(TWENTE.map((m) => m.code).sort());
    expect(geo.districts.length).toBeGreaterThan(110);
    expect(geo.districts.length).toBeLessThan(145);
    expect(geo.neighbourhoods.length).toBeGreaterThan(500);
    expect(geo.neighbourhoods.length).toBeLessThan(570);
    for (const d of geo.districts) expect(d.code).toBe(`WK${d.gemeentecode.slice(2)}${d.code.slice(6)}`);
    for (const n of geo.neighbourhoods) {
      expect(n.code).toMatch(/^BU\d{8}$/);
      expect(n.code.slice(2, 8)).toBe(n.wijkcode.slice(2));
      expect(n.wijkcode.slice(2, 6)).toBe(n.gemeentecode.slice(2));
    }
    expect(new Set(geo.neighbourhoods.map((n) => n.code)).size).toBe(geo.neighbourhoods.length);
  });

  test("distributes each municipality's real 2024 inhabitants and dwellings exactly", () => {
    for (const m of TWENTE) {
      const own = geo.neighbourhoods.filter((n) => n.gemeentecode === m.code);
      expect(own.reduce((s, n) => s + n.stats.aantal_inwoners, 0)).toBe(m.inhabitants);
      expect(own.reduce((s, n) => s + n.stats.woningvoorraad, 0)).toBe(m.dwellings);
    }
  });

  test("makes urban cores denser, more rented and cheaper than the countryside", () => {
    const core = geo.neighbourhoods.filter((n) => n.urbanity > 0.5), rural = geo.neighbourhoods.filter((n) => n.urbanity < 0.1);
    const mean = (ns: typeof core, v: string) => ns.reduce((s, n) => s + n.stats[v], 0) / ns.length;
    expect(mean(core, "omgevingsadressendichtheid")).toBeGreaterThan(3 * mean(rural, "omgevingsadressendichtheid"));
    expect(mean(core, "perc_huurwoningen")).toBeGreaterThan(mean(rural, "perc_huurwoningen") + 15);
    expect(mean(core, "gemiddelde_woz")).toBeLessThan(mean(rural, "gemiddelde_woz"));
    for (const n of geo.neighbourhoods) for (const v of KERNCIJFER_VARIABLES) expect(Number.isFinite(n.stats[v])).toBe(true);
  });

  test("places one address per dwelling inside its own cell, with a PC6 of its district", () => {
    const a = geo.addresses;
    expect(a.x.length).toBe(geo.neighbourhoods.reduce((s, n) => s + n.stats.woningvoorraad, 0));
    const pc4 = new Map(geo.districts.map((d) => [d.code, d.pc4]));
    const bad: number[] = [];
    for (let i = 0; i < a.x.length; i++) {
      const n = geo.neighbourhoods[a.buurt[i]];
      const inside = a.x[i] > n.x0 && a.x[i] < n.x0 + CELL_SIZE && a.y[i] > n.y0 && a.y[i] < n.y0 + CELL_SIZE;
      if (!inside || !/^\d{4}[A-Z]{2}$/.test(a.postcode[i]) || a.postcode[i].slice(0, 4) !== pc4.get(n.wijkcode)) bad.push(i);
    }
    expect(bad).toEqual([]);
  });

  test("is deterministic for a seed", () => {
    const again = buildGeography(seededRng(1));
    expect(again.neighbourhoods.map((n) => n.stats)).toEqual(geo.neighbourhoods.map((n) => n.stats));
    expect(Array.from(again.addresses.x.slice(0, 50))).toEqual(Array.from(geo.addresses.x.slice(0, 50)));
  });

  test("projects Enschede's centroid into the Twente window of RD New", () => {
    const [x, y] = toRd(6.877, 52.22);
    expect(x).toBeGreaterThan(250_000);
    expect(x).toBeLessThan(262_000);
    expect(y).toBeGreaterThan(465_000);
    expect(y).toBeLessThan(477_000);
  });

  test("rejects an invalid first year", () => expect(() => buildGeography(seededRng(1), {firstYear: 2030})).toThrow("invalid firstYear: 2030"));
});

describe("mergeCells", () => {
  const s = CELL_SIZE;
  test("merges two adjacent squares into one rectangle", () => {
    const polys = mergeCells([{x0: 0, y0: 0}, {x0: s, y0: 0}]);
    expect(polys).toEqual([[[[0, 0], [2 * s, 0], [2 * s, s], [0, s], [0, 0]]]]);
  });
  test("keeps a hole as a clockwise inner ring and separate islands as separate polygons", () => {
    const ring = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== 1 || j !== 1) ring.push({x0: i * s, y0: j * s});
    const polys = mergeCells([...ring, {x0: 10 * s, y0: 0}]);
    expect(polys.length).toBe(2);
    const withHole = polys.find((p) => p.length === 2)!;
    expect(withHole[1].length).toBe(5);
    expect(polygonContains(withHole[1], [1.5 * s, 1.5 * s])).toBe(true);
    expect(polygonContains(withHole[0], [0.5 * s, 0.5 * s])).toBe(true);
  });
});
