/**
 * Analyses: computations on the whole validated delivery that run inside the pipeline (so that
 * incident-level data never has to reach an openbaar build) and publish only tables of results and
 * findings. Each analysis declares the schemas of the tables it publishes.
 */
import type {Table} from "apache-arrow";
import type {ColumnSpec} from "../arrow.js";
import type {Level} from "../config.js";
import type {Delivery} from "../delivery/read.js";
import type {Theme} from "../../src/lib/theme.js";
import {thresholdFor, type PrivacyMode} from "../../src/lib/privacy/policy.js";

/** One result of a hypothesis or measure page (findings.json); defined with the pages. */
export type {Finding} from "../../src/lib/findings.js";
import type {Finding} from "../../src/lib/findings.js";

export interface AnalysisContext {
  delivery: Delivery;
  level: Level;
  suppressBelow: number;
  /** The publication policy's mode (default standaard); ask {@link thresholdOf} for a table's threshold. */
  privacy?: PrivacyMode;
  /** The tables published so far (base tables and earlier analyses). */
  tables: ReadonlyMap<string, Table>;
  /** The demo generator's truth.json, when the delivery has one (demo deliveries only). */
  truth: Record<string, unknown> | null;
  /** The build's theme: the wording of questions, methods and labels (default woninginbraak). */
  theme?: Theme;
}

export interface AnalysisResult {
  tables?: Record<string, Table>;
  findings?: Finding[];
}

export interface Analysis {
  name: string;
  /** Schemas of every table this analysis publishes (checked when it runs). */
  schemas: Record<string, readonly ColumnSpec[]>;
  run(context: AnalysisContext): AnalysisResult;
}

/**
 * The threshold the publication policy sets for a table an analysis publishes (0: publish exactly).
 * Every analysis asks here instead of deciding for itself: the policy is the single privacy gate.
 */
export function thresholdOf(context: Pick<AnalysisContext, "level" | "suppressBelow" | "privacy">, table: string): number {
  return thresholdFor(table, {level: context.level, mode: context.privacy ?? "standaard", threshold: context.suppressBelow});
}
