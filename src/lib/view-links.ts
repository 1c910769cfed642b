/**
 * One view across pages (issue 14, item 2): the filter parameters of the current page (period,
 * area, soort; src/lib/filters.ts) travel with every link to another page of the site, the
 * sidebar and Framework's pager ("Volgende pagina") included. A small inline script in every
 * page's head (observablehq.config.ts) adds them just before a link is followed, so pages without a
 * filter bar pass the view on as well. Its CSP hash is added by scripts/harden.ts like any inline
 * script.
 */

/**
 * The link `href` with the view parameters of `search` (the current page's query string) added,
 * unless the link already names them; links to other sites, files or anchors on the same page are
 * returned unchanged. `defaults` fills a parameter the current page does not name (a municipality's
 * edition opens every page on its municipality, also from its cover and sidebar). Self-contained
 * (no outer references): its source text is the inline script.
 * @example carryView("https://x.nl/wanneer.html", "?gemeente=GM0153", "https://x.nl/overzicht.html") // "https://x.nl/wanneer.html?gemeente=GM0153"
 */
export function carryView(href: string, search: string, current: string, defaults: Readonly<Record<string, string>> = {}): string {
  const keys = ["van", "tot", "gemeente", "soort"];
  const here = new URLSearchParams(search);
  let target: URL;
  try {
    target = new URL(href, current);
  } catch {
    return href;
  }
  const base = new URL(current);
  if (target.origin !== base.origin || !/(\.html|\/)$/.test(target.pathname)) return href;
  if (target.pathname === base.pathname && target.hash) return href;
  let changed = false;
  for (const key of keys) {
    const value = here.get(key) ?? (Object.prototype.hasOwnProperty.call(defaults, key) ? defaults[key] : null);
    if (value !== null && !target.searchParams.has(key)) {
      target.searchParams.set(key, value);
      changed = true;
    }
  }
  return changed ? target.href : href;
}

/**
 * The inline script for every page's head: on click, middle click and context menu (before the
 * browser follows or copies the link) an internal link gets the current view's parameters, and
 * `defaults` where the current page names none (see {@link carryView}).
 */
export function carryViewScript(defaults: Readonly<Record<string, string>> = {}): string {
  for (const [key, value] of Object.entries(defaults)) {
    if (!/^[\w-]+$/.test(key) || !/^[\w-]+$/.test(value)) throw new Error(`invalid view default: ${key}=${value}`);
  }
  return `(function(carry,defaults){function on(e){var a=e.target&&e.target.closest?e.target.closest("a[href]"):null;if(!a||a.hasAttribute("download"))return;var next=carry(a.href,location.search,location.href,defaults);if(next!==a.href)a.setAttribute("href",next);}["click","auxclick","contextmenu"].forEach(function(t){document.addEventListener(t,on,true);});})(${carryView.toString()},${JSON.stringify(defaults)});`;
}
