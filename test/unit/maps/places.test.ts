import {describe, expect, test} from "vitest";
import type {AreaFeature} from "../../../src/lib/maps/geometry.js";
import {featureAt, findPlace, gemeenteOfCode, labelFits, labelPoint, placeIndex} from "../../../src/lib/maps/places.js";

const square = (code: string, level: string, x: number, y: number, size: number, holes: number[][][] = []): AreaFeature => ({
  type: "Feature", id: code, properties: {code, level},
  geometry: {type: "MultiPolygon", coordinates: [[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]], ...holes]]}
});

describe("placeIndex and findPlace", () => {
  const areas = [
    {code: "GM0153", name: "Enschede", level: "gemeente"},
    {code: "GM0164", name: "Hengelo", level: "gemeente"},
    {code: "WK016401", name: "Hengelo-Centrum", level: "wijk"},
    {code: "BU01530101", name: "Hengelo", level: "buurt"}, // a neighbourhood with a municipality's name
    {code: "BU01640101", name: "Tuindorp 't Lansink", level: "buurt"},
    {code: "regio", name: "Twente", level: "regio"}
  ];
  const pc4 = [{pc4: "7511", gemeentecode: "GM0153"}, {pc4: "7550", gemeentecode: "GM0164"}, {pc4: "7550", gemeentecode: "GM0164"}, {pc4: "7550", gemeentecode: "GM0153"}];
  const places = placeIndex(areas, pc4);

  test("indexes areas and postcodes with their municipality, municipalities first", () => {
    expect(places.map((p) => p.code)).toEqual(["GM0153", "GM0164", "WK016401", "BU01530101", "BU01640101", "7511", "7550"]);
    expect(places.find((p) => p.code === "7550")?.gemeente).toBe("GM0164"); // most rows
    expect(places.find((p) => p.code === "WK016401")).toMatchObject({gemeente: "GM0164", label: "Hengelo-Centrum (wijk)"});
    expect(gemeenteOfCode("BU01530101")).toBe("GM0153");
    expect(gemeenteOfCode("7511")).toBeNull();
  });

  test("finds by name, label, code and postcode; a municipality before a neighbourhood of the same name", () => {
    expect(findPlace("Hengelo", places)?.code).toBe("GM0164");
    expect(findPlace("hengelo", places)?.code).toBe("GM0164");
    expect(findPlace("Hengelo (buurt)", places)?.code).toBe("BU01530101");
    expect(findPlace("wk016401", places)?.code).toBe("WK016401");
    expect(findPlace("7511", places)).toMatchObject({level: "pc4", gemeente: "GM0153"});
    expect(findPlace("Hengelo-C", places)?.code).toBe("WK016401");
    expect(findPlace("lansink", places)?.code).toBe("BU01640101");
    expect(findPlace("Almelo", places)).toBeNull();
    expect(findPlace("  ", places)).toBeNull();
  });
});

describe("labelPoint, labelFits and featureAt", () => {
  test("labels the largest part at its centroid with that part's size", () => {
    const f = square("GM0153", "gemeente", 0, 0, 1000);
    f.geometry.coordinates.push([[[5000, 5000], [5010, 5000], [5010, 5010], [5000, 5010], [5000, 5000]]]); // a small island
    expect(labelPoint(f)).toEqual({code: "GM0153", x: 500, y: 500, width: 1000, height: 1000});
  });

  test("the centroid is the area's, not the vertices' mean; a ring without area has no label", () => {
    const ell = (ring: number[][]): AreaFeature => ({type: "Feature", id: "L", properties: {code: "L", level: "buurt"}, geometry: {type: "MultiPolygon", coordinates: [[ring]]}});
    // Two unit squares side by side plus one on top: centroid (2.5/3, 2.5/3); the mean of the six corners is (1, 1).
    const point = labelPoint(ell([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]));
    expect(point?.x).toBeCloseTo(2.5 / 3, 12);
    expect(point?.y).toBeCloseTo(2.5 / 3, 12);
    expect(point).toMatchObject({width: 2, height: 2});
    expect(labelPoint(ell([[0, 0], [1, 1], [2, 2], [0, 0]]))).toBeNull();
  });

  test("a label fits only when the area is wide and tall enough at the scale", () => {
    const box = {width: 1000, height: 300};
    expect(labelFits("Enschede", box, 10)).toBe(true); // 100 x 30 px for 8 x 6.6 = 53 px wide
    expect(labelFits("Enschede", box, 20)).toBe(false); // 50 px wide < 53 px
    expect(labelFits("E", {width: 1000, height: 100}, 10)).toBe(false); // 10 px tall < 13.2 px
    expect(() => labelFits("E", box, 0)).toThrow("invalid scale");
  });

  test("finds the area that contains a point, not one whose hole it is in", () => {
    const ring = square("GM0001", "gemeente", 0, 0, 100, [[[40, 40], [60, 40], [60, 60], [40, 60], [40, 40]]]);
    const inner = square("GM0002", "gemeente", 40, 40, 20);
    expect(featureAt([ring, inner], 10, 10)?.id).toBe("GM0001");
    expect(featureAt([ring, inner], 50, 50)?.id).toBe("GM0002");
    expect(featureAt([ring, inner], 150, 50)).toBeNull();
    expect(featureAt([ring, inner], -10, 50)).toBeNull(); // left of it: the ray crosses two edges
  });
});
