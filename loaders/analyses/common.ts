/** Column helpers and small utilities shared by the hypothesis analyses. */
import type {LinkedIncident} from "../delivery/read.js";
import {partialMonths} from "../pipeline/time.js";

export {col, columns} from "../arrow.js";


/** The civil day of an incident's window start. */
export const startDay = (r: LinkedIncident): number => Math.floor(r.start / 1440);

/** The calendar year of a civil day. */
export const yearOfDay = (day: number): number => new Date(day * 86_400_000).getUTCFullYear();

/** Rounds to a fixed number of significant decimals so published floats are stable across platforms. */
export const round = (x: number, digits = 6): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : NaN);

/**
 * The smallest p-value published: a p-value that underflows to 0 in floating point is published as
 * this floor (read it as "p < 1e-300"), never as 0 (docs/methods.md, "p-values").
 */
export const P_FLOOR = 1e-300;

/**
 * A p-value as published: ten significant digits, so a tiny p stays tiny (1e-123, not the 0 that
 * rounding to a fixed number of decimals gives), at least {@link P_FLOOR}, at most 1; NaN stays NaN.
 * @example roundP(1.234567e-123) // 1.234567e-123
 */
export const roundP = (p: number): number => (Number.isFinite(p) ? Math.min(1, Math.max(P_FLOOR, Number(p.toPrecision(10)))) : NaN);

/**
 * Full calendar years covered by the incidents: a January and a December start in that year, and
 * neither month covered only in part (a delivery that stops on 7 December has no full last year;
 * `partialMonths` in loaders/pipeline/time.ts).
 */
export function fullYears(incidents: readonly LinkedIncident[]): number[] {
  const months = new Map<number, Set<number>>();
  let first = Infinity, last = -Infinity;
  for (const r of incidents) {
    const day = startDay(r);
    if (day < first) first = day;
    if (day > last) last = day;
    const d = new Date(day * 86_400_000);
    const y = d.getUTCFullYear();
    (months.get(y) ?? months.set(y, new Set()).get(y)!).add(d.getUTCMonth());
  }
  const partialYears = new Set(partialMonths(first, last, incidents.length).map((m) => +m.slice(0, 4)));
  return [...months.entries()].filter(([y, m]) => m.has(0) && m.has(11) && !partialYears.has(y)).map(([y]) => y).sort((a, b) => a - b);
}
