// @vitest-environment jsdom
// An empty Inputs.table says "Geen rijen." in the page's text, not "No results." (src/lib/empty-tables.ts).
import {table} from "@observablehq/inputs";
import {afterEach, describe, expect, test} from "vitest";
import {EMPTY_TABLE_TEXT, dutchEmptyTables, emptyTablesScript} from "../../../src/lib/empty-tables.js";

/** An Inputs.table of `rows`, as Framework displays it: built whole, then added to the page. */
const render = (rows: Record<string, unknown>[]) => document.body.appendChild(table(rows, {select: false, columns: ["naam", "aantal"]}));
const emptyCell = (form: Element) => form.querySelector("td[rowspan]")?.textContent;

afterEach(() => document.body.replaceChildren());

describe("dutchEmptyTables", () => {
  test("replaces Inputs' English in an empty table and leaves a table with rows alone", () => {
    const empty = render([]);
    const full = render([{naam: "No results.", aantal: 3}]);
    expect(emptyCell(empty)).toBe("No results.");
    expect(dutchEmptyTables(document)).toBe(1);
    expect(emptyCell(empty)).toBe(EMPTY_TABLE_TEXT);
    expect(full.querySelector("tbody td:nth-child(2)")?.textContent).toBe("No results.");
    expect(dutchEmptyTables(document)).toBe(0);
  });

  test("searches from an element: the table itself before it is in the page, or the cell itself", () => {
    const form = table([], {select: false, columns: ["naam"]});
    expect(dutchEmptyTables(form)).toBe(1);
    expect(emptyCell(form)).toBe(EMPTY_TABLE_TEXT);
    const other = render([]);
    expect(dutchEmptyTables(other.querySelector("td[rowspan]")!)).toBe(1);
    expect(emptyCell(other)).toBe(EMPTY_TABLE_TEXT);
  });
});

describe("emptyTablesScript", () => {
  test("the inline script replaces the text of tables present and of tables added later", async () => {
    const before = render([]);
    window.eval(emptyTablesScript());
    expect(emptyCell(before)).toBe(EMPTY_TABLE_TEXT);
    const later = render([]);
    await new Promise((resolve) => setTimeout(resolve, 0)); // mutation records arrive as a microtask
    expect(emptyCell(later)).toBe(EMPTY_TABLE_TEXT);
  });

  test("the function it carries has no arrow functions (the config's transpiler wraps them in a helper the page lacks)", () => {
    expect(dutchEmptyTables.toString()).not.toContain("=>");
    expect(emptyTablesScript()).toContain("dutchEmptyTables");
  });
});
