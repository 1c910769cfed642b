/** NotDelivered: a grey placeholder figure saying in Dutch which data were not delivered. */
import * as Plot from "@observablehq/plot";

/** Returns a small SVG with the message, so a page without the data still shows where the chart would be. */
export function NotDelivered(message: string, {width = 640, height = 120}: {width?: number; height?: number} = {}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height,
    axis: null,
    x: {domain: [0, 1]},
    y: {domain: [0, 1]},
    marks: [Plot.frame({stroke: "#bbb", strokeDasharray: "4,3"}), Plot.text([message], {x: 0.5, y: 0.5, fontSize: 14, fill: "#666", lineWidth: 40})]
  });
}
