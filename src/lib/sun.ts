/**
 * Sunset and Dutch civil time: the local clock hour of sunset on a day (suncalc, for a point in
 * Twente), and the European summer-time rule (last Sunday of March to last Sunday of October,
 * switching at 01:00 UTC), so results do not depend on the machine's time zone.
 */
import SunCalc from "suncalc";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The point the project computes sunsets for (Twente, 52.3 N 6.75 E). */
export const TWENTE_POINT = {lat: 52.3, lon: 6.75} as const;

/** The UTC instant (ms) summer time starts (month 2) or ends (month 9) in a year. */
export function clockChange(year: number, month: 2 | 9): number {
  if (!Number.isInteger(year)) throw new Error(`invalid year: ${year}`);
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * DAY_MS;
}

/**
 * Returns the offset of Dutch civil time from UTC in hours (1 in winter, 2 in summer) at an instant.
 * @example amsterdamOffset(Date.UTC(2024, 6, 1)) // 2
 */
export function amsterdamOffset(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= clockChange(year, 2) && utcMs < clockChange(year, 9) ? 2 : 1;
}

/**
 * Returns the civil (clock) hour of sunset on a civil day, e.g. 17.35 for 17:21.
 * @param day - civil days since 1970-01-01
 * @example sunsetHour(Math.floor(Date.UTC(2024, 11, 21) / 86400000)) // about 16.5
 */
export function sunsetHour(day: number, {lat, lon}: {lat: number; lon: number} = TWENTE_POINT): number {
  if (!Number.isInteger(day)) throw new Error(`invalid day: ${day}`);
  const start = day * DAY_MS;
  const set = SunCalc.getTimes(new Date(start + 12 * HOUR_MS), lat, lon).sunset.getTime();
  return (set - start) / HOUR_MS + amsterdamOffset(set);
}

/** The civil day (days since 1970-01-01) of the Sunday summer time ends in a year. */
export function dstEndDay(year: number): number {
  return Math.floor(clockChange(year, 9) / DAY_MS);
}
