/**
 * Seasonality and dark evenings: the monthly index, the winter peak (Poisson regression of
 * year-month counts with year effects, overdispersion-scaled), the time of day relative to sunset
 * (aoristic), and the clock change at the end of summer time as a natural experiment: in the week
 * after it, the same clock hours are one hour darker than in the week before.
 */
import {capitalise, happens, THEMES} from "../../src/lib/theme.js";
import {buildTable} from "../arrow.js";
import {fitPoisson} from "../../src/lib/stats/glm.js";
import {normalPValue} from "../../src/lib/stats/distributions.js";
import {dstContrast, type DstHourRow} from "../../src/lib/hypotheses/season.js";
import {dstEndDay, sunsetHour} from "../../src/lib/sun.js";
import type {LinkedIncident} from "../delivery/read.js";
import {thresholdOf, type Analysis, type Finding} from "./types.js";
import {protectWeights} from "../../src/lib/privacy/weights.js";
import {col, columns, round, roundP, startDay} from "./common.js";
import {testVerdict} from "../../src/lib/verdict.js";
import {hasTimeOfDay} from "../pipeline/time-profile.js";
import {partialMonths} from "../pipeline/time.js";

/**
 * A protected profile's rows with small weights hidden (src/lib/privacy/weights.ts): each group's
 * weights are one line whose total counts as known.
 */
function protectGroups<T extends {weight: number}>(rows: T[], group: (r: T) => string, threshold: number): (Omit<T, "weight"> & {weight: number | null; suppressed: boolean})[] {
  const keys = [...new Set(rows.map(group))];
  const lines = keys.map((k) => {
    const members = rows.flatMap((r, i) => (group(r) === k ? [i] : []));
    return {members, total: members.reduce((s, i) => s + rows[i].weight, 0)};
  });
  const {hidden, unresolved} = protectWeights(rows.map((r) => Math.max(0, r.weight)), {threshold, lines});
  return rows.map((r, i) => ({...r, weight: hidden[i] || unresolved.length ? null : r.weight, suppressed: hidden[i] || unresolved.length > 0}));
}

/** Windows longer than this (hours) carry too little about the hour of the day and are left out. */
export const MAX_WINDOW_HOURS = 72;
/** The clock hours [from, to) of the headline clock-change contrast. */
export const DARK_WINDOW = {fromHour: 17, toHour: 19} as const;

const MONTHS = [
  col.i16("month", "calendar month 1..12"),
  col.i32("incidents", "incidents with a window start in this calendar month (all years)"),
  col.i32("days", "days of this calendar month in the delivery's period"),
  col.f64("index", "incidents per day relative to the average day x 100; null for a calendar month outside the delivery's period", true)
] as const;

const SUNSET = [
  col.d("season", "winter (Nov-Feb), zomer (May-Aug) or alle"),
  col.i16("relative_hour", "whole hours since sunset (-12..11): 0 = the first hour after sunset"),
  col.f64("weight", "aoristic weight (incidents with a window of at most 72 h); null when hidden (openbaar: below the threshold, zeros included, or protecting such a cell)", true),
  col.bool("suppressed", "whether the weight is hidden by the privacy rule")
] as const;

const DST = [
  col.d("week", "voor: the 7 days before the Sunday summer time ends; na: that Sunday and the 6 days after"),
  col.i16("hour", "clock hour 0..23"),
  col.f64("weight", "aoristic weight over all years (windows of at most 72 h); null when hidden (as season_sunset)", true),
  col.i16("years", "years pooled"),
  col.bool("suppressed", "whether the weight is hidden by the privacy rule")
] as const;

const PEAK = [
  col.d("term", "winter (Nov-Feb) or overgang (Mar, Apr, Sep, Oct), each against zomer (May-Aug)"),
  col.f64("irr", "rate ratio per day against May-August, adjusted for year"),
  col.f64("irr_low", "95% interval, lower (overdispersion-scaled)"),
  col.f64("irr_high", "95% interval, upper"),
  col.f64("p_value", "Wald p-value (overdispersion-scaled)"),
  col.f64("dispersion", "Pearson dispersion of the Poisson model"),
  col.f64("truth", "demo only: the planted winter ratio 1 + winterPeak; null otherwise", true)
] as const;

const DAY_MS = 86_400_000;

/** Calls visit(clockHourStartMinute, share) for each civil hour an incident's window touches. */
function spread(r: LinkedIncident, visit: (hourStart: number, share: number) => void): boolean {
  const length = r.end + 1 - r.start;
  if (length > MAX_WINDOW_HOURS * 60) return false;
  for (let t = r.start; t < r.end + 1; ) {
    const hourStart = Math.floor(t / 60) * 60;
    const next = Math.min(r.end + 1, hourStart + 60);
    visit(hourStart, (next - t) / length);
    t = next;
  }
  return true;
}

export const seasonAnalysis: Analysis = {
  name: "season",
  schemas: {season_month: MONTHS, season_sunset: SUNSET, season_dst: DST, season_peak: PEAK},
  run(context) {
    const {delivery, truth, theme = THEMES.woninginbraak} = context;
    const incidents = delivery.incidents;
    if (!incidents.length) return {findings: []};
    let first = Infinity, last = -Infinity;
    for (const r of incidents) first = Math.min(first, startDay(r)), (last = Math.max(last, startDay(r)));
    const firstDate = new Date(first * DAY_MS), lastDate = new Date(last * DAY_MS);
    // The period: whole months from the first to the last incident's month, except that a month the
    // delivery covers only in part (it starts or stops inside it) counts its covered days only, so a
    // delivery that stops on 7 June does not read as a quiet June.
    const partial = partialMonths(first, last, incidents.length);
    const monthOfDay = (d: Date) => d.toISOString().slice(0, 7);
    const from = partial.includes(monthOfDay(firstDate)) ? first : Date.UTC(firstDate.getUTCFullYear(), firstDate.getUTCMonth(), 1) / DAY_MS;
    const to = partial.includes(monthOfDay(lastDate)) ? last + 1 : Date.UTC(lastDate.getUTCFullYear(), lastDate.getUTCMonth() + 1, 1) / DAY_MS;

    // Monthly index and year-month counts.
    const ym = new Map<string, {year: number; month: number; count: number; days: number}>();
    for (let d = from; d < to; d++) {
      const date = new Date(d * DAY_MS);
      const key = `${date.getUTCFullYear()}-${date.getUTCMonth()}`;
      const e = ym.get(key) ?? ym.set(key, {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, count: 0, days: 0}).get(key)!;
      e.days++;
    }
    for (const r of incidents) {
      const date = new Date(startDay(r) * DAY_MS);
      ym.get(`${date.getUTCFullYear()}-${date.getUTCMonth()}`)!.count++;
    }
    const byMonth = Array.from({length: 12}, (_, m) => ({month: m + 1, incidents: 0, days: 0}));
    for (const e of ym.values()) byMonth[e.month - 1].incidents += e.count, (byMonth[e.month - 1].days += e.days);
    const perDay = incidents.length / (to - from);
    const months = byMonth.map((m) => ({...m, index: m.days ? round((m.incidents / m.days / perDay) * 100) : null}));

    // Winter peak: log E[count_ym] = log(days) + year + season group.
    const cells = [...ym.values()];
    const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
    const group = (m: number) => (m >= 11 || m <= 2 ? "winter" : m >= 5 && m <= 8 ? "zomer" : "overgang");
    const X: Record<string, number[]> = {
      winter: cells.map((c) => +(group(c.month) === "winter")),
      overgang: cells.map((c) => +(group(c.month) === "overgang"))
    };
    for (const y of years.slice(1)) X[`jaar_${y}`] = cells.map((c) => +(c.year === y));
    const peak: Record<string, unknown>[] = [];
    const findings: Finding[] = [];
    const planted = (truth?.season as {winterPeak?: number} | undefined)?.winterPeak;
    const hasSeasons = new Set(cells.map((c) => group(c.month))).size === 3;
    if (hasSeasons && cells.length > years.length + 3) {
      const fit = fitPoisson({y: cells.map((c) => c.count), X, offset: cells.map((c) => Math.log(c.days))});
      let pearson = 0;
      cells.forEach((c, i) => (pearson += (c.count - fit.fitted[i]) ** 2 / fit.fitted[i]));
      const dispersion = Math.max(1, pearson / fit.dfResidual);
      for (const term of ["winter", "overgang"]) {
        const c = fit.coefficients.find((k) => k.name === term)!;
        const se = c.se * Math.sqrt(dispersion);
        const z = c.estimate / se;
        const p = normalPValue(z);
        peak.push({
          term, irr: round(Math.exp(c.estimate)), irr_low: round(Math.exp(c.estimate - 1.959963984540054 * se)), irr_high: round(Math.exp(c.estimate + 1.959963984540054 * se)),
          p_value: roundP(p), dispersion: round(dispersion), truth: term === "winter" && planted !== undefined ? round(1 + planted) : null
        });
      }
      const w = peak[0] as {irr: number; irr_low: number; irr_high: number; p_value: number};
      findings.push({
        id: "season.winter_peak", question: `${capitalise(happens(theme, "er in de donkere maanden (november-februari) vaker"))} dan in de lichte (mei-augustus)?`,
        method: "Poisson-regressie van maandaantallen met jaareffecten en offset log(dagen), standaardfouten gecorrigeerd voor overdispersie",
        estimate: w.irr, ci_low: w.irr_low, ci_high: w.irr_high, p_value: w.p_value, unit: "irr", direction: "increase",
        verdict: {aangetoond: "aangetoond (winterpiek)", tegengesteld: "tegengesteld (zomerpiek)"}[testVerdict(w.p_value, w.irr, {direction: "increase", reference: 1}) as string] ?? "niet aangetoond"
      });
    } else {
      findings.push({
        id: "season.winter_peak", question: `${capitalise(happens(theme, "er in de donkere maanden (november-februari) vaker"))} dan in de lichte (mei-augustus)?`,
        method: "Poisson-regressie van maandaantallen (niet uitgevoerd: de periode dekt niet alle seizoenen)", estimate: null, ci_low: null, ci_high: null, p_value: null, unit: "irr", direction: "increase", verdict: "onvoldoende gegevens"
      });
    }

    // Hour relative to sunset, and the clock-change weeks.
    const sunset = new Map<number, number>();
    const sunsetOf = (day: number) => sunset.get(day) ?? sunset.set(day, sunsetHour(day)).get(day)!;
    const relative = {winter: new Float64Array(24), zomer: new Float64Array(24), alle: new Float64Array(24)};
    const dst = {voor: new Float64Array(24), na: new Float64Array(24)};
    const dstDays = new Map<number, number>();
    for (let y = firstDate.getUTCFullYear(); y <= lastDate.getUTCFullYear(); y++) dstDays.set(y, dstEndDay(y));
    const dstYears = [...dstDays.entries()].filter(([, d]) => d - 7 >= first && d + 7 <= last + 1).map(([y]) => y);
    for (const r of incidents) {
      spread(r, (hourStart, share) => {
        const day = Math.floor(hourStart / 1440);
        const clock = (hourStart - day * 1440) / 60;
        let rel = Math.floor(clock + 0.5 - sunsetOf(day));
        rel = ((rel + 12) % 24 + 24) % 24 - 12;
        const month = new Date(day * DAY_MS).getUTCMonth() + 1;
        relative.alle[rel + 12] += share;
        const g = group(month);
        if (g !== "overgang") relative[g][rel + 12] += share;
        if (month === 10 || month === 11) {
          const change = dstDays.get(new Date(day * DAY_MS).getUTCFullYear())!;
          if (day >= change - 7 && day < change) dst.voor[clock] += share;
          else if (day >= change && day < change + 7) dst.na[clock] += share;
        }
      });
    }
    const sunsetRows = (["winter", "zomer", "alle"] as const).flatMap((season) => Array.from(relative[season], (w, i) => ({season, relative_hour: i - 12, weight: round(w)})));
    const dstRows = (["voor", "na"] as const).flatMap((week) => Array.from(dst[week], (w, hour) => ({week, hour, weight: round(w), years: dstYears.length})));
    // A delivery with dates only (every window a whole day or more) says nothing about the hour.
    const timed = incidents.some(hasTimeOfDay);
    const contrast = timed && dstYears.length ? dstContrast(dstRows as DstHourRow[], DARK_WINDOW) : null;
    findings.push({
      id: "season.dark_evenings",
      question: `Verschuiven ${theme.plural} naar ${DARK_WINDOW.fromHour}:00-${DARK_WINDOW.toHour}:00 als het op die klokuren plots een uur eerder donker is (einde zomertijd)?`,
      method: `Natuurlijk experiment: aandeel (aoristisch) van ${DARK_WINDOW.fromHour}-${DARK_WINDOW.toHour} uur in de week na tegen de week vóór het einde van de zomertijd, ${dstYears.length} jaar samen; odds-ratio met 95%-interval`,
      estimate: contrast ? round(contrast.estimate) : null, ci_low: contrast ? round(contrast.low) : null, ci_high: contrast ? round(contrast.high) : null,
      p_value: contrast ? roundP(contrast.p) : null, unit: "ratio", direction: "increase",
      verdict: !timed ? "niet geleverd" : contrast ? testVerdict(contrast.p, contrast.estimate, {direction: "increase", reference: 1}) : "onvoldoende gegevens"
    });
    return {
      tables: {
        season_month: buildTable(MONTHS, columns(MONTHS, months) as never),
        season_sunset: buildTable(SUNSET, columns(SUNSET, timed ? protectGroups(sunsetRows, (r) => r.season, thresholdOf(context, "season_sunset")) : []) as never),
        season_dst: buildTable(DST, columns(DST, timed && dstYears.length ? protectGroups(dstRows, (r) => r.week, thresholdOf(context, "season_dst")) : []) as never),
        season_peak: buildTable(PEAK, columns(PEAK, peak) as never)
      },
      findings
    };
  }
};
