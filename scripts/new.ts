/**
 * Scaffolding for the workshop (docs/workshop/): `npm run new -- source <naam>` writes a typed
 * source loader with its contract test and fixture; `npm run new -- hypothesis <naam>` writes a
 * hypothesis page with its method stub and test. Everything it writes type-checks, passes its test
 * and builds; existing files are never overwritten.
 */
import {existsSync, mkdirSync, writeFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {PROJECT_ROOT} from "../loaders/config.js";
import {isMain} from "../loaders/cli/main.js";

export type Kind = "source" | "hypothesis";

/** One file to write: path relative to the project root and its text. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

const camel = (name: string) => name.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Checks a source name (the delivered file is `<naam>.csv`): lower case, digits and `_`. */
export function checkSourceName(name: string): string {
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(name ?? "")) throw new Error(`invalid source name: ${name} (kleine letters, cijfers en _; bv. buurtschouwen)`);
  return name;
}

/** Checks a hypothesis name (the page is `src/hypothesen/<naam>.md`): lower case, digits and `-`. */
export function checkHypothesisName(name: string): string {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(name ?? "") || name.endsWith("-")) throw new Error(`invalid hypothesis name: ${name} (kleine letters, cijfers en -; bv. eengezinswoningen)`);
  return name;
}

/** The files of a new source: reader, thin data loader, contract test and fixture. */
export function sourceFiles(name: string): ScaffoldFile[] {
  checkSourceName(name);
  const kebab = name.replace(/_/g, "-");
  const read = `read${pascal(name)}`;
  return [
    {
      path: `loaders/sources/${name}.ts`,
      text: `/**
 * ${name}: reads \`${name}.csv\` from the delivery folder into a typed Arrow table, one row per area
 * and date. The file is optional: without it the table is empty and pages say it was not delivered.
 * Template columns (\`;\` or \`,\`): gebiedscode;datum;aantal. Change SCHEMA and parseRow together.
 *
 * Publish only figures without personal data: this table goes to the site as it is, without the
 * small-number suppression of the burglary counts.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Table} from "apache-arrow";
import {buildTable, type ColumnSpec} from "../arrow.js";
import {readCsv} from "../delivery/csv.js";
import {parseDate, parseInteger} from "../delivery/values.js";

export const FILE = "${name}.csv";

/** The published columns (snake_case), each with its type and meaning. */
export const SCHEMA: readonly ColumnSpec[] = [
  {name: "area_code", kind: "dict", description: "GM, WK or BU code (gebiedscode)"},
  {name: "day", kind: "date", description: "date (datum)"},
  {name: "count", kind: "int32", description: "number (aantal)"}
];

/** A rejected row: the line in the file and the reason (Dutch). */
export interface Rejected {
  line: number;
  reason: string;
}

interface Row {
  area_code: string;
  day: number;
  count: number;
}

/** Parses one record, or returns the reason it is rejected. */
export function parseRow(record: Record<string, string>): Row | string {
  const area = (record.gebiedscode ?? "").trim().toUpperCase();
  if (!/^(GM\\d{4}|WK\\d{6}|BU\\d{8})$/.test(area)) return \`ongeldige gebiedscode: \${record.gebiedscode ?? ""}\`;
  const date = parseDate((record.datum ?? "").trim());
  if (!date) return \`ongeldige datum: \${record.datum ?? ""}\`;
  const count = parseInteger((record.aantal ?? "").trim());
  if (count === undefined || count < 0) return \`ongeldig aantal: \${record.aantal ?? ""}\`;
  return {area_code: area, day: Math.floor(date.minutes / 1440), count};
}

/**
 * Reads \`${name}.csv\` from a delivery folder: the table and the rejected rows.
 * @example ${read}("data/levering").table.numRows
 */
export function ${read}(dir: string): {table: Table; rejected: Rejected[]; delivered: boolean} {
  const path = join(dir, FILE);
  const rows: Row[] = [];
  const rejected: Rejected[] = [];
  const delivered = existsSync(path);
  if (delivered) {
    const csv = readCsv(path);
    for (const column of ["gebiedscode", "datum", "aantal"]) {
      if (!csv.header.includes(column)) throw new Error(\`\${FILE}: kolom \${column} ontbreekt (kolommen: \${csv.header.join(", ")})\`);
    }
    csv.rows.forEach((values, i) => {
      const record = Object.fromEntries(csv.header.map((h, j) => [h, values[j] ?? ""]));
      const row = parseRow(record);
      if (typeof row === "string") rejected.push({line: csv.lines[i], reason: row});
      else rows.push(row);
    });
  }
  const table = buildTable(SCHEMA, {
    area_code: rows.map((r) => r.area_code),
    day: Int32Array.from(rows, (r) => r.day),
    count: Int32Array.from(rows, (r) => r.count)
  });
  return {table, rejected, delivered};
}
`
    },
    {
      path: `src/data/${kebab}.arrow.ts`,
      text: `// ${name}: the delivery's ${name}.csv as a typed table (loaders/sources/${name}.ts); empty when not delivered.
import {toArrowStream} from "../../loaders/arrow.js";
import {readConfig} from "../../loaders/config.js";
import {deliveryDir} from "../../loaders/pipeline/run.js";
import {${read}} from "../../loaders/sources/${name}.js";

const {table} = ${read}(await deliveryDir(readConfig()));
process.stdout.write(toArrowStream(table));
`
    },
    {
      path: `test/contract/${kebab}.test.ts`,
      text: `// Contract: ${name}.csv is read into exactly its declared schema; bad rows are rejected with a reason.
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, test} from "vitest";
import {toArrowStream} from "../../loaders/arrow.js";
import {SCHEMA, ${read}} from "../../loaders/sources/${name}.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/sources/${name}");

describe("${name}", () => {
  const {table, rejected, delivered} = ${read}(FIXTURE);

  test("fields, types and nullability after an IPC round trip", () => {
    const round = tableFromIPC(toArrowStream(table));
    expect(round.schema.fields.map((f) => f.name)).toEqual(SCHEMA.map((c) => c.name));
    expect(round.schema.fields.map((f) => String(f.type))).toEqual(["Dictionary<Int32, Utf8>", "Date32<DAY>", "Int32"]);
    expect(round.schema.fields.map((f) => f.nullable)).toEqual(SCHEMA.map((c) => c.nullable ?? false));
  });

  test("reads the good rows of the fixture", () => {
    expect(delivered).toBe(true);
    expect(Array.from(table.getChild("area_code")!)).toEqual(["GM0153", "BU01530101"]);
    expect(Array.from(table.getChild("count")!)).toEqual([12, 3]);
    expect(new Date(table.getChild("day")!.get(0) as number).toISOString().slice(0, 10)).toBe("2024-03-01");
  });

  test("rejects a bad row with its line number and reason", () => {
    expect(rejected).toEqual([{line: 4, reason: "ongeldig aantal: veel"}]);
  });

  test("an undelivered file gives an empty table with the same schema", () => {
    const empty = ${read}(join(FIXTURE, "bestaat-niet"));
    expect(empty.delivered).toBe(false);
    expect(empty.table.numRows).toBe(0);
    expect(empty.table.schema.fields.map((f) => f.name)).toEqual(SCHEMA.map((c) => c.name));
  });
});
`
    },
    {
      path: `test/fixtures/sources/${name}/${name}.csv`,
      text: `gebiedscode;datum;aantal\nGM0153;01-03-2024;12\nBU01530101;2024-04-15;3\nGM0164;2024-05-01;veel\n`
    }
  ];
}

/** The files of a new hypothesis: method stub, its unit test and the page. */
export function hypothesisFiles(name: string): ScaffoldFile[] {
  checkHypothesisName(name);
  const fn = `test${pascal(name)}`;
  return [
    {
      path: `src/lib/hypotheses/${name}.ts`,
      text: `/**
 * Hypothesis "${name}": areas with a higher value of an area statistic (kerncijfers.csv) have a
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

/** The areas of \`level\` in \`year\` with their statistic and rate (hidden counts left out). */
export function points(
  {counts, areas, stats}: {counts: Iterable<CountRow>; areas: Iterable<AreaRow>; stats: Iterable<StatRow>},
  {level, year, variable}: {level: string; year: number; variable: string}
): {points: Point[]; excluded: number} {
  if (!Number.isInteger(year)) throw new Error(\`invalid year: \${year}\`);
  const dwellings = new Map<string, number | null>();
  for (const a of areas) if (a.level === level) dwellings.set(a.code, a.dwellings);
  // The statistic of the latest year up to \`year\`.
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
 * @example ${fn}({counts, areas, stats}, {level: "wijk", year: 2024, variable: "perc_eengezinswoning"}).r
 */
export function ${fn}(
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
`
    },
    {
      path: `test/unit/hypotheses/${name}.test.ts`,
      text: `import {describe, expect, test} from "vitest";
import {${fn}} from "../../../src/lib/hypotheses/${name}.js";

// Four districts on an exact line (rate = 2 * x), one with a hidden count, one without dwellings.
const counts = [
  {area_level: "wijk", area_code: "WK000101", year: 2024, soort: "totaal", count: 10},
  {area_level: "wijk", area_code: "WK000102", year: 2024, soort: "totaal", count: 20},
  {area_level: "wijk", area_code: "WK000103", year: 2024, soort: "totaal", count: 30},
  {area_level: "wijk", area_code: "WK000104", year: 2024, soort: "totaal", count: null},
  {area_level: "wijk", area_code: "WK000105", year: 2024, soort: "totaal", count: 7},
  {area_level: "wijk", area_code: "WK000101", year: 2023, soort: "totaal", count: 99},
  {area_level: "gemeente", area_code: "GM0001", year: 2024, soort: "totaal", count: 60}
];
const areas = [
  {code: "WK000101", level: "wijk", dwellings: 1000},
  {code: "WK000102", level: "wijk", dwellings: 1000},
  {code: "WK000103", level: "wijk", dwellings: 1000},
  {code: "WK000104", level: "wijk", dwellings: 1000},
  {code: "WK000105", level: "wijk", dwellings: null},
  {code: "GM0001", level: "gemeente", dwellings: 3000}
];
const stats = [
  {area_code: "WK000101", year: 2024, variable: "v", value: 5},
  {area_code: "WK000102", year: 2023, variable: "v", value: 10}, // latest year up to 2024
  {area_code: "WK000103", year: 2024, variable: "v", value: 15},
  {area_code: "WK000103", year: 2025, variable: "v", value: 99}, // after the year: not used
  {area_code: "WK000104", year: 2024, variable: "v", value: 20},
  {area_code: "WK000105", year: 2024, variable: "v", value: 25}
];

describe("${fn}", () => {
  test("finds the planted line and leaves out hidden counts and missing dwellings", () => {
    const result = ${fn}({counts, areas, stats}, {level: "wijk", year: 2024, variable: "v"});
    expect(result.n).toBe(3);
    expect(result.excluded).toBe(2);
    expect(result.r).toBeCloseTo(1, 10);
    expect(result.slope).toBeCloseTo(2, 10);
    expect(result.intercept).toBeCloseTo(0, 10);
  });
  test("gives no estimate with fewer than three areas", () => {
    const result = ${fn}({counts, areas, stats}, {level: "gemeente", year: 2024, variable: "v"});
    expect(result.r).toBeNull();
  });
  test("rejects an invalid year", () => {
    expect(() => ${fn}({counts, areas, stats}, {level: "wijk", year: 2024.5, variable: "v"})).toThrow("invalid year");
  });
});
`
    },
    {
      path: `src/hypothesen/${name}.md`,
      text: `---
title: "Hypothese: ${name}"
---

# Hypothese: ${name}

**Hypothese.** Wijken met een hogere waarde van een kerncijfer hebben meer delicten per 1.000
woningen. Kies hieronder het kerncijfer; de pagina toont het verband over alle wijken van de regio.
Een verband is geen oorzaak: lees de toelichting onder de grafiek.

\`\`\`js
// Bouwgegevens: publicatieniveau, bron, periode, thema en leverdatum.
const meta = FileAttachment("../data/meta.json").json();
// Delicten per jaar en gebied (hier: wijk, soort totaal; kleine aantallen verborgen).
const counts = FileAttachment("../data/counts-year.arrow").arrow();
// Gebieden met hun woningvoorraad.
const areas = FileAttachment("../data/areas.arrow").arrow();
// Kerncijfers per gebied en jaar (CBS / Kennispunt Twente).
const stats = FileAttachment("../data/area-stats.arrow").arrow();
\`\`\`

\`\`\`js
import {${fn}} from "../lib/hypotheses/${name}.js";
import {levelNote, siteTheme} from "../lib/site.js";
import {capitalise} from "../lib/theme.js";
import {privacyNote} from "../lib/page-domain.js";
import {DownloadButton} from "../components/download.js";
import {PrintHeader} from "../components/print-header.js";
import {WhatToLookAt} from "../components/what-to-look-at.js";
\`\`\`

\`\`\`js
const theme = siteTheme(meta);
const statRows = Array.from(stats);
const variables = [...new Set(statRows.map((d) => d.variable))].filter((v) => !["aantal_inwoners", "aantal_huishoudens", "woningvoorraad"].includes(v)).sort();
const years = [...new Set(Array.from(counts, (d) => d.year))].sort((a, b) => a - b);
\`\`\`

\${PrintHeader(meta, {title: "Hypothese ${name}"})}

<div class="note">\${levelNote(meta)}</div>

\${WhatToLookAt("Kijk of de punten om de lijn liggen of alle kanten op: een r dicht bij 0 betekent geen lineair verband. Tel hoeveel wijken zijn weggelaten: als dat er veel zijn, is de conclusie zwak.")}

\`\`\`js
const variable = view(Inputs.select(variables, {label: "Kerncijfer", value: variables.includes("perc_eengezinswoning") ? "perc_eengezinswoning" : variables[0]}));
\`\`\`

\`\`\`js
const year = years.at(-2) ?? years.at(-1);
const result = ${fn}({counts: Array.from(counts), areas: Array.from(areas), stats: statRows}, {level: "wijk", year, variable: variable ?? ""});
const line = result.slope === null ? [] : [Math.min(...result.points.map((d) => d.x)), Math.max(...result.points.map((d) => d.x))].map((x) => ({x, y: result.intercept + result.slope * x}));
\`\`\`

<div class="card" data-main-chart>
  <h2>\${capitalise(theme.plural)} per 1.000 woningen naar \${variable ?? "kerncijfer"}, per wijk (\${year ?? "—"})</h2>
  \${resize((width) => Plot.plot({
    width,
    height: 320,
    x: {label: variable ?? "kerncijfer", grid: true},
    y: {label: "per 1.000 woningen", grid: true},
    marks: [
      Plot.dot(result.points, {x: "x", y: "y", r: 3, fill: "#b2182b", fillOpacity: 0.6, tip: true}),
      Plot.line(line, {x: "x", y: "y", stroke: "#333"})
    ]
  }))}
  <p class="small">\${result.r === null ? "Te weinig wijken voor een schatting." : \`r = \${result.r.toFixed(2)} over \${result.n} wijken\`}; \${result.excluded} wijken weggelaten (verborgen aantal of geen gegevens).</p>
</div>

\`\`\`js
const rows = result.points.map((d) => ({wijk: d.area_code, [variable ?? "x"]: d.x, per_1000_woningen: Math.round(d.y * 100) / 100}));
display(Inputs.table(rows, {select: false, locale: "nl-NL"}));
display(DownloadButton(rows, {filename: "hypothese-${name}.csv", label: "Download als CSV"}));
\`\`\`

**Toelichting.** Wijken met een verborgen (klein) aantal zijn weggelaten; dat zijn vooral kleine
wijken, dus het verband geldt voor de grotere wijken. Een samenhang kan door een derde factor komen
(bijvoorbeeld stedelijkheid).

<p class="small muted">\${privacyNote(meta)}</p>
`
    }
  ];
}

/** Writes the files of a scaffold under `root`; refuses to overwrite. Returns the paths written. */
export function scaffold(kind: Kind, name: string, root = PROJECT_ROOT): string[] {
  const files = kind === "source" ? sourceFiles(name) : kind === "hypothesis" ? hypothesisFiles(name) : null;
  if (!files) throw new Error(`invalid kind: ${kind} (source of hypothesis)`);
  const existing = files.filter((f) => existsSync(join(root, f.path)));
  if (existing.length) throw new Error(`bestaat al: ${existing.map((f) => f.path).join(", ")}`);
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), {recursive: true});
    writeFileSync(join(root, f.path), f.text);
  }
  return files.map((f) => f.path);
}

/** The Dutch next steps printed after a scaffold. */
export function nextSteps(kind: Kind, name: string): string[] {
  return kind === "source"
    ? [
        `Volgende stappen:`,
        `  1. npx vitest run test/contract/${name.replace(/_/g, "-")}.test.ts   (de contracttest slaagt)`,
        `  2. pas SCHEMA en parseRow in loaders/sources/${name}.ts aan op de kolommen van uw bestand`,
        `  3. zet ${name}.csv in de leveringsmap en lees de tabel in een pagina: FileAttachment("data/${name.replace(/_/g, "-")}.arrow").arrow()`
      ]
    : [
        `Volgende stappen:`,
        `  1. npx vitest run test/unit/hypotheses/${name}.test.ts   (de methodetest slaagt)`,
        `  2. npm run build, en open /hypothesen/${name}`,
        `  3. zet de pagina in observablehq.config.ts (pages) op de plek in het verhaal waar ze hoort`
      ];
}

if (isMain(import.meta.url)) {
  try {
    const [kind, name, ...rest] = process.argv.slice(2);
    if (!kind || !name || rest.length) throw new Error("gebruik: npm run new -- source <naam> | npm run new -- hypothesis <naam>");
    const written = scaffold(kind as Kind, name);
    console.log(`Aangemaakt:\n${written.map((p) => `  ${relative(".", join(PROJECT_ROOT, p)) || p}`).join("\n")}`);
    console.log(nextSteps(kind as Kind, name).join("\n"));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
