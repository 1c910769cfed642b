/**
 * Environmental factors: Poisson and negative-binomial regression of neighbourhood (and district)
 * counts on standardised area statistics from kerncijfers, with a log(dwelling-years) offset, plus
 * per-factor rank correlations with permutation p-values (Holm-adjusted) and rates by quintile.
 *
 * Standardisation: z = (x - mean) / sd over every delivered area of the level in the variable's
 * latest year (sd with divisor N), the convention of the demo truth; an incidence rate ratio is per
 * standard deviation. Counts are summed over the period (whole delivery, or the latest full year),
 * one observation per area: years of one area share its unexplained risk, so pooling area-years as
 * independent rows would understate the standard errors.
 */
import {THEMES, type Theme} from "../../src/lib/theme.js";
import {buildTable} from "../arrow.js";
import {fitNegBin, fitPoisson, type GlmFit} from "../../src/lib/stats/glm.js";
import {adjustPValues, correlationTest} from "../../src/lib/stats/correlation.js";
import {seededRng} from "../../src/lib/random.js";
import {FACTOR_LABELS, FACTOR_VARIABLES} from "../../src/lib/hypotheses/factors.js";
import {suppressCounts} from "../pipeline/suppression.js";
import {thresholdOf, type Analysis, type AnalysisContext, type Finding} from "./types.js";
import {col, columns, fullYears, round, roundP, startDay, yearOfDay} from "./common.js";
import {associationVerdict} from "../../src/lib/verdict.js";

const MODELS = [
  col.d("level", "area level: buurt or wijk"),
  col.d("period", "alle (whole delivery) or the latest full year"),
  col.d("family", "poisson or negbin"),
  col.d("term", "(Intercept) or a kerncijfers variable"),
  col.f64("estimate", "coefficient (log rate ratio per standard deviation)"),
  col.f64("se", "standard error; null for poisson (model comparison only)", true),
  col.f64("irr", "incidence rate ratio exp(estimate)"),
  col.f64("irr_low", "lower bound of the 95% Wald interval of the IRR; null for poisson (too narrow under overdispersion)", true),
  col.f64("irr_high", "upper bound of the 95% Wald interval of the IRR; null for poisson", true),
  col.f64("p_value", "Wald p-value; null for poisson", true),
  col.f64("p_holm", "p-value Holm-adjusted across the factors of the model; null for the intercept and for poisson", true),
  col.f64("var_mean", "mean used to standardise the variable; null for the intercept", true),
  col.f64("var_sd", "sd (divisor N) used to standardise the variable; null for the intercept", true),
  col.f64("truth", "demo only: the planted coefficient rescaled to this sd (0 when not planted); null otherwise", true),
  col.f64("aic", "AIC of the model"),
  col.f64("theta", "negbin size parameter; null for poisson", true),
  col.i32("areas", "areas in the model"),
  col.i16("year_from", "first year of the period"),
  col.i16("year_to", "last year of the period")
] as const;

const CORRELATIONS = [
  col.d("level", "buurt or wijk"),
  col.d("period", "alle or the latest full year"),
  col.d("variable", "kerncijfers variable"),
  col.f64("rho", "Spearman rank correlation of the rate per 1,000 dwellings with the variable"),
  col.f64("p_value", "two-sided permutation p-value (999 permutations)"),
  col.f64("p_holm", "Holm-adjusted across the variables"),
  col.i32("areas", "areas")
] as const;

const QUINTILES = [
  col.d("level", "buurt or wijk"),
  col.d("period", "alle or the latest full year"),
  col.d("variable", "kerncijfers variable"),
  col.i16("quintile", "1 = lowest fifth of the areas on the variable ... 5 = highest"),
  col.f64("lower", "smallest value of the variable in the quintile"),
  col.f64("upper", "largest value of the variable in the quintile"),
  col.i32("areas", "areas in the quintile"),
  col.i32("count", "incidents in these areas in the period; null when suppressed", true),
  col.f64("rate", "incidents per 1,000 dwellings per year; null when suppressed", true),
  col.bool("suppressed", "whether count and rate are hidden by the privacy rule")
] as const;

const SEED = 20240502;

/** Standardisation of each delivered variable over the areas of a level in its latest year. */
function standardised(delivery: AnalysisContext["delivery"], prefix: "BU" | "WK") {
  const latest = new Map<string, number>();
  for (const k of delivery.kerncijfers ?? []) {
    if (!k.gebiedscode.startsWith(prefix)) continue;
    latest.set(k.variabele, Math.max(latest.get(k.variabele) ?? -Infinity, k.jaar));
  }
  const values = new Map<string, Map<string, number>>();
  for (const k of delivery.kerncijfers ?? []) {
    if (!k.gebiedscode.startsWith(prefix) || latest.get(k.variabele) !== k.jaar) continue;
    (values.get(k.variabele) ?? values.set(k.variabele, new Map()).get(k.variabele)!).set(k.gebiedscode, k.waarde);
  }
  const out = new Map<string, {mean: number; sd: number; value: Map<string, number>}>();
  for (const v of FACTOR_VARIABLES) {
    const m = values.get(v);
    if (!m || m.size < 3) continue;
    const xs = [...m.values()];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    if (sd > 0) out.set(v, {mean, sd, value: m});
  }
  return out;
}

/** Dwellings per area and year (kerncijfers woningvoorraad; a missing year takes the nearest delivered). */
function dwellingYears(delivery: AnalysisContext["delivery"], prefix: string, years: number[]): Map<string, number> {
  const byArea = new Map<string, Map<number, number>>();
  for (const k of delivery.kerncijfers ?? []) {
    if (k.variabele !== "woningvoorraad" || !k.gebiedscode.startsWith(prefix)) continue;
    (byArea.get(k.gebiedscode) ?? byArea.set(k.gebiedscode, new Map()).get(k.gebiedscode)!).set(k.jaar, k.waarde);
  }
  const out = new Map<string, number>();
  for (const [code, m] of byArea) {
    const known = [...m.keys()];
    let sum = 0;
    for (const y of years) {
      const nearest = known.reduce((best, k) => (Math.abs(k - y) < Math.abs(best - y) ? k : best), known[0]);
      sum += m.get(nearest)!;
    }
    out.set(code, sum);
  }
  return out;
}

function notDelivered(variable: string, reason: string, theme: Theme): Finding {
  return {
    id: `factor.${variable}`, question: `Hangt ${FACTOR_LABELS[variable]} van een buurt samen met het ${theme.risk}?`,
    method: `Negatief-binomiale regressie (${reason})`, estimate: null, ci_low: null, ci_high: null, p_value: null, unit: "irr per sd", direction: "any", verdict: "niet geleverd"
  };
}

export const factorsAnalysis: Analysis = {
  name: "factors",
  schemas: {factor_models: MODELS, factor_correlations: CORRELATIONS, factor_quintiles: QUINTILES},
  run({delivery, level, suppressBelow, privacy, truth, theme = THEMES.woninginbraak}) {
    const threshold = thresholdOf({level, suppressBelow, privacy}, "factor_quintiles");
    const models: Record<string, unknown>[] = [];
    const correlations: Record<string, unknown>[] = [];
    const quintiles: Record<string, unknown>[] = [];
    const findings = new Map<string, Finding>();
    const years = [...new Set(delivery.incidents.map((r) => yearOfDay(startDay(r))))].sort((a, b) => a - b);
    const full = fullYears(delivery.incidents);
    const periods: [string, number[]][] = years.length ? [["alle", years]] : [];
    if (full.length) periods.push([String(full[full.length - 1]), [full[full.length - 1]]]);
    const planted = new Map<string, {coefficient: number; sd: number}>();
    const variables = ((truth?.riskModel as {variables?: {variabele: string; coefficient: number; sd: number}[]} | undefined)?.variables) ?? [];
    for (const v of variables) planted.set(v.variabele, v);

    for (const [areaLevel, prefix] of [["buurt", "BU"], ["wijk", "WK"]] as const) {
      const stats = standardised(delivery, prefix);
      if (!stats.size) continue;
      for (const [period, periodYears] of periods) {
        const inPeriod = new Set(periodYears);
        const exposure = dwellingYears(delivery, prefix, periodYears);
        const counts = new Map<string, number>();
        for (const r of delivery.incidents) {
          const code = areaLevel === "buurt" ? r.buurtcode : r.wijkcode;
          if (code && inPeriod.has(yearOfDay(startDay(r)))) counts.set(code, (counts.get(code) ?? 0) + 1);
        }
        const names = [...stats.keys()];
        const areas = [...exposure.keys()].filter((c) => exposure.get(c)! > 0 && names.every((v) => stats.get(v)!.value.has(c))).sort();
        if (areas.length < names.length + 10) continue;
        const y = areas.map((c) => counts.get(c) ?? 0);
        const total = y.reduce((a, b) => a + b, 0);
        if (total < Math.max(threshold, 1)) continue;
        const X = Object.fromEntries(names.map((v) => {
          const s = stats.get(v)!;
          return [v, areas.map((c) => (s.value.get(c)! - s.mean) / s.sd)];
        }));
        const offset = areas.map((c) => Math.log(exposure.get(c)!));
        const fits: [string, GlmFit][] = [["poisson", fitPoisson({y, X, names, offset})], ["negbin", fitNegBin({y, X, names, offset})]];
        for (const [family, fit] of fits) {
          const terms = fit.coefficients.filter((c) => c.name !== "(Intercept)");
          const holm = adjustPValues(terms.map((c) => c.p), "holm");
          // Poisson is published as a model comparison only (coefficients, AIC): under the
          // overdispersion of neighbourhood counts its Wald intervals and p-values are too narrow
          // (they covered the planted coefficients 11 of 21 times), so they are not published.
          const inference = family === "negbin";
          for (const c of fit.coefficients) {
            const k = terms.indexOf(c);
            const s = stats.get(c.name);
            const p = planted.get(c.name);
            const truthValue = s && truth ? (p ? (p.coefficient * s.sd) / p.sd : 0) : null;
            models.push({
              level: areaLevel, period, family, term: c.name, estimate: round(c.estimate, 8), se: inference ? round(c.se, 8) : null,
              irr: round(c.irr, 8), irr_low: inference ? round(c.irrLower, 8) : null, irr_high: inference ? round(c.irrUpper, 8) : null,
              p_value: inference ? roundP(c.p) : null, p_holm: inference && k >= 0 ? roundP(holm[k]) : null, var_mean: s ? round(s.mean, 8) : null, var_sd: s ? round(s.sd, 8) : null,
              truth: truthValue === null ? null : round(truthValue, 8), aic: round(fit.aic, 6), theta: fit.theta === undefined ? null : round(fit.theta, 8),
              areas: areas.length, year_from: periodYears[0], year_to: periodYears[periodYears.length - 1]
            });
            if (family === "negbin" && areaLevel === "buurt" && period === "alle" && k >= 0) {
              findings.set(c.name, {
                id: `factor.${c.name}`, question: `Hangt ${FACTOR_LABELS[c.name]} van een buurt samen met het ${theme.risk}?`,
                method: `Negatief-binomiale regressie van ${theme.plural} per buurt (${periodYears[0]}-${periodYears[periodYears.length - 1]}) op ${names.length} gestandaardiseerde kerncijfers, offset log(woningjaren); Holm-correctie over de factoren en over alle hypothesen`,
                estimate: round(c.irr, 6), ci_low: round(c.irrLower, 6), ci_high: round(c.irrUpper, 6), p_value: roundP(c.p), unit: "irr per sd", direction: "any",
                // An observational association, never "aangetoond" (src/lib/verdict.ts); Holm over
                // the factors here, and over all hypotheses in the pipeline (adjustFindings).
                verdict: associationVerdict(holm[k], c.irr, {reference: 1})
              });
            }
          }
        }
        // Rank correlation of the rate with each factor, and rates by quintile.
        const rate = areas.map((c, i) => (y[i] / exposure.get(c)!) * 1000);
        const tests = names.map((v) => correlationTest(X[v], rate, {method: "spearman", permutations: 999, rng: seededRng(SEED)}));
        const holm = adjustPValues(tests.map((t) => t.p), "holm");
        names.forEach((v, k) => correlations.push({level: areaLevel, period, variable: v, rho: round(tests[k].r, 8), p_value: roundP(tests[k].p), p_holm: roundP(holm[k]), areas: areas.length}));
        for (const v of names) {
          const s = stats.get(v)!;
          const order = areas.map((c, i) => i).sort((a, b) => s.value.get(areas[a])! - s.value.get(areas[b])! || (areas[a] < areas[b] ? -1 : 1));
          const groups = Array.from({length: 5}, (_, q) => order.slice(Math.floor((q * order.length) / 5), Math.floor(((q + 1) * order.length) / 5)));
          const records = groups.map((g, q) => {
            const count = g.reduce((a, i) => a + y[i], 0);
            const dw = g.reduce((a, i) => a + exposure.get(areas[i])!, 0);
            return {level: areaLevel, period, variable: v, quintile: q + 1, lower: s.value.get(areas[g[0]])!, upper: s.value.get(areas[g[g.length - 1]])!, areas: g.length, count, rate: dw > 0 ? round((count / dw) * 1000, 6) : null};
          });
          // The quintiles add up to the level's total, which counts_year publishes: suppress as one line.
          for (const r of suppressCounts(records, threshold, [[0, 1, 2, 3, 4]])) {
            quintiles.push({...r, rate: r.suppressed ? null : r.rate, count: r.suppressed ? null : r.count});
          }
        }
      }
    }
    const hasKerncijfers = (delivery.kerncijfers ?? []).length > 0;
    const out = FACTOR_VARIABLES.map((v) => findings.get(v) ?? notDelivered(v, hasKerncijfers ? "variabele niet geleverd of te weinig buurten" : "kerncijfers niet geleverd", theme));
    return {
      tables: {
        factor_models: buildTable(MODELS, columns(MODELS, models) as never),
        factor_correlations: buildTable(CORRELATIONS, columns(CORRELATIONS, correlations) as never),
        factor_quintiles: buildTable(QUINTILES, columns(QUINTILES, quintiles) as never)
      },
      findings: out
    };
  }
};
