/**
 * A small seeded sample of monthly burglary counts per Twente municipality, for the foundation
 * slice: Poisson counts around a rate per 1,000 dwellings with a November-February peak and about
 * one third attempts.
 */
import type {Table} from "apache-arrow";
import {poisson, seededRng} from "../src/lib/random.js";
import {TWENTE} from "../src/lib/twente.js";
import {buildTable, type ColumnSpec} from "./arrow.js";

export const MONTHLY_SAMPLE_SCHEMA: readonly ColumnSpec[] = [
  {name: "month", kind: "date", description: "first day of the month"},
  {name: "gemeentecode", kind: "dict", description: "CBS municipality code (GM + 4 digits)"},
  {name: "gemeente", kind: "dict", description: "municipality name"},
  {name: "soort", kind: "dict", description: "inbraak (completed) or poging (attempt)"},
  {name: "count", kind: "int32", description: "registered burglaries"}
];

export interface MonthlySampleOptions {
  seed?: number;
  /** First month, "YYYY-MM". */
  from?: string;
  /** Number of months. */
  months?: number;
  /** Burglaries (incl. attempts) per 1,000 dwellings per year. */
  ratePerThousand?: number;
}

const SEASON = [1.25, 1.15, 1.0, 0.85, 0.8, 0.75, 0.8, 0.8, 0.85, 1.0, 1.3, 1.45];

/** Generates the sample as an Arrow table with {@link MONTHLY_SAMPLE_SCHEMA}. */
export function monthlySample({seed = 1, from = "2022-01", months = 36, ratePerThousand = 2.7}: MonthlySampleOptions = {}): Table {
  const match = /^(\d{4})-(\d{2})$/.exec(from);
  if (!match) throw new Error(`invalid from: ${from}`);
  if (!Number.isInteger(months) || months < 1) throw new Error(`invalid months: ${months}`);
  const rng = seededRng(seed);
  const month: number[] = [], code: string[] = [], name: string[] = [], soort: string[] = [];
  const count: number[] = [];
  const seasonMean = SEASON.reduce((a, b) => a + b) / 12;
  for (let i = 0; i < months; i++) {
    const date = Date.UTC(+match[1], +match[2] - 1 + i, 1);
    const moy = new Date(date).getUTCMonth();
    for (const m of TWENTE) {
      const lambda = (m.dwellings / 1000) * (ratePerThousand / 12) * (SEASON[moy] / seasonMean);
      for (const [kind, share] of [["inbraak", 2 / 3], ["poging", 1 / 3]] as const) {
        month.push(date / 86400000);
        code.push(m.code);
        name.push(m.name);
        soort.push(kind);
        count.push(poisson(rng, lambda * share));
      }
    }
  }
  return buildTable(MONTHLY_SAMPLE_SCHEMA, {
    month: Int32Array.from(month),
    gemeentecode: code,
    gemeente: name,
    soort,
    count: Int32Array.from(count)
  });
}
