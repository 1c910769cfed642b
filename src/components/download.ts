/**
 * A button that downloads rows as a CSV file (`;`-separated, UTF-8 with BOM so that Dutch Excel
 * opens it correctly). Values are written as text; nothing is evaluated. Numeric columns are
 * machine-readable (src/lib/csv.ts machineRows): plain numbers with a decimal comma, the unit in
 * the header, lower bounds and hidden values in a `<column>_vlag` column.
 */
import {csvText, machineRows} from "../lib/csv.js";

export interface DownloadOptions {
  filename: string;
  label?: string;
  /** Units for the header by column, e.g. `{per_1000_woningen: "per 1.000 woningen"}`. */
  units?: Readonly<Record<string, string>>;
}

/** Returns a `<button>` that saves `rows` as `filename`. */
export function DownloadButton(rows: readonly Record<string, unknown>[], {filename, label = "Download CSV", units}: DownloadOptions): HTMLButtonElement {
  if (!/^[\w.-]+\.csv$/.test(filename)) throw new Error(`invalid filename: ${filename}`);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download";
  button.setAttribute("data-download", filename);
  button.textContent = label;
  button.addEventListener("click", () => {
    const blob = new Blob(["\uFEFF" + csvText(machineRows(rows, units))], {type: "text/csv;charset=utf-8"});
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}
