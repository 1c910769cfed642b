/**
 * Scaffolding for the workshop (docs/workshop/): `npm run new -- source <naam>` writes a typed
 * source loader with its contract test and fixture; `npm run new -- hypothesis <naam>` writes a
 * hypothesis page with its method stub and test. Everything it writes type-checks, passes its test
 * and builds; existing files are never overwritten. The templates are real files under
 * scripts/templates/, type-checked with the rest of the project.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, posix, relative} from "node:path";
import {PROJECT_ROOT} from "../loaders/config.js";
import {isMain} from "../loaders/cli/main.js";

export type Kind = "source" | "hypothesis";

/** One file to write: path relative to the project root and its text. */
export interface ScaffoldFile {
  path: string;
  text: string;
}

const camel = (name: string) => name.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Checks a source name (the delivered file is `<naam>.csv`): lower case, digits and `_`. */
export function checkSourceName(name: string): string {
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(name ?? "")) throw new Error(`invalid source name: ${name} (kleine letters, cijfers en _; bv. buurtschouwen)`);
  return name;
}

/** Checks a hypothesis name (the page is `src/hypothesen/<naam>.md`): lower case, digits and `-`. */
export function checkHypothesisName(name: string): string {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(name ?? "") || name.endsWith("-")) throw new Error(`invalid hypothesis name: ${name} (kleine letters, cijfers en -; bv. eengezinswoningen)`);
  return name;
}

/**
 * The templates: real files under scripts/templates/<kind>/, written for a placeholder name
 * (`scaffold_source`, `scaffold-hypothesis`) so that `tsc` checks them like any other code. Each maps
 * to the path it is written to, with NAME standing for the new name's forms.
 */
const TEMPLATES: Record<Kind, Record<string, string>> = {
  source: {
    "reader.ts": "loaders/sources/{snake}.ts",
    "loader.ts": "src/data/{kebab}.arrow.ts",
    "contract.ts": "test/contract/{kebab}.test.ts",
    "fixture.csv": "test/fixtures/sources/{snake}/{snake}.csv"
  },
  hypothesis: {
    "method.ts": "src/lib/hypotheses/{kebab}.ts",
    "method-test.ts": "test/unit/hypotheses/{kebab}.test.ts",
    "page.md": "src/hypothesen/{kebab}.md"
  }
};

/** The placeholder name each kind's templates are written for. */
const PLACEHOLDER: Record<Kind, string> = {source: "scaffold_source", hypothesis: "scaffold-hypothesis"};

const TEMPLATE_ROOT = "scripts/templates";

/** The three forms of a name that templates use: snake_case, kebab-case and PascalCase. */
function forms(name: string): {snake: string; kebab: string; pascal: string} {
  return {snake: name.replace(/-/g, "_"), kebab: name.replace(/_/g, "-"), pascal: pascal(name)};
}

/**
 * Renders the templates of a kind for `name`: the placeholder's forms replaced by the name's, and in
 * TypeScript templates each relative import re-pointed from the template's folder to the target's
 * (an import of another template goes to that template's target).
 */
function render(kind: Kind, name: string, root = PROJECT_ROOT): ScaffoldFile[] {
  const from = forms(PLACEHOLDER[kind]), to = forms(name);
  const target = (pattern: string) => pattern.replace(/\{(snake|kebab)\}/g, (_, f: "snake" | "kebab") => to[f]);
  const targets = new Map(Object.entries(TEMPLATES[kind]).map(([file, pattern]) => [posix.join(TEMPLATE_ROOT, kind, file), target(pattern)]));
  return [...targets].map(([template, path]) => {
    let text = readFileSync(join(root, template), "utf8");
    if (template.endsWith(".ts")) {
      text = text.replace(/(from |import\()"(\.{1,2}\/[^"]+)"/g, (_, keyword: string, specifier: string) => {
        const resolved = posix.normalize(posix.join(posix.dirname(template), specifier));
        const sibling = targets.get(resolved.replace(/\.js$/, ".ts"));
        const dest = sibling ? sibling.replace(/\.ts$/, ".js") : resolved;
        const relativePath = posix.relative(posix.dirname(path), dest);
        return `${keyword}"${relativePath.startsWith(".") ? relativePath : "./" + relativePath}"`;
      });
    }
    text = text.replaceAll(from.pascal, to.pascal).replaceAll(from.snake, to.snake).replaceAll(from.kebab, to.kebab);
    return {path, text};
  });
}

/** The files of a new source: reader, thin data loader, contract test and fixture. */
export function sourceFiles(name: string, root = PROJECT_ROOT): ScaffoldFile[] {
  return render("source", checkSourceName(name), root);
}

/** The files of a new hypothesis: method stub, its unit test and the page. */
export function hypothesisFiles(name: string, root = PROJECT_ROOT): ScaffoldFile[] {
  return render("hypothesis", checkHypothesisName(name), root);
}

/** Writes the files of a scaffold under `root`; refuses to overwrite. Returns the paths written. */
export function scaffold(kind: Kind, name: string, root = PROJECT_ROOT): string[] {
  const files = kind === "source" ? sourceFiles(name) : kind === "hypothesis" ? hypothesisFiles(name) : null;
  if (!files) throw new Error(`invalid kind: ${kind} (source of hypothesis)`);
  const existing = files.filter((f) => existsSync(join(root, f.path)));
  if (existing.length) throw new Error(`bestaat al: ${existing.map((f) => f.path).join(", ")}`);
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), {recursive: true});
    writeFileSync(join(root, f.path), f.text);
  }
  return files.map((f) => f.path);
}

/** The Dutch next steps printed after a scaffold. */
export function nextSteps(kind: Kind, name: string): string[] {
  return kind === "source"
    ? [
        `Volgende stappen:`,
        `  1. npx vitest run test/contract/${name.replace(/_/g, "-")}.test.ts   (de contracttest slaagt)`,
        `  2. pas SCHEMA en parseRow in loaders/sources/${name}.ts aan op de kolommen van uw bestand`,
        `  3. zet ${name}.csv in de leveringsmap en lees de tabel in een pagina: FileAttachment("data/${name.replace(/_/g, "-")}.arrow").arrow()`
      ]
    : [
        `Volgende stappen:`,
        `  1. npx vitest run test/unit/hypotheses/${name}.test.ts   (de methodetest slaagt)`,
        `  2. npm run build, en open /hypothesen/${name}`,
        `  3. zet de pagina in observablehq.config.ts (pages) op de plek in het verhaal waar ze hoort`
      ];
}

if (isMain(import.meta.url)) {
  try {
    const [kind, name, ...rest] = process.argv.slice(2);
    if (!kind || !name || rest.length) throw new Error("gebruik: npm run new -- source <naam> | npm run new -- hypothesis <naam>");
    const written = scaffold(kind as Kind, name);
    console.log(`Aangemaakt:\n${written.map((p) => `  ${relative(".", join(PROJECT_ROOT, p)) || p}`).join("\n")}`);
    console.log(nextSteps(kind as Kind, name).join("\n"));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
