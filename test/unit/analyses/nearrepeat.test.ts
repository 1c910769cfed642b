// The near-repeat zones of "Waar nu?": radius and duration equal the bands of the delivery's own
// Knox cells, zones are open until day + duration - 1 on the reference day, intern zones sit on
// 125 m square centres with dwellings, and the openbaar build has no zones and hides small areas.
import {describe, expect, test} from "vitest";
import {knoxAnalysis} from "../../../loaders/analyses/knox.js";
import {nearRepeatAnalysis, ZONE_SNAP} from "../../../loaders/analyses/nearrepeat.js";
import {startDay} from "../../../loaders/analyses/common.js";
import {checkTable} from "../../../loaders/pipeline/gate.js";
import {publishedDemo, rowsOf} from "../../helpers/published.js";

const day = (d: Date | number) => Math.round(Number(d) / 86_400_000);

describe.each(["intern", "openbaar"] as const)("near-repeat zones (%s)", (level) => {
  const {tables, delivery} = publishedDemo(level);
  const settings = rowsOf(tables.get("nearrepeat_settings")!)[0];
  const knox = rowsOf(tables.get("knox_cells")!).filter((c) => c.setting === "fijn" && c.period === "alle");

  test("radius and duration are the upper bounds of raised Knox cells (ratio > 1, p < 0.05), and the next band out is not raised", () => {
    expect(settings.source).toBe("knox");
    const raised = (c: Record<string, unknown>) => (c.ratio as number) > 1 && (c.p_value as number) < 0.05;
    const nearest = knox.find((c) => c.space_lower === 1 && c.time_index === 0)!;
    expect(raised(nearest)).toBe(true);
    const outer = knox.find((c) => c.space_upper === settings.metres && c.time_index === 0)!;
    expect(raised(outer)).toBe(true);
    const beyond = knox.find((c) => c.space_lower === settings.metres && c.time_index === 0);
    // The band beyond the radius is not raised (or is the open-ended last band, which has no bound).
    expect(beyond, "a Knox band starts where the radius ends").toBeDefined();
    expect(beyond!.space_upper === null || !raised(beyond!), `band from ${settings.metres} m is raised`).toBe(true);
    const last = knox.find((c) => c.space_lower === 1 && c.time_upper === settings.days)!;
    expect(raised(last)).toBe(true);
    const later = knox.find((c) => c.space_lower === 1 && c.time_lower === settings.days);
    expect(later, "a Knox band starts where the duration ends").toBeDefined();
    expect(later!.time_upper === null || !raised(later!), `band from ${settings.days} days is raised`).toBe(true);
    expect(settings.ratio).toBe(nearest.ratio);
  });

  test("both levels pass the privacy gate", () => {
    for (const name of ["nearrepeat_settings", "nearrepeat_zones", "nearrepeat_areas"]) {
      expect(() => checkTable(name, tables.get(name)!, {level, mode: "standaard", threshold: 5})).not.toThrow();
    }
  });

  test("the areas count the incidents whose zone is open on the reference day", () => {
    const ref = day(settings.reference_day);
    const open = delivery.incidents.filter((r) => startDay(r) + settings.days - 1 >= ref && (r.buurtcode || r.pc4));
    const areas = rowsOf(tables.get("nearrepeat_areas")!);
    expect(open.length).toBeGreaterThan(0);
    if (level === "intern") {
      expect(areas.reduce((s, a) => s + a.zones, 0)).toBe(open.length);
      expect(areas.every((a) => !a.suppressed)).toBe(true);
    } else {
      for (const a of areas) {
        const n = open.filter((r) => (r.buurtcode ?? r.pc4) === a.area_code).length;
        expect(a.suppressed).toBe(n < 5);
        expect(a.zones).toBe(n < 5 ? null : n);
        expect(a.suppressed && a.open_until !== null, `${a.area_code}: a hidden area shows its end date`).toBe(false);
      }
    }
  });

  if (level === "intern") {
    test("intern: one zone per open incident with coordinates, on its 125 m square centre, with the Knox radius and duration", () => {
      const zones = rowsOf(tables.get("nearrepeat_zones")!);
      const ref = day(settings.reference_day);
      const open = delivery.incidents.filter((r) => !Number.isNaN(r.x) && startDay(r) + settings.days - 1 >= ref);
      expect(zones).toHaveLength(open.length);
      for (const z of zones) {
        expect(z.radius).toBe(settings.metres);
        expect(day(z.open_until) - day(z.day) + 1).toBe(settings.days);
        expect(day(z.open_until)).toBeGreaterThanOrEqual(ref);
        expect([(z.x - 62) % ZONE_SNAP, (z.y - 62) % ZONE_SNAP]).toEqual([0, 0]);
        expect(open.some((r) => Math.floor(r.x / ZONE_SNAP) * ZONE_SNAP + 62 === z.x && Math.floor(r.y / ZONE_SNAP) * ZONE_SNAP + 62 === z.y)).toBe(true);
      }
      const dwellings = zones.map((z) => z.dwellings).filter((d) => d !== null);
      expect(dwellings.length).toBeGreaterThan(0);
      expect(dwellings.every((d) => d >= 0)).toBe(true);
    });
  } else {
    test("openbaar: no zone rows", () => {
      expect(tables.get("nearrepeat_zones")!.numRows).toBe(0);
    });
  }
});

test("without a Knox test (no coordinates) the zones take the default 200 m and 14 days", () => {
  const {delivery} = publishedDemo("openbaar");
  const noXY = {...delivery, incidents: delivery.incidents.map((r) => ({...r, x: NaN, y: NaN}))};
  const context = {delivery: noXY, level: "openbaar" as const, suppressBelow: 5, truth: null};
  const knox = knoxAnalysis.run({...context, tables: new Map()});
  const result = nearRepeatAnalysis.run({...context, tables: new Map(Object.entries(knox.tables!))});
  expect(rowsOf(result.tables!.nearrepeat_settings)[0]).toMatchObject({metres: 200, days: 14, source: "standaard"});
});
