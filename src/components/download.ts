/**
 * A button that downloads rows as a CSV file (`;`-separated, UTF-8 with BOM so that Dutch Excel
 * opens it correctly). Values are written as text; nothing is evaluated.
 */
import {csvText} from "../lib/csv.js";

export interface DownloadOptions {
  filename: string;
  label?: string;
}

/** Returns a `<button>` that saves `rows` as `filename`. */
export function DownloadButton(rows: readonly Record<string, unknown>[], {filename, label = "Download CSV"}: DownloadOptions): HTMLButtonElement {
  if (!/^[\w.-]+\.csv$/.test(filename)) throw new Error(`invalid filename: ${filename}`);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download";
  button.textContent = label;
  button.addEventListener("click", () => {
    const blob = new Blob(["\uFEFF" + csvText(rows)], {type: "text/csv;charset=utf-8"});
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return button;
}
