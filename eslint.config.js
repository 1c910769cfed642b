// `npm run lint`: ESLint with typescript-eslint's type-checked rules over the TypeScript sources.
// The rules kept catch real mistakes (a promise nobody awaits or handles, awaiting a non-promise,
// an unused import or variable, a stray `any`); formatting is not linted. Switched off, with the reason:
// - no-unsafe-*: Arrow rows (`row.toJSON()`, `table.get(i)`) are typed `any` by apache-arrow; typing
//   them would mean a cast at every use, not a fix.
// - no-unused-expressions: the code base writes two updates as one comma expression (`a++, b++`).
// - restrict-template-expressions, no-base-to-string: numbers and keys in messages and map keys are
//   formatted by template strings on purpose.
// - no-unnecessary-type-assertion: 64 `!`/`as` that are harmless; left for a change that owns the files.
// - require-await: test fakes implement async interfaces (fetch, json) without awaiting.
// The pages' JavaScript (src/**/*.md, and the scaffold's page template) is linted too, each page as one module (scripts/lib/page-blocks.js:
// its ```js blocks and inline `${…}` expressions, messages at the page's lines) with ESLint's recommended
// rules, in the browser, with Framework's built-ins (FRAMEWORK below) as globals: a misspelt name, a
// name defined twice, a variable nothing uses, unreachable code. Not type-checked: cells await each
// other's promises implicitly, which TypeScript cannot follow. arquero is refused on pages and in src/
// (NO_ARQUERO below).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import {pageProcessor} from "./scripts/lib/page-blocks.js";

/**
 * Why arquero is refused on pages and in the browser modules: it compiles its expressions (and even
 * `objects()`) with `Function`, which the site's Content-Security-Policy forbids (docs/decisions.md).
 */
const NO_ARQUERO = "arquero compiles with Function, which the site's CSP forbids (docs/decisions.md): use a src/lib function over Arrow columns, or SQL in DuckDB";
const ARQUERO_IMPORTS = ["no-restricted-imports", ["error", {paths: ["arquero", "npm:arquero"].map((name) => ({name, message: NO_ARQUERO}))}]];

/** What Framework gives every page without an import (its standard library and reactive built-ins). */
const FRAMEWORK = [
  "FileAttachment", "Generators", "Mutable", "display", "view", "width", "now", "resize", "invalidation", "visibility", "dark",
  "Plot", "d3", "Inputs", "html", "svg", "htl", "aq", "Arrow", "DuckDBClient", "sql", "duckdb", "topojson", "L", "_", "tex", "md", "dot", "mermaid", "vg", "vl", "echarts", "mapboxgl", "React", "ReactDOM", "SQLite", "SQLiteDatabaseClient", "observable"
];

export default tseslint.config(
  {ignores: [".cli/**", "node_modules/**", "dist/**", "dist-*/**", "src/.observablehq/**", "test/output/**", "data/**", "werkmap/**"]},
  {
    files: ["**/*.ts", "**/*.js"],
    ignores: ["src/**/*.md/*.js", "scripts/templates/**/*.md/*.js"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {parserOptions: {projectService: {allowDefaultProject: ["*.js"]}, tsconfigRootDir: import.meta.dirname}},
    linterOptions: {reportUnusedDisableDirectives: "error"},
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unused-expressions": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true}],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error"
    }
  },
  {files: ["src/**/*.ts"], rules: Object.fromEntries([ARQUERO_IMPORTS])},
  {files: ["src/**/*.md", "scripts/templates/**/*.md"], processor: pageProcessor},
  {
    files: ["src/**/*.md/*.js", "scripts/templates/**/*.md/*.js"],
    extends: [js.configs.recommended],
    languageOptions: {ecmaVersion: "latest", sourceType: "module", globals: {...globals.browser, ...Object.fromEntries(FRAMEWORK.map((name) => [name, "readonly"]))}},
    linterOptions: {reportUnusedDisableDirectives: "error"},
    rules: {
      "no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true}],
      // Framework's `aq`, an arquero import and FileAttachment's `.arquero()` all load arquero.
      "no-restricted-globals": ["error", {name: "aq", message: NO_ARQUERO}],
      "no-restricted-syntax": ["error", {selector: "CallExpression[callee.property.name='arquero']", message: NO_ARQUERO}],
      ...Object.fromEntries([ARQUERO_IMPORTS])
    }
  }
);
