/**
 * CSV text for downloads and the quarantine: `;`-separated (Dutch spreadsheets), fields quoted
 * when needed, and formula-safe: a text cell that a spreadsheet would run as a formula is
 * neutralised (OWASP "CSV Injection": a text starting with =, +, -, @, tab or carriage return gets a
 * leading single quote and is quoted). Numbers, dates and booleans are written as they are, and so
 * is text that is a plain decimal number (`-12`, `+3,5`): a number literal runs nothing.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Whether a text cell would be taken as a formula by a spreadsheet. */
export function isFormulaText(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV field: empty for null/undefined, ISO date for a Date, a neutralised and quoted formula text. */
export function csvField(value: unknown, separator = ";"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" && isFormulaText(value)) return quote(`'${value}`);
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return text.includes(separator) || /["\n\r]/.test(text) ? quote(text) : text;
}

/** One CSV record (no line end). */
export function csvRow(cells: readonly unknown[], separator = ";"): string {
  return cells.map((c) => csvField(c, separator)).join(separator);
}

/**
 * Formats rows as CSV with a header of the union of their keys, in first-seen order.
 * @example csvText([{a: 1, b: "x;y"}]) // 'a;b\n1;"x;y"\n'
 * @example csvText([{n: -3, t: "=1+1"}]) // 'n;t\n-3;"\'=1+1"\n'
 */
export function csvText(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [csvRow(columns)];
  for (const row of rows) lines.push(csvRow(columns.map((c) => row[c])));
  return lines.join("\n") + "\n";
}
