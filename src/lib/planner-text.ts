/**
 * The Dutch sentences of the planner page (src/maatregelen/vooraf.md) from the published tables
 * `planner_power` and `planner_designs` (loaders/analyses/planner.ts). Browser-safe.
 */

export interface PowerRow {
  share: number;
  waves: number;
  wave_gap: number;
  follow_up: number;
  effect: number;
  power: number;
}

export interface DesignRow {
  share: number;
  treated_areas: number;
  control_areas: number;
  waves: number;
  wave_gap: number;
  follow_up: number;
  mde: number | null;
  runs: number;
}

export interface PlannerSetting {
  share: number;
  waves: number;
  followUp: number;
}

const pct = (v: number) => `${Math.round(v).toLocaleString("nl-NL")}%`;

/** The rows of one setting, sorted from no effect to the largest fall. */
export function settingRows(rows: readonly PowerRow[], s: PlannerSetting): PowerRow[] {
  return rows.filter((r) => r.share === s.share && r.waves === s.waves && r.follow_up === s.followUp).sort((a, b) => b.effect - a.effect);
}

/** Detection probability at `effect` (percent, <= 0), interpolated between the simulated effects; null outside them. */
export function powerAt(rows: readonly PowerRow[], s: PlannerSetting, effect: number): number | null {
  const list = settingRows(rows, s);
  for (let i = 0; i < list.length; i++) {
    if (list[i].effect === effect) return list[i].power;
    if (i > 0 && list[i].effect < effect && list[i - 1].effect > effect) {
      const a = list[i - 1], b = list[i];
      return a.power + ((effect - a.effect) / (b.effect - a.effect)) * (b.power - a.power);
    }
  }
  return null;
}

/** How a rollout reads in Dutch. */
export function rolloutText(waves: number, gap: number): string {
  return waves === 1 ? "in één keer" : `in ${waves} golven, ${gap} maanden uit elkaar`;
}

/**
 * The main sentence: the chance that the published estimate would call a fall of |effect| percent
 * "aangetoond" for the chosen setting.
 * @example plannerSentence(rows, designs, {share: 25, waves: 1, followUp: 24}, -20) // "Als 133 buurten ..."
 */
export function plannerSentence(rows: readonly PowerRow[], designs: readonly DesignRow[], s: PlannerSetting, effect: number): string {
  const d = designs.find((r) => r.share === s.share && r.waves === s.waves && r.follow_up === s.followUp);
  const p = powerAt(rows, s, effect);
  if (!d || p === null) return "Voor deze instelling is niets gesimuleerd.";
  const start = `Als ${d.treated_areas} buurten (${pct(s.share)}) de maatregel ${rolloutText(d.waves, d.wave_gap)} krijgen en de gegevens ${s.followUp} maanden na de laatste start lopen,`;
  if (effect === 0) return `${start} dan zou de schatting zonder enig effect in ${pct(100 * p)} van de gesimuleerde uitrols toch een daling aantonen (een vals alarm).`;
  return `${start} dan toont de schatting een daling van ${pct(-effect)} aan in ${pct(100 * p)} van de gesimuleerde uitrols (${d.runs} per instelling).`;
}

/** The minimum detectable effect sentence of a setting. */
export function mdeSentence(designs: readonly DesignRow[], s: PlannerSetting): string {
  const d = designs.find((r) => r.share === s.share && r.waves === s.waves && r.follow_up === s.followUp);
  if (!d) return "";
  if (d.mde === null) return "Geen van de gesimuleerde dalingen (tot 50%) wordt met 80% kans aangetoond: deze opzet is te klein om een effect te zien.";
  return `Met 80% kans aan te tonen: een daling vanaf ongeveer ${pct(d.mde)}. Kleinere effecten kunnen er zijn, maar deze opzet ziet ze meestal niet.`;
}
