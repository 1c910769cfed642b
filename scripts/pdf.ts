/**
 * Prints a page of the built site to PDF through headless Chromium with the print stylesheet:
 * `npm run pdf -- <pagina> [--out bestand.pdf] [--dist dist]`, e.g. `npm run pdf -- gemeenten/enschede`.
 * The page shows its cover line (delivery date, sources, privacy rule) only in print.
 */
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {parseArgs} from "node:util";
import {isMain} from "../loaders/cli/main.js";
import {launchBrowser, watchQuiet} from "./lib/browser.js";
import {serveStatic} from "./lib/static-server.js";

export interface PdfOptions {
  /** The page: "index", "datakwaliteit", "gemeenten/enschede" (with or without .html). */
  page: string;
  /** The built site; default INBRAAKLAB_OUTPUT or dist. */
  dist?: string;
  /** The PDF file; default <page>.pdf with "/" as "-". */
  out?: string;
  timeout?: number;
}

/** The file of a page in a built site ("gemeenten/enschede" -> "gemeenten/enschede.html"). */
export function pageFile(page: string): string {
  const clean = page.replace(/^\/+/, "").replace(/\.html$/, "").replace(/\/$/, "/index") || "index";
  if (!/^[\w-]+(\/[\w-]+)*$/.test(clean)) throw new Error(`invalid page: ${page}`);
  return `${clean}.html`;
}

/** Prints `page` of the built site to a PDF; returns the PDF's path. */
export async function printPdf({page, dist = process.env.INBRAAKLAB_OUTPUT ?? "dist", out, timeout = 60_000}: PdfOptions): Promise<string> {
  const file = pageFile(page);
  const root = resolve(dist);
  if (!existsSync(resolve(root, file))) throw new Error(`invalid page: ${page} (${file} staat niet in ${root}; eerst npm run build)`);
  const path = resolve(out ?? `${file.slice(0, -".html".length).replace(/\//g, "-")}.pdf`);
  const server = await serveStatic(root);
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage({viewport: {width: 1100, height: 1400}});
    const quiet = await watchQuiet(tab);
    await tab.goto(server.url + file, {waitUntil: "load", timeout});
    await tab.waitForSelector("[data-main-chart] svg", {timeout}).catch(() => {});
    // Every cell done: no request and no change to the page for 300 ms. A wait for the network alone
    // printed a page whose cells were still drawing without a request (test/e2e/smoke-detects.test.ts).
    if (!(await quiet({timeout}))) console.error(`pdf: ${file} bleef ${timeout / 1000} s lang veranderen; afgedrukt zoals de pagina op dat moment was`);
    await tab.emulateMedia({media: "print"});
    await tab.pdf({path, format: "A4", printBackground: true, preferCSSPageSize: true});
  } finally {
    await browser.close();
    await server.close();
  }
  return path;
}

if (isMain(import.meta.url)) {
  try {
    const {values, positionals} = parseArgs({args: process.argv.slice(2), options: {out: {type: "string"}, dist: {type: "string"}}, allowPositionals: true, strict: true});
    if (positionals.length !== 1) throw new Error("gebruik: npm run pdf -- <pagina> [--out bestand.pdf] [--dist dist]");
    const path = await printPdf({page: positionals[0], out: values.out, dist: values.dist});
    console.log(`pdf: ${path}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
