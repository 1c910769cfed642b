/**
 * The `time` analysis: an aoristic histogram of burglary times relative to sunset ("dark
 * evenings"), per area, year, month of year and soort. Computed from the incidents inside the
 * pipeline so that only aggregates are published. In openbaar, a group whose count is hidden in
 * counts_month (the same area, month and soort) is hidden here too: its weights add up to that count.
 */
import type {Table} from "apache-arrow";
import {buildTable, type ColumnSpec} from "../arrow.js";
import {monthStart, yearOf} from "../pipeline/time.js";
import {sunsetHistogram, sunsetLookup, SUNSET_BINS} from "../../src/lib/sun.js";
import type {Analysis, AnalysisContext} from "./types.js";

export const SUNSET_PROFILE: readonly ColumnSpec[] = [
  {name: "area_code", kind: "dict", description: "regio or GM code"},
  {name: "year", kind: "int16", description: "calendar year of the window start"},
  {name: "month", kind: "int16", description: "month of year of the window start, 1..12"},
  {name: "soort", kind: "dict", description: "inbraak or poging"},
  {name: "hour_from_sunset", kind: "int16", description: "hours after sunset, -12..11 (bin [h, h+1))"},
  {name: "weight", kind: "float64", description: "aoristic weight in this bin; null when the group is suppressed", nullable: true},
  {name: "suppressed", kind: "bool", description: "whether the group's count is hidden by the privacy rule (as in counts_month)"}
];

/** Hidden (area|monthStartDay|soort) groups of counts_month. */
function hiddenGroups(counts: Table | undefined): Set<string> {
  const hidden = new Set<string>();
  if (!counts) return hidden;
  for (const r of counts) if (r.suppressed) hidden.add(`${r.area_code}|${Math.round(Number(r.month) / 86_400_000)}|${r.soort}`);
  return hidden;
}

/** Builds the sunset_profile table from a delivery (exported for tests). */
export function sunsetProfile({delivery, level, tables}: Pick<AnalysisContext, "delivery" | "level" | "tables">): Table {
  const sunsetOf = sunsetLookup();
  const groups = new Map<string, Float64Array>();
  const bins = (k: string) => groups.get(k) ?? (groups.set(k, new Float64Array(24)), groups.get(k)!);
  for (const r of delivery.incidents) {
    const day = Math.floor(r.start / 1440);
    const m = monthStart(day);
    const hist = sunsetHistogram(r.start, r.end, new Float64Array(24), sunsetOf);
    for (const area of ["regio", r.gemeentecode]) {
      const g = bins(`${area}|${m}|${r.soort}`);
      for (let i = 0; i < 24; i++) g[i] += hist[i];
    }
  }
  const hidden = level === "openbaar" ? hiddenGroups(tables.get("counts_month") as Table | undefined) : new Set<string>();
  const keys = [...groups.keys()].sort((a, b) => {
    const [ac, am, as] = a.split("|"), [bc, bm, bs] = b.split("|");
    return ac.localeCompare(bc) || +am - +bm || as.localeCompare(bs);
  });
  // Rows with weight 0 are left out (a missing bin is 0); a hidden group keeps all 24 rows, null.
  const area: string[] = [], soort: string[] = [], year: number[] = [], month: number[] = [], bin: number[] = [];
  const weight: number[] = [], suppressed: number[] = [];
  for (const k of keys) {
    const [code, m, s] = k.split("|");
    const day = +m;
    const isHidden = hidden.has(k);
    const g = groups.get(k)!;
    for (let b = 0; b < 24; b++) {
      const w = Math.round(g[b] * 1e4) / 1e4;
      if (!isHidden && w === 0) continue;
      area.push(code);
      soort.push(s);
      year.push(yearOf(day));
      month.push(new Date(day * 86_400_000).getUTCMonth() + 1);
      bin.push(SUNSET_BINS[b]);
      weight.push(isHidden ? NaN : w);
      suppressed.push(isHidden ? 1 : 0);
    }
  }
  return buildTable(SUNSET_PROFILE, {
    area_code: area, year: Int16Array.from(year), month: Int16Array.from(month), soort, hour_from_sunset: Int16Array.from(bin),
    weight: Float64Array.from(weight), suppressed: Uint8Array.from(suppressed)
  });
}

export const timeAnalysis: Analysis = {
  name: "time",
  schemas: {sunset_profile: SUNSET_PROFILE},
  run: (context) => ({tables: {sunset_profile: sunsetProfile(context)}})
};
