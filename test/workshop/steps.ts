/**
 * The workshop's steps as the participant types them: every ```sh block after a `<!-- stap ... -->`
 * marker in docs/workshop/*.md, in file order, with the output it must show.
 */
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";

export interface Step {
  /** File and position, for messages: "01-levering-controleren.md#3". */
  id: string;
  command: string;
  /** Texts the output must contain (`verwacht`, `verwacht2`, ...). */
  expected: string[];
  /** Texts the output must not contain (`niet`, `niet2`, ...). */
  absent: string[];
  /** The exit code the command must end with (default 0). */
  exit: number;
}

const STEP = /<!--\s*stap\b([^>]*?)-->\s*\n```sh\n([\s\S]*?)\n```/g;
const ATTRIBUTE = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;

/** The steps of one workshop markdown text. */
export function parseSteps(markdown: string, file = "workshop.md"): Step[] {
  const steps: Step[] = [];
  for (const match of markdown.matchAll(STEP)) {
    const expected: string[] = [];
    const absent: string[] = [];
    let exit = 0;
    for (const [, name, quoted, bare] of match[1].matchAll(ATTRIBUTE)) {
      const value = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : bare;
      if (/^verwacht\d*$/.test(name)) expected.push(value);
      else if (/^niet\d*$/.test(name)) absent.push(value);
      else if (name === "exit") exit = Number(value);
      else throw new Error(`${file}: invalid step attribute: ${name}`);
    }
    if (!Number.isInteger(exit)) throw new Error(`${file}: invalid exit: ${match[1]}`);
    steps.push({id: `${file}#${steps.length + 1}`, command: match[2], expected, absent, exit});
  }
  return steps;
}

/** Every step of the workshop in `dir`, sessions in file-name order (01-, 02-, 03-). */
export function workshopSteps(dir: string): Step[] {
  return readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort()
    .flatMap((f) => parseSteps(readFileSync(join(dir, f), "utf8"), f));
}
