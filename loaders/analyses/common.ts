/** Column helpers and small utilities shared by the hypothesis analyses. */
import type {ColumnSpec} from "../arrow.js";
import type {LinkedIncident} from "../delivery/read.js";

export {col, columns} from "../arrow.js";


/** The civil day of an incident's window start. */
export const startDay = (r: LinkedIncident): number => Math.floor(r.start / 1440);

/** The calendar year of a civil day. */
export const yearOfDay = (day: number): number => new Date(day * 86_400_000).getUTCFullYear();

/** Rounds to a fixed number of significant decimals so published floats are stable across platforms. */
export const round = (x: number, digits = 6): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : NaN);

/** Full calendar years covered by the incidents (a January and a December start in that year). */
export function fullYears(incidents: readonly LinkedIncident[]): number[] {
  const months = new Map<number, Set<number>>();
  for (const r of incidents) {
    const d = new Date(startDay(r) * 86_400_000);
    const y = d.getUTCFullYear();
    (months.get(y) ?? months.set(y, new Set()).get(y)!).add(d.getUTCMonth());
  }
  return [...months.entries()].filter(([, m]) => m.has(0) && m.has(11)).map(([y]) => y).sort((a, b) => a - b);
}
