/**
 * A KPI card: a label, the value (already formatted, e.g. "712", "≥ 12" or "verborgen"), an
 * optional change label with its tone, a sparkline of the monthly series, and a plain sentence that
 * says what moved. Every text is set with textContent: delivered text is never parsed as HTML.
 */

export interface KpiPoint {
  month: string;
  value: number | null;
}

export interface KpiCardOptions {
  label: string;
  value: string;
  /** A signed change, e.g. "−12%"; empty or undefined for none. */
  change?: string;
  /** Whether the change is good news, bad news or neither (colours the change label). */
  tone?: "beter" | "slechter" | "neutraal";
  /** Draw the sparkline of `data` (default: when there are at least two shown values). */
  sparkline?: boolean;
  sentence?: string;
  width?: number;
  height?: number;
  document?: Document;
}

const SVG = "http://www.w3.org/2000/svg";
const round = (x: number) => Math.round(x * 10) / 10;

/** An empty sparkline SVG of the given size with its accessible title. */
function sparkFrame(doc: Document, className: string, width: number, height: number, text: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("class", className);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  const title = doc.createElementNS(SVG, "title");
  title.textContent = text;
  svg.append(title);
  return svg;
}

/** The path of a sparkline with gaps at hidden values; exported for tests. */
export function sparkPath(values: readonly (number | null)[], width: number, height: number, pad = 2): string {
  const shown = values.filter((v): v is number => v !== null);
  if (shown.length === 0) return "";
  const max = Math.max(...shown), min = Math.min(0, ...shown);
  const x = (i: number) => round(pad + (values.length > 1 ? (i * (width - 2 * pad)) / (values.length - 1) : (width - 2 * pad) / 2));
  const y = (v: number) => round(height - pad - (max === min ? 0 : ((v - min) * (height - 2 * pad)) / (max - min)));
  let d = "", pen = false;
  values.forEach((v, i) => {
    if (v === null) { pen = false; return; }
    d += `${pen ? "L" : "M"}${x(i)},${y(v)}`;
    pen = true;
  });
  return d;
}

/** Returns the card element. */
export function KpiCard(data: readonly KpiPoint[], {label, value, change = "", tone = "neutraal", sparkline, sentence = "", width = 160, height = 36, document: doc = globalThis.document}: KpiCardOptions): HTMLElement {
  if (typeof label !== "string" || !label) throw new Error(`invalid label: ${label}`);
  if (!Array.isArray(data)) throw new Error(`invalid data: ${String(data)}`);
  const card = doc.createElement("div");
  card.className = "card kpi-card";
  const h = doc.createElement("h3");
  h.className = "kpi-label";
  h.textContent = label;
  const row = doc.createElement("div");
  row.className = "kpi-row";
  const v = doc.createElement("span");
  v.className = "kpi-value";
  v.textContent = value;
  row.append(v);
  if (change) {
    const c = doc.createElement("span");
    c.className = `kpi-change kpi-${tone}`;
    c.textContent = change;
    row.append(c);
  }
  card.append(h, row);
  const values = data.map((d) => d.value);
  const shown = values.filter((x) => x !== null).length;
  const draw = sparkline ?? shown >= 2;
  if (sparkline === undefined && !draw && data.length > 0) {
    // A series whose months are hidden or missing: a dashed baseline instead of a blank space.
    const svg = sparkFrame(doc, "kpi-sparkline kpi-sparkline-empty", width, height, `${label}: de maandcijfers zijn verborgen (privacyregel) of niet geleverd`);
    const line = doc.createElementNS(SVG, "line");
    for (const [k, v] of [["x1", "0"], ["x2", String(width)], ["y1", String(height - 2)], ["y2", String(height - 2)], ["stroke", "currentColor"], ["stroke-dasharray", "3,3"], ["opacity", "0.4"]]) line.setAttribute(k, v);
    svg.append(line);
    card.append(svg);
  }
  if (draw) {
    const first = data[0]?.month ?? "", last = data[data.length - 1]?.month ?? "";
    const svg = sparkFrame(doc, "kpi-sparkline", width, height, `${label} per maand, ${first} t/m ${last}`);
    const path = doc.createElementNS(SVG, "path");
    path.setAttribute("d", sparkPath(values, width, height));
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.5");
    svg.append(path);
    card.append(svg);
  }
  if (sentence) {
    const p = doc.createElement("p");
    p.className = "kpi-sentence";
    p.textContent = sentence;
    card.append(p);
  }
  return card;
}
