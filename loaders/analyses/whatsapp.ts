/**
 * WhatsApp neighbourhood prevention groups: staggered difference-in-differences on the
 * neighbourhood x month panel (src/lib/measures/did.ts), an event study by quarters since the start,
 * a pre-trend test, and a displacement check on untreated neighbouring neighbourhoods.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import type {Table} from "apache-arrow";
import type {DidResult} from "../../src/lib/measures/did.js";
import {didVerdict, guardedVerdict, rtmWarning, staggeredDidGuarded, type RtmCheck} from "../../src/lib/measures/rtm.js";
import {intervalVerdict} from "../../src/lib/verdict.js";
import {callawaySantAnna, type CsResult} from "../../src/lib/measures/cs.js";
import {displacementCheck} from "../../src/lib/measures/dose.js";
import {seededRng} from "../../src/lib/random.js";
import {pText} from "../../src/lib/hypotheses/format.js";
import type {Delivery} from "../delivery/read.js";
import {
  EFFECT_SCHEMA, findingOf, notDelivered, num, percentOf, pValueOf, waldP, protectParts, safeCount, spec, tableOf, withHiddenRatio, type Direction, type EffectRow
} from "./measures/effects.js";
import {buurtPanel, centroid, dayOfMonth, longPanel, monthOfDay, neighbourLists, type AreaMonths} from "./measures/panel.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";
import type {Sensitivity} from "../../src/lib/findings.js";

const {d, f64, i32, i16, day} = spec;

export const WHATSAPP_SCHEMAS = {
  whatsapp_effects: EFFECT_SCHEMA,
  whatsapp_event_study: [
    d("analysis", "effect (neighbourhoods with a group) or verplaatsing (untreated neighbours)"),
    i16("event_time", "months since the start: first month of the quarter bin (negative: before)"),
    f64("estimate", "percent change of the burglary rate against the counterfactual", true),
    f64("ci_low", "lower bound of the 95% jackknife t interval (percent; null when the bin rests on fewer than 2 neighbourhoods with a group)", true),
    f64("ci_high", "upper bound of the 95% jackknife t interval (percent)", true),
    i32("observed", "burglaries in the bin pooled over cohorts; null when suppressed", true),
    f64("expected", "counterfactual burglaries in the bin"),
    i32("cohorts", "start-month cohorts contributing to the bin")
  ],
  whatsapp_cohorts: [
    day("start", "first month of the cohort (groups starting that month)"),
    i32("areas", "neighbourhoods in the cohort"),
    i32("post_months", "months after the start in the data"),
    f64("estimate", "percent change after the start", true),
    f64("ci_low", "lower bound (percent)", true),
    f64("ci_high", "upper bound (percent)", true),
    i32("observed", "burglaries after the start; null when suppressed", true),
    f64("expected", "counterfactual burglaries after the start")
  ],
  whatsapp_design: [
    d("area_code", "BU code"),
    d("area_name", "neighbourhood name"),
    d("gemeentecode", "municipality"),
    d("role", "appgroep (group started within the data), buur (untreated neighbour of one), controle (never treated), vooraf (group before the data: left out)"),
    day("start", "first month of the group, when any", true),
    day("end", "month the group ended (excluded from then on), when ended", true),
    f64("x", "RD New x of the neighbourhood centroid (m), when boundaries were delivered", true),
    f64("y", "RD New y of the neighbourhood centroid (m)", true),
    i32("dwellings", "dwellings in the last year of the data", true)
  ],
  whatsapp_timeline: [
    day("month", "first day of the month"),
    i32("with_group", "neighbourhoods with a running group"),
    i32("not_yet", "neighbourhoods whose group starts later (not-yet-treated controls)"),
    i32("never", "neighbourhoods without a group in the data (never-treated controls)"),
    i32("ended", "neighbourhoods whose group ended (left out from the end)")
  ]
} as const;

export interface WhatsappOptions {
  /** Bootstrap replicates (default 499). */
  replicates?: number;
  /** Seed of the bootstrap (fixed, so a build is reproducible). */
  seed?: number;
  /** Counts 1..threshold-1 are published as null (openbaar). */
  threshold?: number;
  truth?: Record<string, unknown> | null;
  /** The build's theme, for the wording of questions and labels (default woninginbraak). */
  theme?: Theme;
}

export interface WhatsappResult {
  tables: Record<keyof typeof WHATSAPP_SCHEMAS, Table>;
  findings: Finding[];
  effects: EffectRow[];
  did: DidResult | null;
  /** The estimate with the base at months -24..-13 (regression-to-the-mean check), when computable. */
  robust: DidResult | null;
  rtm: RtmCheck | null;
  displacement: (DidResult & {exposedAreas: number}) | null;
  unplacedGroups: number;
}

const QUESTION = (t: Theme) => `Daalt het aantal ${t.plural} in een buurt nadat daar een buurtpreventie-appgroep is gestart?`;
/**
 * What the estimator is (src/lib/measures/did.ts): a ratio of summed observed to summed
 * counterfactual counts over all cohort-months after the start, each area against its own 12-month
 * base. It follows the design of Callaway & Sant'Anna (2021) but is not their estimator (base g-1,
 * simple aggregation), so the method must not be shown as theirs.
 */
const METHOD = "verhouding van het waargenomen tot het verwachte aantal, opgeteld over alle buurten en maanden na de start; verwacht op grond van de eigen 12 maanden vóór de start en de verandering in buurten zonder (of nog zonder) groep (gespreide difference-in-differences naar het ontwerp van Callaway & Sant'Anna 2021, niet hun schatter); interval: jackknife over buurten (steeds één buurt weggelaten) met een t-verdeling";
const QUESTION_DISPLACEMENT = (t: Theme) => `Verplaatsen ${t.plural} zich naar aangrenzende buurten zonder appgroep?`;
const LABEL = (t: Theme) => `Verandering van het ${t.risk} na de start van een appgroep`;
/** The groups are meant to lower burglary: the question asks for a decrease. */
const DIRECTION: Direction = "decrease";
/** Displacement moves burglary to the neighbours: the question asks for an increase there. */
const DIRECTION_DISPLACEMENT: Direction = "increase";
const METHOD_DISPLACEMENT = "dezelfde verhouding van waargenomen tot verwacht aantal, voor aangrenzende buurten zonder appgroep vanaf de start bij hun buur; interval: jackknife over buurten met een t-verdeling";

/** Dutch warnings for a DiD result. */
export function didWarnings(r: DidResult): string[] {
  const w: string[] = [];
  if (r.flags.tooFewAreas) {
    w.push(`Te weinig buurten: ${r.n.treatedAreas} met en ${r.n.neverTreatedAreas} zonder maatregel (minimaal 10 elk); de schatting is onbetrouwbaar.`);
  }
  if (r.flags.tooFewMonths) {
    w.push("Te weinig maanden: een groep start in het eerste jaar van de gegevens of de meeste buurten hebben minder dan 12 maanden na de start; de schatting is onbetrouwbaar.");
  }
  if (r.flags.preTrendDiffers) {
    w.push(`De trends vóór de start verschillen (toets ${pText(r.preTrend.pValue)}): de buurten liepen al uiteen voordat de maatregel begon; het geschatte effect kan daar deels uit komen.`);
  }
  return w;
}

function effectRow(effect: string, label: string, r: DidResult, threshold: number, planted: number | null, areas: number, direction: Direction, rtm: RtmCheck | null = null): EffectRow {
  const warnings = didWarnings(r);
  const verdict = rtm ? guardedVerdict(didVerdict(r, direction), rtm) : didVerdict(r, direction);
  const rtmText = rtm && verdict !== didVerdict(r, direction) ? rtmWarning(rtm) : null;
  if (rtmText) warnings.push(rtmText);
  return withHiddenRatio({
    effect, area_code: "regio", label,
    estimate: num(r.overall.percent), ci_low: num(r.overall.percentLower), ci_high: num(r.overall.percentUpper), p_value: waldP(r.overall.estimate, r.overall.se),
    unit: "percent", observed: safeCount(r.overall.observed, threshold), expected: num(r.overall.expected, 2),
    areas, months: r.n.months, planted,
    verdict,
    warning: warnings.length ? warnings.join(" | ") : null
  });
}

function emptyTables(effects: EffectRow[]): WhatsappResult["tables"] {
  return {
    whatsapp_effects: tableOf(EFFECT_SCHEMA, effects),
    whatsapp_event_study: tableOf(WHATSAPP_SCHEMAS.whatsapp_event_study, []),
    whatsapp_cohorts: tableOf(WHATSAPP_SCHEMAS.whatsapp_cohorts, []),
    whatsapp_design: tableOf(WHATSAPP_SCHEMAS.whatsapp_design, []),
    whatsapp_timeline: tableOf(WHATSAPP_SCHEMAS.whatsapp_timeline, [])
  };
}

function unavailable(verdict: string, reason: string | null, unplacedGroups: number, theme: Theme): WhatsappResult {
  const overall = {...notDelivered("overall", LABEL(theme)), verdict, warning: reason};
  const displacement = {...notDelivered("displacement", "Verandering in aangrenzende buurten zonder appgroep"), verdict, warning: reason};
  const effects = [overall, displacement];
  return {
    tables: emptyTables(effects),
    findings: [findingOf(overall, "measure.whatsapp.overall", QUESTION(theme), METHOD, DIRECTION), findingOf(displacement, "measure.whatsapp.displacement", QUESTION_DISPLACEMENT(theme), METHOD_DISPLACEMENT, DIRECTION_DISPLACEMENT)],
    effects, did: null, robust: null, rtm: null, displacement: null, unplacedGroups
  };
}

/** Start month and end month (exclusive; null = running) per neighbourhood with a group. */
export function groupPeriods(delivery: Delivery): {periods: Map<string, {start: number; end: number | null}>; unplaced: number} {
  const periods = new Map<string, {start: number; end: number | null}>();
  let unplaced = 0;
  for (const g of delivery.whatsapp ?? []) {
    if (!g.buurtcode) {
      unplaced++;
      continue;
    }
    const start = monthOfDay(g.start), end = g.end === null ? null : monthOfDay(g.end);
    const cur = periods.get(g.buurtcode);
    if (!cur) periods.set(g.buurtcode, {start, end});
    else periods.set(g.buurtcode, {start: Math.min(cur.start, start), end: cur.end === null || end === null ? null : Math.max(cur.end, end)});
  }
  return {periods, unplaced};
}

/** Sets count and exposure to 0 from the month a neighbourhood's group ended (the effect while a group runs). */
function censorEnded(p: AreaMonths, periods: Map<string, {start: number; end: number | null}>): AreaMonths {
  const count = Float64Array.from(p.count), exposure = Float64Array.from(p.exposure);
  p.areas.forEach((a, i) => {
    const end = periods.get(a)?.end;
    if (end === null || end === undefined) return;
    for (let t = Math.max(0, end - p.firstMonth); t < p.months; t++) count[i * p.months + t] = exposure[i * p.months + t] = 0;
  });
  return {...p, count, exposure};
}

/** Runs the WhatsApp analysis on a delivery. */
export function runWhatsapp(delivery: Delivery, {replicates = 499, seed = 20_250_601, threshold = 0, truth = null, theme = THEMES.woninginbraak}: WhatsappOptions = {}): WhatsappResult {
  if (!delivery.whatsapp) return unavailable("niet geleverd", null, 0, theme);
  const {periods, unplaced} = groupPeriods(delivery);
  const panel = buurtPanel(delivery);
  if (!panel || periods.size === 0) {
    return unavailable("onvoldoende gegevens", periods.size === 0 ? "Geen enkele appgroep heeft een buurtcode: de groepen zijn niet aan buurten te koppelen." : `Geen ${theme.plural} met een buurt in de levering.`, unplaced, theme);
  }
  const lastMonth = panel.firstMonth + panel.months - 1;
  const starts: Record<string, number | null> = {};
  let placedOutside = 0;
  for (const a of panel.areas) starts[a] = periods.get(a)?.start ?? null;
  for (const code of periods.keys()) if (!(code in starts)) placedOutside++;
  const censored = censorEnded(panel, periods);
  const long = longPanel(censored);
  const options = {rng: seededRng(seed), replicates, binMonths: 3, eventMin: -24, eventMax: 35};
  let did: DidResult, robust: DidResult | null, rtm: RtmCheck;
  try {
    ({main: did, robust, check: rtm} = staggeredDidGuarded(long, starts, options));
  } catch (error) {
    return unavailable("onvoldoende gegevens", `De schatting is niet mogelijk: ${(error as Error).message}.`, unplaced + placedOutside, theme);
  }
  const plantedWhatsapp = percentOf((truth as {effects?: {whatsapp?: {relative?: number}}} | null)?.effects?.whatsapp?.relative);
  const overall = effectRow("overall", LABEL(theme), did, threshold, plantedWhatsapp, did.n.treatedAreas, DIRECTION, rtm);
  const guardRows = rtmRows(did, robust, rtm, overall.observed === null);
  let cs: CsResult | null = null;
  try {
    cs = callawaySantAnna(long, starts, {rng: seededRng(seed + 2), replicates});
  } catch {
    cs = null; // the row says "onvoldoende gegevens"
  }
  const csRow = csEffectRow(cs, did, overall.observed === null);

  // Displacement: neighbours from the delivered boundaries.
  const shapes = delivery.registry.shapes.buurt.filter((s) => s.code in starts);
  const neighbours = shapes.length ? neighbourLists(shapes) : new Map<string, string[]>();
  let displacement: WhatsappResult["displacement"] = null;
  let displacementRow: EffectRow;
  const dispLabel = "Verandering in aangrenzende buurten zonder appgroep (verplaatsing)";
  if (!shapes.length) {
    displacementRow = {...notDelivered("displacement", dispLabel), verdict: "onvoldoende gegevens", warning: "Geen buurtgrenzen geleverd (gebieden.geojson): welke buurten aan elkaar grenzen is onbekend."};
  } else {
    try {
      displacement = displacementCheck(longPanel(panel), starts, neighbours, {...options, rng: seededRng(seed + 1)});
      displacementRow = effectRow("displacement", dispLabel, displacement, threshold, truth ? 0 : null, displacement.exposedAreas, DIRECTION_DISPLACEMENT);
    } catch (error) {
      displacementRow = {...notDelivered("displacement", dispLabel), verdict: "onvoldoende gegevens", warning: `De verplaatsingstoets is niet mogelijk: ${(error as Error).message}.`};
    }
  }
  const preTrend: EffectRow = {
    effect: "pre_trend", area_code: "regio", label: "Toets op gelijke trends vóór de start (Wald, kwartalen vóór de basisperiode)",
    estimate: num(did.preTrend.wald), ci_low: null, ci_high: null, p_value: pValueOf(did.preTrend.pValue), unit: "wald",
    observed: null, expected: null, areas: did.n.treatedAreas, months: did.n.months, planted: null,
    verdict: !Number.isFinite(did.preTrend.pValue) ? "onvoldoende gegevens" : did.flags.preTrendDiffers ? "aangetoond" : "niet aangetoond",
    warning: null
  };
  const effects = [overall, displacementRow, preTrend, ...guardRows, csRow];

  // The bins after the start and the cohorts each add up to the overall observed count: a hidden
  // part must not be recoverable by subtraction (secondary suppression on those lines), and a hidden
  // part's ratio estimate and interval are hidden with it.
  const eventRows = (analysis: string, r: DidResult | null) => {
    const bins = r?.eventStudy ?? [];
    const post = bins.flatMap((e, i) => (e.eventTime >= 0 ? [i] : []));
    const shownPost = r ? protectParts(post.map((i) => bins[i].observed), r.overall.observed, threshold) : [];
    const shown = bins.map((e) => safeCount(e.observed, threshold));
    post.forEach((i, k) => (shown[i] = shownPost[k]));
    return bins.map((e, i) => withHiddenRatio({
      analysis, event_time: e.eventTime, estimate: num(e.percent), ci_low: num(e.percentLower), ci_high: num(e.percentUpper),
      observed: shown[i], expected: num(e.expected, 2) ?? 0, cohorts: e.cohorts
    }));
  };
  const cohortObserved = protectParts(did.cohorts.map((c) => c.observed), did.overall.observed, threshold);
  const cohorts = did.cohorts.map((c, i) => withHiddenRatio({
    start: dayOfMonth(c.start), areas: c.areas, post_months: c.postMonths, estimate: num(c.percent), ci_low: num(c.percentLower),
    ci_high: num(c.percentUpper), observed: cohortObserved[i], expected: num(c.expected, 2) ?? 0
  }));
  // Design: every neighbourhood's role, with its centroid for the map.
  const exposedStart = new Set<string>();
  for (const [a, list] of neighbours) {
    const s = starts[a];
    if (s !== null && s !== undefined && s > panel.firstMonth && s <= lastMonth) for (const b of list) if (starts[b] === null) exposedStart.add(b);
  }
  const shapeOf = new Map(shapes.map((s) => [s.code, s]));
  const design = panel.areas.map((a, i) => {
    const period = periods.get(a);
    const s = starts[a];
    const role = s === null || s > lastMonth ? (exposedStart.has(a) ? "buur" : "controle") : s <= panel.firstMonth ? "vooraf" : "appgroep";
    const shape = shapeOf.get(a);
    const c = shape ? centroid(shape) : null;
    return {
      area_code: a, area_name: delivery.registry.areas.get(a)?.name ?? a, gemeentecode: delivery.registry.areas.get(a)?.gemeentecode ?? `GM${a.slice(2, 6)}`,
      role, start: period ? dayOfMonth(period.start) : null, end: period?.end != null ? dayOfMonth(period.end) : null,
      x: c ? num(c[0], 1) : null, y: c ? num(c[1], 1) : null,
      dwellings: panel.exposureSource === "woningvoorraad" ? Math.round(panel.exposure[i * panel.months + panel.months - 1]) : null
    };
  });
  const timeline = Array.from({length: panel.months}, (_, t) => {
    const m = panel.firstMonth + t;
    let withGroup = 0, notYet = 0, never = 0, ended = 0;
    for (const a of panel.areas) {
      const p = periods.get(a);
      if (!p || p.start > lastMonth) never++;
      else if (p.start > m) notYet++;
      else if (p.end !== null && p.end <= m) ended++;
      else withGroup++;
    }
    return {month: dayOfMonth(m), with_group: withGroup, not_yet: notYet, never, ended};
  });
  if (panel.exposureSource === "gelijk") {
    overall.warning = [overall.warning, "Geen woningvoorraad per buurt geleverd: elke buurt telt met dezelfde omvang."].filter(Boolean).join(" | ");
  }
  if (unplaced + placedOutside > 0) {
    const text = `${unplaced + placedOutside} appgroep(en) zonder (bruikbare) buurtcode zijn niet te plaatsen en tellen niet mee.`;
    overall.warning = [overall.warning, text].filter(Boolean).join(" | ");
  }
  return {
    tables: {
      whatsapp_effects: tableOf(EFFECT_SCHEMA, effects),
      whatsapp_event_study: tableOf(WHATSAPP_SCHEMAS.whatsapp_event_study, [...eventRows("effect", did), ...eventRows("verplaatsing", displacement)]),
      whatsapp_cohorts: tableOf(WHATSAPP_SCHEMAS.whatsapp_cohorts, cohorts),
      whatsapp_design: tableOf(WHATSAPP_SCHEMAS.whatsapp_design, design),
      whatsapp_timeline: tableOf(WHATSAPP_SCHEMAS.whatsapp_timeline, timeline)
    },
    findings: [
      {...findingOf(overall, "measure.whatsapp.overall", QUESTION(theme), METHOD, DIRECTION), sensitivity: [...guardRows.filter((r) => r.effect !== "base_history"), csRow].map(sensitivityOf)},
      findingOf(displacementRow, "measure.whatsapp.displacement", QUESTION_DISPLACEMENT(theme), METHOD_DISPLACEMENT, DIRECTION_DISPLACEMENT)
    ],
    effects, did, robust, rtm, displacement, unplacedGroups: unplaced + placedOutside
  };
}

/**
 * The rows of the regression-to-the-mean guard (src/lib/measures/rtm.ts): the estimate with the base
 * at months -24..-13 and the base against the areas' own months -24..-13. Neither publishes a count
 * (the robust estimate's observed count is a part of the overall one); both hide with the overall row.
 */
function rtmRows(did: DidResult, robust: DidResult | null, rtm: RtmCheck, hidden: boolean): EffectRow[] {
  const row = (effect: string, label: string, e: DidResult["overall"] | null, verdict: EffectRow["verdict"], warning: string | null): EffectRow => ({
    effect, area_code: "regio", label,
    estimate: hidden ? null : num(e?.percent), ci_low: hidden ? null : num(e?.percentLower), ci_high: hidden ? null : num(e?.percentUpper),
    p_value: hidden || !e ? null : waldP(e.estimate, e.se), unit: "percent", observed: null, expected: null,
    areas: did.n.treatedAreas, months: did.n.months, planted: null, verdict, warning
  });
  const robustRow = robust && rtm.robust
    ? row("robust_base", ROBUST_LABEL, rtm.robust, robust.flags.tooFewAreas ? "onvoldoende gegevens" : intervalVerdict(rtm.robust.percentLower, rtm.robust.percentUpper, {direction: DIRECTION}), null)
    : row("robust_base", ROBUST_LABEL, null, "onvoldoende gegevens", "Geen groep heeft 24 maanden gegevens vóór de start.");
  const history = did.history;
  const historyRow = row("base_history", "De 12 maanden vóór de start tegen de eigen maanden 24 tot 13 daarvoor (negatief: de basis lag hoog)", Number.isFinite(history.estimate) ? history : null,
    !Number.isFinite(history.lower) || !Number.isFinite(history.upper) ? "onvoldoende gegevens" : history.upper < 0 || history.lower > 0 ? "aangetoond" : "niet aangetoond", null);
  return [robustRow, historyRow];
}

/**
 * Callaway & Sant'Anna's own estimate (src/lib/measures/cs.ts: base g-1, simple aggregation) as a
 * sensitivity row: a percentage of rates, no counts; hidden with the overall row.
 */
function csEffectRow(cs: CsResult | null, did: DidResult, hidden: boolean): EffectRow {
  const ok = cs !== null && Number.isFinite(cs.percent);
  return {
    effect: "cs_simple", area_code: "regio", label: "Callaway & Sant'Anna: basis de maand vóór de start, eenvoudige aggregatie over cohorten en maanden (gevoeligheid)",
    estimate: hidden || !ok ? null : num(cs.percent), ci_low: hidden || !ok ? null : num(cs.percentLower), ci_high: hidden || !ok ? null : num(cs.percentUpper),
    p_value: null, unit: "percent", observed: null, expected: null, areas: did.n.treatedAreas, months: did.n.months, planted: null,
    verdict: ok ? intervalVerdict(cs.percentLower, cs.percentUpper, {direction: DIRECTION, thin: did.flags.tooFewAreas || did.flags.tooFewMonths}) : "onvoldoende gegevens",
    warning: null
  };
}

const ROBUST_LABEL = "Robuustheid: dezelfde schatting met de maanden 24 tot 13 vóór de start als basis (vóór een eventuele golf)";

/** An effect row as a finding's sensitivity estimate. */
function sensitivityOf(r: EffectRow): Sensitivity {
  return {effect: r.effect, label: r.label, estimate: r.estimate, ci_low: r.ci_low, ci_high: r.ci_high, verdict: r.verdict};
}

export const whatsappAnalysis: Analysis = {
  name: "whatsapp",
  schemas: WHATSAPP_SCHEMAS,
  run(context: AnalysisContext) {
    const {tables, findings} = runWhatsapp(context.delivery, {threshold: thresholdOf(context, "whatsapp_effects"), truth: context.truth, theme: context.theme});
    return {tables, findings};
  }
};
