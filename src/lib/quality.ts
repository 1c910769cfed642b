/** Shaping the published data_quality table for the data-quality page. */

export interface QualityRow {
  file: string;
  present: boolean;
  read: number;
  accepted: number;
  rejected: number;
  reason: string;
  reason_text: string;
  rows: number;
}

/** One row per file: read, accepted, rejected and a status text. */
export function qualitySummary(rows: Iterable<QualityRow>): {file: string; present: boolean; read: number; accepted: number; rejected: number; status: string}[] {
  return Array.from(rows)
    .filter((r) => r.reason === "(totaal)")
    .map((r) => ({file: r.file, present: r.present, read: r.read, accepted: r.accepted, rejected: r.rejected, status: r.reason_text}));
}

/** One row per file and reject reason, most frequent first. */
export function rejectReasons(rows: Iterable<QualityRow>): QualityRow[] {
  return Array.from(rows).filter((r) => r.reason !== "(totaal)").sort((a, b) => b.rows - a.rows || a.file.localeCompare(b.file));
}
