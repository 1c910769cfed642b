/** Dutch number, month and weekday formats for Plot axes, texts, tables and downloads. */

/** The twelve months (January first) or seven weekdays (Monday first) in Dutch, from Intl. */
const names = (count: number, date: (i: number) => number, options: Intl.DateTimeFormatOptions): readonly string[] => {
  const format = new Intl.DateTimeFormat("nl-NL", {...options, timeZone: "UTC"});
  return Object.freeze(Array.from({length: count}, (_, i) => format.format(date(i)).replace(/\.$/, "")));
};

/** Dutch month abbreviations, January first: jan, feb, mrt, ... */
export const MONTHS_SHORT = names(12, (i) => Date.UTC(2024, i, 1), {month: "short"});

/** Dutch month names, January first: januari, februari, maart, ... */
export const MONTHS_LONG = names(12, (i) => Date.UTC(2024, i, 1), {month: "long"});

/** Dutch weekday names, Monday first (1 January 2024 was a Monday). */
export const WEEKDAYS = names(7, (i) => Date.UTC(2024, 0, 1 + i), {weekday: "long"});

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

/**
 * A figure in a text or card the Dutch way with a fixed number of decimals; "—" when there is none.
 * @example nlValue(1234.5, 1) // "1.234,5"; nlValue(null) // "—"
 */
export function nlValue(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? "—" : x.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/**
 * A figure rounded to one decimal for a table cell or a download, where the number stays a number
 * (downloads must parse back); null and undefined give null.
 * @example oneDecimal(2.25) // 2.3; oneDecimal(null) // null
 */
export function oneDecimal(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 10) / 10;
}

/**
 * A share (0-1) as a percentage with one decimal for a table cell or a download; null and
 * undefined give null.
 * @example percentOneDecimal(0.1234) // 12.3; percentOneDecimal(null) // null
 */
export function percentOneDecimal(share: number | null | undefined): number | null {
  return share === null || share === undefined ? null : Math.round(share * 1000) / 10;
}

/**
 * The years to label on a yearly axis `width` pixels wide: every year while each gets 44 px,
 * else every k-th year counted back from the last (so the latest year is always labelled).
 * @example yearTicks([2012, 2013, 2014, 2015], 100) // [2013, 2015]
 */
export function yearTicks(years: readonly number[], width: number): number[] {
  if (!(width > 0)) throw new Error(`invalid width: ${width}`);
  const step = Math.max(1, Math.ceil((years.length * 44) / width));
  return years.filter((_, i) => (years.length - 1 - i) % step === 0);
}
