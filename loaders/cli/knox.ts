/**
 * Command-line Near Repeat Calculator: reads incidents from any CSV with a header and prints the
 * Knox test tables (observed, expected, observed/expected, p-value) or JSON.
 *
 *   npm run knox -- inbraken.csv --x x_rd --y y_rd --date datum \
 *     --space-bands 0,1,100,200,300 --time-bands 0,7,14,21 --distance manhattan --permutations 999 --seed 1
 *
 * `runKnoxCli(argv)` is the whole program minus process I/O, so tests call it without spawning.
 */
import {existsSync, readFileSync, statSync} from "node:fs";
import {pathToFileURL} from "node:url";
import {dsvFormat} from "d3-dsv";
import iconv from "iconv-lite";
import {DEFAULT_KNOX_DISTANCE, knoxTest, nearRepeatShare, type KnoxDistance, type KnoxResult, type NearRepeatShare} from "../../src/lib/knox.js";
import {seededRng} from "../../src/lib/random.js";

/** Parsed command-line options. */
export interface KnoxCliArgs {
  file: string;
  x: string;
  y: string;
  date: string;
  spaceBands: number[];
  timeBands: number[];
  distance: KnoxDistance;
  permutations: number;
  seed: number;
  json: boolean;
  /** Optional near-repeat window for the share of incidents: [metres, days]. */
  near?: [number, number];
}

/** An error meant for the analyst (Dutch), with the exit code to use. */
export class KnoxCliError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
    this.name = "KnoxCliError";
  }
}

/** What the CLI would print and its exit code. */
export interface KnoxCliOutput {
  code: number;
  stdout: string;
  stderr: string;
  result?: KnoxResult;
}

const USAGE = `Gebruik: npm run knox -- <bestand.csv> [opties]

Knox-test op near repeats (zoals Ratcliffe's Near Repeat Calculator). Het CSV-bestand heeft een
kopregel; scheidingsteken , of ; (automatisch herkend); datums JJJJ-MM-DD of DD-MM-JJJJ, eventueel
met tijd (de tijd telt niet mee: verschillen zijn hele dagen). Coordinaten in meters (bijv. RD).

Opties:
  --x <kolom>              kolom met x in meters (standaard: x)
  --y <kolom>              kolom met y in meters (standaard: y)
  --date <kolom>           kolom met de datum (standaard: date)
  --space-bands <lijst>    grenzen in meters, rechts-open (standaard: 0,1,100,200,300,400)
  --time-bands <lijst>     grenzen in dagen, rechts-open (standaard: 0,7,14,21,28)
  --distance <soort>       manhattan of euclidean (standaard: ${DEFAULT_KNOX_DISTANCE})
  --permutations <aantal>  aantal permutaties (standaard: 999)
  --seed <getal>           startwaarde van de toevalsgenerator (standaard: 1)
  --near <meter>,<dagen>   toon ook het aandeel incidenten met een ander incident zo dichtbij
  --json                   uitvoer als JSON
  --help                   deze tekst`;

const DEFAULTS = {
  x: "x", y: "y", date: "date", spaceBands: [0, 1, 100, 200, 300, 400], timeBands: [0, 7, 14, 21, 28],
  distance: DEFAULT_KNOX_DISTANCE as KnoxDistance, permutations: 999, seed: 1
};

function parseBreaks(value: string, option: string): number[] {
  const breaks = value.split(",").map((v) => Number(v.trim()));
  const ok = value.trim() !== "" && breaks.every(Number.isFinite) && breaks[0] === 0 &&
    breaks.every((b, i) => i === 0 || b > breaks[i - 1]);
  if (!ok) {
    throw new KnoxCliError(`Ongeldige ${option} "${value}": geef oplopende getallen gescheiden door komma's, ` +
      `beginnend bij 0, bijvoorbeeld ${option === "--space-bands" ? "0,1,100,200,300" : "0,7,14,21"}.`, 2);
  }
  if (option === "--space-bands" && breaks.length > 32) throw new KnoxCliError(`Te veel ruimtebanden in ${option}: hoogstens 32 grenzen.`, 2);
  if (option === "--time-bands" && breaks.length > 255) throw new KnoxCliError(`Te veel tijdbanden in ${option}: hoogstens 255 grenzen.`, 2);
  return breaks;
}

/**
 * Parses the command-line arguments (without node and script) into options; throws KnoxCliError.
 * @example parseKnoxArgs(["data.csv", "--permutations", "99"]).permutations // 99
 */
export function parseKnoxArgs(argv: readonly string[]): KnoxCliArgs {
  const args: Omit<KnoxCliArgs, "file"> & {file?: string} = {...DEFAULTS, json: false};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      if (args.file !== undefined) throw new KnoxCliError(`Meer dan een bestand opgegeven: ${args.file} en ${arg}.`, 2);
      args.file = arg;
      continue;
    }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (name === "--json") { args.json = true; continue; }
    if (name === "--help") throw new KnoxCliError(USAGE, 0);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new KnoxCliError(`Optie ${name} mist een waarde.`, 2);
    switch (name) {
      case "--x": args.x = value; break;
      case "--y": args.y = value; break;
      case "--date": args.date = value; break;
      case "--space-bands": args.spaceBands = parseBreaks(value, name); break;
      case "--time-bands": args.timeBands = parseBreaks(value, name); break;
      case "--distance":
        if (value !== "manhattan" && value !== "euclidean") {
          throw new KnoxCliError(`Ongeldige --distance "${value}": kies manhattan of euclidean.`, 2);
        }
        args.distance = value;
        break;
      case "--permutations": {
        const r = Number(value);
        if (!Number.isInteger(r) || r < 1) throw new KnoxCliError(`Ongeldig aantal --permutations "${value}": geef een geheel getal van minstens 1.`, 2);
        args.permutations = r;
        break;
      }
      case "--seed": {
        const seed = Number(value);
        if (!Number.isInteger(seed)) throw new KnoxCliError(`Ongeldige --seed "${value}": geef een geheel getal.`, 2);
        args.seed = seed;
        break;
      }
      case "--near": {
        const parts = value.split(",").map((v) => Number(v.trim()));
        if (parts.length !== 2 || !parts.every((v) => Number.isFinite(v) && v > 0)) {
          throw new KnoxCliError(`Ongeldige --near "${value}": geef meters en dagen, bijvoorbeeld 200,14.`, 2);
        }
        args.near = [parts[0], parts[1]];
        break;
      }
      default:
        throw new KnoxCliError(`Onbekende optie: ${name}. Zie --help.`, 2);
    }
  }
  if (args.file === undefined) throw new KnoxCliError(`Geen bestand opgegeven.\n\n${USAGE}`, 2);
  return args as KnoxCliArgs;
}

/** Decodes file bytes: UTF-8 (BOM stripped), or Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), "win1252");
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Picks the separator of the header line: ";" when it has more semicolons than commas, else "," (or tab). */
function detectSeparator(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const counts: [string, number][] = [[",", count(",")], [";", count(";")], ["\t", count("\t")]];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ",";
}

/**
 * Parses a number as written in Dutch or English exports: "253123.45", "253123,45", "253.123,45".
 * @example parseNumberNl("253.123,5") // 253123.5
 */
export function parseNumberNl(value: string): number {
  let s = value.trim().replace(/\s/g, "");
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  return s === "" ? NaN : Number(s);
}

/**
 * Parses a date "YYYY-MM-DD" or "DD-MM-YYYY" (also with "/", and an optional time that is ignored)
 * to whole days since 1970-01-01; NaN when it is not a valid calendar date.
 * @example parseDay("02-01-1970") // 1
 */
export function parseDay(value: string): number {
  const s = value.trim();
  const time = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
  let m = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${time}$`).exec(s);
  let year: number, month: number, day: number;
  if (m) {
    [year, month, day] = [+m[1], +m[2], +m[3]];
  } else {
    m = new RegExp(String.raw`^(\d{1,2})[-/](\d{1,2})[-/](\d{4})${time}$`).exec(s);
    if (!m) return NaN;
    [day, month, year] = [+m[1], +m[2], +m[3]];
  }
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return NaN;
  return ms / 86_400_000;
}

/** Incidents read from a CSV. */
export interface IncidentColumns {
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
  columns: string[];
  separator: string;
}

/**
 * Reads x, y and date columns from CSV text with a header; throws KnoxCliError naming the column or line.
 * @example readIncidentCsv("x;y;datum\n1;2;01-02-2024\n", {x: "x", y: "y", date: "datum"}).t // [19754]
 */
export function readIncidentCsv(text: string, names: {x: string; y: string; date: string}, file = "het bestand"): IncidentColumns {
  const separator = detectSeparator(text);
  const rows = dsvFormat(separator).parse(text);
  const columns = rows.columns;
  for (const [option, name] of [["--x", names.x], ["--y", names.y], ["--date", names.date]] as const) {
    if (!columns.includes(name)) {
      throw new KnoxCliError(`Kolom "${name}" (${option}) bestaat niet in ${file}. Beschikbare kolommen: ${columns.join(", ")}.`);
    }
  }
  const n = rows.length;
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const line = i + 2; // the header is line 1
    for (const [name, target] of [[names.x, x], [names.y, y]] as const) {
      const raw = row[name] ?? "";
      const value = parseNumberNl(raw);
      if (!Number.isFinite(value)) throw new KnoxCliError(`Regel ${line}: "${raw}" in kolom "${name}" is geen getal.`);
      target[i] = value;
    }
    const raw = row[names.date] ?? "";
    const day = parseDay(raw);
    if (!Number.isFinite(day)) {
      throw new KnoxCliError(`Regel ${line}: "${raw}" in kolom "${names.date}" is geen geldige datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ).`);
    }
    t[i] = day;
  }
  if (n < 2) throw new KnoxCliError(`${file} bevat ${n} incident(en); de Knox-test heeft er minstens 2 nodig.`);
  return {x, y, t, columns, separator};
}

const nlInt = (v: number) => v.toLocaleString("nl-NL", {maximumFractionDigits: 0});
const nlFixed = (v: number, digits: number) =>
  Number.isFinite(v) ? v.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits}) : "-";

function table(result: KnoxResult, title: string, cell: (s: number, k: number) => string): string {
  const header = ["ruimte \\ tijd", ...result.timeBands.map((b) => b.label)];
  const rows = result.spaceBands.map((b, s) => [b.label, ...result.timeBands.map((_, k) => cell(s, k))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ");
  return [title, line(header), ...rows.map(line)].join("\n");
}

/**
 * Formats a Knox result as readable text tables with Dutch headings.
 * @example formatKnoxText(result, args) // "Knox-test op near repeats ..."
 */
export function formatKnoxText(result: KnoxResult, args: KnoxCliArgs, share?: NearRepeatShare): string {
  const R = result.permutations;
  const parts = [
    `Knox-test op near repeats: ${args.file}`,
    `${nlInt(result.n)} incidenten, ${nlInt(result.totalPairs)} paren (${nlInt(result.nearPairs)} binnen ` +
      `${nlInt(result.spaceBands.at(-1)!.lower)} m); afstand ${result.distance}; ${nlInt(R)} permutaties van de datums; seed ${args.seed}.`,
    `Banden zijn rechts-open: [a, b) betekent a of meer en minder dan b. NRC-labels: ` +
      `${result.spaceBands.map((b) => b.labelNrc).join(" | ")}; ${result.timeBands.map((b) => b.labelNrc).join(" | ")}.`,
    "",
    table(result, "Waargenomen aantal paren", (s, k) => nlInt(result.observed[s][k])),
    "",
    table(result, `Verwacht aantal paren (gemiddelde over ${nlInt(R)} permutaties)`, (s, k) => nlFixed(result.expected[s][k], 1)),
    "",
    table(result, "Verhouding waargenomen / verwacht (* = p <= 0,05)", (s, k) =>
      nlFixed(result.ratio[s][k], 2) + (result.pValue[s][k] <= 0.05 ? "*" : " ")),
    "",
    table(result, `p-waarde (Monte Carlo: (1 + permutaties met aantal >= waargenomen) / (${nlInt(R)} + 1))`, (s, k) =>
      nlFixed(result.pValue[s][k], 3))
  ];
  if (share && args.near) {
    parts.push("", `Near repeats: ${nlInt(share.count)} van ${nlInt(share.n)} incidenten (${nlFixed(100 * share.share, 1)}%) ` +
      `hadden een ander incident binnen ${nlInt(args.near[0])} m en ${nlInt(args.near[1])} dagen (rechts-open; ${nlInt(share.pairs)} paren).`);
  }
  return parts.join("\n") + "\n";
}

/** JSON with NaN and Infinity as null. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2);
}

/**
 * Runs the CLI on arguments (without node and script) and returns what it prints and its exit code.
 * @example runKnoxCli(["data.csv", "--x", "x_rd", "--y", "y_rd", "--date", "datum", "--json"]).code // 0
 */
export function runKnoxCli(argv: readonly string[]): KnoxCliOutput {
  try {
    const args = parseKnoxArgs(argv);
    if (!existsSync(args.file) || !statSync(args.file).isFile()) throw new KnoxCliError(`Bestand niet gevonden: ${args.file}`);
    const text = decodeText(readFileSync(args.file));
    const incidents = readIncidentCsv(text, args, args.file);
    const points = {x: incidents.x, y: incidents.y, t: incidents.t};
    const result = knoxTest(points, {
      spaceBands: args.spaceBands, timeBands: args.timeBands, distance: args.distance,
      permutations: args.permutations, rng: seededRng(args.seed)
    });
    const share = args.near
      ? nearRepeatShare(points, {maxDistance: args.near[0], maxDays: args.near[1], distance: args.distance})
      : undefined;
    const stdout = args.json
      ? toJson({
        file: args.file,
        options: {x: args.x, y: args.y, date: args.date, spaceBands: args.spaceBands, timeBands: args.timeBands,
          distance: args.distance, permutations: args.permutations, seed: args.seed},
        ...result,
        ...(share ? {nearRepeatShare: {maxDistance: args.near![0], maxDays: args.near![1], n: share.n, count: share.count, share: share.share, pairs: share.pairs}} : {})
      }) + "\n"
      : formatKnoxText(result, args, share);
    return {code: 0, stdout, stderr: "", result};
  } catch (error) {
    if (error instanceof KnoxCliError) {
      return error.code === 0 ? {code: 0, stdout: error.message + "\n", stderr: ""} : {code: error.code, stdout: "", stderr: `Fout: ${error.message}\n`};
    }
    return {code: 1, stderr: `Fout: ${error instanceof Error ? error.message : String(error)}\n`, stdout: ""};
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = runKnoxCli(process.argv.slice(2));
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.code;
}
