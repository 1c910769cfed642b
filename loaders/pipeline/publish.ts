/**
 * From a validated, linked delivery to the published tables: aggregation, privacy rules and the
 * data-quality account. Pure: the same delivery and configuration give the same tables.
 */
import type {Table} from "apache-arrow";
import {aoristicWeekHour} from "../../src/lib/aoristic.js";
import {buildTable, type ColumnValues} from "../arrow.js";
import type {Level} from "../config.js";
import type {Delivery} from "../delivery/read.js";
import {REJECT_REASONS, type RejectReason} from "../delivery/reject.js";
import {snap} from "../delivery/geo.js";
import {monthRange, monthStart, yearOf} from "./time.js";
import {SCHEMAS, INTERN_TABLES, PUBLIC_TABLES, type TableName} from "./tables.js";
import {linesBy, suppressCounts} from "./suppression.js";

export interface PublishOptions {
  level: Level;
  /** Counts 1..suppressBelow-1 are suppressed in openbaar tables. */
  suppressBelow: number;
}

/** What a build carries besides the tables: provenance and the rules applied (no row contents). */
export interface PublishMeta {
  level: Level;
  source: string;
  region: string[];
  suppress_below: number;
  first_month: string | null;
  last_month: string | null;
  incidents: number;
  files: {file: string; present: boolean}[];
  boundaries: boolean;
  tables: string[];
}

const SOORTEN = ["inbraak", "poging"] as const;

function rows<T extends Record<string, unknown>>(records: T[], columns: readonly string[]): Record<string, ColumnValues> {
  const out: Record<string, unknown[]> = {};
  for (const c of columns) out[c] = records.map((r) => r[c] ?? null);
  return out as Record<string, ColumnValues>;
}

function table(name: TableName, records: Record<string, unknown>[]): Table {
  const spec = SCHEMAS[name];
  return buildTable(spec, rows(records, spec.map((c) => c.name)));
}

const day = (minutes: number) => Math.floor(minutes / 1440);

/** Builds every table for the level, keyed by name, plus the build's metadata. */
export function publish(delivery: Delivery, {level, suppressBelow}: PublishOptions): {tables: Map<string, Table>; meta: PublishMeta} {
  const threshold = level === "openbaar" ? suppressBelow : 0;
  const {incidents, registry} = delivery;
  const tables = new Map<string, Table>();
  const gmCodes = [...delivery.region];
  const nameOf = (code: string) => registry.areas.get(code)?.name ?? code;

  // Period covered: the months of the incidents' start dates.
  let first = Infinity, last = -Infinity;
  for (const r of incidents) {
    const d = day(r.start);
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const months = incidents.length ? monthRange(first, last) : [];
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const years = incidents.length ? Array.from({length: yearOf(last) - yearOf(first) + 1}, (_, i) => yearOf(first) + i) : [];

  // counts_month: region and municipalities x month x soort, zero-filled.
  const monthly = new Map<string, Int32Array>();
  for (const code of ["regio", ...gmCodes]) for (const s of SOORTEN) monthly.set(`${code}|${s}`, new Int32Array(months.length));
  for (const r of incidents) {
    const m = monthIndex.get(monthStart(day(r.start)))!;
    monthly.get(`regio|${r.soort}`)![m]++;
    monthly.get(`${r.gemeentecode}|${r.soort}`)![m]++;
  }
  const monthRecords: Record<string, unknown>[] = [];
  for (const code of ["regio", ...gmCodes]) {
    for (const s of SOORTEN) {
      const counts = monthly.get(`${code}|${s}`)!;
      months.forEach((m, i) => monthRecords.push({
        area_level: code === "regio" ? "regio" : "gemeente", area_code: code, area_name: code === "regio" ? "Regio" : nameOf(code),
        month: m, soort: s, count: counts[i]
      }));
    }
  }
  // counts_year: municipality, district and neighbourhood x year x soort (incl. totaal), zero-filled.
  const yearly = new Map<string, number>();
  const key = (code: string, year: number, soort: string) => `${code}|${year}|${soort}`;
  const bump = (code: string | null, year: number, soort: string) => {
    if (!code) return;
    for (const s of [soort, "totaal"]) yearly.set(key(code, year, s), (yearly.get(key(code, year, s)) ?? 0) + 1);
  };
  for (const r of incidents) {
    const y = yearOf(day(r.start));
    bump(r.gemeentecode, y, r.soort);
    bump(r.wijkcode, y, r.soort);
    bump(r.buurtcode, y, r.soort);
  }
  const yearRecords: Record<string, unknown>[] = [];
  const areaList = [...registry.areas.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const a of areaList) {
    for (const y of years) {
      for (const s of [...SOORTEN, "totaal"]) {
        yearRecords.push({area_level: a.level, area_code: a.code, area_name: a.name, gemeentecode: a.gemeentecode, year: y, soort: s, count: yearly.get(key(a.code, y, s)) ?? 0});
      }
    }
  }
  // Linked sums: inbraak + poging = totaal per area and year; neighbourhoods add up to their
  // district and districts to their municipality (for incidents with a neighbourhood), per year
  // and soort.
  const yearLines = [
    ...linesBy(yearRecords, (r) => `${r.area_code}|${r.year}`),
    ...linesBy(yearRecords, (r) => (r.area_level === "buurt" ? `${String(r.area_code).slice(2, 8)}|${r.year}|${r.soort}` : r.area_level === "wijk" ? `${String(r.area_code).slice(2, 8)}|${r.year}|${r.soort}` : null)),
    ...linesBy(yearRecords, (r) => (r.area_level === "wijk" || r.area_level === "gemeente" ? `${String(r.area_code).slice(2, 6)}|${r.year}|${r.soort}` : null))
  ];
  // The region is the sum of its municipalities in every month and soort, and a municipality's
  // months add up to its year in counts_year: both tables are suppressed together.
  const monthLines = linesBy(monthRecords, (r) => `${r.month}|${r.soort}`);
  const offset = monthRecords.length;
  const crossLines = linesBy([...monthRecords, ...yearRecords], (r) =>
    r.area_level === "gemeente" && r.soort !== "totaal" ? `${r.area_code}|${"year" in r ? r.year : yearOf(r.month as number)}|${r.soort}` : null);
  const combined = suppressCounts([...monthRecords, ...yearRecords] as never[], threshold, [
    ...monthLines, ...yearLines.map((line) => line.map((i) => i + offset)), ...crossLines
  ]);
  tables.set("counts_month", table("counts_month", combined.slice(0, offset)));
  tables.set("counts_year", table("counts_year", combined.slice(offset)));

  // counts_grid: 500 m squares always; 125 m squares only where no square would be suppressed.
  const gridRecords: Record<string, unknown>[] = [];
  for (const size of [500, 125]) {
    const cells = new Map<string, number>();
    for (const r of incidents) {
      if (Number.isNaN(r.x)) continue;
      const k = `${snap(r.x, size)}|${snap(r.y, size)}|${yearOf(day(r.start))}`;
      cells.set(k, (cells.get(k) ?? 0) + 1);
    }
    const cellRecords = [...cells.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => {
      const [x, y, year] = k.split("|").map(Number);
      const id = size % 100 === 0 ? `E${x / 100}N${y / 100}` : `E${x}N${y}`;
      return {cell_size: size, cell_id: id, x, y, year, count: n};
    });
    // At 125 m only cells at or above the threshold are published: the rest stay in the 500 m view.
    const kept = size === 125 && threshold ? cellRecords.filter((c) => c.count >= threshold) : cellRecords;
    // Grid squares carry no published margin of their own: primary suppression suffices.
    for (const r of suppressCounts(kept, threshold)) gridRecords.push(r);
  }
  tables.set("counts_grid", table("counts_grid", gridRecords));

  // time_profile: aoristic weekday x hour, region per year and each municipality over all years.
  const profiles = new Map<string, Float64Array>();
  const profile = (k: string) => profiles.get(k) ?? (profiles.set(k, new Float64Array(168)), profiles.get(k)!);
  for (const r of incidents) {
    aoristicWeekHour(r.start, r.end, profile(`regio|${yearOf(day(r.start))}`));
    aoristicWeekHour(r.start, r.end, profile(`regio|0`));
    aoristicWeekHour(r.start, r.end, profile(`${r.gemeentecode}|0`));
  }
  const profileRecords: Record<string, unknown>[] = [];
  for (const k of [...profiles.keys()].sort()) {
    const [code, year] = k.split("|");
    const grid = profiles.get(k)!;
    for (let i = 0; i < 168; i++) profileRecords.push({area_code: code, year: +year, weekday: Math.floor(i / 24), hour: i % 24, weight: Math.round(grid[i] * 1e6) / 1e6});
  }
  tables.set("time_profile", table("time_profile", profileRecords));

  // areas and area_stats.
  const latest = new Map<string, {year: number; value: number}>();
  for (const k of delivery.kerncijfers ?? []) {
    const id = `${k.gebiedscode}|${k.variabele}`;
    const prev = latest.get(id);
    if (!prev || k.jaar > prev.year) latest.set(id, {year: k.jaar, value: k.waarde});
  }
  const boundaryCodes = new Set([...registry.shapes.gemeente, ...registry.shapes.wijk, ...registry.shapes.buurt].map((s) => s.code));
  tables.set("areas", table("areas", areaList.map((a) => ({
    code: a.code, name: a.name, level: a.level, gemeentecode: a.gemeentecode,
    dwellings: latest.get(`${a.code}|woningvoorraad`)?.value ?? defaultDwellings(a.code),
    inhabitants: latest.get(`${a.code}|aantal_inwoners`)?.value ?? defaultInhabitants(a.code),
    has_boundary: boundaryCodes.has(a.code)
  }))));
  tables.set("area_stats", table("area_stats", (delivery.kerncijfers ?? [])
    .map((k) => ({area_code: k.gebiedscode, year: k.jaar, variable: k.variabele, value: k.waarde}))
    .sort((a, b) => a.area_code.localeCompare(b.area_code) || a.year - b.year || a.variable.localeCompare(b.variable))));

  // Measures and targets (aggregate or non-personal by nature).
  tables.set("whatsapp_groups", table("whatsapp_groups", (delivery.whatsapp ?? [])
    .map((w) => ({gemeentecode: w.gemeentecode, buurtcode: w.buurtcode, start: w.start, end: w.end, participants: w.deelnemers}))
    .sort((a, b) => a.start - b.start || a.gemeentecode.localeCompare(b.gemeentecode) || String(a.buurtcode).localeCompare(String(b.buurtcode)))));
  const visits = new Map<string, number>();
  for (const p of delivery.preventie ?? []) {
    const k = `${p.gemeentecode}|${p.buurtcode ?? ""}|${monthStart(p.day)}`;
    visits.set(k, (visits.get(k) ?? 0) + p.aantal);
  }
  tables.set("prevention_advice", table("prevention_advice", [...visits.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => {
    const [gm, bu, month] = k.split("|");
    return {gemeentecode: gm, buurtcode: bu || null, month: +month, visits: n};
  })));
  tables.set("dor_connections", table("dor_connections", (delivery.dor ?? [])
    .map((r) => ({gemeentecode: r.gemeentecode, connected: r.day, dealers: r.aantal_opkopers}))
    .sort((a, b) => a.gemeentecode.localeCompare(b.gemeentecode))));
  tables.set("campaigns", table("campaigns", (delivery.campagnes ?? [])
    .map((c) => ({name: c.naam, area_code: c.gebied, start: c.start, end: c.end}))
    .sort((a, b) => a.start - b.start || a.name.localeCompare(b.name))));
  tables.set("targets", table("targets", (delivery.doelen ?? [])
    .map((t) => ({area_code: t.gebied, year: t.jaar, indicator: t.indicator, target: t.doelwaarde}))
    .sort((a, b) => a.area_code.localeCompare(b.area_code) || a.year - b.year || a.indicator.localeCompare(b.indicator))));

  // data_quality: a totals row per file and a row per reject reason. Counts only.
  const quality: Record<string, unknown>[] = [];
  for (const r of delivery.reports) {
    const base = {file: r.file, present: r.present, read: r.read, accepted: r.accepted, rejected: r.rejected};
    quality.push({...base, reason: "(totaal)", reason_text: r.error ?? (r.present ? "gelezen" : "niet geleverd"), rows: r.read});
    for (const [reason, n] of Object.entries(r.byReason).sort()) {
      quality.push({...base, reason, reason_text: REJECT_REASONS[reason as RejectReason], rows: n});
    }
  }
  tables.set("data_quality", table("data_quality", quality));

  if (level === "intern") tables.set("incidents", pseudonymise(delivery));

  const names = [...PUBLIC_TABLES, ...(level === "intern" ? INTERN_TABLES : [])];
  const meta: PublishMeta = {
    level,
    source: delivery.dir.split(/[\\/]/).filter(Boolean).pop() ?? "levering",
    region: [...delivery.region],
    suppress_below: threshold,
    first_month: months.length ? new Date(months[0] * 86_400_000).toISOString().slice(0, 7) : null,
    last_month: months.length ? new Date(months[months.length - 1] * 86_400_000).toISOString().slice(0, 7) : null,
    incidents: incidents.length,
    files: delivery.reports.map((r) => ({file: r.file, present: r.present})),
    boundaries: delivery.boundaries,
    tables: names
  };
  return {tables, meta};
}

import {TWENTE} from "../../src/lib/twente.js";
const defaultDwellings = (code: string) => TWENTE.find((m) => m.code === code)?.dwellings ?? null;
const defaultInhabitants = (code: string) => TWENTE.find((m) => m.code === code)?.inhabitants ?? null;

/**
 * The intern incident table: no registration number, address or six-position postcode;
 * coordinates snapped to the centre of their 125 m square and times to whole hours. Rows are
 * ordered by content (not by registration), and numbered in that order.
 */
export function pseudonymise(delivery: Delivery): Table {
  const records = delivery.incidents.map((r) => ({
    soort: r.soort,
    start_hour: Math.floor(r.start / 60),
    end_hour: Math.floor(r.end / 60),
    gemeentecode: r.gemeentecode,
    wijkcode: r.wijkcode,
    buurtcode: r.buurtcode,
    x125: Number.isNaN(r.x) ? null : snap(r.x, 125) + 62,  // centre of the square, rounded down
    y125: Number.isNaN(r.y) ? null : snap(r.y, 125) + 62,
    werkwijze: r.werkwijze,
    woningtype: r.woningtype,
    buit: r.buit,
    opgelost: r.opgelost === null ? null : r.opgelost ? 1 : 0
  }));
  const sortKey = (r: (typeof records)[number]) => `${String(r.start_hour).padStart(8, "0")}|${r.gemeentecode}|${r.x125 ?? ""}|${r.y125 ?? ""}|${r.soort}|${r.end_hour}|${r.werkwijze ?? ""}|${r.woningtype ?? ""}|${r.buit ?? ""}|${r.opgelost ?? ""}`;
  const keyed = records.map((r) => [sortKey(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return table("incidents", keyed.map(([, r], i) => ({id: i + 1, ...r})));
}
