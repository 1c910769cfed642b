/**
 * The `time` analysis: an aoristic histogram of burglary times relative to sunset ("dark
 * evenings"), per area, year, month of year and soort. Computed from the incidents inside the
 * pipeline so that only aggregates are published. A protected table (time of day is not published
 * by the police): small weights are hidden, zeros included, with the cells that would reveal them.
 */
import type {Table} from "apache-arrow";
import {buildTable, type ColumnSpec} from "../arrow.js";
import {monthStart, yearOf} from "../pipeline/time.js";
import {sunsetHistogram, sunsetLookup, SUNSET_BINS} from "../../src/lib/sun.js";
import {thresholdOf, type Analysis, type AnalysisContext} from "./types.js";
import {protectWeights, type WeightLine} from "../../src/lib/privacy/weights.js";

export const SUNSET_PROFILE: readonly ColumnSpec[] = [
  {name: "area_code", kind: "dict", description: "regio or GM code"},
  {name: "year", kind: "int16", description: "calendar year of the window start"},
  {name: "month", kind: "int16", description: "month of year of the window start, 1..12"},
  {name: "soort", kind: "dict", description: "inbraak or poging"},
  {name: "hour_from_sunset", kind: "int16", description: "hours after sunset, -12..11 (bin [h, h+1))"},
  {name: "weight", kind: "float64", description: "aoristic weight in this bin; null when hidden (weights below the threshold, zeros included, and cells protecting them)", nullable: true},
  {name: "suppressed", kind: "bool", description: "whether the weight is hidden by the privacy rule"}
];

/**
 * Builds the sunset_profile table from a delivery (exported for tests). A protected table: each
 * (month, soort) block of groups is suppressed with protectWeights, over each group's public count
 * and the region's bins as the sum of the municipalities' bins.
 */
export function sunsetProfile(context: Pick<AnalysisContext, "delivery" | "level" | "suppressBelow" | "privacy"> & Partial<Pick<AnalysisContext, "tables">>): Table {
  const {delivery} = context;
  const threshold = thresholdOf(context, "sunset_profile");
  const sunsetOf = sunsetLookup();
  const groups = new Map<string, {bins: Float64Array; n: number}>();
  const group = (k: string) => groups.get(k) ?? (groups.set(k, {bins: new Float64Array(24), n: 0}), groups.get(k)!);
  for (const r of delivery.incidents) {
    const day = Math.floor(r.start / 1440);
    const m = monthStart(day);
    const hist = sunsetHistogram(r.start, r.end, new Float64Array(24), sunsetOf);
    for (const area of ["regio", r.gemeentecode]) {
      const g = group(`${m}|${r.soort}|${area}`);
      for (let i = 0; i < 24; i++) g.bins[i] += hist[i];
      g.n++;
    }
  }
  // Blocks of one month and soort: the region and its municipalities.
  const blocks = new Map<string, string[]>();
  for (const k of groups.keys()) {
    const [m, s] = k.split("|");
    (blocks.get(`${m}|${s}`) ?? blocks.set(`${m}|${s}`, []).get(`${m}|${s}`)!).push(k);
  }
  const area: string[] = [], soort: string[] = [], year: number[] = [], month: number[] = [], bin: number[] = [];
  const weight: number[] = [], suppressed: number[] = [];
  const rows: {key: string; b: number; w: number; hidden: boolean}[] = [];
  for (const keys of blocks.values()) {
    keys.sort((a, b) => (a.endsWith("|regio") ? -1 : b.endsWith("|regio") ? 1 : a < b ? -1 : 1));
    const values = keys.flatMap((k) => Array.from(groups.get(k)!.bins, (w) => Math.round(w * 1e4) / 1e4));
    const lines: WeightLine[] = keys.map((k, g) => ({members: Array.from({length: 24}, (_, b) => g * 24 + b), total: groups.get(k)!.n}));
    if (keys.length > 1) for (let b = 0; b < 24; b++) lines.push({members: keys.map((_, g) => g * 24 + b)});
    const {hidden, unresolved} = protectWeights(values, {threshold, lines});
    keys.forEach((k, g) => {
      for (let b = 0; b < 24; b++) rows.push({key: k, b, w: values[g * 24 + b], hidden: unresolved.length > 0 || hidden[g * 24 + b]});
    });
  }
  rows.sort((a, b) => {
    const [am, as, ac] = a.key.split("|"), [bm, bs, bc] = b.key.split("|");
    return ac.localeCompare(bc) || +am - +bm || as.localeCompare(bs) || a.b - b.b;
  });
  // Rows with a shown weight of 0 are left out (a missing bin is 0); a hidden bin is a row with null.
  for (const {key, b, w, hidden} of rows) {
    if (!hidden && w === 0) continue;
    const [m, s, code] = key.split("|");
    const day = +m;
    area.push(code);
    soort.push(s);
    year.push(yearOf(day));
    month.push(new Date(day * 86_400_000).getUTCMonth() + 1);
    bin.push(SUNSET_BINS[b]);
    weight.push(hidden ? NaN : w);
    suppressed.push(hidden ? 1 : 0);
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
