/**
 * Inputs.table writes "No results." into a table without rows: English on a Dutch site, on every
 * measures page and on Wie of a delivery without those data (the real police export). style.css
 * painted "Geen rijen." over it, but the English stayed in the page's text, so a screen reader or a
 * copy read "No results.". A small inline script in every page's head (observablehq.config.ts)
 * replaces the text of each such table as it is added to the page.
 */

/** What an empty table says. */
export const EMPTY_TABLE_TEXT = "Geen rijen.";

/**
 * Replaces Inputs.table's "No results." (the only cell it gives a rowspan) in the tables under
 * `root`, `root` included, with {@link EMPTY_TABLE_TEXT}; returns how many it replaced.
 * Self-contained (no outer references, no arrow functions): its source text is the inline script.
 * @example dutchEmptyTables(document) // 1 on a page with one empty table
 */
export function dutchEmptyTables(root: ParentNode): number {
  let replaced = 0;
  const selector = "form[class$='-table'] td[rowspan]";
  const cells = Array.prototype.slice.call(root.querySelectorAll(selector)) as Element[];
  if ((root as Element).matches && (root as Element).matches(selector)) cells.push(root as Element);
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].textContent === "No results.") {
      cells[i].textContent = "Geen rijen.";
      replaced++;
    }
  }
  return replaced;
}

/**
 * The inline script for every page's head: replaces the text in the page as it is, then in every
 * element added later (a table is built whole and then displayed, so only added nodes are searched).
 */
export function emptyTablesScript(): string {
  return `(function(dutch){dutch(document);new MutationObserver(function(records){for(var i=0;i<records.length;i++){var added=records[i].addedNodes;for(var j=0;j<added.length;j++){if(added[j].nodeType===1)dutch(added[j]);}}}).observe(document,{childList:true,subtree:true});})(${dutchEmptyTables.toString()});`;
}
