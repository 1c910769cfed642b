/**
 * Near-repeat zones on a map in RD New metres (as the other maps: Plot x/y scales of equal scale):
 * each zone a circle, darker the longer it stays open, over the area outlines.
 */
import * as Plot from "@observablehq/plot";
import {circleRing} from "../lib/nearrepeat-zones.js";
import {mapFrame, type Extent} from "../lib/maps/grid.js";
import type {AreaFeature} from "../lib/maps/geometry.js";
import {MIN_WIDTH} from "./maps.js";

export interface Zone {
  zone: number;
  x: number;
  y: number;
  radius: number;
  /** Days from the reference day until the zone closes (0 = closes today). */
  daysLeft: number;
  label: string;
}

/**
 * Zones as circles on the region's outlines.
 * @example ZoneMap(zones, {width: 640, extent, outlines})
 */
export function ZoneMap(zones: readonly Zone[], {width, extent, outlines, maxHeight}: {width: number; extent: Extent; outlines?: readonly AreaFeature[]; maxHeight?: number}): Element {
  const frame = mapFrame(extent, {width: Math.max(width, MIN_WIDTH), maxHeight});
  const circles = zones.map((z) => ({type: "Feature", properties: z, geometry: {type: "Polygon", coordinates: [circleRing(z.x, z.y, z.radius)]}}));
  return Plot.plot({
    width: frame.width, height: frame.height, margin: 0,
    x: {domain: frame.x.domain, axis: null}, y: {domain: frame.y.domain, axis: null},
    color: {type: "linear", scheme: "Oranges", label: "Nog open (dagen)", legend: true, zero: true},
    marks: [
      Plot.frame({stroke: "#ccc"}),
      outlines?.length ? Plot.geo(outlines as never, {stroke: "#999", strokeWidth: 0.6, fill: "none"}) : null,
      Plot.geo(circles as never, {fill: (d: {properties: Zone}) => d.properties.daysLeft, fillOpacity: 0.6, stroke: "#7f2704", strokeWidth: 0.5, title: (d: {properties: Zone}) => d.properties.label}),
      Plot.dot(zones, {x: "x", y: "y", r: 1.5, fill: "#7f2704", title: "label"})
    ]
  });
}
