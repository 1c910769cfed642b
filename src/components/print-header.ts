/**
 * The cover line of a printed page (shown only in print, see src/style.css): page title, delivery
 * date, data sources, publication level and privacy rule from meta.json.
 */
import {coverLine, siteTheme, type SiteMeta} from "../lib/site.js";

/**
 * Returns a `<header class="print-only print-cover">` for `meta`; `title` names the page.
 * @example PrintHeader(meta, {title: "Datakwaliteit"})
 */
export function PrintHeader(meta: SiteMeta, {title}: {title?: string} = {}): HTMLElement {
  const header = document.createElement("header");
  header.className = "print-only print-cover";
  const site = document.createElement("div");
  site.className = "print-cover-site";
  const theme = siteTheme(meta);
  site.textContent = `${theme.siteTitle} — ${theme.tagline}${title ? ` — ${title}` : ""}`;
  const line = document.createElement("div");
  line.className = "print-cover-line";
  line.textContent = coverLine(meta);
  header.append(site, line);
  return header;
}
