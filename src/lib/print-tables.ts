/**
 * Printed tables hold every row (issue 14, item 6). Inputs.table draws only the first rows of its
 * data (about two screens) and appends more as its frame is scrolled, so a printed page or a PDF
 * showed some 22 rows of a table of 342 municipalities. A small inline script in every page's head
 * (observablehq.config.ts) makes each table append the rest of its rows when the page goes to print
 * (the `beforeprint` event of a print dialog or `window.print()`, and the print media query, which
 * Chromium's print to PDF and `emulateMedia` switch). The rows are the table's own: same order
 * (also after sorting by a column), same formats, hidden values and lower bounds as on screen. The
 * print stylesheet (src/style.css) shows the whole table and repeats its header on every page.
 */

/**
 * Makes every Inputs.table under `root` append all its remaining rows; returns the number of rows
 * added. Inputs.table appends the next rows from its scroll listener when the frame is scrolled near
 * its end; here the frame reports that it is (scroll height 0) while scroll events are sent, until
 * no row is added. Self-contained (no outer references, no arrow functions): its source text is the
 * inline script.
 * @example expandTables(document) // 320 (a 342-row table that showed 22)
 */
export function expandTables(root: ParentNode): number {
  let added = 0;
  const forms = root.querySelectorAll("form[class$='-table']");
  for (let f = 0; f < forms.length; f++) {
    const form = forms[f] as HTMLFormElement;
    const body = form.querySelector("tbody");
    if (!body) continue;
    // Methods, not arrow functions: the config's transpiler would wrap an arrow in a `__name` helper
    // that the inline script does not have.
    const fake = {configurable: true, get() { return 0; }, set() {}};
    Object.defineProperty(form, "scrollHeight", fake);
    Object.defineProperty(form, "scrollTop", fake);
    try {
      const start = body.rows.length;
      let before = -1;
      // Each scroll event adds one screenful (the table's `rows` option, at least one row).
      while (body.rows.length !== before) {
        before = body.rows.length;
        form.dispatchEvent(new Event("scroll"));
      }
      added += body.rows.length - start;
    } finally {
      delete (form as unknown as Record<string, unknown>).scrollHeight;
      delete (form as unknown as Record<string, unknown>).scrollTop;
    }
  }
  return added;
}

/** The inline script for every page's head: all rows of every table when the page is printed. */
export function printTablesScript(): string {
  return `(function(expand){function all(){expand(document);}window.addEventListener("beforeprint",all);var m=window.matchMedia&&window.matchMedia("print");if(m){var on=function(e){if(e.matches)all();};if(m.addEventListener)m.addEventListener("change",on);else if(m.addListener)m.addListener(on);}})(${expandTables.toString()});`;
}
