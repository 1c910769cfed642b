/**
 * Hypothesis "scaffold-hypothesis": areas with a higher value of an area statistic (kerncijfers.csv) have a
 * higher rate of offences per 1,000 dwellings. The method: join the published counts per area and
 * year with the dwellings and the statistic, leave out hidden counts, and give the Pearson
 * correlation and the least-squares line. Browser-safe and pure. Replace the method when the
 * question asks for another one (see docs/methods.md).
 */

export interface CountRow {area_level: string; area_code: string; year: number; soort: string; count: number | null}
export interface AreaRow {code: string; level: string; dwellings: number | null}
export interface StatRow {area_code: string; year: number; variable: string; value: number}

/** One area in the analysis: its statistic (x) and its rate per 1,000 dwellings (y). */
export interface Point {area_code: string; x: number; y: number}

export interface Result {
  points: Point[];
  n: number;
  /** Areas left out because their count is hidden (privacy) or a value is missing. */
  excluded: number;
  r: number | null;
  slope: number | null;
  intercept: number | null;
}

/** The areas of `level` in `year` with their statistic and rate (hidden counts left out). */
export function points(
  {counts, areas, stats}: {counts: Iterable<CountRow>; areas: Iterable<AreaRow>; stats: Iterable<StatRow>},
  {level, year, variable}: {level: string; year: number; variable: string}
): {points: Point[]; excluded: number} {
  if (!Number.isInteger(year)) throw new Error(`invalid year: ${year}`);
  const dwellings = new Map<string, number | null>();
  for (const a of areas) if (a.level === level) dwellings.set(a.code, a.dwellings);
  // The statistic of the latest year up to `year`.
  const stat = new Map<string, {year: number; value: number}>();
  for (const s of stats) {
    if (s.variable !== variable || s.year > year || !dwellings.has(s.area_code)) continue;
    const seen = stat.get(s.area_code);
    if (!seen || s.year > seen.year) stat.set(s.area_code, {year: s.year, value: s.value});
  }
  const out: Point[] = [];
  let excluded = 0;
  for (const c of counts) {
    if (c.area_level !== level || c.year !== year || c.soort !== "totaal") continue;
    const d = dwellings.get(c.area_code);
    const x = stat.get(c.area_code)?.value;
    if (c.count === null || !d || x === undefined || !Number.isFinite(x)) {
      excluded++;
      continue;
    }
    out.push({area_code: c.area_code, x, y: (c.count / d) * 1000});
  }
  return {points: out, excluded};
}

/**
 * Tests the hypothesis on the published tables: Pearson r and the line y = intercept + slope * x.
 * @example testScaffoldHypothesis({counts, areas, stats}, {level: "wijk", year: 2024, variable: "perc_eengezinswoning"}).r
 */
export function testScaffoldHypothesis(
  tables: {counts: Iterable<CountRow>; areas: Iterable<AreaRow>; stats: Iterable<StatRow>},
  options: {level: string; year: number; variable: string}
): Result {
  const {points: p, excluded} = points(tables, options);
  const n = p.length;
  if (n < 3) return {points: p, n, excluded, r: null, slope: null, intercept: null};
  const mx = p.reduce((s, d) => s + d.x, 0) / n;
  const my = p.reduce((s, d) => s + d.y, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (const d of p) {
    sxy += (d.x - mx) * (d.y - my);
    sxx += (d.x - mx) ** 2;
    syy += (d.y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return {points: p, n, excluded, r: null, slope: null, intercept: null};
  const slope = sxy / sxx;
  return {points: p, n, excluded, r: sxy / Math.sqrt(sxx * syy), slope, intercept: my - slope * mx};
}
