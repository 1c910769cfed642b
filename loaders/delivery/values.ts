/**
 * Strict parsers for the cell values of delivery templates. Each returns the parsed value or
 * `undefined` when the text is not valid; callers turn that into a reject with a Dutch reason.
 */

/** Minutes since 1970-01-01 00:00 in local civil time (Europe/Amsterdam clock, stored without zone). */
export type CivilMinutes = number;

export interface ParsedDate {
  /** Civil minutes since the epoch (the clock time as written, no time zone applied). */
  minutes: CivilMinutes;
  /** Whether the text carried a time of day. */
  hasTime: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DUTCH = /^(\d{2})-(\d{2})-(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses `YYYY-MM-DD` or `DD-MM-YYYY`, optionally followed by ` HH:MM` or ` HH:MM:SS` (or `T`).
 * Two-digit years, single-digit days and impossible dates are rejected.
 * @example parseDate("31-12-2023 22:15") // {minutes: 28399935, hasTime: true}
 */
export function parseDate(text: string): ParsedDate | undefined {
  let y: number, m: number, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined;
  let match = ISO.exec(text);
  if (match) [y, m, d, hh, mm, ss] = [+match[1], +match[2], +match[3], match[4], match[5], match[6]];
  else if ((match = DUTCH.exec(text))) [d, m, y, hh, mm, ss] = [+match[1], +match[2], +match[3], match[4], match[5], match[6]];
  else return undefined;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return undefined;
  const hours = hh === undefined ? 0 : +hh;
  const minutes = mm === undefined ? 0 : +mm;
  const seconds = ss === undefined ? 0 : +ss;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const day = Date.UTC(y, m - 1, d) / 86_400_000;
  return {minutes: day * 1440 + hours * 60 + minutes, hasTime: hh !== undefined};
}

/** Formats civil minutes as `YYYY-MM-DD HH:MM`. */
export function formatCivil(minutes: CivilMinutes): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * Parses a decimal number with a point or a decimal comma; thousands separators are not accepted
 * (they are ambiguous). Rejects empty text, exponents and text around the number.
 * @example parseDecimal("256117,5") // 256117.5
 */
export function parseDecimal(text: string): number | undefined {
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return undefined;
  return Number(text.replace(",", "."));
}

/** Parses a whole number written with digits only (optionally signed). */
export function parseInteger(text: string): number | undefined {
  if (!/^[-+]?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** Normalises a municipality code (`GM0153`, `gm0153`, or the bare `0153`) or returns undefined. */
export function parseGemeentecode(text: string): string | undefined {
  const match = /^(?:GM)?(\d{4})$/i.exec(text);
  return match ? `GM${match[1]}` : undefined;
}

/** Normalises a neighbourhood code (`BU01530301`) or returns undefined. */
export function parseBuurtcode(text: string): string | undefined {
  const match = /^BU(\d{8})$/i.exec(text);
  return match ? `BU${match[1]}` : undefined;
}

/** Normalises a district code (`WK015303`) or returns undefined. */
export function parseWijkcode(text: string): string | undefined {
  const match = /^WK(\d{6})$/i.exec(text);
  return match ? `WK${match[1]}` : undefined;
}

/** The municipality code named by the digits of a district or neighbourhood code. */
export function municipalityOf(code: string): string | undefined {
  const match = /^(?:WK|BU)(\d{4})\d+$/.exec(code);
  return match ? `GM${match[1]}` : undefined;
}

/** Normalises a postcode to PC4 (`7511`) or PC6 (`7511AB`); a space inside PC6 is allowed. */
export function parsePostcode(text: string): {pc4: string; pc6: string | null} | undefined {
  const match = /^([1-9]\d{3})(?:\s?([A-Za-z]{2}))?$/.exec(text);
  if (!match) return undefined;
  return {pc4: match[1], pc6: match[2] ? match[1] + match[2].toUpperCase() : null};
}

/** Maps the police wording and the template values of `soort` to `inbraak` or `poging`. */
export function parseSoort(text: string): "inbraak" | "poging" | undefined {
  const value = text.trim().toLowerCase();
  if (value === "inbraak" || value === "woninginbraak" || value === "inbraak woning") return "inbraak";
  if (value === "poging" || value === "poging tot woninginbraak" || value === "poging inbraak") return "poging";
  return undefined;
}

/** Parses `ja`/`nee` (also `j`/`n`, `1`/`0`, `true`/`false`). */
export function parseJaNee(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === "ja" || value === "j" || value === "1" || value === "true") return true;
  if (value === "nee" || value === "n" || value === "0" || value === "false") return false;
  return undefined;
}

/** The first year of a plausible pleegdatum when none is configured. */
export const DEFAULT_FIRST_YEAR = 2000;

/**
 * The plausible range of a pleegdatum: from 1 January of `firstYear` up to the end of the
 * peildatum (the day of the check). Civil minutes, both ends inclusive.
 */
export interface DateLimits {
  /** First accepted minute: `firstYear`-01-01 00:00. */
  min: CivilMinutes;
  /** Last accepted minute: the peildatum at 23:59. */
  max: CivilMinutes;
  firstYear: number;
  /** The peildatum as YYYY-MM-DD. */
  peildatum: string;
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat("en-CA", {timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit"});

/** Today's date on the Europe/Amsterdam clock, as YYYY-MM-DD. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return AMSTERDAM_DAY.format(now);
}

/**
 * The plausible date range for a check on `peildatum` (a date as parseDate reads it; default
 * today in Europe/Amsterdam) with `firstYear` (default 2000). Invalid settings throw by name.
 */
export function dateLimits({peildatum, firstYear = DEFAULT_FIRST_YEAR}: {peildatum?: string; firstYear?: number} = {}): DateLimits {
  const text = peildatum ?? todayInAmsterdam();
  const parsed = parseDate(text.trim());
  if (!parsed || parsed.hasTime) throw new Error(`ongeldige peildatum: ${text} (verwacht JJJJ-MM-DD of DD-MM-JJJJ) / invalid peildatum`);
  if (!Number.isInteger(firstYear) || firstYear < 1900 || firstYear > 2100) throw new Error(`ongeldig eerste jaar: ${firstYear} (een jaar van 1900 tot 2100) / invalid first year`);
  const min = (Date.UTC(firstYear, 0, 1) / 86_400_000) * 1440;
  const max = parsed.minutes + 1439;
  if (max < min) throw new Error(`de peildatum ${text} ligt voor het eerste jaar ${firstYear} / peildatum before first year`);
  return {min, max, firstYear, peildatum: formatCivil(parsed.minutes).slice(0, 10)};
}
