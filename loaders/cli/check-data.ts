/**
 * check-data: validates a delivery folder without building the site. Prints a Dutch report (or
 * JSON with --json), writes rejected rows to the quarantine folder, and exits 0 when the delivery
 * can be used and 1 when it cannot.
 *
 * Usage: npm run check-data -- <map> [--json] [--out <bestand>] [--regio GM0153,GM0164] [--max-afkeur 0.05]
 *        [--quarantaine <map>] [--max-meldingen 20] [--peildatum 2025-12-31] [--eerste-jaar 2000]
 */
import {existsSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {isAbsolute, join, relative, resolve, sep} from "node:path";
import {PROJECT_ROOT} from "../config.js";
import {quarantineName, writeQuarantine} from "../delivery/quarantine.js";
import {readDelivery, type Delivery} from "../delivery/read.js";
import {REJECT_REASONS, rejectMessage, type RejectReason} from "../delivery/reject.js";
import {dateLimits, parseGemeentecode} from "../delivery/values.js";
import {isMain} from "./main.js";

export interface CheckResult {
  usable: boolean;
  output: string;
  delivery: Delivery | null;
}

const nl = (n: number) => n.toLocaleString("nl-NL");

/** Renders the readable report. */
export function formatReport(delivery: Delivery, {maxMessages = 20, quarantine}: {maxMessages?: number; quarantine?: string[]} = {}): string {
  const out: string[] = [];
  const usable = delivery.errors.length === 0;
  out.push(`Controle van levering: ${delivery.dir}`);
  out.push(`Regio: ${delivery.region.length} gemeenten (${delivery.region.join(", ")})`);
  out.push("");
  for (const r of delivery.reports) {
    if (!r.present) {
      out.push(`${r.file}: niet geleverd${r.error ? ` — FOUT: ${r.error}` : ""}`);
      continue;
    }
    out.push(`${r.file}: ${nl(r.read)} gelezen = ${nl(r.accepted)} geaccepteerd + ${nl(r.rejected)} afgekeurd${r.encoding ? ` (${r.encoding}${r.separator ? `, scheidingsteken '${r.separator}'` : ""})` : ""}`);
    for (const [reason, n] of Object.entries(r.byReason).sort((a, b) => b[1] - a[1])) {
      out.push(`    ${nl(n).padStart(8)}  ${reason}: ${REJECT_REASONS[reason as RejectReason]}`);
    }
    if (r.error) out.push(`  FOUT: ${r.error}`);
    const rejects = delivery.rejects.filter((x) => x.file === r.file);
    for (const x of rejects.slice(0, maxMessages)) out.push(`  - ${rejectMessage(x)}`);
    if (rejects.length > maxMessages) out.push(`  ... en nog ${nl(rejects.length - maxMessages)} afgekeurde rijen (zie de quarantaine)`);
  }
  out.push("");
  if (delivery.warnings.length) {
    out.push("Waarschuwingen:");
    for (const w of delivery.warnings) out.push(`  - ${w}`);
    out.push("");
  }
  if (quarantine?.length) out.push(`Afgekeurde rijen staan in: ${quarantine.join(", ")}`);
  out.push(usable ? "Oordeel: BRUIKBAAR — de levering kan worden gebruikt." : "Oordeel: NIET BRUIKBAAR — herstel eerst:");
  for (const e of delivery.errors) out.push(`  - ${e.message}`);
  return out.join("\n");
}

/**
 * Runs check-data on parsed arguments; never exits the process. The default quarantine folder is
 * `<projectRoot>/data/quarantaine/<quarantineName(delivery)>`.
 */
export function checkData(args: string[], {projectRoot = PROJECT_ROOT}: {projectRoot?: string} = {}): CheckResult {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") options.json = true;
    else if (a.startsWith("--")) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) return {usable: false, output: `Fout: optie ${a} mist een waarde.`, delivery: null};
      options[a.slice(2)] = value;
      i++;
    } else positional.push(a);
  }
  const known = new Set(["json", "out", "regio", "max-afkeur", "quarantaine", "max-meldingen", "peildatum", "eerste-jaar"]);
  const unknown = Object.keys(options).filter((k) => !known.has(k));
  if (unknown.length) return {usable: false, output: `Fout: onbekende optie --${unknown[0]}. Gebruik: check-data <map> [--json] [--out <bestand>] [--regio GM0153,...] [--max-afkeur 0.05] [--quarantaine <map>] [--peildatum JJJJ-MM-DD] [--eerste-jaar 2000]`, delivery: null};
  if (positional.length !== 1) return {usable: false, output: "Gebruik: npm run check-data -- <map met de levering> [--json]", delivery: null};
  let region: string[] | undefined;
  if (typeof options.regio === "string") {
    region = options.regio.split(",").map((s) => parseGemeentecode(s.trim()) ?? "");
    if (region.some((c) => !c)) return {usable: false, output: `Fout: ongeldige gemeentecode in --regio: ${options.regio}`, delivery: null};
  }
  const maxRejectShare = options["max-afkeur"] === undefined ? 0.05 : Number(String(options["max-afkeur"]).replace(",", "."));
  if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) return {usable: false, output: `Fout: ongeldige --max-afkeur: ${options["max-afkeur"]} (een fractie tussen 0 en 1)`, delivery: null};
  const peildatum = typeof options.peildatum === "string" ? options.peildatum : undefined;
  const firstYear = options["eerste-jaar"] === undefined ? undefined : Number(options["eerste-jaar"]);
  try {
    dateLimits({peildatum, firstYear});
  } catch (error) {
    return {usable: false, output: `Fout: ${(error as Error).message} (--peildatum, --eerste-jaar)`, delivery: null};
  }
  if (typeof options.out === "string") {
    const refused = refuseOut(options.out, positional[0]);
    if (refused) return {usable: false, output: `Fout: ${refused} (--out)`, delivery: null};
  }
  let delivery: Delivery;
  try {
    delivery = readDelivery(positional[0], {region, maxRejectShare, peildatum, firstYear});
  } catch (error) {
    return {usable: false, output: `Fout: ${(error as Error).message}`, delivery: null};
  }
  const quarantineDir = typeof options.quarantaine === "string" ? options.quarantaine : join(projectRoot, "data", "quarantaine", quarantineName(positional[0]));
  let quarantine: string[];
  try {
    quarantine = writeQuarantine(delivery, quarantineDir);
  } catch (error) {
    return {usable: false, output: `Fout: ${(error as Error).message}`, delivery};
  }
  const usable = delivery.errors.length === 0;
  const result = report(delivery, usable, quarantine, options);
  // --out writes the report (or the JSON) to a file, so no npm banner or shell redirection
  // (PowerShell writes UTF-16) gets in the way; the screen gets one line saying where it went.
  if (typeof options.out === "string") {
    try {
      writeFileSync(options.out, result + "\n", "utf8");
    } catch (error) {
      return {usable: false, output: `Fout: kan ${options.out} niet schrijven: ${(error as Error).message} (--out)`, delivery};
    }
    return {usable, output: `${usable ? "Oordeel: BRUIKBAAR" : "Oordeel: NIET BRUIKBAAR"}; het verslag staat in ${options.out}`, delivery};
  }
  return {usable, output: result, delivery};
}

/** Whether a file's text is a report that check-data wrote (readable or JSON). */
export function isCheckDataReport(text: string): boolean {
  if (text.startsWith("Controle van levering: ")) return true;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return typeof json.usable === "boolean" && typeof json.dir === "string" && Array.isArray(json.files);
  } catch {
    return false;
  }
}

/**
 * Why `--out <out>` may not be written, or undefined: never inside the delivery folder (a report there
 * would become part of the delivery, or overwrite one of its files), never a folder, and an existing
 * file only when it is an earlier report of check-data.
 */
export function refuseOut(out: string, deliveryDir: string): string | undefined {
  const rel = relative(resolve(deliveryDir), resolve(out));
  if (rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
    return `${out} ligt in de leveringsmap ${deliveryDir}; schrijf het verslag buiten de levering`;
  }
  if (!existsSync(out)) return undefined;
  if (statSync(out).isDirectory()) return `${out} is een map; geef een bestandsnaam, bijvoorbeeld verslag.json`;
  if (!isCheckDataReport(readFileSync(out, "utf8"))) return `${out} bestaat al en is geen verslag van check-data; kies een andere naam of verwijder het bestand eerst`;
  return undefined;
}

function report(delivery: Delivery, usable: boolean, quarantine: string[], options: Record<string, string | true>): string {
  if (options.json) {
    const json = {
      usable,
      dir: delivery.dir,
      region: delivery.region,
      files: delivery.reports,
      errors: delivery.errors.map((e) => ({file: e.file, problem: e.problem, fix: e.fix})),
      warnings: delivery.warnings,
      rejects: delivery.rejects.map(({file, line, column, value, reason}) => ({file, line, column, value, reason, message: REJECT_REASONS[reason]})),
      quarantine
    };
    return JSON.stringify(json, null, 2);
  }
  const maxMessages = options["max-meldingen"] === undefined ? 20 : Number(options["max-meldingen"]);
  return formatReport(delivery, {maxMessages, quarantine});
}

if (isMain(import.meta.url)) {
  const result = checkData(process.argv.slice(2));
  process.stdout.write(result.output + "\n");
  process.exitCode = result.usable ? 0 : 1;
}
