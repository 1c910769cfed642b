/**
 * Grid and area maps in RD New metres: the period filter mapped to calendar years, grid squares as
 * rectangles, area values per level, and a frame with equal x/y scale (1 m across = 1 m up).
 */

export type Extent = [number, number, number, number];

/** A published row of `counts_grid`. */
export interface GridRow {
  cell_size: number;
  cell_id: string;
  x: number;
  y: number;
  year: number;
  count: number | null;
  suppressed: boolean;
}

/** A square ready to draw: corners, the count (null = hidden) and a label for tables and tips. */
export interface GridCell {
  cell_id: string;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  count: number | null;
  hidden: boolean;
  label: string;
}

/**
 * The calendar years a period filter (`YYYY-MM` to `YYYY-MM`) touches, limited to `available`.
 * @example periodYears({from: "2023-07", to: "2024-06"}, [2022, 2023, 2024]); // [2023, 2024]
 */
export function periodYears({from, to}: {from: string; to: string}, available: readonly number[]): number[] {
  const a = Number(from.slice(0, 4)), b = Number(to.slice(0, 4));
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Error(`invalid period: ${from} - ${to}`);
  return [...new Set(available)].filter((y) => y >= Math.min(a, b) && y <= Math.max(a, b)).sort((p, q) => p - q);
}

/** Whether a square [x, x + size) x [y, y + size) overlaps an extent. */
export function overlaps(x: number, y: number, size: number, extent: Extent | null): boolean {
  if (!extent) return true;
  return x + size > extent[0] && x < extent[2] && y + size > extent[1] && y < extent[3];
}

/**
 * The squares of one size and year within an extent; a hidden count stays hidden (null), never 0.
 * @example gridCells(rows, {year: 2024, size: 500})
 */
export function gridCells(rows: Iterable<GridRow>, {year, size, extent = null}: {year: number; size: number; extent?: Extent | null}): GridCell[] {
  if (size !== 500 && size !== 125) throw new Error(`invalid size: ${size}`);
  const cells: GridCell[] = [];
  for (const r of rows) {
    if (r.cell_size !== size || r.year !== year || !overlaps(r.x, r.y, size, extent)) continue;
    const hidden = r.suppressed || r.count === null;
    cells.push({cell_id: r.cell_id, x1: r.x, x2: r.x + size, y1: r.y, y2: r.y + size, count: hidden ? null : r.count, hidden, label: hidden ? "verborgen" : String(r.count)});
  }
  return cells.sort((a, b) => a.cell_id.localeCompare(b.cell_id));
}

/** The extent of squares (or null when there are none). */
export function cellExtent(rows: Iterable<{x: number; y: number; cell_size: number}>): Extent | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rows) {
    if (r.x < x0) x0 = r.x;
    if (r.y < y0) y0 = r.y;
    if (r.x + r.cell_size > x1) x1 = r.x + r.cell_size;
    if (r.y + r.cell_size > y1) y1 = r.y + r.cell_size;
  }
  return x0 === Infinity ? null : [x0, y0, x1, y1];
}

/** An extent grown by `margin` metres on every side. */
export function pad([x0, y0, x1, y1]: Extent, margin: number): Extent {
  return [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
}

/**
 * Plot dimensions and x/y domains with equal scale on both axes: the height follows the width,
 * and when it would exceed `maxHeight` the x domain widens around its centre instead.
 * @example mapFrame([0, 0, 1000, 500], {width: 400}); // {width: 400, height: 200, ...}
 */
export function mapFrame(extent: Extent, {width, maxHeight = 720}: {width: number; maxHeight?: number}) {
  const [x0, y0, x1, y1] = extent;
  if (!(x1 > x0) || !(y1 > y0)) throw new Error(`invalid extent: ${extent.join(", ")}`);
  if (!(width > 0)) throw new Error(`invalid width: ${width}`);
  let xDomain: [number, number] = [x0, x1];
  let height = Math.round((width * (y1 - y0)) / (x1 - x0));
  if (height > maxHeight) {
    height = maxHeight;
    const half = ((y1 - y0) * width) / maxHeight / 2;
    const cx = (x0 + x1) / 2;
    xDomain = [cx - half, cx + half];
  }
  return {width, height, x: {domain: xDomain}, y: {domain: [y0, y1] as [number, number]}};
}

/** A published row of `counts_year`. */
export interface YearRow {
  area_level: string;
  area_code: string;
  area_name: string;
  gemeentecode: string;
  year: number;
  soort: string;
  count: number | null;
  suppressed: boolean;
}

export interface AreaValue {
  code: string;
  name: string;
  value: number | null;
  hidden: boolean;
  label: string;
}

/**
 * Values per area of one level and year for an area map: the published count (soort `alle` =
 * totaal) or a rate from `area_rates` (`rate` crude, `eb` smoothed); hidden stays hidden.
 */
export function areaValues(
  counts: Iterable<YearRow>,
  rates: Iterable<{indicator: string; area_level: string; area_code: string; area_name: string; gemeentecode: string; year: number; rate: number | null; eb_rate: number | null; suppressed: boolean}>,
  {level, year, soort = "alle", measure = "count", gemeente = "regio"}: {level: string; year: number; soort?: string; measure?: "count" | "rate" | "eb"; gemeente?: string}
): AreaValue[] {
  const out: AreaValue[] = [];
  const inArea = (g: string) => gemeente === "regio" || g === gemeente;
  if (measure === "count") {
    const s = soort === "alle" ? "totaal" : soort;
    for (const r of counts) {
      if (r.area_level !== level || r.year !== year || r.soort !== s || !inArea(r.gemeentecode)) continue;
      const hidden = r.suppressed || r.count === null;
      out.push({code: r.area_code, name: r.area_name, value: hidden ? null : r.count, hidden, label: hidden ? "verborgen" : String(r.count)});
    }
  } else {
    const indicator = soort === "inbraak" ? "inbraak" : soort === "poging" ? "poging" : "inbraken";
    for (const r of rates) {
      if (r.indicator !== indicator || r.area_level !== level || r.year !== year || !inArea(r.gemeentecode)) continue;
      const v = measure === "rate" ? r.rate : r.eb_rate;
      const hidden = r.suppressed || v === null;
      out.push({code: r.area_code, name: r.area_name, value: hidden ? null : v, hidden, label: hidden ? "verborgen" : v!.toLocaleString("nl-NL", {maximumFractionDigits: 2})});
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
