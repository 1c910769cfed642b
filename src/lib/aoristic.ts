/**
 * Aoristic weighting (Ratcliffe 2002; Ashby & Bowers 2013): an incident known only to have happened
 * somewhere in a time window gets weight 1, spread over the hours of that window in proportion to
 * the minutes of each hour that the window covers, instead of being put at the window's midpoint.
 */

/** Minutes in a week; windows longer than this carry no information about weekday or hour. */
export const WEEK_MINUTES = 7 * 24 * 60;

/**
 * Adds one incident's weight to a 7 x 24 weekday-by-hour grid (index `weekday * 24 + hour`,
 * weekday 0 = Monday). Times are civil minutes since 1970-01-01 00:00 (a Thursday). A window of a
 * week or longer is spread evenly. Returns the grid.
 * @example aoristicWeekHour(0, 59, new Float64Array(168)) // all weight in Thursday 00:00-01:00
 */
export function aoristicWeekHour(start: number, end: number, grid: Float64Array, weight = 1): Float64Array {
  if (!(end >= start)) throw new Error(`invalid window: ${start}..${end}`);
  if (grid.length !== 168) throw new Error(`invalid grid length: ${grid.length}`);
  // An end time is inclusive to the minute: [start, end + 1) minutes.
  const length = end + 1 - start;
  if (length >= WEEK_MINUTES) {
    for (let i = 0; i < 168; i++) grid[i] += weight / 168;
    return grid;
  }
  let t = start;
  const stop = end + 1;
  while (t < stop) {
    const hourEnd = Math.min(stop, (Math.floor(t / 60) + 1) * 60);
    const hourOfWeek = (Math.floor(t / 60) + 72) % 168; // epoch day 0 is a Thursday: shift to Monday = 0
    grid[hourOfWeek] += (weight * (hourEnd - t)) / length;
    t = hourEnd;
  }
  return grid;
}

/** Spreads one incident's weight over the 24 hours of the day (ignoring the weekday). */
export function aoristicHour(start: number, end: number, hours: Float64Array, weight = 1): Float64Array {
  if (hours.length !== 24) throw new Error(`invalid hours length: ${hours.length}`);
  const grid = aoristicWeekHour(start, end, new Float64Array(168), weight);
  for (let i = 0; i < 168; i++) hours[i % 24] += grid[i];
  return hours;
}
