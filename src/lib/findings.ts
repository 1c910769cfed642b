import type {Direction} from "./verdict.js";
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

/** A finding as read from findings.json, with the delivery it was computed on. */
export interface FindingRow extends Finding {
  delivery?: Record<string, unknown>;
}
