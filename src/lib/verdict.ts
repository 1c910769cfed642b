/**
 * Verdicts that answer the question asked: a finding declares the direction its question asks
 * ("Daalt ...?" asks for a decrease), and only an interval (or test) wholly on that side of "no
 * effect" is "aangetoond"; the other side is "tegengesteld". Associations (risk factors,
 * correlations) are "samenhang", never "aangetoond". Browser-safe; used by the analyses
 * (loaders/analyses/) and the pages.
 */

/** The direction a finding's question asks: a fall, a rise, or either. */
export type Direction = "decrease" | "increase" | "any";

export const DIRECTIONS: readonly Direction[] = ["decrease", "increase", "any"];

/** The verdicts of effect findings (measures, patterns). */
export const VERDICTS = ["aangetoond", "tegengesteld", "niet aangetoond", "onzeker", "onzeker (mogelijk regressie naar het gemiddelde)", "onvoldoende gegevens", "niet geleverd"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which side of `reference` a whole interval lies on: -1 below, +1 above, 0 neither (it contains it). */
export function sideOf(low: number, high: number, reference = 0): -1 | 0 | 1 {
  if (high < reference) return -1;
  if (low > reference) return 1;
  return 0;
}

/** Whether a side (-1 below, +1 above the reference) is the side the question asks for. */
export function isAskedSide(side: -1 | 1, direction: Direction): boolean {
  if (!DIRECTIONS.includes(direction)) throw new Error(`invalid direction: ${direction}`);
  return direction === "any" || (direction === "decrease" ? side < 0 : side > 0);
}

export interface IntervalVerdictOptions {
  /** The direction the question asks. */
  direction: Direction;
  /** "No effect": 0 for percentages, 1 for ratios. */
  reference?: number;
  /** Too few areas or months for a reliable estimate. */
  thin?: boolean;
  /** A check failed (pre-trend, placebo). */
  doubtful?: boolean;
}

/**
 * The verdict on a 95% interval: "onvoldoende gegevens" when the data are too thin, "niet aangetoond"
 * when the interval contains the reference, "onzeker" when it does not but a check failed,
 * "aangetoond" when it lies wholly on the side the question asks, "tegengesteld" on the other side.
 * @example intervalVerdict(-14.8, -1.7, {direction: "increase"}) // "tegengesteld"
 */
export function intervalVerdict(low: number | null, high: number | null, {direction, reference = 0, thin = false, doubtful = false}: IntervalVerdictOptions): Verdict {
  if (!DIRECTIONS.includes(direction)) throw new Error(`invalid direction: ${direction}`);
  if (thin || low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return "onvoldoende gegevens";
  const side = sideOf(low, high, reference);
  if (side === 0) return "niet aangetoond";
  if (doubtful) return "onzeker";
  return isAskedSide(side, direction) ? "aangetoond" : "tegengesteld";
}

/**
 * The verdict of a test with a p-value: significant (p < alpha) with the estimate on the asked side of
 * `reference` is "aangetoond", on the other side "tegengesteld"; else "niet aangetoond".
 * @example testVerdict(0.001, 0.8, {direction: "increase", reference: 1}) // "tegengesteld"
 */
export function testVerdict(p: number | null, estimate: number | null, {direction, reference = 0, alpha = 0.05}: {direction: Direction; reference?: number; alpha?: number}): Verdict {
  if (p === null || estimate === null || !Number.isFinite(p) || !Number.isFinite(estimate)) return "onvoldoende gegevens";
  if (!(p < alpha) || estimate === reference) return "niet aangetoond";
  return isAskedSide(estimate < reference ? -1 : 1, direction) ? "aangetoond" : "tegengesteld";
}

/**
 * The verdict of an association (a risk factor, a correlation): "samenhang (hoger risico)" or
 * "samenhang (lager risico)" when p < alpha, else "geen samenhang aangetoond". An observational
 * association is never called "aangetoond".
 * @example associationVerdict(0.01, 1.3, {reference: 1}) // "samenhang (hoger risico)"
 */
export function associationVerdict(p: number | null, estimate: number | null, {reference = 0, alpha = 0.05}: {reference?: number; alpha?: number} = {}): string {
  if (p === null || estimate === null || !Number.isFinite(p) || !Number.isFinite(estimate)) return "onvoldoende gegevens";
  if (!(p < alpha) || estimate === reference) return "geen samenhang aangetoond";
  return `samenhang (${estimate > reference ? "hoger" : "lager"} risico)`;
}

/** Whether a verdict claims something (an effect, an opposite effect or an association). */
export function isSignificantVerdict(verdict: string): boolean {
  return verdict.startsWith("aangetoond") || verdict.startsWith("tegengesteld") || verdict.startsWith("samenhang");
}
