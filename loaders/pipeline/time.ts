/** Calendar helpers on civil day numbers (days since 1970-01-01), month arithmetic by d3-time's utcMonth. */
import {utcMonth} from "d3-time";

const DAY_MS = 86_400_000;

/** The civil day number of the first day of the month containing `day`. */
export function monthStart(day: number): number {
  return +utcMonth.floor(new Date(day * DAY_MS)) / DAY_MS;
}

/** The month after the one starting at `day`. */
export function nextMonth(day: number): number {
  return +utcMonth.offset(utcMonth.floor(new Date(day * DAY_MS)), 1) / DAY_MS;
}

/** The year of a civil day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** All month starts from the month of `first` to the month of `last`, inclusive. */
export function monthRange(first: number, last: number): number[] {
  return utcMonth.range(utcMonth.floor(new Date(first * DAY_MS)), new Date((last + 1) * DAY_MS)).map((m) => +m / DAY_MS);
}

/** `YYYY-MM-DD` of a civil day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The chance below which a run of days without any incident at a month's edge is not taken as chance. */
export const PARTIAL_MONTH_CHANCE = 0.01;

/**
 * The first and last month of a delivery when the delivery covers them only in part, as `YYYY-MM`.
 * A delivery rarely states its period, so it is read from the incidents: at the delivery's mean
 * rate of `n` incidents over the days `first` to `last`, g days without an incident have chance
 * exp(-rate x g) (Poisson). When the days between a month's edge and the first (or after the last)
 * incident have a chance below {@link PARTIAL_MONTH_CHANCE}, the delivery starts (or stops) inside
 * that month: its count is not a month's count, and pages must not compare it as one.
 * @example partialMonths(day("2023-04-20"), day("2026-06-07"), 2304) // ["2023-04", "2026-06"]
 */
export function partialMonths(first: number, last: number, n: number): string[] {
  if (!(n > 0) || last < first) return [];
  const rate = n / (last - first + 1);
  const unlikely = (gap: number) => gap > 0 && Math.exp(-rate * gap) < PARTIAL_MONTH_CHANCE;
  const month = (d: number) => isoDay(d).slice(0, 7);
  const partial = new Set<string>();
  if (unlikely(first - monthStart(first))) partial.add(month(first));
  if (unlikely(nextMonth(monthStart(last)) - 1 - last)) partial.add(month(last));
  return [...partial].sort();
}
