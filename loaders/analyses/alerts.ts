/**
 * Warnings after a burglary (alerts.csv): are there fewer near repeats around burglaries that were
 * followed by a warning (buurtbrief, inbraakalert, huisbezoek) than around comparable burglaries
 * without one? The unit is the trigger incident; its outcome is the number of burglaries within the
 * near-repeat radius and duration of the delivery's own Knox bands (nearrepeat_settings) after it.
 * A negative-binomial regression compares warned with unwarned triggers in the same municipality
 * and year, adjusted for the burglaries around the trigger in the same window before it. The same
 * model on that earlier window is a placebo (a warning cannot change the past). Observational: the
 * places that got a warning were chosen, not drawn (docs/methods.md, "Warnings after a burglary").
 */
import type {Table} from "apache-arrow";
import {DEFAULT_ZONE} from "../../src/lib/nearrepeat-zones.js";
import {THEMES, type Theme} from "../../src/lib/theme.js";
import {fitNegBin, type GlmFit} from "../../src/lib/stats/glm.js";
import {normalQuantile} from "../../src/lib/stats/distributions.js";
import type {Delivery, LinkedIncident} from "../delivery/read.js";
import type {AlertRecord} from "../delivery/templates.js";
import {startDay, yearOfDay} from "./common.js";
import {EFFECT_SCHEMA, findingOf, notDelivered, num, percentOf, pValueOf, safeCount, spec, tableOf, verdictOf, withHiddenRatio, type Direction, type EffectRow} from "./measures/effects.js";
import {monthOfDay} from "./measures/panel.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";

/** A warning belongs to a burglary when it went out this many days after it at most (same day included). */
export const ALERT_LAG = 7;
/** A warning at a point belongs to a burglary within this distance (m): a zone centre on the 125 m grid lies within 89 m. */
export const ALERT_MATCH_METRES = 125;
/** Fewer warned or unwarned triggers than this: too few for an estimate. */
export const MIN_TRIGGERS = 20;

const {d, i32} = spec;

export const ALERT_SCHEMAS = {
  alert_effects: EFFECT_SCHEMA,
  alert_groups: [
    d("group", "met_waarschuwing (a warning within 7 days at the burglary's place) or zonder_waarschuwing"),
    i32("triggers", "burglaries compared (trigger incidents); null when suppressed", true),
    i32("near_repeats", "burglaries within the zone radius in the zone duration after them; null when suppressed", true),
    i32("before", "burglaries within the zone radius in the same duration before them; null when suppressed", true),
    i32("metres", "zone radius (m), from nearrepeat_settings"),
    i32("days", "zone duration (days), from nearrepeat_settings")
  ]
} as const;

const DIRECTION: Direction = "decrease";
const METHOD = "negatief-binomiale regressie per inbraak: inbraken binnen straal en duur van de near-repeatzone na inbraken met en zonder waarschuwing, met gemeente, jaar en de inbraken ervoor; observationeel";
const QUESTION = (t: Theme) => `Zijn er minder ${t.plural} in de buurt na een ${t.singular} met een waarschuwing (buurtbrief, inbraakalert, huisbezoek) dan na vergelijkbare ${t.plural} zonder?`;

/** One trigger incident: where, when, whether warned (and by which kind), and its counts around. */
export interface Trigger {
  day: number;
  gemeentecode: string;
  alerted: boolean;
  soort: string | null;
  after: number;
  before: number;
}

/** The first index of a day-sorted list whose day is at least `day` (binary search). */
function firstFrom(list: readonly {day: number}[], day: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A spatial grid over incidents with coordinates; each cell's incidents sorted by day. */
class DayGrid {
  private cells = new Map<string, {day: number; x: number; y: number}[]>();
  constructor(points: readonly {day: number; x: number; y: number}[], readonly size: number) {
    for (const p of points) {
      const key = `${Math.floor(p.x / size)}|${Math.floor(p.y / size)}`;
      (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(p);
    }
    for (const list of this.cells.values()) list.sort((a, b) => a.day - b.day);
  }

  /** Points within `radius` (<= size) of (x, y) whose day lies in [from, to]. */
  count(x: number, y: number, from: number, to: number, radius: number): number {
    const cx = Math.floor(x / this.size), cy = Math.floor(y / this.size);
    let n = 0;
    for (let i = cx - 1; i <= cx + 1; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) {
        const list = this.cells.get(`${i}|${j}`);
        if (!list) continue;
        for (let k = firstFrom(list, from); k < list.length && list[k].day <= to; k++) {
          const dx = list[k].x - x, dy = list[k].y - y;
          if (dx * dx + dy * dy <= radius * radius) n++;
        }
      }
    }
    return n;
  }
}

/**
 * The first warning that belongs to an incident: within ALERT_LAG days after it, at its point
 * (125 m), neighbourhood or postcode. `alerts` sorted by day.
 */
function alertOf(r: LinkedIncident, day: number, alerts: readonly AlertRecord[]): AlertRecord | null {
  for (let i = firstFrom(alerts, day); i < alerts.length && alerts[i].day <= day + ALERT_LAG; i++) {
    const a = alerts[i];
    if (!Number.isNaN(a.x)) {
      if (Math.hypot(a.x - r.x, a.y - r.y) <= ALERT_MATCH_METRES) return a;
    } else if ((a.buurtcode && a.buurtcode === r.buurtcode) || (!a.buurtcode && a.pc4 && a.pc4 === r.pc4)) {
      return a;
    }
  }
  return null;
}

/**
 * The trigger incidents of a delivery: burglaries with coordinates in a municipality where warnings
 * were given, from ALERT_LAG days before the first warning to the last, whose windows before and
 * after (`days` each) lie inside the delivery; each with its counts within `metres`.
 */
export function triggersOf(incidents: readonly LinkedIncident[], alerts: readonly AlertRecord[], {metres, days}: {metres: number; days: number}): Trigger[] {
  if (!(metres > 0) || !(days >= 1)) throw new Error(`invalid zone: ${metres} m, ${days} days`);
  const located = incidents.filter((r) => !Number.isNaN(r.x) && !Number.isNaN(r.y));
  if (!located.length || !alerts.length) return [];
  const points = located.map((r) => ({r, day: startDay(r), x: r.x, y: r.y}));
  let first = Infinity, last = -Infinity;
  for (const p of points) first = Math.min(first, p.day), last = Math.max(last, p.day);
  const alertDays = alerts.map((a) => a.day);
  const from = Math.max(first + days, Math.min(...alertDays) - ALERT_LAG), to = Math.min(last - days, Math.max(...alertDays));
  const sorted = [...alerts].sort((a, b) => a.day - b.day);
  const candidates = points.filter((p) => p.day >= from && p.day <= to);
  const matched = candidates.map((p) => alertOf(p.r, p.day, sorted));
  const municipalities = new Set<string>();
  for (const a of alerts) if (a.gemeentecode) municipalities.add(a.gemeentecode);
  candidates.forEach((p, i) => matched[i] && municipalities.add(p.r.gemeentecode));
  const grid = new DayGrid(points, metres);
  const out: Trigger[] = [];
  candidates.forEach((p, i) => {
    if (!municipalities.has(p.r.gemeentecode)) return;
    // The trigger itself (day 0) is in neither window.
    out.push({
      day: p.day, gemeentecode: p.r.gemeentecode, alerted: matched[i] !== null, soort: matched[i]?.soort ?? null,
      after: grid.count(p.x, p.y, p.day + 1, p.day + days, metres), before: grid.count(p.x, p.y, p.day - days, p.day - 1, metres)
    });
  });
  return out;
}

/** Negative-binomial fit of `y` on warned + municipality + year (+ log(1 + before)); returns the fit and the index of `warned`. */
function fitTriggers(triggers: readonly Trigger[], y: (t: Trigger) => number, adjust: boolean): GlmFit {
  const gms = [...new Set(triggers.map((t) => t.gemeentecode))].sort();
  const years = [...new Set(triggers.map((t) => yearOfDay(t.day)))].sort((a, b) => a - b);
  const X: Record<string, number[]> = {warned: triggers.map((t) => (t.alerted ? 1 : 0))};
  for (const g of gms.slice(1)) X[`gm_${g}`] = triggers.map((t) => (t.gemeentecode === g ? 1 : 0));
  for (const yr of years.slice(1)) X[`year_${yr}`] = triggers.map((t) => (yearOfDay(t.day) === yr ? 1 : 0));
  if (adjust) X.log_before = triggers.map((t) => Math.log1p(t.before));
  return fitNegBin({y: triggers.map(y), X, offset: triggers.map(() => 0)});
}

/** The effect row of warned against unwarned triggers (`after`), or of the placebo (`before`). */
function effectRow(triggers: readonly Trigger[], {effect, area, label, threshold, planted, doubtful = false}: {effect: string; area: string; label: string; threshold: number; planted: number | null; doubtful?: boolean}): EffectRow {
  const warned = triggers.filter((t) => t.alerted).length, unwarned = triggers.length - warned;
  const base = {...notDelivered(effect, label), area_code: area};
  if (warned < MIN_TRIGGERS || unwarned < MIN_TRIGGERS) {
    return {...base, verdict: "onvoldoende gegevens", warning: `Te weinig inbraken met (${warned}) of zonder (${unwarned}) waarschuwing; nodig: ${MIN_TRIGGERS} van elk.`};
  }
  const placebo = effect === "placebo_before";
  const y = (t: Trigger) => (placebo ? t.before : t.after);
  let fit: GlmFit;
  try {
    fit = fitTriggers(triggers, y, !placebo);
  } catch (error) {
    return {...base, verdict: "onvoldoende gegevens", warning: `Geen schatting mogelijk: ${(error as Error).message}.`};
  }
  const c = fit.coefficients.find((k) => k.name === "warned")!;
  const z = normalQuantile(0.975), pct = (v: number) => 100 * (Math.exp(v) - 1);
  let observed = 0, expected = 0;
  triggers.forEach((t, i) => {
    if (t.alerted) observed += y(t), expected += fit.fitted[i] * Math.exp(-c.estimate);
  });
  const low = pct(c.estimate - z * c.se), high = pct(c.estimate + z * c.se);
  const warnings: string[] = [];
  if (!placebo) warnings.push("Observationeel: wie een waarschuwing kreeg is gekozen, niet geloot.");
  if (doubtful) warnings.push("Rond de inbraken met waarschuwing waren er vooraf al meer of minder inbraken dan rond die zonder (placebo): de groepen zijn niet vergelijkbaar.");
  if (fit.warnings.length) warnings.push(`Model: ${fit.warnings.join("; ")}.`);
  return withHiddenRatio({
    effect, area_code: area, label, estimate: num(pct(c.estimate)), ci_low: num(low), ci_high: num(high), p_value: pValueOf(c.p),
    unit: "percent", observed: safeCount(observed, threshold), expected: num(expected, 2), areas: new Set(triggers.map((t) => t.gemeentecode)).size,
    months: new Set(triggers.map((t) => monthOfDay(t.day))).size,
    planted: placebo ? null : planted,
    verdict: verdictOf(low, high, {direction: placebo ? "any" : DIRECTION, doubtful: !placebo && doubtful}), warning: warnings.length ? warnings.join(" | ") : null
  });
}

export interface AlertResult {
  tables: Record<keyof typeof ALERT_SCHEMAS, Table>;
  findings: Finding[];
  effects: EffectRow[];
  triggers: Trigger[];
}

/** Runs the alerts analysis; `zone` is the near-repeat radius and duration (nearrepeat_settings). */
export function runAlerts(delivery: Delivery, {zone = DEFAULT_ZONE, threshold = 0, truth = null, theme = THEMES.woninginbraak}: {zone?: {metres: number; days: number}; threshold?: number; truth?: Record<string, unknown> | null; theme?: Theme} = {}): AlertResult {
  const label = `Verandering van het aantal ${theme.plural} binnen ${zone.metres} m en ${zone.days} dagen na een ${theme.singular} met een waarschuwing`;
  const base = notDelivered("alert", label);
  const groups = (triggers: readonly Trigger[]) => [true, false].map((warned) => {
    const part = triggers.filter((t) => t.alerted === warned);
    const sum = (f: (t: Trigger) => number) => part.reduce((s, t) => s + f(t), 0);
    return {group: warned ? "met_waarschuwing" : "zonder_waarschuwing", triggers: safeCount(part.length, threshold), near_repeats: safeCount(sum((t) => t.after), threshold), before: safeCount(sum((t) => t.before), threshold), metres: Math.round(zone.metres), days: zone.days};
  });
  const result = (effects: EffectRow[], triggers: Trigger[]): AlertResult => ({
    tables: {alert_effects: tableOf(EFFECT_SCHEMA, effects), alert_groups: tableOf(ALERT_SCHEMAS.alert_groups, triggers.length ? groups(triggers) : [])},
    // A finding only where warnings were tied to burglaries: without alerts.csv there is no question to answer.
    findings: triggers.length ? [findingOf(effects[0], "measure.alerts.near_repeat", QUESTION(theme), METHOD, DIRECTION)] : [],
    effects, triggers
  });
  if (!delivery.alerts) return result([base], []);
  if (!delivery.alerts.length) return result([{...base, verdict: "onvoldoende gegevens", warning: "alerts.csv bevat geen waarschuwingen."}], []);
  const triggers = triggersOf(delivery.incidents, delivery.alerts, zone);
  if (!triggers.length) return result([{...base, verdict: "onvoldoende gegevens", warning: `Geen ${theme.plural} met coördinaten in de gemeenten en de periode van de waarschuwingen.`}], []);
  const planted = percentOf((truth as {effects?: {alert?: {relative?: number}}} | null)?.effects?.alert?.relative);
  const placebo = effectRow(triggers, {effect: "placebo_before", area: "regio", label: `Placebo: ${theme.plural} in de ${zone.days} dagen vóór de ${theme.singular}`, threshold, planted: null});
  const doubtful = placebo.ci_low !== null && placebo.ci_high !== null && (placebo.ci_low > 0 || placebo.ci_high < 0);
  const overall = effectRow(triggers, {effect: "alert", area: "regio", label, threshold, planted, doubtful});
  const kinds = [...new Set(triggers.map((t) => t.soort).filter((s): s is string => s !== null))].sort();
  const byKind = kinds.length > 1 ? kinds.map((k) => effectRow(triggers.filter((t) => !t.alerted || t.soort === k), {effect: "alert", area: k, label: `${label} (${k})`, threshold, planted: null, doubtful})) : [];
  return result([overall, placebo, ...byKind], triggers);
}

export const alertsAnalysis: Analysis = {
  name: "alerts",
  schemas: ALERT_SCHEMAS,
  run(context: AnalysisContext) {
    const settings = context.tables.get("nearrepeat_settings");
    const row = settings && settings.numRows ? settings.get(0)!.toJSON() : null;
    const zone = row ? {metres: Number(row.metres), days: Number(row.days)} : DEFAULT_ZONE;
    const {tables, findings} = runAlerts(context.delivery, {zone, threshold: thresholdOf(context, "alert_groups"), truth: context.truth, theme: context.theme});
    return {tables, findings};
  }
};
