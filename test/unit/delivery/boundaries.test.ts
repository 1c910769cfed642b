// Boundary validation before linking (issue 12, item 3): a gebieden.geojson that would move
// incidents across municipalities is refused, never silent; overlaps, areas outside their
// municipality, empty rings and duplicate codes are per-feature errors or warnings in check-data.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {checkData} from "../../../loaders/cli/check-data.js";
import {builtinMunicipality, nearMunicipality} from "../../../loaders/delivery/builtin.js";
import {areaContains, distanceToEdge} from "../../../loaders/delivery/geo.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {TWENTE} from "../../../src/lib/twente.js";

const RD_CRS = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};
const square = (x0: number, y0: number, size: number) => [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]];
const feature = (code: string, naam: string, coordinates: unknown) => ({type: "Feature", properties: {code, naam}, geometry: {type: "Polygon", coordinates}});
const geojson = (...features: object[]) => JSON.stringify({type: "FeatureCollection", crs: RD_CRS, features});

function delivery(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-boundaries-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const read = (dir: string) => readDelivery(dir, {maxRejectShare: 1, peildatum: "2025-06-30"});
const check = (dir: string) => checkData([dir, "--max-afkeur", "1", "--peildatum", "2025-06-30", "--quarantaine", join(mkdtempSync(join(tmpdir(), "inbraaklab-q-")), "q")]);

/** A point at least 1 km inside each Twente municipality's built-in outline (a grid scan). */
const INNER = TWENTE.map(({code}) => {
  const {area} = builtinMunicipality(code)!;
  const [x0, y0, x1, y1] = area.bbox;
  for (let x = x0 + 500; x < x1; x += 500) {
    for (let y = y0 + 500; y < y1; y += 500) if (areaContains(area, x, y) && distanceToEdge(area, x, y) > 1000) return {code, x, y};
  }
  throw new Error(`no inner point for ${code}`);
});

// 40 located incidents in each of the 14 municipalities, with coordinates and no codes: they are
// linked by the delivered polygons alone.
const LOCATED = ["registratienummer;soort;pleegdatum_van;x;y", ...INNER.flatMap((p, m) =>
  Array.from({length: 40}, (_, i) => `R${m}-${i};inbraak;2024-0${1 + (i % 9)}-05;${p.x + (i % 7) * 20};${p.y + Math.floor(i / 7) * 20}`)
)].join("\n") + "\n";

describe("a neighbourhood covering the whole country", () => {
  const country = geojson(feature("BU01530101", "Overal", square(7_000, 289_000, 330_000)));
  const dir = delivery({"inbraken.csv": LOCATED, "gebieden.geojson": country});

  test("is refused with its size and municipality, and moves no incident to Enschede", () => {
    const d = read(dir);
    expect(d.errors.map((e) => e.problem).join("\n")).toMatch(/BU01530101 \(Overal\) is [\d.]+ km² groot, meer dan 1,5 keer zijn gemeente GM0153 \(Enschede/);
    expect(d.boundaries).toBe(false);
    const movedToEnschede = d.incidents.filter((r) => r.gemeentecode === "GM0153" && !r.registratienummer.startsWith(`R${INNER.findIndex((p) => p.code === "GM0153")}-`));
    expect(movedToEnschede).toEqual([]);
  });

  test("check-data calls the delivery unusable and says why", () => {
    const result = check(dir);
    expect(result.usable).toBe(false);
    expect(result.output).toContain("Oordeel: NIET BRUIKBAAR");
    expect(result.output).toMatch(/gebieden\.geojson: BU01530101 \(Overal\) is .* km² groot/);
  });

  test("the same incidents with true, small neighbourhoods stay in their own municipalities", () => {
    // The control: one 1 km square around each inner point, as a neighbourhood of its municipality.
    const honest = geojson(...INNER.map((p) => feature(`BU${p.code.slice(2)}0101`, `Buurt ${p.code}`, square(p.x - 100, p.y - 100, 1000))));
    const d = read(delivery({"inbraken.csv": LOCATED, "gebieden.geojson": honest}));
    expect(d.errors).toEqual([]);
    expect(d.incidents).toHaveLength(14 * 40);
    for (const r of d.incidents) expect(r.gemeentecode).toBe(INNER[Number(r.registratienummer.slice(1, r.registratienummer.indexOf("-")))].code);
  });
});

describe("per-feature errors and warnings", () => {
  // A delivered Enschede (a 5 km square around its centre, inside its built-in outline) with
  // districts and neighbourhoods that break one rule each.
  const GM = feature("GM0153", "Enschede", square(255_000, 469_000, 5000));
  const cases = {
    overlap: [feature("BU01530101", "Links", square(256_000, 470_000, 1000)), feature("BU01530102", "Rechts", square(256_500, 470_000, 1000))],
    outside: [feature("BU01530201", "Buiten", square(261_000, 470_000, 1000))],
    partlyOutside: [feature("WK015303", "Rand", square(259_000, 471_000, 1500))],
    emptyRing: [feature("BU01530401", "Leeg", [[[257_000, 472_000], [258_000, 472_000], [257_000, 472_000]]])],
    duplicate: [feature("BU01530501", "Twee", square(258_000, 469_500, 500)), feature("BU01530501", "Twee", square(258_000, 469_500, 500))]
  };

  test("the test's areas lie in Enschede by the built-in outline, so only the rule under test can fire", () => {
    for (const [x, y] of [[255_000, 469_000], [260_000, 474_000], [261_500, 470_500], [262_000, 471_000], [260_500, 472_500]]) expect(nearMunicipality("GM0153", x, y)).toBe(true);
  });

  const problems = (features: object[]) => {
    const d = read(delivery({"gebieden.geojson": geojson(GM, ...features), "inbraken.csv": "registratienummer;soort;pleegdatum_van;gemeentecode\nR1;inbraak;2024-01-05;GM0153\n"}));
    return {errors: d.errors.map((e) => e.problem), warnings: d.warnings};
  };

  test("overlapping neighbourhoods of one level: an error naming both", () => {
    expect(problems(cases.overlap).errors).toContainEqual(expect.stringMatching(/^BU01530101 \(Links\) overlapt met BU01530102 \(Rechts\) \(\d+% van BU01530101 ligt ook in BU01530102\)$/));
    // Neighbours that only share an edge do not overlap.
    expect(problems([feature("BU01530101", "Links", square(256_000, 470_000, 1000)), feature("BU01530102", "Rechts", square(257_000, 470_000, 1000))])).toEqual({errors: [], warnings: []});
  });

  test("a neighbourhood outside its delivered municipality: an error; a district partly outside: a warning", () => {
    expect(problems(cases.outside).errors).toContainEqual("BU01530201 (Buiten) ligt voor 100% buiten zijn geleverde gemeente GM0153 (Enschede)");
    const partly = problems(cases.partlyOutside);
    expect(partly.errors).toEqual([]);
    expect(partly.warnings).toContainEqual(expect.stringMatching(/^gebieden\.geojson: WK015303 \(Rand\) ligt voor (2\d|3\d)% buiten zijn geleverde gemeente GM0153 \(Enschede\)$/));
  });

  test("an empty ring and a duplicate code: an error each", () => {
    expect(problems(cases.emptyRing).errors).toContainEqual("BU01530401 (Leeg) heeft een lege ring (minder dan vier punten of geen oppervlakte)");
    expect(problems(cases.duplicate).errors).toContainEqual("BU01530501 (Twee) komt meer dan eens voor");
  });

  test("check-data lists every broken feature, one line each", () => {
    const all = Object.values(cases).flat();
    const result = check(delivery({"gebieden.geojson": geojson(GM, ...all), "inbraken.csv": "registratienummer;soort;pleegdatum_van;gemeentecode\nR1;inbraak;2024-01-05;GM0153\n"}));
    expect(result.usable).toBe(false);
    const lines = result.output.split("\n");
    for (const code of ["BU01530101", "BU01530201", "BU01530401", "BU01530501"]) expect(lines.filter((l) => l.startsWith(`  - gebieden.geojson: ${code} `))).toHaveLength(1);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}- gebieden\.geojson: WK015303 \(Rand\) ligt voor/));
  });
});
