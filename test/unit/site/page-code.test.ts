import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, test} from "vitest";
import {codeLines} from "../../../scripts/lib/page-blocks.js";

// Pages are narrative (issue 16, item 4): their ```js blocks load files, wire inputs and display;
// logic lives in tested src/lib functions and drawing code in src/components. A page's code is
// counted as cloc counts code: lines inside ```js fences that are neither blank nor a comment
// (codeLines in scripts/lib/page-blocks.js, which also gives `npm run lint` each page's code).
const SRC = join(import.meta.dirname, "../../../src");
const MAX_CODE_LINES = 60;

function pages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === ".observablehq" || entry.name === "data" ? [] : pages(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

describe("page code", () => {
  test("the count takes code in js blocks only, without blanks and comments", () => {
    const page = "# Titel\n\n```js\n// a comment\nconst a = 1;\n\nconst b = a + 1;\n```\n\n```html\n<p>x</p>\n```\n\n```js echo\ndisplay(b);\n```\nconst notCode = 1;\n\n```sql id=perJaar\nSELECT 1\n```\n";
    expect(codeLines(page)).toBe(3);
  });

  test(`no page holds more than ${MAX_CODE_LINES} lines of JavaScript`, () => {
    const found = pages(SRC).map((path) => ({page: relative(SRC, path), lines: codeLines(readFileSync(path, "utf8"))}));
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((d) => d.lines > MAX_CODE_LINES)).toEqual([]);
  });
});
