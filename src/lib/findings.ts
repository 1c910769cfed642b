import {adjustPValues} from "./stats/correlation.js";
import {isSignificantVerdict, type Direction} from "./verdict.js";
export type {Direction};

/**
 * One result of a hypothesis or measure page, as written to findings.json by the pipeline
 * (loaders/analyses/) and read by the pages. Browser-safe.
 */
export interface Finding {
  /** Stable id, e.g. `knox.near_repeat`, `factor.gemiddelde_woz`, `measure.whatsapp.overall`. */
  id: string;
  /** The question, in Dutch. */
  question: string;
  /** The method, in a few words. */
  method: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  /**
   * `p_value` Holm-adjusted over the finding's family (the hypotheses or the measures: the overview
   * that shows it), null without a p-value; set by the pipeline ({@link adjustFindings}).
   */
  p_holm?: number | null;
  /**
   * Other estimates of the same question that test how much the answer depends on choices of method
   * (the WhatsApp estimate with a base before the wave, Callaway & Sant'Anna's own estimator); empty
   * for most findings. Set to [] by {@link adjustFindings} when absent.
   */
  sensitivity?: Sensitivity[];
  /** Unit of estimate and interval: `percent`, `ratio`, `irr`, `share`, ... */
  unit: string;
  /** The direction the question asks (src/lib/verdict.ts): "Daalt ...?" asks for a decrease. */
  direction: Direction;
  /**
   * Plain Dutch verdict (src/lib/verdict.ts): "aangetoond" (on the asked side), "tegengesteld" (on
   * the other side), "niet aangetoond", "onzeker", "samenhang (hoger/lager risico)" and "geen
   * samenhang aangetoond" (associations), "onvoldoende gegevens", "niet geleverd".
   */
  verdict: string;
}

/** A sensitivity estimate beside a finding's main estimate, in the finding's unit. */
export interface Sensitivity {
  /** Row id in the measure's effect table, e.g. `robust_base`, `cs_simple`. */
  effect: string;
  /** What it estimates, in Dutch. */
  label: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** The verdict the estimate alone would get (src/lib/verdict.ts). */
  verdict: string;
}

/** A finding as read from findings.json, with the delivery it was computed on. */
export interface FindingRow extends Finding {
  delivery?: Record<string, unknown>;
}

/** The family a finding is adjusted in: the overview that shows it ("Wat werkt?" or "Hypothesen"). */
export function familyOf(id: string): "maatregelen" | "hypothesen" {
  return id.startsWith("measure.") ? "maatregelen" : "hypothesen";
}

/**
 * Adjusts the p-values of a build's findings for multiplicity: Holm (`adjustPValues`, as R's
 * p.adjust) over the findings with a p-value in each family, written to `p_holm`. A verdict that
 * claims something ("aangetoond", "tegengesteld", "onzeker", "samenhang") but whose Holm-adjusted p
 * is 0.05 or more becomes "niet aangetoond" ("geen samenhang aangetoond" for associations).
 * Returns new objects in the same order.
 * @example adjustFindings([{id: "knox.a", p_value: 0.03, verdict: "aangetoond", ...}, {id: "season.b", p_value: 0.04, ...}])[0].p_holm // 0.06
 */
export function adjustFindings<T extends Finding>(findings: readonly T[], {alpha = 0.05}: {alpha?: number} = {}): T[] {
  if (!Array.isArray(findings)) throw new Error(`invalid findings: ${findings}`);
  const out = findings.map((f) => ({...f, p_holm: null as number | null, sensitivity: f.sensitivity ?? []}));
  for (const family of ["hypothesen", "maatregelen"] as const) {
    const members = out.filter((f) => familyOf(f.id) === family && f.p_value !== null && Number.isFinite(f.p_value));
    const holm = adjustPValues(members.map((f) => f.p_value!), "holm");
    members.forEach((f, i) => {
      f.p_holm = Number(holm[i].toPrecision(10));
      if (holm[i] >= alpha && (isSignificantVerdict(f.verdict) || f.verdict.startsWith("onzeker"))) {
        f.verdict = f.verdict.startsWith("samenhang") ? "geen samenhang aangetoond" : "niet aangetoond";
      }
    });
  }
  return out;
}
