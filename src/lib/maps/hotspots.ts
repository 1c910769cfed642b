/**
 * Hot-spot classes of Getis-Ord Gi* z-scores at coarse two-sided significance levels, as published
 * per 500 m square (the z-scores themselves are not published in the openbaar build).
 */

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

/** Colours of the classes (red hot, blue cold, light grey not significant, mid grey hidden). */
export const HOTSPOT_COLORS: Record<HotspotClass, string> = {
  hot99: "#b2182b",
  hot95: "#ef8a62",
  ns: "#f0f0f0",
  cold95: "#67a9cf",
  cold99: "#2166ac",
  verborgen: "#9e9e9e"
};

/**
 * The class of a Gi* z-score.
 * @example hotspotClass(2.1); // "hot95"
 */
export function hotspotClass(z: number): Exclude<HotspotClass, "verborgen"> {
  if (Number.isNaN(z)) throw new Error(`invalid z: ${z}`);
  if (z >= Z99) return "hot99";
  if (z >= Z95) return "hot95";
  if (z <= -Z99) return "cold99";
  if (z <= -Z95) return "cold95";
  return "ns";
}
