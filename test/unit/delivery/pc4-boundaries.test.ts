// PC4 polygons in gebieden.geojson: drawn on the postcode map, never used to link incidents.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect, test} from "vitest";
import {buildRegistry, readBoundaries} from "../../../loaders/delivery/areas.js";
import {areaGeometry} from "../../../loaders/analyses/area-geometry.js";
import {readDelivery} from "../../../loaders/delivery/read.js";

const square = (x: number, y: number, d = 1000) => ({type: "Polygon", coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]});

test("a feature with a four-digit postcode is a PC4 area: kept as a map shape, not as an area to link to", () => {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-pc4-"));
  writeFileSync(join(dir, "gebieden.geojson"), JSON.stringify({
    type: "FeatureCollection", crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}},
    features: [
      {type: "Feature", properties: {code: "GM0153", naam: "Enschede"}, geometry: square(254000, 468000, 8000)},
      {type: "Feature", properties: {postcode: "7512"}, geometry: square(257000, 471000)},
      {type: "Feature", properties: {pc4: 7513}, geometry: square(258000, 471000)}
    ]
  }));
  const boundaries = readBoundaries(join(dir, "gebieden.geojson"));
  expect(boundaries.map((b) => [b.info.code, b.info.level])).toEqual([["GM0153", "gemeente"], ["7512", "pc4"], ["7513", "pc4"]]);
  const registry = buildRegistry(["GM0153"], boundaries);
  expect(registry.shapes.pc4.map((s) => s.code)).toEqual(["7512", "7513"]);
  expect(registry.areas.has("7512")).toBe(false);

  writeFileSync(join(dir, "inbraken.csv"), "registratienummer;soort;pleegdatum_van;gemeentecode;postcode;x;y\nA1;inbraak;01-02-2024;GM0153;7512;257500;471500\n");
  const delivery = readDelivery(dir, {region: ["GM0153"]});
  expect(delivery.incidents).toHaveLength(1);
  expect(delivery.incidents[0].buurtcode).toBeNull();
  const geometry = areaGeometry.run({delivery, level: "openbaar", suppressBelow: 5, tables: new Map(), truth: null}).tables!.area_geometry;
  expect(new Set(geometry.getChild("level")!.toArray())).toEqual(new Set(["gemeente", "pc4"]));
});
