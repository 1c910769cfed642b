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

/** One result of a hypothesis or measure page (findings.json); defined with the pages. */
export type {Finding} from "../../src/lib/findings.js";
import type {Finding} from "../../src/lib/findings.js";

export interface AnalysisContext {
  delivery: Delivery;
  level: Level;
  suppressBelow: number;
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
