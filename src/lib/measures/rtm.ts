/**
 * A guard against regression to the mean in the staggered DiD (src/lib/measures/did.ts). Groups
 * often start after a burglary wave: measured against the 12 months right before the start, a fall
 * afterwards then appears without any effect. The guard compares the main estimate with a robustness
 * estimate whose base ends before the wave (months -24..-13, `baseGap` 12) and checks whether the
 * treated areas' base was high against their own earlier months (`DidResult.history`).
 *
 * Not robust (docs/methods.md, "Regression to the mean"): the main 95% interval excludes 0 and
 *   (a) the robustness estimate is missing (no cohort has 24 months before its start), or its 95%
 *       interval does not lie wholly on the same side of 0 as the main interval; or
 *   (b) the history interval lies wholly on that same side: the base was high (for a fall) or low
 *       (for a rise) against the areas' own months -24..-13, relative to the controls.
 * A claim that is not robust reads {@link RTM_VERDICT}.
 */
import {staggeredDid, type DidOptions, type DidResult, type Effect, type Panel, type PanelMatrix, type Starts} from "./did.js";
import {intervalVerdict, sideOf, type Direction, type Verdict} from "../verdict.js";

/** The verdict of a claim that regression to the mean may explain. */
export const RTM_VERDICT = "onzeker (mogelijk regressie naar het gemiddelde)";

/** Months between the robustness base and the start: base -24..-13 with a 12-month base. */
export const RTM_GAP = 12;

export interface RtmCheck {
  /** Side of 0 the main interval lies on (-1 below, +1 above, 0 it contains 0: nothing to guard). */
  side: -1 | 0 | 1;
  /** The estimate with the base at months -24..-13; null when no cohort has that history. */
  robust: Effect | null;
  /** The treated areas' months -24..-13 against their base (below 0: the base was high). */
  history: Effect;
  /** The robustness interval lies wholly on the main interval's side. */
  robustAgrees: boolean;
  /** The history interval lies wholly on the main interval's side (base high for a fall, low for a rise). */
  baseExtreme: boolean;
  /** The main claim is not robust: (a) or (b) of the module comment. */
  notRobust: boolean;
}

/**
 * Checks a main estimate against its robustness estimate (base -24..-13) and the base's history.
 * @param main the estimate with the 12-month base right before the start
 * @param robust the same estimate with `baseGap: RTM_GAP`, or null when it could not be computed
 * @example rtmCheck(main, robust).notRobust // true when only the 12 months before the start carry the fall
 */
export function rtmCheck(main: DidResult, robust: DidResult | null): RtmCheck {
  if (!main || !main.overall || !main.history) throw new Error(`invalid main estimate: ${main}`);
  const side = intervalSide(main.overall);
  const r = robust && Number.isFinite(robust.overall.estimate) && robust.overall.expected > 0 ? robust.overall : null;
  const robustAgrees = side !== 0 && r !== null && intervalSide(r) === side;
  const baseExtreme = side !== 0 && intervalSide(main.history) === side;
  return {side, robust: r, history: main.history, robustAgrees, baseExtreme, notRobust: side !== 0 && (!robustAgrees || baseExtreme)};
}

/**
 * The verdict after the guard: a claim ("aangetoond", "tegengesteld") that is not robust becomes
 * {@link RTM_VERDICT}; any other verdict stays.
 * @example guardedVerdict("aangetoond", {notRobust: true}) // "onzeker (mogelijk regressie naar het gemiddelde)"
 */
export function guardedVerdict(verdict: Verdict, check: Pick<RtmCheck, "notRobust">): Verdict {
  return check.notRobust && (verdict === "aangetoond" || verdict === "tegengesteld") ? RTM_VERDICT : verdict;
}

/** A Dutch warning that says why a claim is not robust, or null when it is. */
export function rtmWarning(check: RtmCheck): string | null {
  if (!check.notRobust) return null;
  const parts: string[] = [];
  if (!check.robust) parts.push("geen groep heeft 24 maanden gegevens vóór de start, dus een basis vóór een eventuele golf is niet te controleren");
  else if (!check.robustAgrees) parts.push("met de maanden 24 tot 13 vóór de start als basis sluit het interval het effect niet meer uit");
  if (check.baseExtreme) parts.push(`de 12 maanden vóór de start lagen ${check.side < 0 ? "hoger" : "lager"} dan de eigen maanden daarvoor (vergeleken met buurten zonder groep)`);
  return `Mogelijk regressie naar het gemiddelde: ${parts.join("; ")}. Het effect is dan niet te onderscheiden van een terugkeer naar het gewone niveau na een uitschieter.`;
}

function intervalSide(e: Pick<Effect, "lower" | "upper">): -1 | 0 | 1 {
  return Number.isFinite(e.lower) && Number.isFinite(e.upper) ? sideOf(e.lower, e.upper, 0) : 0;
}

/**
 * The verdict of a DiD estimate before the guard: the interval against the asked direction,
 * "onvoldoende gegevens" when areas or months are too few, "onzeker" when the pre-trend test fails.
 * @example didVerdict(staggeredDid(panel, starts, {rng}), "decrease") // "aangetoond"
 */
export function didVerdict(r: DidResult, direction: Direction): Verdict {
  return intervalVerdict(r.overall.percentLower, r.overall.percentUpper, {direction, thin: r.flags.tooFewAreas || r.flags.tooFewMonths, doubtful: r.flags.preTrendDiffers});
}

/**
 * The staggered DiD with its regression-to-the-mean guard: the main estimate, the robustness
 * estimate with the base at months -24..-13 (null when it cannot be computed) and the check.
 * @example staggeredDidGuarded(panel, starts, {rng: seededRng(1)}).check.notRobust // false
 */
export function staggeredDidGuarded(panel: Panel | PanelMatrix, starts: Starts, options: DidOptions): {main: DidResult; robust: DidResult | null; check: RtmCheck} {
  const main = staggeredDid(panel, starts, options);
  let robust: DidResult | null;
  try {
    robust = staggeredDid(panel, starts, {...options, baseGap: RTM_GAP});
  } catch {
    robust = null; // no cohort with a base before the wave: the check says so (rtmWarning)
  }
  return {main, robust, check: rtmCheck(main, robust)};
}
