/**
 * Byte-level fast paths for the strict cell parsers of values.ts. Each works on a byte range of a
 * delivered file (ASCII only) and never accepts what values.ts rejects: when a fast parser fails,
 * the caller asks values.ts on the decoded text for the final word, so both agree by construction
 * (test/unit/delivery/fast-values.test.ts checks it on many valid and invalid inputs).
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function two(b: Uint8Array, i: number): number {
  const a = b[i] - 48, c = b[i + 1] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

function four(b: Uint8Array, i: number): number {
  const h = two(b, i), l = two(b, i + 2);
  return h < 0 || l < 0 ? -1 : h * 100 + l;
}

/**
 * Parses a date cell like values.parseDate (`YYYY-MM-DD` or `DD-MM-YYYY`, optional ` HH:MM[:SS]`
 * or `T`), returning civil minutes since the epoch or NaN when invalid. A valid date carries a
 * time of day exactly when it is longer than 10 bytes.
 * @example fastDate(Buffer.from("31-12-2023 22:15"), 0, 16) // 28399935
 */
export function fastDate(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n !== 10 && n !== 16 && n !== 19) return NaN;
  let y: number, m: number, d: number;
  if (b[s + 4] === 45 && b[s + 7] === 45) {
    y = four(b, s), m = two(b, s + 5), d = two(b, s + 8);
  } else if (b[s + 2] === 45 && b[s + 5] === 45) {
    d = two(b, s), m = two(b, s + 3), y = four(b, s + 6);
  } else return NaN;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return NaN;
  let hours = 0, minutes = 0;
  if (n > 10) {
    const sep = b[s + 10];
    if ((sep !== 32 && sep !== 84) || b[s + 13] !== 58) return NaN;
    hours = two(b, s + 11), minutes = two(b, s + 14);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
    if (n === 19) {
      const seconds = two(b, s + 17);
      if (b[s + 16] !== 58 || seconds < 0 || seconds > 59) return NaN;
    }
  }
  return daysFromCivil(y, m, d) * 1440 + hours * 60 + minutes;
}

/**
 * Parses a decimal cell like values.parseDecimal (point or comma, no exponent, no thousands
 * separators); returns NaN when the fast path cannot decide (invalid, or too many digits to be
 * exact), in which case the caller falls back to values.parseDecimal.
 * @example fastDecimal(Buffer.from("256117,5"), 0, 8) // 256117.5
 */
export function fastDecimal(b: Uint8Array, s: number, e: number): number {
  let i = s, negative = false;
  const c0 = b[i];
  if (c0 === 45 || c0 === 43) negative = c0 === 45, i++;
  let value = 0, digits = 0, fraction = 0, seenPoint = false, intDigits = 0;
  for (; i < e; i++) {
    const c = b[i];
    const v = c - 48;
    if (v >= 0 && v <= 9) {
      value = value * 10 + v;
      digits++;
      if (seenPoint) fraction++;
      else intDigits++;
    } else if ((c === 46 || c === 44) && !seenPoint) seenPoint = true;
    else return NaN;
  }
  if (digits === 0 || (seenPoint && intDigits === 0 && fraction === 0)) return NaN;
  if (digits > 15 || fraction > 22) return NaN;
  const result = fraction ? value / POW10[fraction] : value;
  return negative ? -result : result;
}

/** JavaScript's String.prototype.trim whitespace, for ASCII bytes (high bytes go the slow way). */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
