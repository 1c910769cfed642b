// Zone radius and duration from Knox cells: the unbroken runs of raised cells from the nearest
// neighbour band, and the documented default when nothing is raised.
import {describe, expect, test} from "vitest";
import {DEFAULT_ZONE, isoDay, nlDay, openUntil, openZoneView, zoneAreaList, zoneBands, zoneSourceText, type KnoxCellRow} from "../../../src/lib/nearrepeat-zones.js";

const SPACE = [0, 1, 100, 200, 300, 400], TIME = [0, 7, 14, 21, 28];

/** The fijn grid of cells with ratio 2, p 0.001 where `hot(space_lower, time_lower)`, else ratio 1, p 0.5. */
function grid(hot: (s: number, t: number) => boolean): KnoxCellRow[] {
  return SPACE.flatMap((s, i) => TIME.map((t, j) => ({
    space_index: i, space_lower: s, space_upper: SPACE[i + 1] ?? null, time_index: j, time_lower: t, time_upper: TIME[j + 1] ?? null,
    ratio: hot(s, t) ? 2 : 1, p_value: hot(s, t) ? 0.001 : 0.5
  })));
}

describe("zoneBands", () => {
  test("raised up to 200 m and 14 days: radius 200, duration 14", () => {
    expect(zoneBands(grid((s, t) => s >= 1 && s < 200 && t < 14))).toEqual({metres: 200, days: 14, source: "knox", ratio: 2, p_value: 0.001});
  });

  test("a gap ends the run: raised at 1-100 m and 200-300 m gives 100 m", () => {
    expect(zoneBands(grid((s, t) => (s === 1 || s === 200) && t < 7)).metres).toBe(100);
  });

  test("the same-address band [0, 1) does not make a zone; open-ended bands end a run", () => {
    expect(zoneBands(grid((s) => s === 0)).source).toBe("standaard");
    const wide = zoneBands(grid((s) => s >= 1));
    expect([wide.metres, wide.days]).toEqual([400, 28]);
  });

  test("not significant, suppressed (null ratio) or no cells: the default 200 m, 14 days", () => {
    expect(zoneBands(grid(() => false))).toMatchObject({...DEFAULT_ZONE, source: "standaard", ratio: 1});
    expect(zoneBands(grid((s) => s >= 1).map((c) => ({...c, ratio: null, p_value: null})))).toMatchObject({...DEFAULT_ZONE, source: "standaard"});
    expect(zoneBands([])).toEqual({...DEFAULT_ZONE, source: "standaard", ratio: null, p_value: null});
    expect(zoneBands(grid((s, t) => s >= 1 && t < 14).map((c) => ({...c, p_value: c.p_value === 0.001 ? 0.06 : c.p_value}))).source).toBe("standaard");
  });

  test("a zone is open from the incident day for `days` days", () => {
    expect(openUntil(100, 14)).toBe(113);
    expect(() => openUntil(100, 0)).toThrow(/invalid zone/);
  });
});

describe("what Waar nu? shows of the zones", () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  test("open zones: days left, a label, the padded extent and the adviser's list", () => {
    const zones = [
      {zone: 1, x: 250_000, y: 470_000, radius: 200, day: day("2024-12-20"), open_until: day("2025-01-02"), dwellings: 143.6, gemeentecode: "GM0153", buurtcode: "BU01530101"},
      {zone: 2, x: 251_000, y: 468_000, radius: 400, day: day("2024-12-28"), open_until: day("2025-01-10"), dwellings: null, gemeentecode: "GM0153", buurtcode: null}
    ];
    const v = openZoneView(zones, day("2024-12-31"));
    expect(v.zones.map((z) => z.daysLeft)).toEqual([2, 10]);
    expect(v.zones[0].label).toBe("Zone 1: 200 m, open t/m 2 januari 2025, ca. 144 woningen");
    expect(v.zones[1].label).toBe("Zone 2: 400 m, open t/m 10 januari 2025");
    expect(v.extent).toEqual([249_800 - 2000, 467_600 - 2000, 251_400 + 2000, 470_200 + 2000]);
    expect(v.list[0]).toEqual({zone: 1, x_rd: 250_000, y_rd: 470_000, straal_m: 200, datum: "2024-12-20", open_tot_en_met: "2025-01-02", woningen: 144, gemeente: "GM0153", buurt: "BU01530101"});
    expect(openZoneView([], day("2024-12-31"))).toEqual({zones: [], extent: null, list: []});
    expect(isoDay(day("2024-02-29"))).toBe("2024-02-29");
    expect(nlDay(day("2024-02-29"))).toBe("29 februari 2024");
  });

  test("zones per area: most first, hidden counts and dates empty and counted", () => {
    const area = (area_code: string, area_name: string, zones: number | null, suppressed: boolean, area_level = "buurt") =>
      ({area_code, area_name, area_level, gemeentecode: "GM0153", zones, open_until: suppressed ? null : day("2025-01-05"), dwellings: 500, suppressed});
    const v = zoneAreaList([area("7511", "7511", 6, false, "pc4"), area("BU01530102", "Roombeek", null, true), area("BU01530101", "Centrum", 9, false), area("BU01530103", "Boddenkamp", 6, false)]);
    expect(v.hidden).toBe(1);
    expect(v.rows.map((r) => r.gebied)).toEqual(["Centrum (BU01530101)", "7511", "Boddenkamp (BU01530103)", "Roombeek (BU01530102)"]);
    expect(v.rows[1]).toMatchObject({niveau: "postcode", zones: 6, open_tot_en_met: "2025-01-05"});
    expect(v.rows[3]).toMatchObject({zones: null, open_tot_en_met: null, verborgen: true});
  });
});

describe("zoneSourceText: where the zone comes from", () => {
  const settings = {metres: 300, days: 21, source: "knox", ratio: 1.834, p_value: 0.0004, reference_day: Date.UTC(2024, 11, 31)};
  test("the Knox test with the nearest cell's ratio and p-value", () => {
    expect(zoneSourceText(settings)).toBe("Die straal en duur komen uit de Knox-test van deze levering: binnen 300 m en 21 dagen zijn er significant meer paren dan toeval geeft (dichtstbijzijnde cel: verhouding 1,83, p < 0,001).");
    expect(zoneSourceText({...settings, p_value: 0.0123})).toMatch(/verhouding 1,83, p = 0,012\)\.$/);
  });
  test("the literature's default when the test showed nothing", () => {
    expect(zoneSourceText({...settings, source: "standaard", ratio: null, p_value: null})).toMatch(/^De Knox-test gaf geen significant verhoogd risico .* standaard van 200 m en 14 dagen/);
  });
});
