/** CSV text for downloads: `;`-separated (Dutch spreadsheets), fields quoted when needed. */

function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats rows as CSV with a header of the union of their keys, in first-seen order.
 * @example csvText([{a: 1, b: "x;y"}]) // 'a;b\n1;"x;y"\n'
 */
export function csvText(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [columns.map(field).join(";")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(";"));
  return lines.join("\n") + "\n";
}
