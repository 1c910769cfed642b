/** Readable Dutch headers for snake_case table columns (the CSV download keeps the column names). */

const KNOWN: Readonly<Record<string, string>> = {
  per_1000_woningen: "per 1.000 woningen",
  per_1000: "per 1.000 woningen",
  eb_per_1000_woningen: "per 1.000 woningen (Empirical Bayes)",
  inbraken_per_1000_woningen: "inbraken per 1.000 woningen",
  referentie_per_1000: "referentie per 1.000",
  aandeel_procent: "aandeel (%)",
  aandeel_pogingen: "aandeel pogingen",
  x_rd: "x (RD)",
  y_rd: "y (RD)",
  vakgrootte_m: "vakgrootte (m)"
};

/**
 * The `header` option of Inputs.table for the snake_case columns of rows (or of a list of column
 * names): known names get their Dutch header, others lose their underscores. `exposure` replaces the
 * word "woningen" (the theme's exposure, e.g. "inwoners").
 * @example tableHeader(["gemeente", "tot_nu_toe"]) // {tot_nu_toe: "tot nu toe"}
 */
export function tableHeader(rows: readonly object[] | readonly string[], {exposure = "woningen"}: {exposure?: string} = {}): Record<string, string> {
  if (!Array.isArray(rows)) throw new Error(`invalid rows: ${rows}`);
  const columns = new Set<string>();
  for (const r of rows) for (const c of typeof r === "string" ? [r] : Object.keys(r as object)) columns.add(c);
  const header: Record<string, string> = {};
  for (const c of columns) {
    if (!c.includes("_")) continue;
    header[c] = (KNOWN[c] ?? c.replaceAll("_", " ")).replace(/\bwoningen\b/, exposure);
  }
  return header;
}
