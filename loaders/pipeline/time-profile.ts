/**
 * The aoristic weekday x hour profile (time_profile): the region per year and over all years, and
 * each municipality over all years. A protected table (src/lib/privacy/policy.ts): weekday and hour
 * are not published by the police, and fractions that add up to a count are a count. Its cells are
 * suppressed together with protectWeights over the relations a reader can use: each group's cells
 * add up to its public count, the region's years add up to all years, and so do the municipalities.
 */
import {aoristicWeekHour} from "../../src/lib/aoristic.js";
import {protectWeights, type WeightLine} from "../../src/lib/privacy/weights.js";
import type {LinkedIncident} from "../delivery/read.js";
import {yearOf} from "./time.js";

const CELLS = 168;
const day = (minutes: number) => Math.floor(minutes / 1440);

export interface ProfileRecord {
  area_code: string;
  year: number;
  weekday: number;
  hour: number;
  weight: number | null;
  suppressed: boolean;
}

/** Whether an incident's window carries a time of day (not a whole day or whole days from midnight). */
export const hasTimeOfDay = (r: Pick<LinkedIncident, "start" | "end">): boolean => !(r.start % 1440 === 0 && (r.end + 1) % 1440 === 0);

/**
 * Builds the records of time_profile; `threshold` 0 publishes every weight.
 * @returns records ordered by area code, year, weekday and hour, and whether suppression left a
 * determined cell (then every weight is withheld).
 */
export function timeProfile(incidents: readonly LinkedIncident[], gemeenten: readonly string[], threshold: number): {records: ProfileRecord[]; withheld: boolean} {
  const groups = new Map<string, {weights: Float64Array; n: number}>();
  const group = (k: string) => groups.get(k) ?? (groups.set(k, {weights: new Float64Array(CELLS), n: 0}), groups.get(k)!);
  for (const r of incidents) {
    for (const k of [`regio|${yearOf(day(r.start))}`, "regio|0", `${r.gemeentecode}|0`]) {
      const g = group(k);
      aoristicWeekHour(r.start, r.end, g.weights);
      g.n++;
    }
  }
  const keys = [...groups.keys()].sort();
  const values: number[] = [];
  for (const k of keys) for (const w of groups.get(k)!.weights) values.push(Math.round(w * 1e6) / 1e6);
  const offset = new Map(keys.map((k, g) => [k, g * CELLS]));
  const lines: WeightLine[] = keys.map((k) => ({members: Array.from({length: CELLS}, (_, c) => offset.get(k)! + c), total: groups.get(k)!.n}));
  const years = keys.filter((k) => k.startsWith("regio|") && k !== "regio|0");
  const municipalities = keys.filter((k) => !k.startsWith("regio|") && gemeenten.includes(k.split("|")[0]));
  for (let c = 0; c < CELLS; c++) {
    const total = offset.get("regio|0");
    if (total === undefined) break;
    lines.push({members: [total + c, ...years.map((k) => offset.get(k)! + c)]});
    lines.push({members: [total + c, ...municipalities.map((k) => offset.get(k)! + c)]});
  }
  const {hidden, unresolved} = protectWeights(values, {threshold, lines});
  const withheld = unresolved.length > 0;
  const records: ProfileRecord[] = [];
  keys.forEach((k, g) => {
    const [code, year] = k.split("|");
    for (let c = 0; c < CELLS; c++) {
      const i = g * CELLS + c;
      const hide = withheld || hidden[i];
      records.push({area_code: code, year: +year, weekday: Math.floor(c / 24), hour: c % 24, weight: hide ? null : values[i], suppressed: hide});
    }
  });
  return {records, withheld};
}
