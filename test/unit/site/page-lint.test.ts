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
