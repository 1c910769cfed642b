/**
 * Near repeats: the Knox test (src/lib/knox.ts) on the incidents with coordinates, for the band
 * settings the near-repeat page offers and for the whole period and each year, plus the share of
 * incidents that had another within 200 m and 14 days, against its permutation distribution.
 *
 * Disclosure (docs/decisions.md): the openbaar build publishes no pair counts at all. A cell's
 * observed count equals ratio x expected, the expected table has the same row and column totals as
 * the observed one (shuffling times keeps both), so publishing counts of large cells and ratios lets
 * a reader recover hidden small cells by subtraction. Openbaar: ratio and p-value for cells with at
 * least `suppressBelow` pairs (0 pairs: ratio 0, p 1), nothing for 1..suppressBelow-1 pairs.
 * Intern: observed, expected, ratio, p-value for every cell.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import {buildTable} from "../arrow.js";
import {flagNearRepeats, knoxTest, nearSpacePairs, type KnoxDistance} from "../../src/lib/knox.js";
import {seededRng, shuffle} from "../../src/lib/random.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";
import {col, columns, round, startDay, yearOfDay} from "./common.js";
import {testVerdict} from "../../src/lib/verdict.js";

/** The band settings the page offers (right-open breaks). */
export const KNOX_SETTINGS = {
  fijn: {spaceBands: [0, 1, 100, 200, 300, 400], timeBands: [0, 7, 14, 21, 28]},
  grof: {spaceBands: [0, 1, 250, 500, 1000], timeBands: [0, 14, 28, 56]}
} as const;

/** The near-repeat window of the headline finding: closer than 200 m and fewer than 14 days apart. */
export const NEAR_WINDOW = {metres: 200, days: 14} as const;

export const KNOX_SEED = 20240501;
/** A year is offered as a period only with at least this many incidents with coordinates. */
export const MIN_PERIOD_INCIDENTS = 30;
export const KNOX_DISTANCE: KnoxDistance = "euclidean";

const CELLS = [
  col.d("setting", "band setting: fijn or grof (see loaders/analyses/knox.ts)"),
  col.d("period", "alle (the whole delivery) or a calendar year"),
  col.i32("incidents", "incidents with coordinates in the period"),
  col.i16("space_index", "space band number, 0 = nearest"),
  col.f64("space_lower", "space band lower bound in metres (inclusive)"),
  col.f64("space_upper", "space band upper bound in metres (exclusive); null = open-ended", true),
  col.d("space_label", "space band in Dutch"),
  col.i16("time_index", "time band number, 0 = nearest"),
  col.f64("time_lower", "time band lower bound in days (inclusive)"),
  col.f64("time_upper", "time band upper bound in days (exclusive); null = open-ended", true),
  col.d("time_label", "time band in Dutch"),
  col.i32("observed", "observed incident pairs (intern only; null in openbaar)", true),
  col.f64("expected", "mean pair count over the permutations (intern only; null in openbaar)", true),
  col.f64("ratio", "observed / expected; null when suppressed or expected is 0", true),
  col.f64("p_value", "Monte Carlo p-value (1 + #permutations >= observed) / (permutations + 1); null when suppressed", true),
  col.bool("suppressed", "openbaar: 1..threshold-1 observed pairs, ratio and p-value hidden")
] as const;

const SHARE = [
  col.d("period", "alle or a calendar year"),
  col.i32("incidents", "incidents with coordinates in the period"),
  col.f64("metres", "near in space: closer than this (m)"),
  col.f64("days", "near in time: fewer than this many days apart"),
  col.f64("share", "share of incidents with another incident near in space and time; null when suppressed", true),
  col.f64("expected_share", "mean share over the permutations of the times"),
  col.f64("ratio", "share / expected_share; null when suppressed", true),
  col.f64("p_value", "Monte Carlo p-value of the share (99 permutations); null when suppressed", true),
  col.f64("knox_ratio", "Knox observed/expected pairs in the single cell [0, metres) x [0, days); null when suppressed", true),
  col.f64("knox_p", "Monte Carlo p-value of that cell (999 permutations); null when suppressed", true),
  col.i32("permutations", "permutations of the Knox test"),
  col.bool("suppressed", "openbaar: fewer than threshold near-repeat incidents or pairs")
] as const;

interface Points {x: Float64Array; y: Float64Array; t: Float64Array}

/** The points of a set of incidents with coordinates; t = civil day of the window start. */
function pointsOf(incidents: AnalysisContext["delivery"]["incidents"]): Points {
  const kept = incidents.filter((r) => !Number.isNaN(r.x) && !Number.isNaN(r.y));
  return {x: Float64Array.from(kept, (r) => r.x), y: Float64Array.from(kept, (r) => r.y), t: Float64Array.from(kept, startDay)};
}

/**
 * The share of incidents with another within `metres` and `days` (nearRepeatShare's definition, with
 * its pair finding and flagging from src/lib/knox.ts), and its mean and Monte Carlo p-value when the
 * times are shuffled (the pairs near in space are found once). The metric is the site's KNOX_DISTANCE
 * unless `distance` says otherwise.
 */
export function nearShareTest(points: Points, {metres, days, permutations = 99, seed = KNOX_SEED, distance = KNOX_DISTANCE}: {metres: number; days: number; permutations?: number; seed?: number; distance?: KnoxDistance}) {
  const n = points.x.length;
  const pairs = nearSpacePairs(points, metres, distance);
  const flags = new Uint8Array(n);
  const share = (t: ArrayLike<number>) => flagNearRepeats(pairs, t, days, flags).count;
  const count = share(points.t);
  const rng = seededRng(seed);
  const t = Float64Array.from(points.t);
  let sum = 0, ge = 0;
  for (let r = 0; r < permutations; r++) {
    shuffle(rng, t);
    const c = share(t);
    sum += c;
    if (c >= count) ge++;
  }
  const expected = sum / permutations / n;
  return {n, count, share: count / n, expectedShare: expected, ratio: expected > 0 ? count / n / expected : NaN, p: (1 + ge) / (permutations + 1)};
}

/** The largest number of incidents in one Knox test of the pipeline (see the "alle" period). */
export const KNOX_MAX_INCIDENTS = 25_000;

export const knoxAnalysis: Analysis = {
  name: "knox",
  schemas: {knox_cells: CELLS, knox_share: SHARE},
  run({delivery, level, suppressBelow, privacy, theme = THEMES.woninginbraak}) {
    const threshold = thresholdOf({level, suppressBelow, privacy}, "knox_cells");
    const all = delivery.incidents.filter((r) => !Number.isNaN(r.x));
    // A test visits every pair within the largest band in each of 999 permutations; for very large
    // deliveries (national scale) each period is tested on its most recent KNOX_MAX_INCIDENTS
    // incidents (the `incidents` column says how many were used).
    const recent = (list: typeof all) => (list.length > KNOX_MAX_INCIDENTS ? [...list].sort((a, b) => a.start - b.start).slice(-KNOX_MAX_INCIDENTS) : list);
    const periods: [string, typeof all][] = [["alle", recent(all)]];
    const years = [...new Set(all.map((r) => yearOfDay(startDay(r))))].sort((p, q) => p - q);
    for (const y of years) {
      const inYear = all.filter((r) => yearOfDay(startDay(r)) === y);
      if (inYear.length >= MIN_PERIOD_INCIDENTS) periods.push([String(y), recent(inYear)]);
    }
    const cells: Record<string, unknown>[] = [];
    const shares: Record<string, unknown>[] = [];
    let headline: Finding[] = [];
    for (const [period, incidents] of periods) {
      if (incidents.length < Math.max(2, threshold)) continue;
      const points = pointsOf(incidents);
      for (const [setting, bands] of Object.entries(KNOX_SETTINGS)) {
        const result = knoxTest(points, {...bands, distance: KNOX_DISTANCE, permutations: 999, rng: seededRng(KNOX_SEED)});
        result.spaceBands.forEach((s, i) => result.timeBands.forEach((t, j) => {
          const observed = result.observed[i][j];
          const hidden = observed > 0 && observed < threshold;
          const ratio = result.expected[i][j] > 0 ? result.ratio[i][j] : NaN;
          cells.push({
            setting, period, incidents: points.x.length,
            space_index: i, space_lower: s.lower, space_upper: Number.isFinite(s.upper) ? s.upper : null, space_label: s.labelNl,
            time_index: j, time_lower: t.lower, time_upper: Number.isFinite(t.upper) ? t.upper : null, time_label: t.labelNl,
            observed: level === "intern" ? observed : null,
            expected: level === "intern" ? round(result.expected[i][j]) : null,
            ratio: hidden ? null : round(ratio), p_value: hidden ? null : round(result.pValue[i][j]), suppressed: hidden
          });
        }));
      }
      const near = knoxTest(points, {spaceBands: [0, NEAR_WINDOW.metres], timeBands: [0, NEAR_WINDOW.days], distance: KNOX_DISTANCE, permutations: 999, rng: seededRng(KNOX_SEED)});
      const share = nearShareTest(points, NEAR_WINDOW);
      const pairs = near.observed[0][0];
      const hidden = (share.count > 0 && share.count < threshold) || (pairs > 0 && pairs < threshold);
      shares.push({
        period, incidents: points.x.length, metres: NEAR_WINDOW.metres, days: NEAR_WINDOW.days,
        share: hidden ? null : round(share.share), expected_share: round(share.expectedShare),
        ratio: hidden ? null : round(share.ratio), p_value: hidden ? null : round(share.p),
        knox_ratio: hidden ? null : round(near.ratio[0][0]), knox_p: hidden ? null : round(near.pValue[0][0]),
        permutations: 999, suppressed: hidden
      });
      if (period === "alle") {
        const ratio = hidden ? null : round(near.ratio[0][0]);
        const p = hidden ? null : round(near.pValue[0][0]);
        headline = [{
          id: "knox.near_repeat",
          question: nearRepeatQuestion(theme),
          method: `Knox-test, ${KNOX_DISTANCE === "euclidean" ? "hemelsbrede afstand" : "Manhattan-afstand"}, 999 permutaties van de pleegdagen; verhouding waargenomen/verwacht aantal paren binnen ${NEAR_WINDOW.metres} m en ${NEAR_WINDOW.days} dagen`,
          estimate: ratio, ci_low: null, ci_high: null, p_value: p, unit: "ratio", direction: "increase",
          verdict: testVerdict(p, ratio, {direction: "increase", reference: 1})
        }, {
          id: "knox.near_repeat_share",
          question: nearRepeatShareQuestion(theme),
          method: "Aandeel incidenten met een buur in ruimte en tijd; verwacht aandeel en p-waarde uit 99 permutaties van de pleegdagen",
          estimate: hidden ? null : round(share.share), ci_low: null, ci_high: null, p_value: hidden ? null : round(share.p), unit: "share", direction: "increase",
          verdict: hidden ? "onvoldoende gegevens" : testVerdict(share.p, share.ratio, {direction: "increase", reference: 1})
        }];
      }
    }
    return {
      tables: {knox_cells: buildTable(CELLS, columns(CELLS, cells) as never), knox_share: buildTable(SHARE, columns(SHARE, shares) as never)},
      findings: headline.length ? headline : [notDelivered(theme), notDeliveredShare(theme)]
    };
  }
};

/** The near-repeat question in the theme's words. */
function nearRepeatQuestion(theme: Theme): string {
  return `Lopen ${theme.targets} binnen ${NEAR_WINDOW.metres} m van een ${theme.singular} de eerste ${NEAR_WINDOW.days} dagen een verhoogd risico (near repeats)?`;
}

/** The near-repeat share question in the theme's words. */
function nearRepeatShareQuestion(theme: Theme): string {
  return `Welk deel van de ${theme.plural} had een andere ${theme.singular} binnen ${NEAR_WINDOW.metres} m en ${NEAR_WINDOW.days} dagen, en is dat meer dan toeval?`;
}

function notDelivered(theme: Theme): Finding {
  return {
    id: "knox.near_repeat", question: nearRepeatQuestion(theme),
    method: "Knox-test (niet uitgevoerd: de levering bevat geen coördinaten)", estimate: null, ci_low: null, ci_high: null, p_value: null, unit: "ratio", direction: "increase", verdict: "niet geleverd"
  };
}

function notDeliveredShare(theme: Theme): Finding {
  return {
    id: "knox.near_repeat_share", question: nearRepeatShareQuestion(theme),
    method: "Aandeel near repeats (niet uitgevoerd: de levering bevat geen coördinaten)", estimate: null, ci_low: null, ci_high: null, p_value: null, unit: "share", direction: "increase", verdict: "niet geleverd"
  };
}
