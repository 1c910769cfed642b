// @vitest-environment jsdom
import {table} from "@observablehq/inputs";
import {afterEach, describe, expect, test} from "vitest";
import {expandTables, printTablesScript} from "../../../src/lib/print-tables.js";

const ROWS = Array.from({length: 120}, (_, i) => ({naam: `gebied ${String(i).padStart(3, "0")}`, aantal: i % 7 === 0 ? null : i, grens: i % 5 === 0 ? `≥ ${i}` : String(i)}));

/** An Inputs.table of ROWS in the document, as a page displays it. */
function render(options: Record<string, unknown> = {}): HTMLFormElement {
  const form = table(ROWS, {select: false, format: {aantal: (d: number) => `${d} st.`}, ...options});
  document.body.append(form);
  return form;
}
const bodyRows = (form: HTMLFormElement) => [...form.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent));

// jsdom has no scrolling; Inputs.table scrolls its frame to the top when it sorts.
Element.prototype.scrollTo = () => {};
afterEach(() => document.body.replaceChildren());

describe("expandTables", () => {
  test("a table drawn with its first rows gets every row, formatted as on screen, in its order", () => {
    const form = render({sort: "naam", reverse: true, rows: 10});
    const shown = bodyRows(form);
    expect(shown.length).toBeLessThan(ROWS.length);
    expect(expandTables(document)).toBe(ROWS.length - shown.length);
    const all = bodyRows(form);
    expect(all).toHaveLength(ROWS.length);
    expect(all.slice(0, shown.length)).toEqual(shown);
    expect(all.map((r) => r[0])).toEqual(ROWS.map((r) => r.naam).reverse());
    // Formats, empty (hidden) cells and lower bounds as on screen.
    const row = (name: string) => all.find((r) => r[0] === name);
    expect(row("gebied 001")).toEqual(["gebied 001", "1 st.", "1"]);
    expect(row("gebied 000")).toEqual(["gebied 000", "", "≥ 0"]);
    // The frame's own scroll geometry is back afterwards, and a second call adds nothing.
    expect(Object.getOwnPropertyNames(form)).not.toContain("scrollHeight");
    expect(expandTables(document)).toBe(0);
  });

  test("every table of the page, an empty one included", () => {
    const a = render();
    const b = render({rows: 3});
    document.body.append(table([], {}));
    expandTables(document);
    expect(bodyRows(a)).toHaveLength(ROWS.length);
    expect(bodyRows(b)).toHaveLength(ROWS.length);
  });
});

describe("printTablesScript", () => {
  test("the inline script expands the tables on beforeprint and when the print media query matches", () => {
    let change: ((e: {matches: boolean}) => void) | undefined;
    window.matchMedia = ((query: string) => ({matches: false, media: query, addEventListener: (_: string, fn: typeof change) => { change = fn; }})) as unknown as typeof window.matchMedia;
    window.eval(printTablesScript());
    const first = render();
    const count = bodyRows(first).length;
    window.dispatchEvent(new Event("beforeprint"));
    expect(bodyRows(first)).toHaveLength(ROWS.length);
    const second = render();
    change!({matches: false});
    expect(bodyRows(second)).toHaveLength(count);
    change!({matches: true});
    expect(bodyRows(second)).toHaveLength(ROWS.length);
  });

  test("the function it carries has no arrow functions (the config's transpiler wraps them in a helper the page lacks)", () => {
    expect(expandTables.toString()).not.toContain("=>");
    expect(printTablesScript()).toContain("expandTables");
  });
});
