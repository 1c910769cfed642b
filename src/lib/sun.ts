/**
 * Sunset in civil time (Europe/Amsterdam) and an aoristic histogram of burglary times relative to
 * sunset: the "dark evening" view. Sun positions come from suncalc; times are civil minutes since
 * 1970-01-01 00:00, as in the pipeline (src/lib/aoristic.ts).
 */
import SunCalc from "suncalc";

/** The region's reference point for sunset (the centre of Twente, WGS84). */
export const TWENTE_CENTRE: {readonly lat: number; readonly lon: number} = {lat: 52.3, lon: 6.75};

/** Hour bins relative to sunset: -12 .. +11 (bin h covers [h, h+1) hours after sunset). */
export const SUNSET_BINS: readonly number[] = Array.from({length: 24}, (_, i) => i - 12);

const HOUR_MS = 3_600_000;

/** Europe/Amsterdam's offset from UTC as Intl prints it ("GMT+02:00"): the tz database's rule. */
const OFFSET_FORMAT = new Intl.DateTimeFormat("en-GB", {timeZone: "Europe/Amsterdam", timeZoneName: "longOffset"});

/**
 * Minutes that Europe/Amsterdam civil time is ahead of UTC at a UTC instant: 60 in winter, 120 in
 * summer time (since 1996 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October). From the time-zone database through Intl, not a rule written here.
 * @example amsterdamOffsetMinutes(Date.UTC(2024, 6, 1)) // 120
 */
export function amsterdamOffsetMinutes(utcMs: number): number {
  if (!Number.isFinite(utcMs)) throw new Error(`invalid instant: ${utcMs}`);
  const name = OFFSET_FORMAT.formatToParts(utcMs).find((p) => p.type === "timeZoneName")?.value ?? "";
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m) throw new Error(`unexpected time-zone offset from Intl: ${name}`);
  return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Sunset on a civil day, in civil minutes since the epoch, at a point (default: Twente's centre).
 * @example sunsetCivilMinute(Date.UTC(2024, 11, 21) / 86_400_000) // about 16:30 that day
 */
export function sunsetCivilMinute(day: number, {lat = TWENTE_CENTRE.lat, lon = TWENTE_CENTRE.lon} = {}): number {
  if (!Number.isInteger(day)) throw new Error(`invalid day: ${day}`);
  // Noon UTC of the day selects the right solar day for longitudes near 0.
  const sunset = SunCalc.getTimes(new Date(day * 86_400_000 + 12 * 3_600_000), lat, lon).sunset.getTime();
  if (!Number.isFinite(sunset)) throw new Error(`no sunset on day ${day} at ${lat},${lon}`);
  return Math.round(sunset / 60_000) + amsterdamOffsetMinutes(sunset);
}

/** A memoised sunset lookup by civil day (the pipeline asks for the same days many times). */
export function sunsetLookup(point: {lat?: number; lon?: number} = {}): (day: number) => number {
  const cache = new Map<number, number>();
  return (day) => {
    let s = cache.get(day);
    if (s === undefined) cache.set(day, (s = sunsetCivilMinute(day, point)));
    return s;
  };
}

/**
 * Minutes between a civil minute and the nearest sunset (negative: before it), in [-720, 720).
 * @param t civil minutes; @param sunsetOf sunset (civil minutes) of a civil day.
 */
export function minutesFromSunset(t: number, sunsetOf: (day: number) => number): number {
  const day = Math.floor(t / 1440);
  let r = t - sunsetOf(day);
  if (r < -720) r = t - sunsetOf(day - 1);
  else if (r >= 720) r = t - sunsetOf(day + 1);
  // Days differ in length by a few minutes: keep the result inside the bins.
  return Math.min(719, Math.max(-720, r));
}

/**
 * Adds one incident's weight to a 24-bin histogram of hours relative to sunset (bin i holds
 * [i - 12, i - 11) hours after sunset), spreading the weight over the window as aoristic weighting
 * does: in slices of at most 15 minutes (60 for windows over a week), each put in the bin of its
 * midpoint. Returns the histogram.
 * @example sunsetHistogram(t, t, new Float64Array(24), lookup) // all weight in one bin
 */
export function sunsetHistogram(start: number, end: number, bins: Float64Array, sunsetOf: (day: number) => number, weight = 1): Float64Array {
  if (!(end >= start)) throw new Error(`invalid window: ${start}..${end}`);
  if (bins.length !== 24) throw new Error(`invalid bins length: ${bins.length}`);
  const stop = end + 1;
  const length = stop - start;
  const step = length > 7 * 1440 ? 60 : 15;
  for (let t = start; t < stop; t += step) {
    const sliceEnd = Math.min(stop, t + step);
    const r = minutesFromSunset((t + sliceEnd) / 2, sunsetOf);
    const bin = Math.floor(r / 60) + 12;
    bins[bin] += (weight * (sliceEnd - t)) / length;
  }
  return bins;
}

/** The point the project computes sunsets for (Twente's centre); an alias of {@link TWENTE_CENTRE}. */
export const TWENTE_POINT = TWENTE_CENTRE;

/**
 * The UTC instant (ms) summer time starts (month 2, March) or ends (month 9, October) in a year: the
 * first whole hour of the month at which Amsterdam's offset differs from the month's start.
 * @example new Date(clockChange(2024, 9)).toISOString() // "2024-10-27T01:00:00.000Z"
 */
export function clockChange(year: number, month: 2 | 9): number {
  if (!Number.isInteger(year)) throw new Error(`invalid year: ${year}`);
  const start = Date.UTC(year, month, 1);
  const before = amsterdamOffsetMinutes(start);
  let lo = 0;
  let hi = (Date.UTC(year, month + 1, 1) - start) / HOUR_MS;
  if (amsterdamOffsetMinutes(start + hi * HOUR_MS) === before) throw new Error(`no clock change in ${year}-${month + 1}`);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (amsterdamOffsetMinutes(start + mid * HOUR_MS) === before) lo = mid;
    else hi = mid;
  }
  return start + hi * HOUR_MS;
}

/**
 * The offset of Dutch civil time from UTC in hours (1 in winter, 2 in summer) at an instant.
 * @example amsterdamOffset(Date.UTC(2024, 6, 1)) // 2
 */
export function amsterdamOffset(utcMs: number): number {
  return amsterdamOffsetMinutes(utcMs) / 60;
}

/**
 * The civil (clock) hour of sunset on a civil day, e.g. 17.35 for 17:21 (to the second, unlike
 * {@link sunsetCivilMinute}, which rounds to the minute).
 * @example sunsetHour(Math.floor(Date.UTC(2024, 11, 21) / 86400000)) // about 16.5
 */
export function sunsetHour(day: number, {lat, lon}: {lat: number; lon: number} = TWENTE_CENTRE): number {
  if (!Number.isInteger(day)) throw new Error(`invalid day: ${day}`);
  const start = day * 86_400_000;
  const set = SunCalc.getTimes(new Date(start + 12 * HOUR_MS), lat, lon).sunset.getTime();
  return (set - start) / HOUR_MS + amsterdamOffset(set);
}

/** The civil day (days since 1970-01-01) of the Sunday summer time ends in a year. */
export function dstEndDay(year: number): number {
  return Math.floor(clockChange(year, 9) / 86_400_000);
}
