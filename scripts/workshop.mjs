/**
 * The workshop's file edits as one npm script (`npm run workshop -- <stap> [...]`), so every step of
 * docs/workshop/ is typed the same in PowerShell on Windows and in a Unix shell: no sed, head or
 * printf, no shell quoting or redirection (issue 14, item 9). Plain Node (no tsx), positional
 * arguments only (PowerShell's npm.ps1 may swallow the `--` before options). Every edit says what it
 * changed, and refuses with a Dutch message when the text it expects is not there (done twice, or
 * the file changed by hand), without writing anything.
 *
 *   kop <bestand> [regels]              the first lines of a file (default 3), like `head`
 *   breek <levering>/inbraken.csv       makes line 5 an unknown soort and line 6 a mistyped code
 *   herstel <levering>/inbraken.csv     undoes exactly that
 *   proefbestand-deelnemers             session 2: the sample buurtschouwen.csv with a deelnemers column
 *   contract-deelnemers                 session 2: the contract test asks for the extra column
 *   loader-deelnemers                   session 2: the loader reads it
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {pathToFileURL} from "node:url";

/** A workshop step failed; the message is Dutch and says what to do. */
export class WorkshopError extends Error {}

/** The text of a file, or a Dutch error naming it. */
function read(path) {
  if (!existsSync(path)) throw new WorkshopError(`${path} bestaat niet. Is de vorige stap gedaan?`);
  return readFileSync(path, "utf8");
}

/** The first `count` lines of a file. */
export function head(path, count = 3) {
  if (!Number.isInteger(count) || count < 1) throw new WorkshopError(`ongeldig aantal regels: ${count} (een geheel getal vanaf 1)`);
  return read(path).split(/\r?\n/).slice(0, count).join("\n");
}

/** The field index of a column in a `;`-separated header. */
function columnIndex(header, name, path) {
  const index = header.split(";").indexOf(name);
  if (index < 0) throw new WorkshopError(`${path} heeft geen kolom ${name}.`);
  return index;
}

/**
 * Edits lines 5 and 6 of an inbraken.csv (line 1 is the header): `soort` of line 5 from `from.soort`
 * to `to.soort`, the `gemeentecode` of line 6 by `to.code(code)`; refuses when a line does not hold
 * what `from` expects. Returns what it changed, a sentence per line.
 */
function editRows(path, from, to) {
  const text = read(path);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const soort = columnIndex(lines[0], "soort", path), code = columnIndex(lines[0], "gemeentecode", path);
  if (lines.length < 7) throw new WorkshopError(`${path} heeft minder dan 6 regels.`);
  const five = lines[4].split(";"), six = lines[5].split(";");
  if (!from.soort(five[soort])) throw new WorkshopError(`regel 5 van ${path} heeft soort '${five[soort]}'; verwacht ${from.soortText}. Is deze stap al gedaan?`);
  if (!from.code(six[code])) throw new WorkshopError(`regel 6 van ${path} heeft gemeentecode '${six[code]}'; verwacht ${from.codeText}. Is deze stap al gedaan?`);
  const changes = [`regel 5, kolom soort: ${five[soort]} -> ${to.soort}`, `regel 6, kolom gemeentecode: ${six[code]} -> ${to.code(six[code])}`];
  five[soort] = to.soort;
  six[code] = to.code(six[code]);
  lines[4] = five.join(";");
  lines[5] = six.join(";");
  writeFileSync(path, lines.join(eol));
  return changes;
}

/** Session 1, step 3: two broken rows, as they occur in real deliveries. */
export function breakRows(path) {
  return editRows(path,
    {soort: (s) => s === "inbraak" || s === "poging", soortText: "inbraak of poging", code: (c) => /^GM\d{4}$/.test(c), codeText: "een code als GM0153"},
    {soort: "onbekend", code: (c) => `${c}X`});
}

/** Session 1, step 5: the rows repaired (line 5 was a burglary; the X in line 6 was a typo). */
export function repairRows(path) {
  return editRows(path,
    {soort: (s) => s === "onbekend", soortText: "onbekend (stap 3)", code: (c) => /^GM\d{4}X$/.test(c), codeText: "een code met een X (stap 3)"},
    {soort: "inbraak", code: (c) => c.slice(0, -1)});
}

const SAMPLE = "test/fixtures/sources/buurtschouwen/buurtschouwen.csv";
const CONTRACT = "test/contract/buurtschouwen.test.ts";
const LOADER = "loaders/sources/buurtschouwen.ts";

/** Replaces each [from, to] once in a file; refuses (writing nothing) when a `from` is not found. */
function replaceAll(path, pairs) {
  let text = read(path);
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new WorkshopError(`${path}: de tekst om te veranderen staat er niet (meer) in: ${from.split("\n")[0]}. Is deze stap al gedaan, of is het bestand met de hand veranderd?`);
    text = text.replace(from, to);
  }
  writeFileSync(path, text);
}

/** Session 2, step 3: the sample file gains a deelnemers column (with the same faulty last row). */
export function sampleWithParticipants() {
  read(SAMPLE);
  writeFileSync(SAMPLE, "gebiedscode;datum;aantal;deelnemers\nGM0153;01-03-2024;12;4\nBU01530101;2024-04-15;3;2\nGM0164;2024-05-01;veel;1\n");
  return [`${SAMPLE}: kolom deelnemers toegevoegd (3 rijen)`];
}

/** Session 2, step 3: the contract test asks for a fourth column of type Int32. */
export function contractWithParticipants() {
  replaceAll(CONTRACT, [['toEqual(["Dictionary<Int32, Utf8>", "Date32<DAY>", "Int32"])', 'toEqual(["Dictionary<Int32, Utf8>", "Date32<DAY>", "Int32", "Int32"])']]);
  return [`${CONTRACT}: het contract vraagt nu vier kolommen (de vierde Int32)`];
}

/** Session 2, step 4: the loader reads the deelnemers column into `participants`. */
export function loaderWithParticipants() {
  replaceAll(LOADER, [
    ['{name: "count", kind: "int32", description: "number (aantal)"}', '{name: "count", kind: "int32", description: "number (aantal)"},\n  {name: "participants", kind: "int32", description: "participants (deelnemers)", nullable: true}'],
    ["  count: number;\n}", "  count: number;\n  participants: number | null;\n}"],
    ["return {area_code: area, day: Math.floor(date.minutes / 1440), count};", "const participants = parseInteger((record.deelnemers ?? \"\").trim()) ?? null;\n  return {area_code: area, day: Math.floor(date.minutes / 1440), count, participants};"],
    ["count: Int32Array.from(rows, (r) => r.count)\n", "count: Int32Array.from(rows, (r) => r.count),\n    participants: rows.map((r) => r.participants)\n"]
  ]);
  return [`${LOADER}: kolom participants toegevoegd aan SCHEMA, Row, parseRow en buildTable`];
}

const USAGE = "Gebruik: npm run workshop -- kop <bestand> [regels] | breek <bestand> | herstel <bestand> | proefbestand-deelnemers | contract-deelnemers | loader-deelnemers";

/** Runs a workshop command; returns the text to print and the exit code (never exits). */
export function runWorkshop(args) {
  const [command, ...rest] = args;
  const file = () => {
    if (!rest[0]) throw new WorkshopError(`${command}: welk bestand?\n${USAGE}`);
    return rest[0];
  };
  try {
    switch (command) {
      case "kop": return {exitCode: 0, output: head(file(), rest[1] === undefined ? 3 : Number(rest[1]))};
      case "breek": return {exitCode: 0, output: breakRows(file()).join("\n")};
      case "herstel": return {exitCode: 0, output: repairRows(file()).join("\n")};
      case "proefbestand-deelnemers": return {exitCode: 0, output: sampleWithParticipants().join("\n")};
      case "contract-deelnemers": return {exitCode: 0, output: contractWithParticipants().join("\n")};
      case "loader-deelnemers": return {exitCode: 0, output: loaderWithParticipants().join("\n")};
      default: return {exitCode: 1, output: command ? `Onbekende stap: ${command}\n${USAGE}` : USAGE};
    }
  } catch (error) {
    if (error instanceof WorkshopError) return {exitCode: 1, output: `Fout: ${error.message}`};
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runWorkshop(process.argv.slice(2));
  (result.exitCode ? process.stderr : process.stdout).write(result.output + "\n");
  process.exitCode = result.exitCode;
}
