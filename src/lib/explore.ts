/**
 * The Verkennen (explore) console: example queries over the published tables, a guard that keeps
 * queries read-only and offline, Dutch error messages, and defaults for the quick chart.
 * Every SQL string here is run against DuckDB in test/sql/explore.test.ts.
 */
import {capitalise, type Theme} from "./theme.js";
import {AREA_CODE} from "./area-codes.js";

export interface Example {
  title: string;
  sql: string;
  /** Over the national burglary series, which a build of another offence leaves empty. */
  burglaryOnly?: boolean;
}

/**
 * Dutch views over the published tables (issue 14, item 8), created when the Verkennen page opens.
 * Each holds one area level only, so a sum over a view counts every registration once:
 * counts_month and counts_year hold the region's rows beside its municipalities' (and counts_year
 * also wijk, buurt and a `totaal` soort), so `sum(count)` over all their rows counts one
 * registration two or more times. Municipality rows carry the name next to the code.
 */
export const DUTCH_VIEWS: Readonly<Record<string, {about: string; sql: string; burglaryOnly?: boolean}>> = {
  maandcijfers_regio: {
    about: "per maand en soort, heel de regio",
    sql: `SELECT month AS maand, soort, count AS aantal, suppressed AS verborgen FROM counts_month WHERE area_level = 'regio'`
  },
  maandcijfers_gemeenten: {
    about: "per maand, gemeente en soort",
    sql: `SELECT area_code AS gemeentecode, area_name AS gemeente, month AS maand, soort, count AS aantal, suppressed AS verborgen FROM counts_month WHERE area_level = 'gemeente'`
  },
  jaarcijfers_regio: {
    about: "per jaar en soort, heel de regio",
    sql: `SELECT year AS jaar, soort, count AS aantal, suppressed AS verborgen FROM counts_year WHERE area_level = 'regio' AND soort <> 'totaal'`
  },
  jaarcijfers_gemeenten: {
    about: "per jaar, gemeente en soort",
    sql: `SELECT area_code AS gemeentecode, area_name AS gemeente, year AS jaar, soort, count AS aantal, suppressed AS verborgen FROM counts_year WHERE area_level = 'gemeente' AND soort <> 'totaal'`
  },
  gebieden: {
    about: "gemeenten, wijken en buurten met woningen en inwoners",
    sql: `SELECT code, name AS naam, level AS niveau, gemeentecode, dwellings AS woningen, inhabitants AS inwoners FROM areas`
  },
  nederland_per_jaar: {
    about: "per jaar: inbraken en pogingen per 1.000 woningen in de regio en in heel Nederland (CBS)",
    sql: `SELECT year AS jaar, region_rate AS regio_per_1000, rate AS nederland_per_1000, delivery_full_year AS volledig_jaar_in_levering, burglaries AS nederland_aantal, dwellings AS nederland_woningen FROM national_rates`,
    burglaryOnly: true
  }
};

/**
 * The statements that create {@link DUTCH_VIEWS} (run by the page, not through the console's guard);
 * for a build of another offence without the views over the national burglary series (empty there).
 */
export function viewStatements(theme?: Pick<Theme, "id">): string[] {
  return Object.entries(DUTCH_VIEWS)
    .filter(([, v]) => !v.burglaryOnly || !theme || theme.id === "woninginbraak")
    .map(([name, v]) => `CREATE OR REPLACE VIEW ${name} AS ${v.sql}`);
}

/**
 * A Dutch warning when a query sums counts over counts_month or counts_year without choosing an
 * area level or area: those tables hold the region beside its municipalities, so the sum counts
 * registrations twice or more. Null when there is nothing to warn about.
 */
export function doubleCountWarning(text: string): string | null {
  const body = stripComments(text);
  if (!/\bcounts_(month|year)\b/i.test(body) || !/\bsum\s*\(/i.test(body) || /\barea_(level|code)\b/i.test(body)) return null;
  return "Let op: deze tabel bevat de regio én elke gemeente (en per jaar ook wijken, buurten en een totaal). Een som over alle rijen telt dezelfde inbraken dubbel. Kies één niveau (WHERE area_level = 'gemeente') of gebruik een Nederlandse tabel zoals jaarcijfers_gemeenten.";
}

/** Example queries, each over published tables or {@link DUTCH_VIEWS}. */
export const EXAMPLES: readonly Example[] = [
  {
    title: "Inbraken per jaar in de regio",
    sql: `SELECT year(maand) AS jaar, sum(aantal) AS aantal, bool_or(verborgen) AS met_verborgen
FROM maandcijfers_regio
GROUP BY jaar
ORDER BY jaar`
  },
  {
    title: "Gemeenten per 1.000 woningen (laatste jaar)",
    sql: `SELECT area_name AS gemeente, count AS aantal, dwellings AS woningen, rate AS per_1000, eb_rate AS eb_per_1000, signal
FROM area_rates
WHERE indicator = 'inbraken' AND area_level = 'gemeente'
  AND year = (SELECT max(year) FROM area_rates)
ORDER BY rate DESC`
  },
  {
    title: "Uur van de dag (aoristisch gewogen)",
    sql: `SELECT hour AS uur, round(sum(weight), 1) AS gewicht
FROM time_profile
WHERE area_code = 'regio' AND year = 0
GROUP BY uur
ORDER BY uur`
  },
  {
    title: "Hot spots per jaar (500 m-vakken)",
    sql: `SELECT year AS jaar, count(*) FILTER (WHERE hotspot IN ('hot95', 'hot99')) AS hot_spots,
       count(*) FILTER (WHERE hotspot = 'verborgen') AS verborgen
FROM grid_hotspots
GROUP BY jaar
ORDER BY jaar`
  },
  {
    title: "De regio naast Nederland (volledige jaren, per 1.000 woningen)",
    sql: `SELECT jaar, regio_per_1000, nederland_per_1000,
       round(100 * (regio_per_1000 - nederland_per_1000) / nederland_per_1000) AS verschil_procent
FROM nederland_per_jaar
WHERE volledig_jaar_in_levering
ORDER BY jaar`,
    burglaryOnly: true
  },
  {
    title: "Appgroepen per gemeente",
    sql: `SELECT w.gemeentecode, g.naam AS gemeente, count(*) AS groepen, sum(w.participants) AS deelnemers
FROM whatsapp_groups AS w LEFT JOIN gebieden AS g ON g.code = w.gemeentecode
GROUP BY w.gemeentecode, g.naam
ORDER BY groepen DESC`
  }
];

/**
 * The example queries titled in the theme's words (the SQL is the same for every theme), without the
 * national comparison in a build of another offence (its national series is empty there).
 * @example examplesFor(THEMES.fietsdiefstal)[0].title // "Fietsdiefstallen per jaar in de regio"
 */
export function examplesFor(theme: Theme): Example[] {
  return EXAMPLES.filter((e) => !e.burglaryOnly || theme.id === "woninginbraak")
    .map((e, i) => i === 0 ? {...e, title: `${capitalise(theme.plural)} per jaar in de regio`} : {...e});
}

/** The column listing of every table and view in the page's database (for the table list beside the console). */
export function columnsQuery(): string {
  return `SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position`;
}

const FIRST_WORDS = new Set(["select", "with", "from", "describe", "show", "summarize", "pivot", "unpivot", "values", "table", "explain"]);
const FORBIDDEN = /\b(install|load|attach|detach|copy|export|import|pragma|set|call|create|insert|update|delete|drop|alter)\b|read_(csv|json|parquet|text|blob)\w*\s*\(/i;
/** URLs are refused even inside quotes: DuckDB reads `FROM 'https://...'` as a remote file. */
const URL_SCHEME = /\b(https?|s3|s3a|gcs|gs|azure|az|abfss|hf|r2):\/\//i;

/**
 * Checks a console query before it runs: one read-only statement over the page's tables, nothing
 * that could read files or reach the network. Returns a Dutch message, or null when it may run.
 * @example checkQuery("SELECT 1"); // null
 */
export function checkQuery(text: string): string | null {
  const body = stripComments(text).trim().replace(/;\s*$/, "");
  if (!body) return "Typ eerst een query.";
  if (body.includes(";")) return "Voer één query tegelijk uit (zonder puntkomma ertussen).";
  const first = body.split(/\s+/)[0].toLowerCase();
  if (!FIRST_WORDS.has(first)) return `Alleen lezen is toegestaan: begin met SELECT, WITH, FROM, DESCRIBE, SHOW of SUMMARIZE (niet met ${first.toUpperCase()}).`;
  const forbidden = body.replace(/'(?:[^']|'')*'/g, "''").match(FORBIDDEN) ?? body.match(URL_SCHEME);
  if (forbidden) return `Deze console leest alleen de gepubliceerde tabellen; "${forbidden[0]}" is niet toegestaan.`;
  return null;
}

function stripComments(text: string): string {
  return text.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}

/**
 * A DuckDB error message as a plain Dutch sentence (the original stays available for analysts).
 * @example friendlySqlError("Catalog Error: Table with name foo does not exist!"); // "De tabel foo bestaat niet. ..."
 */
export function friendlySqlError(message: string): string {
  const text = String(message ?? "").replace(/\s+/g, " ").trim();
  let m: RegExpMatchArray | null;
  if ((m = text.match(/Table with name (\S+) does not exist/i))) return `De tabel ${m[1]} bestaat niet. Kies een tabel uit de lijst hiernaast.`;
  if ((m = text.match(/Referenced column "?([^"\s]+)"? not found/i)) || (m = text.match(/column "?([^"\s]+)"? (?:not found|does not exist)/i))) return `De kolom ${m[1]} bestaat niet in deze tabel. Kijk in de lijst met kolommen.`;
  if (/Parser Error/i.test(text)) {
    const near = text.match(/at or near "([^"]*)"/i);
    return `De query bevat een schrijffout${near ? ` bij "${near[1]}"` : ""}. Controleer komma's, haakjes en aanhalingstekens.`;
  }
  if (/Conversion Error|Could not convert/i.test(text)) return "Een waarde kon niet naar het gevraagde type worden omgezet. Controleer vergelijkingen tussen tekst en getallen.";
  if (/Binder Error/i.test(text)) return "De query verwijst naar iets wat niet klopt (een kolom, tabel of functie). Controleer de namen.";
  return "De query kon niet worden uitgevoerd.";
}

export interface ResultColumn {
  name: string;
  numeric: boolean;
  temporal: boolean;
}

/**
 * The default x and y for the quick chart: x the first column, y the first numeric column after it;
 * a bar chart for a categorical x, a line for a numeric or date x. Null when nothing is numeric.
 */
export function quickChartDefaults(columns: readonly ResultColumn[]): {x: string; y: string; mark: "bar" | "line"} | null {
  if (columns.length < 2) return null;
  const x = columns[0];
  const y = columns.slice(1).find((c) => c.numeric);
  if (!y) return null;
  return {x: x.name, y: y.name, mark: x.numeric || x.temporal ? "line" : "bar"};
}

/** Describes result columns from plain row objects (values decide: numbers/bigints numeric, Dates temporal). */
export function describeColumns(names: readonly string[], rows: readonly Record<string, unknown>[]): ResultColumn[] {
  return names.map((name) => {
    const sample = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined).slice(0, 50);
    return {
      name,
      numeric: sample.length > 0 && sample.every((v) => typeof v === "number" || typeof v === "bigint"),
      temporal: sample.length > 0 && sample.every((v) => v instanceof Date)
    };
  });
}

/** The front-matter file of a published table: `counts_grid` -> `./data/counts-grid.arrow`. */
export function tableFile(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`invalid table name: ${name}`);
  return `./data/${name.replace(/_/g, "-")}.arrow`;
}

/** Minimal shape of an Arrow table as DuckDB-wasm returns it (no apache-arrow import needed). */
export interface ArrowLike {
  schema: {fields: readonly {name: string; type: unknown}[]};
  toArray(): readonly {toJSON(): Record<string, unknown>}[];
}

/**
 * A query result as plain rows: dates and timestamps as Date, big integers and decimals as numbers.
 * @returns {names, columns, rows}
 */
export function resultRows(table: ArrowLike): {names: string[]; columns: ResultColumn[]; rows: Record<string, unknown>[]} {
  const fields = table.schema.fields.map((f) => ({name: f.name, type: String(f.type)}));
  const temporal = new Set(fields.filter((f) => /^(Date|Timestamp)/.test(f.type)).map((f) => f.name));
  const numeric = new Set(fields.filter((f) => /^(Int|Uint|Float|Decimal)/i.test(f.type)).map((f) => f.name));
  const rows = table.toArray().map((r) => {
    const o = r.toJSON();
    const out: Record<string, unknown> = {};
    for (const {name} of fields) {
      const v = o[name];
      out[name] = v === null || v === undefined ? null
        : temporal.has(name) ? new Date(v instanceof Date ? v.getTime() : Number(v))
        : typeof v === "bigint" ? Number(v)
        : numeric.has(name) && typeof v === "object" ? Number(v)
        : v;
    }
    return out;
  });
  const names = fields.map((f) => f.name);
  return {names, rows, columns: names.map((name) => ({name, numeric: numeric.has(name), temporal: temporal.has(name)}))};
}

/**
 * A query for the page filters: monthly counts of the chosen area, period and soort, with hidden
 * months shown as null. Values are checked before they enter the SQL text.
 * @example filterQuery({from: "2024-01", to: "2024-12", gemeente: "GM0153", soort: "alle"})
 */
export function filterQuery({from, to, gemeente, soort}: {from: string; to: string; gemeente: string; soort: string}): string {
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!month.test(from) || !month.test(to)) throw new Error(`invalid period: ${from} - ${to}`);
  if (gemeente !== "regio" && !AREA_CODE.gemeente.test(gemeente)) throw new Error(`invalid gemeente: ${gemeente}`);
  if (!["alle", "inbraak", "poging"].includes(soort)) throw new Error(`invalid soort: ${soort}`);
  return `SELECT month AS maand, soort, count AS aantal, suppressed AS verborgen
FROM counts_month
WHERE area_code = '${gemeente}'
  AND month BETWEEN DATE '${from}-01' AND DATE '${to}-01'${soort === "alle" ? "" : `\n  AND soort = '${soort}'`}
ORDER BY maand, soort`;
}

/**
 * The schema list beside the console: columns grouped by table or view (from columnsQuery()), the
 * Dutch views first (with what they hold), then the published tables, each in the order given.
 */
export function schemaGroups(rows: Iterable<{table_name: string; column_name: string; data_type: string}>): {name: string; about: string | null; columns: {column_name: string; data_type: string}[]}[] {
  const byTable = new Map<string, {column_name: string; data_type: string}[]>();
  for (const {table_name, column_name, data_type} of rows) {
    const columns = byTable.get(table_name) ?? byTable.set(table_name, []).get(table_name)!;
    columns.push({column_name, data_type});
  }
  const isView = (name: string) => (Object.hasOwn(DUTCH_VIEWS, name) ? 0 : 1);
  return [...byTable].sort(([a], [b]) => isView(a) - isView(b)).map(([name, columns]) => ({name, about: Object.hasOwn(DUTCH_VIEWS, name) ? DUTCH_VIEWS[name].about : null, columns}));
}

/** The console's outcome: rows (with a double-counting warning if any) or a Dutch error message. */
export type QueryOutcome = ({ok: true; warning: string | null} & ReturnType<typeof resultRows>) | {ok: false; message: string; detail: string};

/**
 * Runs one console query: refuses what checkQuery refuses, waits for the Dutch views, and turns a
 * DuckDB error into a Dutch message with the technical one beside it (never a thrown error).
 */
export async function runQuery(text: string, {run, ready}: {run: (text: string) => Promise<ArrowLike>; ready: Promise<unknown>}): Promise<QueryOutcome> {
  const problem = checkQuery(text);
  if (problem) return {ok: false, message: problem, detail: ""};
  try {
    await ready;
    return {ok: true, warning: doubleCountWarning(text), ...resultRows(await run(text))};
  } catch (error) {
    // DuckDB-wasm's worker errors carry a message but need not be Error instances.
    const message = String((error as {message?: unknown} | null)?.message ?? error);
    return {ok: false, message: friendlySqlError(message), detail: message};
  }
}
