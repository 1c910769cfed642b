/**
 * Repeat victimisation of the same address, computed inside the pipeline: an address is PC6 +
 * house number, or else the exact delivered x/y. Only aggregates are published: the share of
 * incidents at an address burgled before within 365 days, its expected value if every dwelling in
 * the region ran the same risk, and the time since the previous burglary in week bands.
 */
import {buildTable} from "../arrow.js";
import {poissonCdf, poissonInterval} from "../../src/lib/stats/distributions.js";
import {suppressCounts} from "../pipeline/suppression.js";
import {thresholdOf, type Analysis, type Finding} from "./types.js";
import {col, columns, round, roundP, startDay} from "./common.js";
import {testVerdict} from "../../src/lib/verdict.js";

/** Week bands of the time since the previous burglary at the address (right-open; last ends at 365 days). */
export const REPEAT_BANDS = [0, 1, 2, 4, 8, 13, 26, 52.15] as const;
export const REPEAT_DAYS = 365;

const SUMMARY = [
  col.d("key", "how addresses were matched: pc6_huisnummer or xy"),
  col.i32("incidents", "incidents with an address key"),
  col.i32("repeats", "incidents at an address with an earlier incident within 365 days; null when suppressed", true),
  col.f64("share", "repeats / incidents; null when suppressed", true),
  col.f64("share_low", "95% Wilson interval of the share, lower; null when suppressed", true),
  col.f64("share_high", "95% Wilson interval, upper; null when suppressed", true),
  col.f64("expected", "expected repeats if all dwellings in the region ran the same risk"),
  col.f64("ratio", "repeats / expected; null when suppressed", true),
  col.f64("p_value", "one-sided Poisson p-value of repeats >= observed given expected; null when suppressed", true),
  col.i32("dwellings", "dwellings in the region (areas table, municipalities)"),
  col.bool("suppressed", "whether repeats and derived values are hidden by the privacy rule")
] as const;

const WEEKS = [
  col.i16("band", "band number"),
  col.f64("from_weeks", "weeks since the previous burglary at the address, from (inclusive)"),
  col.f64("to_weeks", "to (exclusive)"),
  col.d("label", "band in Dutch"),
  col.i32("count", "repeat incidents in the band; null when suppressed", true),
  col.bool("suppressed", "whether count is hidden by the privacy rule")
] as const;

/** Wilson score interval of a proportion. */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n <= 0) return [NaN, NaN];
  const p = k / n, d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export const repeatAnalysis: Analysis = {
  name: "repeat",
  schemas: {repeat_summary: SUMMARY, repeat_weeks: WEEKS},
  run({delivery, level, suppressBelow, privacy, tables}) {
    const threshold = thresholdOf({level, suppressBelow, privacy}, "repeat_summary");
    const question = "Worden woningen die al eens zijn getroffen binnen een jaar vaker opnieuw getroffen dan andere woningen?";
    const withAddress = delivery.incidents.filter((r) => r.pc6 && r.huisnummer);
    const useXy = withAddress.length === 0;
    const keyed = (useXy ? delivery.incidents.filter((r) => !Number.isNaN(r.x)) : withAddress)
      .map((r) => ({key: useXy ? `${r.x}|${r.y}` : `${r.pc6}|${r.huisnummer!.toUpperCase().replace(/\s+/g, "")}`, day: startDay(r)}))
      .sort((a, b) => a.day - b.day || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (!keyed.length) {
      return {findings: [{id: "repeat.same_address", question, method: "Herhaald slachtofferschap op hetzelfde adres (niet uitgevoerd: geen adres of coördinaten geleverd)", estimate: null, ci_low: null, ci_high: null, p_value: null, unit: "share", direction: "increase", verdict: "niet geleverd"}]};
    }
    // Dwellings in the region: the municipalities of the areas table.
    let dwellings = 0;
    const areas = tables.get("areas");
    if (areas) for (const a of areas.toArray()) if (a.level === "gemeente" && a.dwellings) dwellings += a.dwellings;
    const last = new Map<string, number>();
    const bands = new Array(REPEAT_BANDS.length - 1).fill(0);
    let repeats = 0, expected = 0;
    // Expected: each incident meets an earlier one within 365 days at its own address with probability
    // (incidents in the previous 365 days) / dwellings, under equal risk for every dwelling.
    let windowStart = 0;
    keyed.forEach((r, i) => {
      while (keyed[windowStart].day < r.day - REPEAT_DAYS) windowStart++;
      if (dwellings > 0) expected += (i - windowStart) / dwellings;
      const previous = last.get(r.key);
      if (previous !== undefined && r.day - previous <= REPEAT_DAYS) {
        repeats++;
        const weeks = (r.day - previous) / 7;
        const band = REPEAT_BANDS.findIndex((b, k) => k + 1 < REPEAT_BANDS.length && weeks >= b && weeks < REPEAT_BANDS[k + 1]);
        bands[band]++;
      }
      last.set(r.key, r.day);
    });
    const n = keyed.length;
    const hidden = repeats > 0 && repeats < threshold;
    const [low, high] = wilson(repeats, n);
    const p = expected > 0 ? 1 - poissonCdf(repeats - 1, expected) : NaN;
    const summary = {
      key: useXy ? "xy" : "pc6_huisnummer", incidents: n, repeats: hidden ? null : repeats, share: hidden ? null : round(repeats / n),
      share_low: hidden ? null : round(low), share_high: hidden ? null : round(high), expected: round(expected),
      ratio: hidden || !(expected > 0) ? null : round(repeats / expected), p_value: hidden || !Number.isFinite(p) ? null : roundP(p),
      dwellings, suppressed: hidden
    };
    // The answer to the question is the ratio observed / expected; its interval from the exact
    // Poisson interval of the observed count (the expected count is a fixed function of the data).
    const ratioInterval = summary.ratio === null ? null : poissonInterval(repeats).map((v) => v / expected) as [number, number];
    const weekRecords = bands.map((count, k) => {
      const to = REPEAT_BANDS[k + 1];
      const label = k + 2 === REPEAT_BANDS.length ? `${REPEAT_BANDS[k]} tot 52 weken` : `${REPEAT_BANDS[k]} tot ${to} weken`;
      return {band: k, from_weeks: REPEAT_BANDS[k], to_weeks: to, label, count};
    });
    // The bands add up to the repeats, which the summary publishes: suppress as one line.
    const weekRows = suppressCounts([...weekRecords, {count: repeats, band: -1}], threshold, [weekRecords.map((_, k) => k).concat(weekRecords.length)])
      .slice(0, weekRecords.length)
      .map((r) => ({...r, count: r.suppressed ? null : r.count}));
    const finding: Finding = {
      id: "repeat.same_address", question,
      method: `Herhalingen op een adres (${useXy ? "exact dezelfde x/y" : "PC6 + huisnummer"}) binnen 365 dagen, waargenomen gedeeld door verwacht bij gelijk risico voor alle ${dwellings.toLocaleString("nl-NL")} woningen; exact Poisson-interval (Garwood); eenzijdige Poisson-p-waarde`,
      estimate: summary.ratio, ci_low: ratioInterval ? round(ratioInterval[0]) : null, ci_high: ratioInterval ? round(ratioInterval[1]) : null, p_value: summary.p_value, unit: "ratio", direction: "increase",
      verdict: hidden ? "onvoldoende gegevens" : summary.p_value === null ? "niet aangetoond" : testVerdict(summary.p_value, repeats / expected, {direction: "increase", reference: 1})
    };
    return {tables: {repeat_summary: buildTable(SUMMARY, columns(SUMMARY, [summary]) as never), repeat_weeks: buildTable(WEEKS, columns(WEEKS, weekRows) as never)}, findings: [finding]};
  }
};
