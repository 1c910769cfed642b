/**
 * From a validated, linked delivery to the published tables: aggregation, privacy rules and the
 * data-quality account. Pure: the same delivery and configuration give the same tables.
 */
import type {Table} from "apache-arrow";
import {buildTable, columns} from "../arrow.js";
import type {Level} from "../config.js";
import type {Delivery} from "../delivery/read.js";
import {REJECT_REASONS, type RejectReason} from "../delivery/reject.js";
import {snap} from "../delivery/geo.js";
import {deliveryName} from "./cache.js";
import {monthRange, monthStart, partialMonths, yearOf} from "./time.js";
import {SCHEMAS, INTERN_TABLES, PUBLIC_TABLES, type TableName} from "./tables.js";
import {suppressCounts} from "./suppression.js";
import {cell, suppressFamily} from "./families.js";
import {assertPseudonymKey, pseudonymHmac} from "./pseudonym.js";
import type {Margin} from "../../src/lib/privacy/index.js";
import {classOf, thresholdFor, type PolicyClass, type PrivacyMode} from "../../src/lib/privacy/policy.js";
import {hasTimeOfDay, timeProfile} from "./time-profile.js";
import type {TableAccount} from "./gate.js";

export interface PublishOptions {
  level: Level;
  /** Values 1..suppressBelow-1 of protected tables are suppressed in openbaar tables. */
  suppressBelow: number;
  /** The publication policy's mode (default standaard). */
  privacy?: PrivacyMode;
  /** intern: the secret key of the pseudonyms (INBRAAKLAB_PSEUDONYM_KEY); required there. */
  pseudonymKey?: string;
  /** intern: keep the free-text columns werkwijze and buit (INBRAAKLAB_INTERN_FREE_TEXT); default left out. */
  freeText?: boolean;
}

/** What a build carries besides the tables: provenance and the rules applied (no row contents). */
export interface PublishMeta {
  level: Level;
  source: string;
  region: string[];
  suppress_below: number;
  /** The publication policy's mode and the class of every published table. */
  privacy: PrivacyMode;
  classes: Record<string, PolicyClass>;
  /** The privacy gate's account per table (loaders/pipeline/gate.ts); filled by the pipeline. */
  privacy_accounts?: TableAccount[];
  /** Incidents whose window carries a time of day (0: a delivery of dates only). */
  incidents_with_time: number;
  /** Incidents with a four-digit postcode (counts_pc4). */
  incidents_with_pc4: number;
  first_month: string | null;
  last_month: string | null;
  /** First and/or last month that the delivery covers only in part (loaders/pipeline/time.ts). */
  partial_months: string[];
  incidents: number;
  files: {file: string; present: boolean}[];
  boundaries: boolean;
  tables: string[];
}

const SOORTEN = ["inbraak", "poging"] as const;

function table(name: TableName, records: Record<string, unknown>[]): Table {
  const spec = SCHEMAS[name];
  return buildTable(spec, columns(spec, records));
}

const day = (minutes: number) => Math.floor(minutes / 1440);

/** Builds every table for the level, keyed by name, plus the build's metadata. */
export function publish(delivery: Delivery, {level, suppressBelow, privacy = "standaard", pseudonymKey, freeText}: PublishOptions): {tables: Map<string, Table>; meta: PublishMeta} {
  // Every threshold comes from the publication policy (src/lib/privacy/policy.ts).
  const thresholdOf = (name: string) => thresholdFor(name, {level, mode: privacy, threshold: suppressBelow});
  const threshold = thresholdOf("counts_grid");
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
  const years = incidents.length ? Array.from({length: yearOf(last) - yearOf(first) + 1}, (_, i) => yearOf(first) + i) : [];

  // counts_month and counts_year: suppressed table families (loaders/pipeline/families.ts).
  const {monthRecords, yearRecords} = countFamilies(delivery, months, years, Math.max(thresholdOf("counts_month"), thresholdOf("counts_year")), nameOf);
  tables.set("counts_month", table("counts_month", monthRecords));
  tables.set("counts_year", table("counts_year", yearRecords));
  const areaList = [...registry.areas.values()].sort((a, b) => a.code.localeCompare(b.code));

  // counts_grid: 500 m squares; 125 m squares only where their count reaches the threshold and
  // the rest of their 500 m square (its count minus the published 125 m squares) is 0 or reaches
  // the threshold too, so no small count can be located by subtraction. No other margin exists.
  const gridRecords: Record<string, unknown>[] = [];
  const grid = (size: number) => {
    const cells = new Map<string, number>();
    for (const r of incidents) {
      if (Number.isNaN(r.x)) continue;
      const k = `${snap(r.x, size)}|${snap(r.y, size)}|${yearOf(day(r.start))}`;
      cells.set(k, (cells.get(k) ?? 0) + 1);
    }
    return [...cells.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => {
      const [x, y, year] = k.split("|").map(Number);
      return {cell_size: size, cell_id: size % 100 === 0 ? `E${x / 100}N${y / 100}` : `E${x}N${y}`, x, y, year, count: n};
    });
  };
  const coarse = grid(500);
  let fine = grid(125);
  if (threshold) {
    fine = fine.filter((c) => c.count >= threshold);
    const parent = (c: {x: number; y: number; year: number}) => `${snap(c.x, 500)}|${snap(c.y, 500)}|${c.year}`;
    const shown = new Map<string, number>();
    for (const c of fine) shown.set(parent(c), (shown.get(parent(c)) ?? 0) + c.count);
    const total = new Map(coarse.map((c) => [`${c.x}|${c.y}|${c.year}`, c.count]));
    fine = fine.filter((c) => {
      const rest = total.get(parent(c))! - shown.get(parent(c))!;
      return rest === 0 || rest >= threshold;
    });
  }
  for (const r of suppressCounts(coarse, threshold)) gridRecords.push(r);
  for (const r of suppressCounts(fine, threshold)) gridRecords.push(r);
  tables.set("counts_grid", table("counts_grid", gridRecords));

  // counts_pc4: open at the police map's own grain (postcode area x date); withheld under streng.
  const pc4 = new Map<string, number>();
  if (classOf("counts_pc4", privacy) === "open" || level === "intern") {
    for (const r of incidents) {
      if (!r.pc4) continue;
      const k = `${r.pc4}|${r.gemeentecode}|${monthStart(day(r.start))}|${r.soort}`;
      pc4.set(k, (pc4.get(k) ?? 0) + 1);
    }
  }
  tables.set("counts_pc4", table("counts_pc4", [...pc4.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => {
    const [code, gm, month, soort] = k.split("|");
    return {pc4: code, gemeentecode: gm, month: +month, soort, count: n};
  })));

  // time_profile: aoristic weekday x hour, region per year and each municipality over all years.
  const profile = timeProfile(incidents, gmCodes, thresholdOf("time_profile"));
  if (profile.withheld) console.warn("privacy: het weekdag-uurprofiel wordt niet gepubliceerd: verborgen cellen zouden af te leiden zijn");
  tables.set("time_profile", table("time_profile", profile.records as unknown as Record<string, unknown>[]));

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
  // prevention_advice: person-related municipal data, so protected: per municipality and month
  // (no neighbourhood detail), small numbers hidden. No total is published, so no line links them.
  const visits = new Map<string, number>();
  for (const p of delivery.preventie ?? []) {
    const k = `${p.gemeentecode}|${monthStart(p.day)}`;
    visits.set(k, (visits.get(k) ?? 0) + p.aantal);
  }
  const adviceThreshold = thresholdOf("prevention_advice");
  tables.set("prevention_advice", table("prevention_advice", [...visits.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => {
    const [gm, month] = k.split("|");
    const hidden = n > 0 && n < adviceThreshold;
    return {gemeentecode: gm, month: +month, visits: hidden ? null : n, suppressed: hidden};
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

  if (level === "intern") tables.set("incidents", pseudonymise(delivery, {key: pseudonymKey, freeText}));

  const names = [...PUBLIC_TABLES, ...(level === "intern" ? INTERN_TABLES : [])];
  const meta: PublishMeta = {
    level,
    source: deliveryName(delivery.dir),
    region: [...delivery.region],
    suppress_below: level === "openbaar" ? suppressBelow : 0,
    privacy,
    classes: Object.fromEntries(names.map((n) => [n, classOf(n, privacy)])),
    incidents_with_time: incidents.filter(hasTimeOfDay).length,
    incidents_with_pc4: incidents.filter((r) => r.pc4 !== null).length,
    first_month: months.length ? new Date(months[0] * 86_400_000).toISOString().slice(0, 7) : null,
    last_month: months.length ? new Date(months[months.length - 1] * 86_400_000).toISOString().slice(0, 7) : null,
    partial_months: partialMonths(first, last, incidents.length),
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
 * coordinates snapped to the centre of their 125 m square and times to whole hours; the free-text
 * columns werkwijze and buit only when asked for (`freeText`). Rows are ordered by a keyed HMAC of
 * the registration number (loaders/pipeline/pseudonym.ts) and numbered in that order.
 */
export function pseudonymise(delivery: Delivery, {key, freeText = false}: {key?: string; freeText?: boolean} = {}): Table {
  assertPseudonymKey(key);
  const records = delivery.incidents.map((r) => ({
    soort: r.soort,
    start_hour: Math.floor(r.start / 60),
    end_hour: Math.floor(r.end / 60),
    gemeentecode: r.gemeentecode,
    wijkcode: r.wijkcode,
    buurtcode: r.buurtcode,
    x125: Number.isNaN(r.x) ? null : snap(r.x, 125) + 62,  // centre of the square, rounded down
    y125: Number.isNaN(r.y) ? null : snap(r.y, 125) + 62,
    werkwijze: freeText ? r.werkwijze : null,
    woningtype: r.woningtype,
    buit: freeText ? r.buit : null,
    opgelost: r.opgelost === null ? null : r.opgelost ? 1 : 0
  }));
  const keyed = records.map((r, i) => [pseudonymHmac(key, delivery.incidents[i].registratienummer), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return table("incidents", keyed.map(([, r], i) => ({id: i + 1, ...r})));
}

/**
 * Builds counts_month and counts_year from the suppressed table families: per year the month
 * family (municipality x month x soort and its margins), and per municipality and year the area
 * family (neighbourhood x soort and its margins).
 */
function countFamilies(delivery: Delivery, months: number[], years: number[], threshold: number, nameOf: (code: string) => string) {
  const gms = [...delivery.region];
  const soorten = [...SOORTEN];
  const monthRecords: Record<string, unknown>[] = [];
  const yearRecords: Record<string, unknown>[] = [];
  const hiddenGmYear = new Set<string>();
  const byYear = new Map<number, typeof delivery.incidents>();
  for (const r of delivery.incidents) {
    const y = yearOf(day(r.start));
    const list = byYear.get(y);
    if (list) list.push(r);
    else byYear.set(y, [r]);
  }
  const gmRows: Record<string, unknown>[] = [];
  const regionRows: Record<string, unknown>[] = [];
  for (const y of years) {
    const ms = months.filter((m) => yearOf(m) === y);
    const mIndex = new Map(ms.map((m, i) => [m, i]));
    const values = new Array(gms.length * ms.length * 2).fill(0);
    for (const r of byYear.get(y) ?? []) {
      const g = gms.indexOf(r.gemeentecode);
      values[(g * ms.length + mIndex.get(monthStart(day(r.start)))!) * 2 + (r.soort === "inbraak" ? 0 : 1)]++;
    }
    const labels = ms.map(String);
    const yearGroup = {[y]: labels};
    const margins: Margin[] = [
      {gemeente: "all"},
      {maand: yearGroup},
      {maand: yearGroup, soort: "all"},
      {gemeente: "all", maand: yearGroup},
      {gemeente: "all", maand: yearGroup, soort: "all"}
    ];
    const family = suppressFamily({dims: [{name: "gemeente", labels: gms}, {name: "maand", labels}, {name: "soort", labels: soorten}], values}, margins, threshold);
    // Cells pinned by the bounds alone (four hidden months under a municipal total of 4, the other
    // months shown as 0, must each be 1) cannot be protected by hiding more non-zero cells: then the
    // year's monthly figures are withheld altogether, zeros included (docs/privacy.md).
    const withheldMonths = threshold > 0 && family.unresolved.length > 0;
    if (withheldMonths) console.warn(`privacy: de maandcijfers van ${y} worden niet gepubliceerd: in deze dunne levering zouden ${family.unresolved.length} verborgen cellen af te leiden zijn (alleen de jaarcijfers)`);
    for (const [gi, code] of ["regio", ...gms].entries()) {
      for (const [si, soort] of soorten.entries()) {
        ms.forEach((m, mi) => {
          const c = code === "regio" ? cell(family, 1, 0, mi, si) : cell(family, 0, gi - 1, mi, si);
          const hidden = withheldMonths || c.suppressed;
          monthRecords.push({area_level: code === "regio" ? "regio" : "gemeente", area_code: code, area_name: code === "regio" ? "Regio" : nameOf(code), month: m, soort, count: hidden ? null : c.value, suppressed: hidden});
        });
      }
    }
    for (const [gi, code] of gms.entries()) {
      for (const [si, soort] of [...soorten, "totaal"].entries()) {
        const c = si < 2 ? cell(family, 2, gi, 0, si) : cell(family, 3, gi, 0, 0);
        if (c.suppressed) hiddenGmYear.add(`${code}|${y}`);
        gmRows.push({area_level: "gemeente", area_code: code, area_name: nameOf(code), gemeentecode: code, year: y, soort, count: c.value, suppressed: c.suppressed});
      }
    }
    for (const [si, soort] of [...soorten, "totaal"].entries()) {
      const c = si < 2 ? cell(family, 4, 0, 0, si) : cell(family, 5, 0, 0, 0);
      regionRows.push({area_level: "regio", area_code: "regio", area_name: "Regio", gemeentecode: "regio", year: y, soort, count: c.value, suppressed: c.suppressed});
    }
  }
  // Area families: per municipality and year, neighbourhoods within districts.
  const areas = [...delivery.registry.areas.values()];
  const areaRows: Record<string, unknown>[] = [];
  for (const gm of gms) {
    const buurten = areas.filter((a) => a.level === "buurt" && a.gemeentecode === gm).map((a) => a.code).sort();
    if (!buurten.length) continue;
    const wijken = [...new Set(buurten.map((b) => `WK${b.slice(2, 8)}`))].sort();
    const wijkGroups = Object.fromEntries(wijken.map((w) => [w, buurten.filter((b) => b.startsWith(`BU${w.slice(2)}`))]));
    for (const y of years) {
      const labels = [...buurten, "onbekend"];
      const bIndex = new Map(labels.map((b, i) => [b, i]));
      const values = new Array(labels.length * 2).fill(0);
      for (const r of byYear.get(y) ?? []) {
        if (r.gemeentecode !== gm) continue;
        values[bIndex.get(r.buurtcode ?? "onbekend")! * 2 + (r.soort === "inbraak" ? 0 : 1)]++;
      }
      const margins: Margin[] = [{buurt: wijkGroups}, {soort: "all"}, {buurt: wijkGroups, soort: "all"}, {buurt: "all"}, {buurt: "all", soort: "all"}];
      const family = suppressFamily({dims: [{name: "buurt", labels}, {name: "soort", labels: soorten}], values}, margins, threshold);
      const gmHidden = [0, 1].some((si) => cell(family, 4, 0, si).suppressed) || cell(family, 5, 0, 0).suppressed;
      const withhold = threshold > 0 && (gmHidden || hiddenGmYear.has(`${gm}|${y}`) || family.unresolved.length > 0);
      const push = (code: string, level: "buurt" | "wijk", soort: string, c: {value: number | null; suppressed: boolean}) => {
        const hidden = withhold || c.suppressed;
        areaRows.push({area_level: level, area_code: code, area_name: nameOf(code), gemeentecode: gm, year: y, soort, count: hidden ? null : c.value, suppressed: hidden});
      };
      wijken.forEach((w, wi) => {
        push(w, "wijk", "inbraak", cell(family, 1, wi, 0));
        push(w, "wijk", "poging", cell(family, 1, wi, 1));
        push(w, "wijk", "totaal", cell(family, 3, wi, 0));
      });
      buurten.forEach((b, bi) => {
        push(b, "buurt", "inbraak", cell(family, 0, bi, 0));
        push(b, "buurt", "poging", cell(family, 0, bi, 1));
        push(b, "buurt", "totaal", cell(family, 2, bi, 0));
      });
    }
  }
  const order = (r: Record<string, unknown>) => `${r.area_level === "regio" ? 0 : r.area_level === "gemeente" ? 1 : r.area_level === "wijk" ? 2 : 3}|${r.area_code}|${r.year}`;
  yearRecords.push(...[...regionRows, ...gmRows, ...areaRows].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)));
  return {monthRecords, yearRecords};
}
