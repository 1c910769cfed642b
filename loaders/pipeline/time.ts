/** Calendar helpers on civil day numbers (days since 1970-01-01). */

/** The civil day number of the first day of the month containing `day`. */
export function monthStart(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
}

/** The month after the one starting at `day`. */
export function nextMonth(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
}

/** The year of a civil day number. */
export function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/** All month starts from the month of `first` to the month of `last`, inclusive. */
export function monthRange(first: number, last: number): number[] {
  const months: number[] = [];
  for (let m = monthStart(first); m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/** `YYYY-MM-DD` of a civil day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
