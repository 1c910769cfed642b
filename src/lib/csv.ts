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
  if (value instanceof PlainNumber) return value.text;
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

/** Display words that stand for a missing value; the download puts them in a flag column. */
const FLAG_WORDS: Readonly<Record<string, string>> = {
  "verborgen": "verborgen", "onbekend": "onbekend", "buiten levering": "buiten levering", "niet geleverd": "niet geleverd",
  "n.v.t.": "niet van toepassing", "–": "geen waarde", "—": "geen waarde", "-": "geen waarde"
};

/** A display cell read back: its number (or null), a flag (lower bound, hidden ...) and whether it was a percentage. */
export interface ParsedCell {
  value: number | null;
  flag: string | null;
  percent: boolean;
}

/**
 * Reads a display string back into a number: Dutch thousands dots and decimal comma, a Unicode
 * minus, a percent sign, and a lower bound (`≥ 210`) or upper bound (`< 5`) as a flag; missing-value
 * words (`verborgen`, `–`) as null with a flag. Returns undefined for any other text.
 * @example parseDisplayNumber("≥ 1.210") // {value: 1210, flag: "ondergrens", percent: false}
 * @example parseDisplayNumber("−13%") // {value: -13, flag: null, percent: true}
 */
export function parseDisplayNumber(text: string): ParsedCell | undefined {
  const t = text.replace(/[\u00a0\u202f]/g, " ").trim().replace(/\u2212/g, "-");
  const word = FLAG_WORDS[t.toLowerCase()];
  if (word) return {value: null, flag: word, percent: false};
  const m = /^(≥|>=|<|≤|<=)?\s*([+-]?)\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d+)\s*(%)?$/.exec(t);
  // A code with a leading zero (`0153`) is an identifier, not a number.
  if (!m || /^0\d/.test(m[3])) return undefined;
  const digits = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(m[3]) ? m[3].replace(/\./g, "").replace(",", ".") : m[3].replace(",", ".");
  const value = Number(`${m[2] === "-" ? "-" : ""}${digits}`);
  const flag = !m[1] ? null : m[1].startsWith(">") || m[1] === "≥" ? "ondergrens" : "bovengrens";
  return {value, flag, percent: m[4] === "%"};
}

/** A number for a Dutch spreadsheet: decimal comma, ASCII minus, no thousands separator, no exponent. */
export function plainNumber(value: number): string {
  const text = /e/i.test(String(value)) ? value.toFixed(12).replace(/\.?0+$/, "") : String(value);
  return text.replace(".", ",");
}

/** A cell already written as a plain number: {@link csvRows} does not quote or neutralise it. */
class PlainNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * Rows for a download (issue 14, item 5): every column whose cells are numbers or display numbers
 * (`1.728`, `−13%`, `≥ 210`, `verborgen`) becomes plain numbers, its header names the unit
 * (`(%)`, or `units[column]`), and lower bounds, upper bounds and missing values go into a column
 * `<column>_vlag` beside it. Other columns are left as they are.
 * @example machineRows([{n: "≥ 1.210"}]) // [{"n": 1210, "n_vlag": "ondergrens"}] (as plain-number cells)
 */
export function machineRows(rows: readonly Record<string, unknown>[], units: Readonly<Record<string, string>> = {}): Record<string, unknown>[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const plan = columns.map((column) => {
    const cells = rows.map((r) => r[column]);
    const parsed = cells.map((c): ParsedCell | undefined | null =>
      c === null || c === undefined || c === "" ? null
        : typeof c === "number" ? (Number.isFinite(c) ? {value: c, flag: null, percent: false} : {value: null, flag: "geen waarde", percent: false})
        : typeof c === "string" ? parseDisplayNumber(c) : undefined);
    const numeric = parsed.every((p) => p !== undefined) && parsed.some((p) => p && p.value !== null);
    if (!numeric) return {column, header: column, parsed: null, flagged: false};
    const percent = parsed.some((p) => p?.percent);
    const unit = units[column] ?? (percent ? "%" : "");
    return {column, header: unit ? `${column} (${unit})` : column, parsed, flagged: parsed.some((p) => p?.flag)};
  });
  return rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const {column, header, parsed, flagged} of plan) {
      if (!parsed) {
        out[header] = row[column];
        continue;
      }
      const cell = parsed[i];
      out[header] = cell?.value === null || cell?.value === undefined ? null : new PlainNumber(plainNumber(cell.value));
      if (flagged) out[`${column}_vlag`] = cell?.flag ?? null;
    }
    return out;
  });
}
