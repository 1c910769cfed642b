/**
 * Getis-Ord Gi* hot spots on the 500 m grid, per year, computed on the true counts inside the
 * pipeline. Only a coarse class (hot/cold at 95% or 99%, two-sided) is published per square, both
 * uncorrected and after a Benjamini-Hochberg adjustment over all squares of the year (FDR), and in the openbaar build only where the class would be the
 * same for every value that the hidden counts in the square's neighbourhood could take: so the class
 * tells nothing about a hidden count that its published neighbours do not already tell.
 */
import type {Table} from "apache-arrow";
import {getisOrdGiStar, gridNeighbours} from "../../src/lib/stats/spatial.js";
import {fdrCutoffs, hotspotClassAt, UNCORRECTED, type HotspotClass, type ZCutoffs} from "../../src/lib/maps/hotspots.js";
import {buildTable, type ColumnSpec} from "../arrow.js";
import {snap} from "../delivery/geo.js";
import {yearOf} from "../pipeline/time.js";
import {thresholdOf, type Analysis} from "./types.js";

export const GRID_HOTSPOTS_SCHEMA: readonly ColumnSpec[] = [
  {name: "cell_size", kind: "int16", description: "grid square size in metres (500)"},
  {name: "cell_id", kind: "dict", description: "square id after its lower-left corner in RD New (E2565N4705)"},
  {name: "x", kind: "int32", description: "RD New x of the lower-left corner (m)"},
  {name: "y", kind: "int32", description: "RD New y of the lower-left corner (m)"},
  {name: "year", kind: "int16", description: "calendar year"},
  {name: "hotspot", kind: "dict", description: "hot99, hot95, ns, cold95, cold99, or verborgen (class could reveal a hidden count); uncorrected two-sided levels"},
  {name: "hotspot_fdr", kind: "dict", description: "the same classes after a Benjamini-Hochberg adjustment over all squares of the year (false discovery rate 5% or 1%)"},
  {name: "z", kind: "float64", nullable: true, description: "Gi* z-score; intern build only (null in openbaar)"}
];

export const CELL = 500;

export interface HotspotInput {
  /** Square lower-left corners (RD metres, multiples of the cell size). */
  cells: readonly {x: number; y: number}[];
  /** True counts per square. */
  counts: ArrayLike<number>;
  /** Whether each square's count is hidden in the published grid. */
  hidden: ArrayLike<boolean>;
  /** Hidden counts lie in 1..threshold-1; 0 = nothing hidden. */
  threshold: number;
  size?: number;
}

/**
 * Gi* (queen contiguity, the square itself included) with the published class per square: the
 * class of the true z-score when it equals the classes at the lowest and highest local sums the
 * hidden neighbours allow (Gi* rises with the local sum), else `verborgen`. `fdrClasses` do the
 * same against the Benjamini-Hochberg cut-offs of the true z-scores (src/lib/maps/hotspots.ts).
 * @example hotspots({cells, counts, hidden, threshold: 5}).classes
 */
export function hotspots({cells, counts, hidden, threshold, size = CELL}: HotspotInput): {z: number[]; classes: HotspotClass[]; fdrClasses: HotspotClass[]} | null {
  const n = cells.length;
  if (counts.length !== n || hidden.length !== n) throw new Error(`invalid input: ${n} cells, ${counts.length} counts, ${hidden.length} hidden flags`);
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`invalid threshold: ${threshold}`);
  if (n < 3) return null;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) (sum += counts[i]), (sumSq += counts[i] ** 2);
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  if (!(s > 0)) return null;
  const neighbours = gridNeighbours(cells.map(({x, y}) => ({col: Math.round(x / size), row: Math.round(y / size)})));
  const {z} = getisOrdGiStar(counts, neighbours);
  const classify = (cutoffs: ZCutoffs) => z.map((zi, i): HotspotClass => {
    if (Number.isNaN(zi)) return "ns";
    const own = hotspotClassAt(zi, cutoffs);
    if (!threshold) return own;
    let down = 0, up = 0;
    for (const j of [i, ...neighbours[i]]) {
      if (!hidden[j]) continue;
      down += counts[j] - 1;
      up += threshold - 1 - counts[j];
    }
    if (!down && !up) return own;
    const W = neighbours[i].length + 1;
    const scale = s * Math.sqrt((n * W - W * W) / (n - 1));
    return hotspotClassAt(zi - down / scale, cutoffs) === own && hotspotClassAt(zi + up / scale, cutoffs) === own ? own : "verborgen";
  });
  return {z, classes: classify(UNCORRECTED), fdrClasses: classify(fdrCutoffs(z))};
}

export const gridHotspots: Analysis = {
  name: "grid-hotspots",
  schemas: {grid_hotspots: GRID_HOTSPOTS_SCHEMA},
  run({delivery, level, suppressBelow, privacy, tables}) {
    const threshold = thresholdOf({level, suppressBelow, privacy}, "grid_hotspots");
    const counts = new Map<string, number>();
    const cellKeys = new Set<string>();
    const years = new Set<number>();
    for (const r of delivery.incidents) {
      if (Number.isNaN(r.x) || Number.isNaN(r.y)) continue;
      const cell = `${snap(r.x, CELL)}|${snap(r.y, CELL)}`;
      const year = yearOf(Math.floor(r.start / 1440));
      cellKeys.add(cell);
      years.add(year);
      counts.set(`${cell}|${year}`, (counts.get(`${cell}|${year}`) ?? 0) + 1);
    }
    const hiddenKeys = publishedHidden(tables.get("counts_grid"));
    const cells = [...cellKeys].sort().map((k) => {
      const [x, y] = k.split("|").map(Number);
      return {x, y, key: k};
    });
    const out = {cell_size: [] as number[], cell_id: [] as string[], x: [] as number[], y: [] as number[], year: [] as number[], hotspot: [] as string[], hotspot_fdr: [] as string[], z: [] as (number | null)[]};
    for (const year of [...years].sort((a, b) => a - b)) {
      const result = hotspots({
        cells,
        counts: cells.map((c) => counts.get(`${c.key}|${year}`) ?? 0),
        hidden: cells.map((c) => hiddenKeys.has(`${c.key}|${year}`)),
        threshold
      });
      if (!result) continue;
      cells.forEach((c, i) => {
        out.cell_size.push(CELL);
        out.cell_id.push(`E${c.x / 100}N${c.y / 100}`);
        out.x.push(c.x);
        out.y.push(c.y);
        out.year.push(year);
        out.hotspot.push(result.classes[i]);
        out.hotspot_fdr.push(result.fdrClasses[i]);
        out.z.push(level === "intern" && Number.isFinite(result.z[i]) ? Math.round(result.z[i] * 1000) / 1000 : null);
      });
    }
    return {tables: {grid_hotspots: buildTable(GRID_HOTSPOTS_SCHEMA, {
      ...out, cell_size: Int16Array.from(out.cell_size), x: Int32Array.from(out.x), y: Int32Array.from(out.y), year: Int16Array.from(out.year)
    })}};
  }
};

/** Keys `x|y|year` of the 500 m squares whose count the published grid hides. */
function publishedHidden(grid: Table | undefined): Set<string> {
  const keys = new Set<string>();
  if (!grid) return keys;
  const size = grid.getChild("cell_size")!, x = grid.getChild("x")!, y = grid.getChild("y")!, year = grid.getChild("year")!, suppressed = grid.getChild("suppressed")!;
  for (let i = 0; i < grid.numRows; i++) {
    if (size.get(i) === CELL && suppressed.get(i)) keys.add(`${x.get(i)}|${y.get(i)}|${year.get(i)}`);
  }
  return keys;
}
