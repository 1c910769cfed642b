// @ts-check
// The JavaScript of a Framework page (src/**/*.md) as one module, for `npm run lint` (eslint.config.js)
// and the page-size test: the ```js blocks in order, then each inline `${…}` expression of the prose as
// a statement of its own, with a map back to the page's line numbers. One module per page, not one
// per block, because cells use what other cells define: linted apart, every such name would be
// undefined; together, a misspelt name is still caught.
// Plain JavaScript: ESLint loads its configuration without a TypeScript loader.

/**
 * The page's code as one text and, per line of that text, the page's line number (1-based). A SQL
 * cell's `id` becomes a declaration of that name (`let perJaar;`): other cells use it.
 * @param {string} markdown
 * @returns {{code: string, lines: number[], blocks: {line: number, code: string, sql?: boolean}[]}}
 * @example pageModule("# T\n\n```js\nconst a = 1;\n```\n\nA is ${a}.\n").code // "const a = 1;\n(a);"
 */
export function pageModule(markdown) {
  const source = markdown.split("\n");
  /** @type {{line: number, code: string, sql?: boolean}[]} */
  const blocks = [];
  /** @type {{line: number, text: string}[]} */
  const prose = [];
  /** @type {{line: number, lines: string[]} | null} */
  let block = null;
  let fence = false;
  source.forEach((text, i) => {
    if (!block && !fence && /^```js\b/.test(text)) block = {line: i + 2, lines: []};
    else if (block && /^```\s*$/.test(text)) {
      blocks.push({line: block.line, code: block.lines.join("\n")});
      block = null;
    } else if (block) block.lines.push(text);
    else if (/^```/.test(text)) {
      // Another language's block: neither code nor prose. A SQL cell with an id defines that name.
      const id = !fence && /^```sql\b.*\bid=(\w+)/.exec(text);
      if (id) blocks.push({line: i + 1, code: `let ${id[1]};`, sql: true});
      fence = !fence;
    }
    else if (!fence) prose.push({line: i + 1, text});
  });
  /** @type {string[]} */
  const out = [];
  /** @type {number[]} */
  const lines = [];
  for (const b of blocks) {
    b.code.split("\n").forEach((text, k) => {
      out.push(text);
      lines.push(b.line + k);
    });
  }
  for (const {line, code} of inlineExpressions(prose)) {
    code.split("\n").forEach((text, k) => {
      out.push(k === 0 ? `(${text}` : text);
      lines.push(line + k);
    });
    out[out.length - 1] += ");";
  }
  return {code: out.join("\n"), lines, blocks};
}

/**
 * The `${…}` expressions of the prose lines, braces balanced (an expression may run over lines and
 * hold object literals or template strings of its own).
 * @param {{line: number, text: string}[]} prose
 * @returns {{line: number, code: string}[]}
 */
function inlineExpressions(prose) {
  const found = [];
  const text = prose.map((p) => p.text).join("\n");
  const lineAt = (/** @type {number} */ offset) => prose[text.slice(0, offset).split("\n").length - 1].line;
  for (let i = text.indexOf("${"); i !== -1; i = text.indexOf("${", i + 1)) {
    let depth = 1, j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === "{") depth++;
      else if (text[j] === "}") depth--;
    }
    if (depth !== 0) break;
    found.push({line: lineAt(i), code: text.slice(i + 2, j - 1)});
    i = j - 1;
  }
  return found;
}

/**
 * Code lines of a page as cloc counts them: lines of its ```js blocks that are neither blank nor a `//` comment.
 * @param {string} markdown
 */
export function codeLines(markdown) {
  return pageModule(markdown).blocks.filter((b) => !b.sql).flatMap((b) => b.code.split("\n")).filter((l) => l.trim() !== "" && !l.trim().startsWith("//")).length;
}

/** @type {Map<string, number[]>} the line map of each page being linted */
const lineMaps = new Map();

/** An ESLint processor: a page becomes one module (`page.md/page.js`); messages point at the page's lines. */
export const pageProcessor = {
  meta: {name: "inbraaklab/page-module"},
  /** @param {string} text @param {string} filename */
  preprocess(text, filename) {
    const {code, lines} = pageModule(text);
    lineMaps.set(filename, lines);
    return [{text: code, filename: "page.js"}];
  },
  /** @param {import("eslint").Linter.LintMessage[][]} messages @param {string} filename */
  postprocess(messages, filename) {
    const lines = lineMaps.get(filename) ?? [];
    lineMaps.delete(filename);
    const at = (/** @type {number} */ line) => lines[line - 1] ?? line;
    return messages.flat().map((m) => ({...m, line: at(m.line), ...(m.endLine ? {endLine: at(m.endLine)} : {})}));
  },
  supportsAutofix: false
};
