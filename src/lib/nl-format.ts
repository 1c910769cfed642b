/** Dutch tick formats for Plot axes (Plot formats numbers and dates in English by default). */

const MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/**
 * A number the Dutch way, for a Plot `tickFormat`.
 * @example nlTick(1000) // "1.000"; nlTick(4.5) // "4,5"
 */
export function nlTick(d: number): string {
  return Number.isFinite(d) ? d.toLocaleString("nl-NL") : String(d);
}

/**
 * A percentage the Dutch way, for a Plot `tickFormat` on an axis in percent.
 * @example nlPercentTick(-2.5) // "-2,5%"
 */
export function nlPercentTick(d: number): string {
  return `${nlTick(d)}%`;
}

/**
 * A month tick in Dutch: the year on January, else the short month name (UTC, as months are stored).
 * @example nlMonthTick(new Date(Date.UTC(2024, 0, 1))) // "2024"; nlMonthTick(new Date(Date.UTC(2024, 3, 1))) // "apr"
 */
export function nlMonthTick(d: Date | number): string {
  const date = d instanceof Date ? d : new Date(d);
  return date.getUTCMonth() === 0 ? String(date.getUTCFullYear()) : MONTHS_SHORT[date.getUTCMonth()];
}
