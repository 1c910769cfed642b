/**
 * EstimatePlot: rate ratios with their 95% intervals as a forest plot on a log scale, a rule at 1
 * (no effect), and, on the demo delivery, the planted true value as a red tick.
 */
import * as Plot from "@observablehq/plot";

export interface EstimateRow {
  label: string;
  estimate: number;
  low: number;
  high: number;
  /** The planted value on the demo delivery (same scale), or null. */
  truth?: number | null;
  /** A second series (e.g. "poisson" / "negbin"), drawn side by side. */
  series?: string;
}

export interface EstimatePlotOptions {
  width?: number;
  /** Axis label. */
  label?: string;
  /** Room for the row labels, in pixels. */
  marginLeft?: number;
}

const TICKS = [0.1, 0.2, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10, 20, 50];

/**
 * Keeps the log-scale ticks inside [lo, hi] that lie at least minGap pixels apart on an axis of the
 * given length, walking outward from 1 so the no-effect tick always stays.
 * @example thinLogTicks([0.5, 0.9, 1, 1.1, 2], [0.5, 2], 100, 30) // [0.5, 1, 2]
 */
export function thinLogTicks(ticks: readonly number[], [lo, hi]: readonly [number, number], pixels: number, minGap = 36): number[] {
  const inside = ticks.filter((t) => t >= lo && t <= hi);
  const px = (t: number) => (Math.log(t / lo) / Math.log(hi / lo)) * pixels;
  const kept = inside.includes(1) ? [1] : inside.slice(0, 1);
  const start = kept.length ? kept[0] : 1;
  for (const side of [inside.filter((t) => t > start), inside.filter((t) => t < start).reverse()]) {
    let last = start;
    for (const t of side) if (Math.abs(px(t) - px(last)) >= minGap) kept.push((last = t));
  }
  return kept.sort((a, b) => a - b);
}

/** Returns the forest plot (one row per label, or per label and series). */
export function EstimatePlot(rows: readonly EstimateRow[], {width = 640, label = "Rate ratio (95%-interval)", marginLeft = 220}: EstimatePlotOptions = {}): SVGSVGElement | HTMLElement {
  const multi = new Set(rows.map((r) => r.series ?? "")).size > 1;
  const keyed = rows.map((r) => ({...r, key: multi ? `${r.label} · ${r.series}` : r.label}));
  const keys = [...new Set(keyed.map((r) => r.key))];
  const values = rows.flatMap((r) => [r.low, r.high, ...(r.truth ? [r.truth] : [])]).filter((v) => v > 0);
  const lo = Math.min(0.8, ...values), hi = Math.max(1.25, ...values);
  const truths = keyed.filter((r) => r.truth !== null && r.truth !== undefined && r.truth > 0);
  const domain: [number, number] = [lo / 1.05, hi * 1.05];
  return Plot.plot({
    width,
    height: 50 + keys.length * 26,
    marginLeft,
    x: {type: "log", domain, label, grid: true, ticks: thinLogTicks(TICKS, domain, width - marginLeft - 20), tickFormat: (d: number) => d.toLocaleString("nl-NL")},
    y: {domain: keys, label: null},
    color: multi ? {legend: true} : undefined,
    marks: [
      Plot.ruleX([1], {stroke: "#888"}),
      Plot.ruleY(keyed, {y: "key", x1: "low", x2: "high", stroke: multi ? "series" : "#335", strokeWidth: 2}),
      Plot.dot(keyed, {y: "key", x: "estimate", fill: multi ? "series" : "#335", r: 4}),
      Plot.tickX(truths, {y: "key", x: "truth", stroke: "#d62728", strokeWidth: 2.5})
    ]
  });
}
