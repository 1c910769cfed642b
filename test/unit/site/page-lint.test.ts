// `npm run lint` lints the pages' JavaScript (eslint.config.js with scripts/lib/page-blocks.js): each
// page as one module of its ```js blocks and inline expressions, messages at the page's own lines.
import {join} from "node:path";
import {ESLint} from "eslint";
import {describe, expect, test} from "vitest";
import {pageModule} from "../../../scripts/lib/page-blocks.js";

const ROOT = join(import.meta.dirname, "../../..");

/** Lints a page's text as if it were src/proef.md; returns "line rule" per message. */
async function lintPage(markdown: string): Promise<string[]> {
  const [result] = await new ESLint({cwd: ROOT}).lintText(markdown, {filePath: join(ROOT, "src/proef.md")});
  return result.messages.map((m) => `${m.line} ${m.ruleId ?? m.message}`);
}

describe("page module", () => {
  test("holds the js blocks in order, then each inline expression, with the page's line numbers", () => {
    const page = ["# T", "", "```js", "const a = 1;", "```", "", "A is ${a} and ${{b: 1}.b}.", "", "```html", "<p>${not}</p>", "```", "```sql id=rows", "SELECT 1", "```"].join("\n");
    const {code, lines} = pageModule(page);
    expect(code.split("\n")).toEqual(["const a = 1;", "let rows;", "(a);", "({b: 1}.b);"]);
    expect(lines).toEqual([4, 12, 7, 7]);
  });
});

describe("linting a page", () => {
  test("a clean page passes: cells use what other cells define, before or after, and a SQL cell's id", async () => {
    const page = ["```js", "const total = rows.length + later;", "```", "", "```js", "const later = 2;", "```", "", "```sql id=rows", "SELECT 1", "```", "", "Totaal: ${total}."].join("\n");
    expect(await lintPage(page)).toEqual([]);
  });

  test("a misspelt name in a block and in the prose is reported at its line of the page", async () => {
    const page = ["# T", "", "```js", "const count = 3;", "display(cuont);", "```", "", "Er zijn ${coutn} inbraken, niet ${count}."].join("\n");
    expect(await lintPage(page)).toEqual(["5 no-undef", "8 no-undef"]);
  });

  test("an import or variable nothing uses is reported; Framework's built-ins are known", async () => {
    const page = ["```js", 'import {plainRows} from "./lib/rows.js";', "const unused = d3.sum([1]);", "display(Plot.plot({}));", "```"].join("\n");
    expect(await lintPage(page)).toEqual(["2 no-unused-vars", "3 no-unused-vars"]);
  });
});

describe("arquero, which the site's CSP cannot run", () => {
  /** Lints a page and returns "line rule: message" per message. */
  async function messages(markdown: string): Promise<string[]> {
    const [result] = await new ESLint({cwd: ROOT}).lintText(markdown, {filePath: join(ROOT, "src/proef.md")});
    return result.messages.map((m) => `${m.line} ${m.ruleId}: ${m.message}`);
  }

  test("Framework's aq, an import of arquero and FileAttachment's .arquero() are refused on a page, with the reason", async () => {
    const page = ["```js", "const t = aq.table({a: [1]});", "```", "", "```js", 'import * as arquero from "npm:arquero";', "const u = FileAttachment(\"data/x.arrow\").arquero();", "display([t, u, arquero]);", "```"].join("\n");
    const found = await messages(page);
    expect(found.map((m) => m.split(":")[0])).toEqual(["2 no-restricted-globals", "6 no-restricted-imports", "7 no-restricted-syntax"]);
    for (const m of found) expect(m).toContain("CSP forbids (docs/decisions.md)");
  });

  test("a browser module in src/ may not import it either; the same page without arquero passes", async () => {
    // The configuration ESLint applies to a module of src/ (linting one typed costs seconds).
    const config = await new ESLint({cwd: ROOT}).calculateConfigForFile(join(ROOT, "src/lib/rows.ts")) as {rules: Record<string, [unknown, {paths: {name: string}[]}]>};
    expect(config.rules["no-restricted-imports"][1].paths.map((p) => p.name)).toEqual(["arquero", "npm:arquero"]);
    expect(await messages(["```js", "const t = d3.sum([1]);", "display(t);", "```"].join("\n"))).toEqual([]);
  });
});
