/** SVG snapshot helpers (Plot's approach): floats rounded, ids renumbered, -changed.svg on mismatch. */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {JSDOM} from "jsdom";

const ROOT = join(import.meta.dirname, "../..");

/**
 * Makes sure a jsdom window and document are globals (Plot and the components use them). Under
 * vitest's jsdom environment, which the files of test/plots ask for, the environment's window stays:
 * every file of a worker then uses one document (a second one made Inputs' tables, built in the
 * first, fail to insert in another file).
 */
export function installDom(): void {
  let win = (globalThis as {window?: JSDOM["window"]}).window;
  if (!win) {
    win = new JSDOM("<!doctype html><html><body></body></html>", {pretendToBeVisual: true}).window;
    Object.assign(globalThis, {window: win, document: win.document, Event: win.Event, HTMLElement: win.HTMLElement});
  }
  // Plot's colour ramps paint on a canvas, which jsdom lacks: a stub that records nothing.
  const canvas = win.HTMLCanvasElement.prototype as unknown as {getContext: () => unknown; toDataURL: () => string};
  canvas.getContext = () => ({fillStyle: "", fillRect() {}});
  canvas.toDataURL = () => "data:image/png;base64,";
}

/** Normalises a rendered node's markup: floats to 2 decimals, generated ids renumbered in order. */
export function normalise(node: Element): string {
  let text = node.outerHTML;
  const ids = new Map<string, string>();
  text = text.replace(/(id="|url\(#)([\w-]+?-\d+)(?=[")])/g, (m, prefix: string, id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return prefix + ids.get(id);
  });
  text = text.replace(/plot-[0-9a-f]{6,}/g, "plot-x");
  return text.replace(/\d+\.\d+/g, (m) => String(Math.round(parseFloat(m) * 100) / 100)).replace(/></g, ">\n<");
}

/** Compares with test/snapshots/<name>.svg (written when missing); returns whether it matched. */
export function matchSnapshot(name: string, node: Element): boolean {
  const actual = normalise(node);
  const output = join(ROOT, "test/output");
  mkdirSync(output, {recursive: true});
  writeFileSync(join(output, `${name}.svg`), actual);
  const expected = join(ROOT, "test/snapshots", `${name}.svg`);
  if (!existsSync(expected)) {
    mkdirSync(join(ROOT, "test/snapshots"), {recursive: true});
    writeFileSync(expected, actual);
    return true;
  }
  if (readFileSync(expected, "utf8") === actual) return true;
  writeFileSync(join(output, `${name}-changed.svg`), actual);
  return false;
}
