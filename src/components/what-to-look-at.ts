/**
 * The "Waar let je op?" box of the walk-through: two or three sentences that tell a visitor of an
 * inspiration session where to look on the page. Text is set with textContent (never parsed as HTML).
 */

export interface WhatToLookAtOptions {
  /** Box title; default "Waar let je op?". */
  title?: string;
}

/**
 * Returns an `<aside class="what-to-look-at">` with a title and the text; an array gives a list.
 * @example WhatToLookAt("Kijk naar de piek in de wintermaanden.")
 */
export function WhatToLookAt(text: string | readonly string[], {title = "Waar let je op?"}: WhatToLookAtOptions = {}): HTMLElement {
  const items = typeof text === "string" ? [text] : [...text];
  if (!items.length || items.some((t) => typeof t !== "string" || !t.trim())) throw new Error(`invalid text: ${JSON.stringify(text)}`);
  const aside = document.createElement("aside");
  aside.className = "what-to-look-at";
  aside.setAttribute("aria-label", title);
  const heading = document.createElement("strong");
  heading.textContent = title;
  aside.append(heading);
  if (items.length === 1) {
    const p = document.createElement("p");
    p.textContent = items[0];
    aside.append(p);
  } else {
    const ul = document.createElement("ul");
    for (const t of items) {
      const li = document.createElement("li");
      li.textContent = t;
      ul.append(li);
    }
    aside.append(ul);
  }
  return aside;
}
