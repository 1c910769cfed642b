/**
 * Hot-spot classes of Getis-Ord Gi* z-scores at coarse two-sided significance levels, as published
 * per 500 m square (the z-scores themselves are not published in the openbaar build): uncorrected,
 * and after a Benjamini-Hochberg adjustment over all squares of the year (false discovery rate).
 */
import {adjustPValues} from "../stats/correlation.js";
import {normalPValue} from "../stats/distributions.js";


/** Two-sided normal critical values: |z| >= 1.96 is significant at 95%, >= 2.576 at 99%. */
export const Z95 = 1.959964;
export const Z99 = 2.575829;

/** Published classes; `verborgen` when the class could reveal a hidden count (see docs/methods.md). */
export const HOTSPOT_CLASSES = ["hot99", "hot95", "ns", "cold95", "cold99", "verborgen"] as const;
export type HotspotClass = (typeof HOTSPOT_CLASSES)[number];

/** Dutch labels of the classes, for legends and tables. */
export const HOTSPOT_LABELS: Record<HotspotClass, string> = {
  hot99: "hot spot (99%)",
  hot95: "hot spot (95%)",
  ns: "niet significant",
  cold95: "cold spot (95%)",
  cold99: "cold spot (99%)",
  verborgen: "verborgen"
};

/** Dutch labels of the classes after the Benjamini-Hochberg adjustment (false discovery rate). */
export const HOTSPOT_FDR_LABELS: Record<HotspotClass, string> = {
  hot99: "hot spot (FDR 1%)",
  hot95: "hot spot (FDR 5%)",
  ns: "niet significant na correctie",
  cold95: "cold spot (FDR 5%)",
  cold99: "cold spot (FDR 1%)",
  verborgen: "verborgen"
};

/** Colours of the classes (red hot, blue cold, light grey not significant, mid grey hidden). */
export const HOTSPOT_COLORS: Record<HotspotClass, string> = {
  hot99: "#b2182b",
  hot95: "#ef8a62",
  ns: "#f0f0f0",
  cold95: "#67a9cf",
  cold99: "#2166ac",
  verborgen: "#9e9e9e"
};

/** The |z| a class needs: at 95% and at 99%. */
export interface ZCutoffs {
  z95: number;
  z99: number;
}

/** The uncorrected two-sided cut-offs. */
export const UNCORRECTED: ZCutoffs = {z95: Z95, z99: Z99};

/**
 * The class of a Gi* z-score at the uncorrected two-sided levels.
 * @example hotspotClass(2.1); // "hot95"
 */
export function hotspotClass(z: number): Exclude<HotspotClass, "verborgen"> {
  return hotspotClassAt(z, UNCORRECTED);
}

/**
 * The class of a Gi* z-score against cut-offs (e.g. {@link fdrCutoffs}).
 * @example hotspotClassAt(3.1, {z95: 3.0, z99: 3.6}); // "hot95"
 */
export function hotspotClassAt(z: number, {z95, z99}: ZCutoffs): Exclude<HotspotClass, "verborgen"> {
  if (Number.isNaN(z)) throw new Error(`invalid z: ${z}`);
  if (z >= z99) return "hot99";
  if (z >= z95) return "hot95";
  if (z <= -z99) return "cold99";
  if (z <= -z95) return "cold95";
  return "ns";
}

/**
 * The |z| cut-offs of a Benjamini-Hochberg (false discovery rate) classification over all squares'
 * two-sided p-values: a square is a 95% (99%) hot or cold spot when its BH-adjusted p is below 0.05
 * (0.01). BH-adjusted p rises with p, so this equals |z| at least the smallest |z| among the squares
 * whose adjusted p is below the level (Infinity when none is). NaN z-scores do not count.
 * @example fdrCutoffs([3.5, 2.0, 0.1, -0.4]) // {z95: 3.5, z99: 3.5}: 2.0 has BH-adjusted p 0.091
 */
export function fdrCutoffs(z: ArrayLike<number>): ZCutoffs {
  const finite = Array.from(z).filter((v) => !Number.isNaN(v)).map(Math.abs);
  const q = adjustPValues(finite.map((v) => normalPValue(v)), "bh");
  const cutoff = (alpha: number) => finite.reduce((min, v, i) => (q[i] < alpha && v < min ? v : min), Infinity);
  return {z95: cutoff(0.05), z99: cutoff(0.01)};
}
