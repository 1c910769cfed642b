/**
 * Near-repeat warning zones ("Waar nu?"): the radius and duration of a zone from the delivery's own
 * Knox test (knox_cells, setting fijn, whole period), and which zones are still open on a day.
 * Browser-safe.
 */

/** The zone when the Knox test shows no raised near-repeat risk or could not run: 200 m, 14 days. */
export const DEFAULT_ZONE = {metres: 200, days: 14} as const;

/** The Knox cells a zone is read from (columns of knox_cells). */
export interface KnoxCellRow {
  space_index: number;
  space_lower: number;
  space_upper: number | null;
  time_index: number;
  time_lower: number;
  time_upper: number | null;
  ratio: number | null;
  p_value: number | null;
}

export interface ZoneBands {
  metres: number;
  days: number;
  /** `knox` when read from significant cells, `standaard` for {@link DEFAULT_ZONE}. */
  source: "knox" | "standaard";
  /** Ratio and p-value of the nearest neighbour cell (first space band from 1 m, first time band); null when unknown. */
  ratio: number | null;
  p_value: number | null;
}

/** A cell whose ratio is above 1 with p below `alpha`. */
const raised = (c: KnoxCellRow | undefined, alpha: number) => c !== undefined && c.ratio !== null && c.p_value !== null && c.ratio > 1 && c.p_value < alpha;

/**
 * Radius and duration from Knox cells: the nearest neighbour band is the first space band from 1 m
 * (the [0, 1) band is the same address). When its cell with the first time band is raised (ratio > 1,
 * p < alpha), the radius is the upper bound of the last space band in the unbroken run of raised
 * cells outward along the first time band, and the duration the upper bound of the last time band in
 * the unbroken run of raised cells along the nearest neighbour band; an open-ended band ends a run.
 * Otherwise (or without cells) {@link DEFAULT_ZONE}.
 * @example zoneBands(cells).metres // 200 when [1, 100) and [100, 200) are raised in the first week
 */
export function zoneBands(cells: readonly KnoxCellRow[], {alpha = 0.05}: {alpha?: number} = {}): ZoneBands {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`invalid alpha: ${alpha}`);
  const at = new Map(cells.map((c) => [`${c.space_index}|${c.time_index}`, c]));
  const spaces = [...new Map(cells.map((c) => [c.space_index, c])).values()].sort((a, b) => a.space_index - b.space_index);
  const times = [...new Map(cells.map((c) => [c.time_index, c])).values()].sort((a, b) => a.time_index - b.time_index);
  const near = spaces.find((s) => s.space_lower >= 1);
  const first = times[0];
  const nearest = near && first ? at.get(`${near.space_index}|${first.time_index}`) : undefined;
  const base = {ratio: nearest?.ratio ?? null, p_value: nearest?.p_value ?? null};
  if (!near || !first || !raised(nearest, alpha)) return {...DEFAULT_ZONE, source: "standaard", ...base};
  let metres = NaN;
  for (const s of spaces.filter((x) => x.space_index >= near.space_index)) {
    if (s.space_upper === null || !raised(at.get(`${s.space_index}|${first.time_index}`), alpha)) break;
    metres = s.space_upper;
  }
  let days = NaN;
  for (const t of times) {
    if (t.time_upper === null || !raised(at.get(`${near.space_index}|${t.time_index}`), alpha)) break;
    days = t.time_upper;
  }
  if (!Number.isFinite(metres) || !Number.isFinite(days)) return {...DEFAULT_ZONE, source: "standaard", ...base};
  return {metres, days, source: "knox", ...base};
}

/**
 * The last day a zone is open: an incident on civil day `day` raises the risk nearby for the days
 * `day` .. `day + days - 1` (the Knox time band [0, days)).
 */
export function openUntil(day: number, days: number): number {
  if (!Number.isInteger(day) || !Number.isInteger(days) || days < 1) throw new Error(`invalid zone: day ${day}, days ${days}`);
  return day + days - 1;
}

/**
 * The outline of a circular zone as a closed ring of `n` + 1 points (RD metres), for maps.
 * @example circleRing(0, 0, 100, 4)[1] // [0, 100] (approximately)
 */
export function circleRing(x: number, y: number, radius: number, n = 48): [number, number][] {
  if (!(radius > 0) || !(Number.isInteger(n) && n >= 3)) throw new Error(`invalid circle: radius ${radius}, ${n} points`);
  return Array.from({length: n + 1}, (_, k) => [x + radius * Math.cos((2 * Math.PI * k) / n), y + radius * Math.sin((2 * Math.PI * k) / n)] as [number, number]);
}
