/**
 * Writes a demo delivery folder: `tsx loaders/cli/demo.ts --out <dir> [--seed 1] [--incidents N]
 * [--theme woninginbraak|fietsdiefstal]`,
 * and prints a Dutch summary of the files and their rows.
 */
import {parseArgs} from "node:util";
import {pathToFileURL} from "node:url";
import {capitalise, themeOf} from "../../src/lib/theme.js";
import {writeDemoDelivery} from "../demo/generate.js";
import {demoOptionsForTheme} from "../demo/themes.js";

/**
 * Parses the command line, writes the delivery and returns the summary lines (Dutch).
 * @example runDemoCli(["--out", "data/demo", "--seed", "2"])
 */
export function runDemoCli(argv: string[]): string[] {
  const {values} = parseArgs({
    args: argv,
    options: {out: {type: "string"}, seed: {type: "string"}, incidents: {type: "string"}, from: {type: "string"}, to: {type: "string"}, theme: {type: "string"}},
    strict: true
  });
  if (!values.out) throw new Error("invalid out: geef een map op met --out <map>");
  const number = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`invalid ${name}: ${v}`);
    return n;
  };
  const theme = themeOf(values.theme);
  const started = performance.now();
  const truth = writeDemoDelivery(values.out, {
    ...demoOptionsForTheme(theme.id),
    seed: number("seed", values.seed),
    incidents: number("incidents", values.incidents) ?? demoOptionsForTheme(theme.id).incidents,
    fromYear: number("from", values.from),
    toYear: number("to", values.to)
  });
  const seconds = (performance.now() - started) / 1000;
  const fmt = (n: number) => n.toLocaleString("nl-NL");
  const lines = [
    `Demolevering geschreven naar ${values.out} (seed ${truth.seed}, ${truth.options.fromYear}-${truth.options.toYear}) in ${seconds.toFixed(1).replace(".", ",")} s:`
  ];
  for (const [file, rows] of Object.entries(truth.counts.files)) {
    lines.push(`  ${file.padEnd(24)} ${fmt(rows).padStart(12)} ${file.endsWith(".geojson") ? "gebieden" : "rijen"}`);
  }
  lines.push(`  ${"truth.json".padEnd(24)} ${"".padStart(12)} geplante effecten`);
  const i = truth.counts.incidents;
  lines.push(`${capitalise(theme.plural)}: ${fmt(i.total)} (waarvan ${fmt(i.pogingen)} pogingen en ${fmt(i.followUps)} herhalingen in de buurt); ` +
    `${truth.counts.areas.gemeenten} gemeenten, ${truth.counts.areas.wijken} wijken, ${truth.counts.areas.buurten} buurten.`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    for (const line of runDemoCli(process.argv.slice(2))) console.log(line);
  } catch (error) {
    console.error(`Fout: ${(error as Error).message}`);
    process.exit(1);
  }
}
