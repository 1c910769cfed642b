/**
 * The published tables: what the site may read, each with an explicit Arrow schema (documented
 * column by column in docs/data-model.md and asserted by test/contract/published.test.ts).
 */
import {col, type ColumnSpec} from "../arrow.js";

const {d, i32, i16, f64, day, bool, str} = col;

const count = i32("count", "registered burglaries; null when suppressed (openbaar: 1..threshold-1, or secondary)", true);
const suppressed = bool("suppressed", "whether count is hidden by the privacy rule");

export const SCHEMAS = {
  counts_month: [
    d("area_level", "regio or gemeente"),
    d("area_code", "regio, or the GM code"),
    d("area_name", "area name"),
    day("month", "first day of the month (of pleegdatum_van)"),
    d("soort", "inbraak or poging"),
    count,
    suppressed
  ],
  counts_year: [
    d("area_level", "regio, gemeente, wijk or buurt"),
    d("area_code", "regio, or a GM, WK or BU code"),
    d("area_name", "area name (the code when no name was delivered)"),
    d("gemeentecode", "municipality of the area"),
    i16("year", "calendar year of pleegdatum_van"),
    d("soort", "inbraak, poging or totaal"),
    count,
    suppressed
  ],
  counts_pc4: [
    d("pc4", "four-digit postcode of the incident"),
    d("gemeentecode", "municipality the incident was linked to (a postcode can cross a border)"),
    day("month", "first day of the month (of pleegdatum_van)"),
    d("soort", "inbraak or poging"),
    i32("count", "registered burglaries (exact: an open table, docs/privacy.md)")
  ],
  counts_grid: [
    i16("cell_size", "grid square size in metres (500 or 125)"),
    d("cell_id", "square id after its lower-left corner in RD New (E2565N4705; metres for 125 m)"),
    i32("x", "RD New x of the lower-left corner (m)"),
    i32("y", "RD New y of the lower-left corner (m)"),
    i16("year", "calendar year"),
    count,
    suppressed
  ],
  time_profile: [
    d("area_code", "regio or GM code"),
    i16("year", "calendar year; 0 = all years pooled"),
    i16("weekday", "0 = Monday ... 6 = Sunday"),
    i16("hour", "hour of the day 0..23"),
    f64("weight", "aoristic weight: sum over incidents of the share of their time window in this hour; null when hidden", true),
    bool("suppressed", "whether the weight is hidden by the privacy rule (weights below the threshold, zeros included, and cells protecting them)")
  ],
  areas: [
    d("code", "GM, WK or BU code"),
    d("name", "area name"),
    d("level", "gemeente, wijk or buurt"),
    d("gemeentecode", "municipality"),
    i32("dwellings", "dwelling stock (latest year delivered)", true),
    i32("inhabitants", "inhabitants (latest year delivered)", true),
    bool("has_boundary", "whether a boundary was delivered in gebieden.geojson")
  ],
  area_stats: [
    d("area_code", "GM, WK or BU code"),
    i16("year", "year of the statistic"),
    d("variable", "variable name (kerncijfers.csv variabele)"),
    f64("value", "value")
  ],
  whatsapp_groups: [
    d("gemeentecode", "municipality"),
    d("buurtcode", "neighbourhood, when delivered", true),
    day("start", "start date"),
    day("end", "end date, when ended", true),
    i32("participants", "number of participants, when delivered", true)
  ],
  prevention_advice: [
    d("gemeentecode", "municipality"),
    day("month", "first day of the month"),
    i32("visits", "prevention advice visits in the municipality and month; null when hidden (openbaar: 1..threshold-1)", true),
    bool("suppressed", "whether visits is hidden by the privacy rule (a protected table: person-related municipal data)")
  ],
  dor_connections: [
    d("gemeentecode", "municipality"),
    day("connected", "date of connection to the Digitaal Opkopersregister"),
    i32("dealers", "second-hand dealers connected, when delivered", true)
  ],
  campaigns: [
    str("name", "campaign name"),
    d("area_code", "GM code or regio"),
    day("start", "start date"),
    day("end", "end date")
  ],
  targets: [
    d("area_code", "GM code or regio"),
    i16("year", "target year"),
    d("indicator", "indicator name"),
    f64("target", "target value")
  ],
  data_quality: [
    d("file", "delivery file"),
    bool("present", "whether the file was delivered"),
    i32("read", "rows read"),
    i32("accepted", "rows accepted"),
    i32("rejected", "rows rejected"),
    d("reason", "reject reason code, or (totaal) for the file's totals row"),
    d("reason_text", "reject reason in Dutch"),
    i32("rows", "rows rejected for this reason (read for the totals row)")
  ],
  incidents: [
    i32("id", "pseudonym: a number with no relation to the registration number"),
    d("soort", "inbraak or poging"),
    i32("start_hour", "window start, whole hours since 1970-01-01 00:00 (civil time)"),
    i32("end_hour", "window end, whole hours (civil time)"),
    d("gemeentecode", "municipality"),
    d("wijkcode", "district", true),
    d("buurtcode", "neighbourhood", true),
    i32("x125", "RD x of the centre of the 125 m square", true),
    i32("y125", "RD y of the centre of the 125 m square", true),
    d("werkwijze", "modus operandi", true),
    d("woningtype", "dwelling type", true),
    d("buit", "stolen goods, |-separated", true),
    i16("opgelost", "1 = solved, 0 = not, null = unknown", true)
  ]
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type TableName = keyof typeof SCHEMAS;

/** Tables published at both levels. */
export const PUBLIC_TABLES: readonly TableName[] = [
  "counts_month", "counts_year", "counts_pc4", "counts_grid", "time_profile", "areas", "area_stats", "whatsapp_groups",
  "prevention_advice", "dor_connections", "campaigns", "targets", "data_quality"
];

/** Tables only the intern build carries. */
export const INTERN_TABLES: readonly TableName[] = ["incidents"];
