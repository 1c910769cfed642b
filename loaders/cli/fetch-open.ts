/**
 * fetch:open: downloads the public CBS/police tables for the region into a delivery folder in our
 * templates (cbs_misdrijven.csv, kerncijfers.csv, optionally gebieden.geojson) with bronnen.json.
 *
 * Usage: npm run fetch:open -- --out <map> [--jaar 2023 | --jaar 2019-2023] [--regio GM0141,...]
 *        [--gebieden-url <GeoJSON-URL>] [--kwb-tabel 85984NED] [--timeout 60] [--nederland ook|alleen|nee]
 *
 * It also refreshes the national benchmark loaders/reference/nederland.json (loaders/sources/
 * national.ts); `--nederland alleen` does only that (no --out needed), `--nederland nee` skips it.
 */
import {NATIONAL_REFERENCE} from "../analyses/national.js";
import {parseGemeentecode} from "../delivery/values.js";
import type {FetchLike} from "../sources/cbs-odata.js";
import {refreshNational, type NationalRefresh} from "../sources/national.js";
import {fetchOpenData, KWB_TABLES, type OpenDataOptions} from "../sources/open-data.js";
import {isMain} from "./main.js";

const USAGE = "Gebruik: npm run fetch:open -- --out <map> [--jaar 2023 | --jaar 2019-2023] [--regio GM0141,GM0153] [--gebieden-url <url>] [--kwb-tabel 85984NED] [--timeout 60] [--nederland ook|alleen|nee]";
const KNOWN = new Set(["out", "jaar", "regio", "gebieden-url", "kwb-tabel", "timeout", "nederland"]);

/** Whether fetch:open refreshes nederland.json too (default), only that, or not. */
export type NationalMode = "ook" | "alleen" | "nee";

export interface FetchOpenResult {
  exitCode: 0 | 1;
  output: string;
}

/**
 * Parses the command line into options for {@link fetchOpenData}, or returns a Dutch error.
 * @example parseFetchOpenArgs(["--out", "x", "--jaar", "2023"]) // {options: {out: "x", year: [2023], ...}}
 */
export function parseFetchOpenArgs(args: readonly string[]): {options: OpenDataOptions; national?: NationalMode} | {error: string} {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--help" || a === "-h") return {error: USAGE};
    if (!a.startsWith("--")) return {error: `Fout: onverwacht argument '${a}'.\n${USAGE}`};
    const name = a.slice(2);
    if (!KNOWN.has(name)) return {error: `Fout: onbekende optie ${a}.\n${USAGE}`};
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) return {error: `Fout: optie ${a} mist een waarde.`};
    values[name] = value;
    i++;
  }
  let national: NationalMode | undefined;
  if (values.nederland !== undefined) {
    if (!["ook", "alleen", "nee"].includes(values.nederland)) return {error: `Fout: ongeldige --nederland: ${values.nederland} (ook, alleen of nee).`};
    national = values.nederland as NationalMode;
  }
  if (!values.out && national !== "alleen") return {error: `Fout: geef met --out de map op waarin de levering komt.\n${USAGE}`};
  const options: OpenDataOptions = {out: values.out ?? ""};
  if (values.jaar !== undefined) {
    const match = /^(\d{4})(?:-(\d{4}))?$/.exec(values.jaar.trim());
    const from = match ? Number(match[1]) : NaN, to = match?.[2] ? Number(match[2]) : from;
    if (!match || from < 2000 || to > 2100 || to < from || to - from > 30) return {error: `Fout: ongeldig --jaar: ${values.jaar} (een jaar als 2023 of een reeks als 2019-2023).`};
    options.year = Array.from({length: to - from + 1}, (_, i) => from + i);
  }
  if (values.regio !== undefined) {
    const region = values.regio.split(",").map((s) => parseGemeentecode(s.trim()) ?? "");
    if (!region.length || region.some((c) => !c)) return {error: `Fout: ongeldige gemeentecode in --regio: ${values.regio} (bijvoorbeeld GM0153,GM0164).`};
    options.region = [...new Set(region)];
  }
  if (values["gebieden-url"] !== undefined) {
    if (!/^https?:\/\/\S+$/.test(values["gebieden-url"])) return {error: `Fout: ongeldige --gebieden-url: ${values["gebieden-url"]} (een http(s)-adres dat GeoJSON geeft).`};
    options.boundariesUrl = values["gebieden-url"];
  }
  if (values["kwb-tabel"] !== undefined) {
    const id = values["kwb-tabel"].trim().toUpperCase();
    if (!/^\d{5}NED$/.test(id)) return {error: `Fout: ongeldige --kwb-tabel: ${values["kwb-tabel"]} (een CBS-tabelnummer als 85984NED).`};
    const years = Array.isArray(options.year) ? (options.year as number[]) : [];
    if (years.length !== 1) return {error: "Fout: --kwb-tabel vraagt om precies één --jaar."};
    options.kwbTables = {...KWB_TABLES, [years[0]]: id};
  }
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout.replace(",", "."));
    if (!(seconds > 0 && seconds <= 3600)) return {error: `Fout: ongeldige --timeout: ${values.timeout} (seconden, groter dan 0).`};
    options.timeoutMs = seconds * 1000;
  }
  return national ? {options, national} : {options};
}

/**
 * Runs fetch:open on command-line arguments; never exits the process.
 * @param deps.fetch the fetch to use (tests pass a fake serving fixtures)
 * @returns exit code 0 with a summary of what was written, or 1 with a Dutch error
 */
export async function runFetchOpen(args: readonly string[], deps: {fetch?: FetchLike; now?: () => Date; nationalPath?: string} = {}): Promise<FetchOpenResult> {
  const parsed = parseFetchOpenArgs(args);
  if ("error" in parsed) return {exitCode: 1, output: parsed.error};
  const national = parsed.national ?? "ook";
  const options = {...parsed.options, fetch: deps.fetch, now: deps.now};
  const lines: string[] = [];
  if (national !== "alleen") {
    const delivery = await runDelivery(options);
    lines.push(delivery.output);
    if (delivery.exitCode) return delivery;
  }
  if (national === "nee") return {exitCode: 0, output: lines.join("\n")};
  const path = deps.nationalPath ?? NATIONAL_REFERENCE;
  try {
    lines.push(...nationalLines(await refreshNational({path, fetch: deps.fetch, now: deps.now, timeoutMs: options.timeoutMs})));
    return {exitCode: 0, output: lines.join("\n")};
  } catch (error) {
    lines.push(`Fout: ${(error as Error).message}`, `${path} is niet veranderd.`);
    return {exitCode: 1, output: lines.join("\n")};
  }
}

/** What the refresh of nederland.json did, in Dutch. */
function nationalLines(result: NationalRefresh): string[] {
  const span = (years: number[]) => (years.length ? `${years[0]}–${years[years.length - 1]}` : "geen");
  const lines = [`Landelijke reeks bijgewerkt in ${result.path}: ${result.replaced.length + result.added.length} jaren uit CBS (${span([...result.replaced, ...result.added].sort((a, b) => a - b))}), ${result.added.length} nieuw${result.kept.length ? `; ${result.kept.length} jaren ongewijzigd uit het bestand (${result.kept.join(", ")})` : ""}`];
  for (const s of result.series) {
    lines.push(`  bron ${s.source.table} (${s.source.licence}${s.source.modified ? `, gewijzigd ${s.source.modified.slice(0, 10)}` : ""}): ${s.source.topic}`);
    if (s.missing.length) lines.push(`    geen waarde voor ${s.missing.join(", ")}`);
  }
  return lines;
}

/** Downloads the delivery folder's open data (the original fetch:open). */
async function runDelivery(options: OpenDataOptions): Promise<FetchOpenResult> {
  try {
    const result = await fetchOpenData(options);
    const lines = [`Open data opgehaald in ${result.dir} (regio: ${result.provenance.regio.length} gemeenten; jaren: ${result.provenance.jaren.join(", ")})`];
    for (const f of result.files) lines.push(`  ${f.file.padEnd(20)} ${f.rows.toLocaleString("nl-NL")} ${f.file.endsWith(".json") ? "bronnen" : f.file.endsWith(".geojson") ? "gebieden" : "rijen"}`);
    for (const s of result.provenance.bronnen) {
      lines.push(`  bron ${s.tabel}: ${s.titel} (${s.licentie}${s.gewijzigd ? `, gewijzigd ${s.gewijzigd.slice(0, 10)}` : ""})${s.ontbrekende_waarden ? `; ${s.ontbrekende_waarden} ontbrekende waarden niet geschreven` : ""}`);
      if (s.niet_gevonden?.length) lines.push(`    niet in de tabel: ${s.niet_gevonden.join(", ")}`);
      for (const note of s.opmerkingen.filter((n) => n.startsWith("Let op"))) lines.push(`    ${note}`);
    }
    for (const w of result.provenance.waarschuwingen) lines.push(`Waarschuwing: ${w}`);
    return {exitCode: 0, output: lines.join("\n")};
  } catch (error) {
    return {exitCode: 1, output: `Fout: ${(error as Error).message}`};
  }
}

if (isMain(import.meta.url)) {
  void runFetchOpen(process.argv.slice(2)).then((result) => {
    (result.exitCode ? process.stderr : process.stdout).write(result.output + "\n");
    process.exitCode = result.exitCode;
  });
}
