// Plausible places (issue 12, item 2): the Netherlands is its national outline, not a rectangle,
// and a point far outside the municipality its row names is rejected, also without a delivered
// gebieden.geojson; a point near a (simplified) border keeps its declared code.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {checkData} from "../../../loaders/cli/check-data.js";
import {buildRegistry} from "../../../loaders/delivery/areas.js";
import {builtinMunicipality, inNetherlands, MUNICIPAL_TOLERANCE, NATIONAL_TOLERANCE} from "../../../loaders/delivery/builtin.js";
import {decodeText, parseCsv} from "../../../loaders/delivery/csv.js";
import {areaContains, distanceToArea, rdToWgs84, wgs84ToRd} from "../../../loaders/delivery/geo.js";
import {linkIncidents, readDelivery} from "../../../loaders/delivery/read.js";
import {TEMPLATES, parseIncident, validateRows} from "../../../loaders/delivery/templates.js";
import {seededRng} from "../../../src/lib/random.js";
import {TWENTE, TWENTE_CODES} from "../../../src/lib/twente.js";

function delivery(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-places-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const HEADER = "registratienummer;soort;pleegdatum_van;gemeentecode;x;y;lat;lon";
const [amsterdamLat, amsterdamLon] = [52.3731, 4.8922];
// The cases, each declared as Enschede.
const CASES = [
  HEADER,
  "R1;inbraak;2024-01-05;GM0153;290000;470000;;", // 2: Germany, east of Enschede (inside the old rectangle)
  "R2;inbraak;2024-01-05;GM0153;136000;456000;;", // 3: Utrecht
  `R3;inbraak;2024-01-05;GM0153;;;${amsterdamLat};${amsterdamLon}`, // 4: Amsterdam as lat/lon
  "R4;inbraak;2024-01-05;GM0153;257500;471500;;", // 5: Enschede centre
  "R5;inbraak;2024-01-05;GM0153;;;52.2215;6.8937" // 6: Enschede centre as lat/lon
].join("\n") + "\n";

/** Every row's outcome: its reject reason, or "ok". */
function outcomes(dir: string): Record<string, string> {
  const d = readDelivery(dir, {maxRejectShare: 1, peildatum: "2025-06-30"});
  const report = d.reports.find((r) => r.file === "inbraken.csv")!;
  expect(report.read).toBe(report.accepted + report.rejected);
  const out: Record<string, string> = {};
  for (const r of d.rejects) out[`line ${r.line}`] = r.reason;
  for (const r of d.incidents) out[`line ${r.line}`] = "ok";
  return out;
}

/** The same outcomes from the reference path (d3-dsv records, the row validator, linkIncidents). */
function referenceOutcomes(text: string): Record<string, string> {
  const validated = validateRows(parseCsv(decodeText(new TextEncoder().encode(text)).text, "utf-8"), TEMPLATES.inbraken, parseIncident);
  const linked = linkIncidents(validated.records, validated.lines, buildRegistry(TWENTE_CODES));
  const out: Record<string, string> = {};
  for (const r of [...validated.rejects, ...linked.rejects]) out[`line ${r.line}`] = r.reason;
  for (const r of linked.incidents) out[`line ${r.line}`] = "ok";
  return out;
}

describe("the issue's places, with no gebieden.geojson", () => {
  const expected = {
    "line 2": "coordinaten_buiten_nederland",
    "line 3": "buiten_gemeentegrens",
    "line 4": "buiten_gemeentegrens",
    "line 5": "ok",
    "line 6": "ok"
  };

  test("Germany is outside the Netherlands; Utrecht and Amsterdam are outside Enschede", () => {
    expect(outcomes(delivery({"inbraken.csv": CASES}))).toEqual(expected);
  });

  test("the reference path agrees", () => {
    expect(referenceOutcomes(CASES)).toEqual(expected);
  });

  test("check-data names the municipality and the distance, in Dutch", () => {
    const result = checkData([delivery({"inbraken.csv": CASES}), "--max-afkeur", "1", "--peildatum", "2025-06-30", "--quarantaine", join(mkdtempSync(join(tmpdir(), "inbraaklab-q-")), "q")]);
    expect(result.usable).toBe(true);
    expect(result.output).toContain("inbraken.csv: 5 gelezen = 2 geaccepteerd + 3 afgekeurd");
    expect(result.output).toMatch(/regel 3, kolom x: "GM0153 \(Enschede\): 1\d\d,\d km buiten de gemeentegrens" — de coördinaten liggen meer dan 250 m buiten de gemeente/);
    expect(result.output).toContain('regel 2, kolom x: "290000, 470000 (RD)" — coördinaten liggen buiten Nederland');
  });

  test("a point in Utrecht is rejected also when the delivered boundaries would place it in Enschede's neighbourhood", () => {
    // A 1 km neighbourhood of Enschede in its real place, and the Utrecht point named by its buurtcode.
    const gebieden = JSON.stringify({
      type: "FeatureCollection", crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}},
      features: [{type: "Feature", properties: {code: "BU01530101", naam: "Centrum"}, geometry: {type: "Polygon", coordinates: [[[257000, 471000], [258000, 471000], [258000, 472000], [257000, 472000], [257000, 471000]]]}}]
    });
    const csv = "registratienummer;soort;pleegdatum_van;buurtcode;x;y\nR1;inbraak;2024-01-05;BU01530101;136000;456000\nR2;inbraak;2024-01-05;BU01530101;257500;471500\n";
    expect(outcomes(delivery({"inbraken.csv": csv, "gebieden.geojson": gebieden}))).toEqual({"line 2": "buiten_gemeentegrens", "line 3": "ok"});
  });
});

/**
 * Points at `distance` metres outside the built-in outline of each Twente municipality: from the
 * middle of a random edge, along the edge's outward normal (seeded).
 */
function pointsOutside(distance: number, perMunicipality: number, seed: number): {code: string; x: number; y: number}[] {
  const rng = seededRng(seed);
  const points: {code: string; x: number; y: number}[] = [];
  for (const {code} of TWENTE) {
    const {area} = builtinMunicipality(code)!;
    const ring = area.polygons[0][0];
    let found = 0;
    for (let attempt = 0; found < perMunicipality && attempt < 10_000; attempt++) {
      const k = Math.floor(rng() * (ring.length - 1));
      const [ax, ay] = ring[k], [bx, by] = ring[k + 1];
      const length = Math.hypot(bx - ax, by - ay);
      if (length < Math.min(4 * distance, 2000)) continue; // near a corner the normal can point back inside
      const t = 0.25 + rng() * 0.5;
      const mx = ax + t * (bx - ax), my = ay + t * (by - ay);
      let nx = -(by - ay) / length, ny = (bx - ax) / length;
      if (areaContains(area, mx + nx * 10, my + ny * 10)) (nx = -nx), (ny = -ny);
      const x = mx + nx * distance, y = my + ny * distance;
      if (Math.abs(distanceToArea(area, x, y) - distance) > 1) continue; // another edge is closer
      points.push({code, x, y});
      found++;
    }
  }
  return points;
}

describe("a tolerance at the simplified borders", () => {
  const csvOf = (points: {code: string; x: number; y: number}[], latlon = false) => [HEADER, ...points.map((p, i) => {
    if (!latlon) return `N${i};inbraak;2024-01-05;${p.code};${p.x.toFixed(1)};${p.y.toFixed(1)};;`;
    const [lon, lat] = rdToWgs84(p.x, p.y);
    return `N${i};inbraak;2024-01-05;${p.code};;;${lat.toFixed(7)};${lon.toFixed(7)}`;
  })].join("\n") + "\n";

  test(`200 points 150 m outside their municipality's built-in outline keep their declared code (tolerance ${MUNICIPAL_TOLERANCE} m)`, () => {
    const near = pointsOutside(150, 15, 12).slice(0, 200);
    expect(near).toHaveLength(200);
    for (const latlon of [false, true]) {
      const d = readDelivery(delivery({"inbraken.csv": csvOf(near, latlon)}), {maxRejectShare: 1, peildatum: "2025-06-30"});
      expect(d.rejects.map((r) => `${r.line}: ${r.value}`)).toEqual([]);
      expect(d.incidents.map((r) => r.gemeentecode)).toEqual(near.map((p) => p.code));
    }
  });

  test("points 1 km outside are rejected as buiten_gemeentegrens, each one", () => {
    // 1 km outside one municipality can be inside the Netherlands or (on the east) just across the border.
    const far = pointsOutside(1000, 5, 13);
    const d = readDelivery(delivery({"inbraken.csv": csvOf(far)}), {maxRejectShare: 1, peildatum: "2025-06-30"});
    const report = d.reports.find((r) => r.file === "inbraken.csv")!;
    expect(report).toMatchObject({read: far.length, accepted: 0, rejected: far.length});
    for (const r of d.rejects) expect(["buiten_gemeentegrens", "coordinaten_buiten_nederland"]).toContain(r.reason);
    expect(d.rejects.filter((r) => r.reason === "buiten_gemeentegrens").length).toBeGreaterThan(far.length / 2);
  });
});

describe("the national outline", () => {
  test("replaces the rectangle: corners of the old rectangle are outside, Dutch towns inside", () => {
    for (const [x, y] of [[290000, 470000], [295000, 300000], [10000, 620000], [280000, 400000]]) expect(inNetherlands(x, y)).toBe(false);
    for (const [lat, lon] of [[53.2194, 6.5665], [51.4416, 5.4697], [50.8514, 5.6910], [51.4988, 3.6100], [52.2215, 6.8937], [53.4500, 6.8300]]) {
      const [x, y] = wgs84ToRd(lon, lat);
      expect(inNetherlands(x, y)).toBe(true);
    }
  });

  test(`a point ${NATIONAL_TOLERANCE / 2} m across the German border next to Twente is still in, ${NATIONAL_TOLERANCE * 3} m across is out`, () => {
    const east = pointsOutside(NATIONAL_TOLERANCE / 2, 3, 14).filter((p) => ["GM0168", "GM1774", "GM0153"].includes(p.code) && p.x > 265000);
    expect(east.length).toBeGreaterThan(0);
    for (const p of east) expect(inNetherlands(p.x, p.y)).toBe(true);
    const farEast = pointsOutside(NATIONAL_TOLERANCE * 3, 3, 14).filter((p) => p.code === "GM0168" && p.x > 268000);
    expect(farEast.length).toBeGreaterThan(0);
    for (const p of farEast) expect(inNetherlands(p.x, p.y)).toBe(false);
  });
});
