/**
 * Campaigns (campagnes.csv): for each campaign (editions of the same name, years stripped, pooled),
 * a quasi-Poisson regression of monthly burglaries per area with the area's own level per twelve-month
 * period centred on the campaign months, a common season and a campaign indicator: the campaign months are compared with the same
 * months in years without the campaign, after each year's level. Areas: the region (as one series)
 * or the municipalities named.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import type {Table} from "apache-arrow";
import {normalPValue, normalQuantile} from "../../src/lib/stats/distributions.js";
import {fitPoisson, quasiPoisson} from "../../src/lib/stats/glm.js";
import type {Delivery} from "../delivery/read.js";
import {EFFECT_SCHEMA, findingOf, notDelivered, num, percentOf, pValueOf, safeCount, spec, tableOf, verdictOf, withHiddenRatio, type Direction, type EffectRow} from "./measures/effects.js";
import {dayOfMonth, gemeentePanel, monthOfDay} from "./measures/panel.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";

const {d, f64, i32, day, str} = spec;

export const CAMPAIGN_SCHEMAS = {
  campaign_effects: EFFECT_SCHEMA,
  campaign_series: [
    d("campaign", "campaign slug"),
    d("area_code", "regio or GM code"),
    day("month", "first day of the month"),
    {name: "running", kind: "bool", description: "whether the campaign ran (part of) this month"},
    i32("observed", "registered burglaries; null when suppressed", true),
    f64("fitted", "fitted burglaries"),
    f64("counterfactual", "burglaries the model expects without the campaign")
  ],
  campaign_list: [
    d("campaign", "campaign slug"),
    str("name", "campaign name as delivered"),
    d("area_code", "regio or GM code"),
    day("start", "start date"),
    day("end", "end date")
  ]
} as const;

/** The slug of a campaign name, with edition years removed: "Donkere dagen offensief 2019" -> "donkere-dagen-offensief". */
export function campaignSlug(name: string): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\b(19|20)\d\d\b/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug || "campagne";
}

const QUESTION = (name: string, t: Theme) => `Zijn er minder ${t.plural} in de maanden van de campagne "${name}" dan in dezelfde maanden van jaren zonder campagne?`;
/** The question asks whether there are fewer burglaries in the campaign months. */
const DIRECTION: Direction = "decrease";
const METHOD = "quasi-Poisson: campagnemaanden tegen dezelfde maanden in andere jaren, met een eigen niveau per jaar (rond de campagne) en gebied";

export interface CampaignResult {
  tables: Record<keyof typeof CAMPAIGN_SCHEMAS, Table>;
  findings: Finding[];
  effects: EffectRow[];
}

/** Runs the campaign analysis on a delivery. */
export function runCampaigns(delivery: Delivery, {threshold = 0, truth = null, theme = THEMES.woninginbraak}: {threshold?: number; truth?: Record<string, unknown> | null; theme?: Theme} = {}): CampaignResult {
  const empty = (row: EffectRow): CampaignResult => ({
    tables: {campaign_effects: tableOf(EFFECT_SCHEMA, [row]), campaign_series: tableOf(CAMPAIGN_SCHEMAS.campaign_series, []), campaign_list: tableOf(CAMPAIGN_SCHEMAS.campaign_list, [])},
    findings: [findingOf(row, "measure.campaigns", `Zijn er minder ${theme.plural} tijdens campagnes?`, METHOD, DIRECTION)], effects: [row]
  });
  const base = notDelivered("campaign", `Verandering van het ${theme.risk} tijdens campagnemaanden`);
  if (!delivery.campagnes) return empty(base);
  const panel = gemeentePanel(delivery);
  if (!panel || !delivery.campagnes.length) return empty({...base, verdict: "onvoldoende gegevens", warning: panel ? "campagnes.csv bevat geen campagnes." : `Geen ${theme.plural} in de levering.`});
  const planted = percentOf((truth as {effects?: {campaign?: {relative?: number}}} | null)?.effects?.campaign?.relative);
  const groups = new Map<string, {name: string; campaigns: typeof delivery.campagnes}>();
  for (const c of delivery.campagnes) {
    const slug = campaignSlug(c.naam);
    const g = groups.get(slug) ?? (groups.set(slug, {name: c.naam.replace(/\s*\b(19|20)\d\d\b/g, "").trim() || c.naam, campaigns: []}), groups.get(slug)!);
    g.campaigns.push(c);
  }
  const effects: EffectRow[] = [], findings: Finding[] = [], series: Record<string, unknown>[] = [], list: Record<string, unknown>[] = [];
  const {firstMonth: f0, months: T} = panel;
  for (const [slug, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const c of g.campaigns) list.push({campaign: slug, name: c.naam, area_code: c.gebied, start: c.start, end: c.end});
    const units = [...new Set(g.campaigns.map((c) => c.gebied))].sort();
    const running = (unit: string, m: number) => g.campaigns.some((c) => (c.gebied === unit || c.gebied === "regio" && unit === "regio") && monthOfDay(c.start) <= m && m <= monthOfDay(c.end));
    const seriesOf = (unit: string) => {
      const idx = unit === "regio" ? panel.areas.map((_, i) => i) : [panel.areas.indexOf(unit)].filter((i) => i >= 0);
      const count = new Float64Array(T), exposure = new Float64Array(T);
      for (const i of idx) for (let t = 0; t < T; t++) count[t] += panel.count[i * T + t], exposure[t] += panel.exposure[i * T + t];
      return idx.length ? {count, exposure} : null;
    };
    const x: number[][] = [], y: number[] = [], offset: number[] = [], keys: {unit: string; t: number; on: boolean}[] = [];
    const usable = units.map((u) => [u, seriesOf(u)] as const).filter(([, s]) => s !== null);
    // Twelve-month periods centred on the campaign months (circular mean of their month of year), so
    // that a smooth trend within a period cancels between the months before and after the campaign.
    const shift = periodStart(g.campaigns.flatMap((c) => {
      const out: number[] = [];
      for (let m = monthOfDay(c.start); m <= monthOfDay(c.end); m++) out.push(m % 12);
      return out;
    }));
    const periodOf = (m: number) => Math.floor((m - shift) / 12) - Math.floor((f0 - shift) / 12);
    const periods = periodOf(f0 + T - 1) + 1;
    const p = usable.length * periods + 11 + 1;
    for (const [k, [unit, s]] of usable.entries()) {
      for (let t = 0; t < T; t++) {
        const m = f0 + t;
        const row = new Array<number>(p).fill(0);
        row[k * periods + periodOf(m)] = 1;
        if (m % 12 > 0) row[usable.length * periods + (m % 12) - 1] = 1;
        const on = running(unit, m);
        row[p - 1] = on ? 1 : 0;
        x.push(row);
        y.push(s!.count[t]);
        offset.push(Math.log(s!.exposure[t]));
        keys.push({unit, t, on});
      }
    }
    const onMonths = keys.filter((k) => k.on).length, offMonths = keys.length - onMonths;
    const label = `Verandering van het ${theme.risk} in de maanden van "${g.name}"`;
    let row: EffectRow;
    if (!usable.length || onMonths < 2 || offMonths < 24 || !(y.some((v) => v > 0))) {
      row = {...base, area_code: slug, label, verdict: "onvoldoende gegevens", warning: `Te weinig maanden met (${onMonths}) of zonder (${offMonths}) campagne in de gegevens.`};
    } else {
      try {
        const fit = fitPoisson({y, X: x, names: x[0].map((_, j) => `x${j}`), offset, intercept: false});
        const b = fit.coefficients[p - 1].estimate, se = quasiPoisson(fit).se[p - 1], z = normalQuantile(0.975);
        const pct = (v: number) => 100 * (Math.exp(v) - 1);
        let obs = 0, exp = 0;
        keys.forEach((k, i) => {
          const cf = fit.fitted[i] * Math.exp(k.on ? -b : 0);
          if (k.on) obs += y[i], exp += cf;
          series.push({campaign: slug, area_code: k.unit, month: dayOfMonth(f0 + k.t), running: k.on, observed: safeCount(y[i], threshold), fitted: num(fit.fitted[i], 3), counterfactual: num(cf, 3)});
        });
        const warnings: string[] = [];
        const campaignYears = new Set(keys.filter((k) => k.on).map((k) => periodOf(f0 + k.t))).size;
        if (campaignYears >= periods) warnings.push("De campagne liep in elk jaar van de gegevens: er zijn geen jaren zonder campagne om mee te vergelijken.");
        if (onMonths < 6) warnings.push(`Slechts ${onMonths} campagnemaanden: de schatting is onzeker.`);
        if (T < 36) warnings.push("Minder dan drie jaar gegevens: het seizoenspatroon is nauwelijks te schatten.");
        const pValue = normalPValue(b / se);
        row = withHiddenRatio({
          effect: "campaign", area_code: slug, label, estimate: num(pct(b)), ci_low: num(pct(b - z * se)), ci_high: num(pct(b + z * se)), p_value: pValueOf(pValue),
          unit: "percent", observed: safeCount(obs, threshold), expected: num(exp, 2), areas: usable.length, months: onMonths, planted,
          verdict: verdictOf(pct(b - z * se), pct(b + z * se), {direction: DIRECTION, thin: onMonths < 6 || campaignYears >= periods || T < 36}), warning: warnings.length ? warnings.join(" | ") : null
        });
      } catch (error) {
        row = {...base, area_code: slug, label, verdict: "onvoldoende gegevens", warning: `Geen schatting mogelijk: ${(error as Error).message}.`};
      }
    }
    effects.push(row);
    findings.push(findingOf(row, `measure.campaign.${slug}`, QUESTION(g.name, theme), METHOD, DIRECTION));
  }
  return {
    tables: {
      campaign_effects: tableOf(EFFECT_SCHEMA, effects),
      campaign_series: tableOf(CAMPAIGN_SCHEMAS.campaign_series, series),
      campaign_list: tableOf(CAMPAIGN_SCHEMAS.campaign_list, list.sort((a, b) => (a.start as number) - (b.start as number)))
    },
    findings, effects
  };
}

/**
 * The month of year (0 = January) that starts the twelve-month periods centred on the given months
 * of year: six months after their circular mean.
 * @example periodStart([9, 10, 11, 0, 1, 2]) // 6 (July: October-March is centred in July-June)
 */
export function periodStart(monthsOfYear: readonly number[]): number {
  if (!monthsOfYear.length) return 0;
  let sx = 0, sy = 0;
  for (const m of monthsOfYear) sx += Math.cos((2 * Math.PI * m) / 12), sy += Math.sin((2 * Math.PI * m) / 12);
  const mean = ((Math.atan2(sy, sx) / (2 * Math.PI)) * 12 + 12) % 12;
  return (Math.round(mean + 0.5) + 6) % 12;
}

export const campaignsAnalysis: Analysis = {
  name: "campaigns",
  schemas: CAMPAIGN_SCHEMAS,
  run(context: AnalysisContext) {
    const {tables, findings} = runCampaigns(context.delivery, {threshold: thresholdOf(context, "campaign_series"), truth: context.truth, theme: context.theme});
    return {tables, findings};
  }
};
