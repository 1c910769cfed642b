import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, test} from "vitest";

// Framework adds ".html" to links in a page's static Markdown and HTML, but not
// to links that JavaScript writes at run time (html`...` templates, strings).
// Those must carry ".html" themselves, or a static host answers 404. The built
// site is checked in test/e2e/publish.test.ts; this catches it in seconds.
const SRC = join(import.meta.dirname, "../../../src");

function pageSources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === ".observablehq" || entry.name === "data" ? [] : pageSources(path);
    return /\.(md|ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Relative paths in quotes (href attributes, and strings such as `page: "./dor.html"` that a page
 * turns into links) whose path has no file extension. Imports and file attachments always carry one.
 */
function linksWithoutExtension(text: string): string[] {
  const links = [...text.matchAll(/["'`](\.{1,2}\/[^"'`#?$\s]*)/g)].map((m) => m[1]);
  return links.filter((link) => !link.endsWith("/") && !/\.[a-z0-9]+$/i.test(link));
}

describe("page links", () => {
  test("the check finds a link without .html and passes one with it", () => {
    expect(linksWithoutExtension(`<a href="../waar?gemeente=\${code}">`)).toEqual(["../waar"]);
    expect(linksWithoutExtension(`<a href="./waar.html?gemeente=x"> <a href="./data/a.csv">`)).toEqual([]);
    expect(linksWithoutExtension(`{title: "DOR", page: "./dor"}, import {x} from "./lib/x.js"`)).toEqual(["./dor"]);
  });
  test("every relative link in src/ names its file, .html included", () => {
    const found = pageSources(SRC).flatMap((file) =>
      linksWithoutExtension(readFileSync(file, "utf8")).map((link) => `${relative(SRC, file)}: ${link}`));
    expect(found).toEqual([]);
  });
});
