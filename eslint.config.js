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
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: [".cli/**", "node_modules/**", "dist/**", "dist-*/**", "src/.observablehq/**", "test/output/**", "data/**", "werkmap/**"]},
  {
    files: ["**/*.ts", "**/*.js"],
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
  }
);
