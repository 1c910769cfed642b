/**
 * Rates per 1,000 dwellings for municipalities, districts and neighbourhoods, per indicator and
 * year: crude rates, Empirical Bayes smoothed rates (Marshall 1991, global prior per level) and the
 * signal of each area against exact Poisson funnel limits around the rate of its level
 * (Spiegelhalter 2005), plus the funnel curve itself.
 *
 * Computed on the true counts inside the pipeline, so the prior is not biased by leaving out small
 * counts; for the burglary indicators an area's count, rates and signal are published only where
 * counts_year publishes its count (the same suppression pattern, secondary cells included).
 */
import type {Table} from "apache-arrow";
import {empiricalBayes, funnelLimits} from "../../src/lib/stats/rates.js";
import {funnelSignal, INDICATORS, type IndicatorId} from "../../src/lib/compare.js";
import {TWENTE} from "../../src/lib/twente.js";
import {col, buildTable, type ColumnSpec} from "../arrow.js";
import {wijkOf} from "../delivery/areas.js";
import type {Delivery} from "../delivery/read.js";
import {yearOf} from "../pipeline/time.js";
import type {Analysis} from "./types.js";

const {d, i16, i32, f64} = col;

export const AREA_RATES_SCHEMA: readonly ColumnSpec[] = [
  d("indicator", "inbraken (inbraak + poging), inbraak, poging, whatsapp_groepen (active in the year) or preventieadviezen (visits)"),
  d("area_level", "gemeente, wijk or buurt"),
  d("area_code", "GM, WK or BU code"),
  d("area_name", "area name"),
  d("gemeentecode", "municipality of the area"),
  i16("year", "calendar year"),
  i32("count", "the indicator's count; null where counts_year hides it", true),
  i32("dwellings", "dwelling stock (kerncijfers woningvoorraad of the nearest year delivered)"),
  f64("rate", "crude rate per 1,000 dwellings (2 decimals); null where the count is hidden", true),
  f64("eb_rate", "Empirical Bayes rate per 1,000 dwellings (2 decimals); null where the count is hidden", true),
  f64("reference_rate", "rate of all areas of the level per 1,000 dwellings (3 decimals): the funnel's centre", true),
  d("signal", "hoog998, hoog95, binnen, laag95, laag998 against exact Poisson limits, or verborgen"),
  {name: "suppressed", kind: "bool", description: "whether the count is hidden by the privacy rule"}
];

export const FUNNEL_LIMITS_SCHEMA: readonly ColumnSpec[] = [
  d("indicator", "indicator (as in area_rates)"),
  d("area_level", "gemeente, wijk or buurt"),
  i16("year", "calendar year"),
  f64("dwellings", "exposure: dwellings"),
  f64("lower95", "lower 95% limit, per 1,000 dwellings (interpolated Poisson)"),
  f64("upper95", "upper 95% limit, per 1,000 dwellings"),
  f64("lower998", "lower 99.8% limit, per 1,000 dwellings"),
  f64("upper998", "upper 99.8% limit, per 1,000 dwellings")
];

const LEVELS = ["gemeente", "wijk", "buurt"] as const;
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Dwellings per area code and year: the delivered value of the nearest year, else the built-in 2024 figure. */
export function dwellingsLookup(kerncijfers: Delivery["kerncijfers"]): (code: string, year: number) => number | null {
  const byCode = new Map<string, [number, number][]>();
  for (const k of kerncijfers ?? []) {
    if (k.variabele !== "woningvoorraad" || !(k.waarde > 0)) continue;
    (byCode.get(k.gebiedscode) ?? byCode.set(k.gebiedscode, []).get(k.gebiedscode)!).push([k.jaar, k.waarde]);
  }
  return (code, year) => {
    const list = byCode.get(code);
    if (list?.length) {
      let best = list[0];
      for (const e of list) if (Math.abs(e[0] - year) < Math.abs(best[0] - year) || (Math.abs(e[0] - year) === Math.abs(best[0] - year) && e[0] > best[0])) best = e;
      return Math.round(best[1]);
    }
    return TWENTE.find((m) => m.code === code)?.dwellings ?? null;
  };
}

/** True counts per `code|year|indicator` for every indicator the delivery supports. */
export function trueCounts(delivery: Delivery, years: readonly number[]): {counts: Map<string, number>; indicators: IndicatorId[]} {
  const counts = new Map<string, number>();
  const add = (code: string | null, year: number, indicator: string, n = 1) => {
    if (!code) return;
    const k = `${code}|${year}|${indicator}`;
    counts.set(k, (counts.get(k) ?? 0) + n);
  };
  for (const r of delivery.incidents) {
    const year = yearOf(Math.floor(r.start / 1440));
    for (const code of [r.gemeentecode, r.wijkcode, r.buurtcode]) {
      add(code, year, "inbraken");
      add(code, year, r.soort);
    }
  }
  const indicators: IndicatorId[] = ["inbraken", "inbraak", "poging"];
  if (delivery.whatsapp) {
    indicators.push("whatsapp_groepen");
    for (const g of delivery.whatsapp) {
      for (const year of years) {
        const from = Date.UTC(year, 0, 1) / 86_400_000, to = Date.UTC(year, 11, 31) / 86_400_000;
        if (g.start > to || (g.end !== null && g.end < from)) continue;
        for (const code of [g.gemeentecode, g.buurtcode ? wijkOf(g.buurtcode) : null, g.buurtcode]) add(code, year, "whatsapp_groepen");
      }
    }
  }
  if (delivery.preventie) {
    indicators.push("preventieadviezen");
    for (const p of delivery.preventie) {
      const year = yearOf(p.day);
      if (!years.includes(year)) continue;
      for (const code of [p.gemeentecode, p.buurtcode ? wijkOf(p.buurtcode) : null, p.buurtcode]) add(code, year, "preventieadviezen", p.aantal);
    }
  }
  return {counts, indicators};
}

/** Published burglary counts per `code|year|soort` from counts_year (null = hidden). */
function publishedCounts(countsYear: Table | undefined): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (!countsYear) return out;
  const code = countsYear.getChild("area_code")!, year = countsYear.getChild("year")!, soort = countsYear.getChild("soort")!, count = countsYear.getChild("count")!;
  for (let i = 0; i < countsYear.numRows; i++) out.set(`${code.get(i)}|${year.get(i)}|${soort.get(i)}`, count.get(i));
  return out;
}

export const areaRates: Analysis = {
  name: "area-rates",
  schemas: {area_rates: AREA_RATES_SCHEMA, funnel_limits: FUNNEL_LIMITS_SCHEMA},
  run({delivery, tables}) {
    const published = publishedCounts(tables.get("counts_year"));
    const yearColumn = tables.get("counts_year")?.getChild("year");
    const years = [...new Set(yearColumn ? Array.from(yearColumn.toArray() as Int16Array) : [])].sort((a, b) => a - b);
    const {counts, indicators} = trueCounts(delivery, years);
    const dwellings = dwellingsLookup(delivery.kerncijfers);
    const areas = [...delivery.registry.areas.values()].sort((a, b) => a.code.localeCompare(b.code));
    const rates: Record<string, unknown>[] = [];
    const limits: Record<string, unknown>[] = [];
    for (const indicator of indicators) {
      const suppressible = INDICATORS.find((i) => i.id === indicator)!.suppressed;
      // The reference rate of every level is the municipalities' (the region's) rate: its numerator
      // is the published region total. A wijk or buurt level's own total would leave out incidents
      // without a neighbourhood and neighbourhoods without dwellings, and the published rate times the
      // published dwellings would give that new total back, and with it a hidden count by subtraction.
      const regionReference = new Map<number, number>();
      for (const level of LEVELS) {
        for (const year of years) {
          const rows = areas.filter((a) => a.level === level).map((a) => ({area: a, n: dwellings(a.code, year), y: counts.get(`${a.code}|${year}|${indicator}`) ?? 0}))
            .filter((r): r is typeof r & {n: number} => r.n !== null && r.n > 0);
          if (!rows.length) continue;
          const eb = empiricalBayes(rows.map((r) => r.y), rows.map((r) => r.n));
          const total = rows.reduce((a, r) => a + r.y, 0), exposure = rows.reduce((a, r) => a + r.n, 0);
          if (level === "gemeente") regionReference.set(year, (total / exposure) * 1000);
          const reference = regionReference.get(year) ?? (total / exposure) * 1000;
          rows.forEach((r, i) => {
            const shownCount = suppressible ? published.get(`${r.area.code}|${year}|${indicator === "inbraken" ? "totaal" : indicator}`) ?? null : r.y;
            const hidden = shownCount === null;
            let signal = "verborgen";
            if (!hidden) {
              if (shownCount !== r.y) throw new Error(`area-rates: published count of ${r.area.code} ${year} ${indicator} differs from the true count`);
              if (reference > 0) {
                const [l95, l998] = funnelLimits(reference, [r.n], {levels: [0.95, 0.998]});
                signal = funnelSignal(r.y, {lower95: l95.lowerCount, upper95: l95.upperCount, lower998: l998.lowerCount, upper998: l998.upperCount});
              } else signal = "binnen";
            }
            rates.push({
              indicator, area_level: level, area_code: r.area.code, area_name: r.area.name, gemeentecode: r.area.gemeentecode, year,
              count: hidden ? null : r.y, dwellings: r.n,
              rate: hidden ? null : round(eb.crude[i], 2), eb_rate: hidden ? null : round(eb.smoothed[i], 2),
              reference_rate: round(reference, 3), signal, suppressed: hidden
            });
          });
          if (reference > 0) {
            const lo = Math.min(...rows.map((r) => r.n)) * 0.8, hi = Math.max(...rows.map((r) => r.n)) * 1.2;
            const steps = 60;
            const exposures = Array.from({length: steps + 1}, (_, k) => Math.round(lo * (hi / lo) ** (k / steps)));
            const curve = funnelLimits(reference, exposures, {levels: [0.95, 0.998], interpolate: true});
            for (let k = 0; k < curve.length; k += 2) {
              limits.push({
                indicator, area_level: level, year, dwellings: curve[k].exposure,
                lower95: round(curve[k].lowerRate, 3), upper95: round(curve[k].upperRate, 3),
                lower998: round(curve[k + 1].lowerRate, 3), upper998: round(curve[k + 1].upperRate, 3)
              });
            }
          }
        }
      }
    }
    const columns = (spec: readonly ColumnSpec[], records: Record<string, unknown>[]) =>
      Object.fromEntries(spec.map((c) => [c.name, records.map((r) => (c.kind === "bool" ? (r[c.name] ? 1 : 0) : r[c.name] ?? null))])) as never;
    return {tables: {
      area_rates: buildTable(AREA_RATES_SCHEMA, columns(AREA_RATES_SCHEMA, rates)),
      funnel_limits: buildTable(FUNNEL_LIMITS_SCHEMA, columns(FUNNEL_LIMITS_SCHEMA, limits))
    }};
  }
};
