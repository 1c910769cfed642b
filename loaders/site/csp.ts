/**
 * The Content-Security-Policy of the published site (docs/deployment.md, docs/decisions.md).
 *
 * Only the site's own origin, plus what DuckDB-wasm needs: its worker is started from a blob: URL
 * and compiles WebAssembly ('wasm-unsafe-eval'); fonts are inlined data: URLs; Plot and Inputs set
 * inline styles. Framework puts two inline scripts in every page (the page's module and the sidebar
 * initialiser); they are allowed by their SHA-256 hashes, computed after the build (`hardenHtml`),
 * never by 'unsafe-inline'.
 *
 * One more allowance: htl (behind Inputs and `html```) parses a template with placeholder
 * attributes such as `oninput="::3"` and then replaces them with event-handler properties. Chrome
 * checks the placeholder attribute against the policy when the node is imported, and reports a
 * violation although nothing runs. 'unsafe-hashes' with the hashes of exactly those placeholder
 * strings ("::0" ... "::63") silences that; the strings are not valid JavaScript, so no handler
 * can ever run through this allowance (docs/decisions.md).
 */
import {createHash} from "node:crypto";

/** The policy's directives without the inline-script hashes. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "worker-src": ["'self'", "blob:"],
  "connect-src": ["'self'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'none'"]
};

/** How many htl placeholder values ("::0" ...) the policy allows as attribute handlers. */
export const HTL_PLACEHOLDERS = 64;

/** The script-src sources for htl's placeholder attributes ('unsafe-hashes' and one hash each). */
export function htlPlaceholderSources(count = HTL_PLACEHOLDERS): string[] {
  return ["'unsafe-hashes'", ...Array.from({length: count}, (_, i) => scriptHash(`::${i}`))];
}

/**
 * The policy text. `hashes` are added to script-src; `header` adds the directives a `<meta>` tag
 * cannot carry (frame-ancestors: browsers ignore it, with a console message, in a meta tag).
 * @example cspPolicy({hashes: ["'sha256-abc='"]})
 */
export function cspPolicy({hashes = [], header = false}: {hashes?: readonly string[]; header?: boolean} = {}): string {
  for (const h of hashes) if (!/^'sha256-[A-Za-z0-9+/]+={0,2}'$/.test(h)) throw new Error(`invalid hash: ${h}`);
  const directives = Object.entries(CSP_DIRECTIVES).map(([name, values]) =>
    [name, ...values, ...(name === "script-src" ? [...new Set(hashes)].sort().concat(htlPlaceholderSources()) : [])].join(" "));
  if (header) directives.push("frame-ancestors 'self'");
  return directives.join("; ");
}

/** The `<meta>` tag the config's `head` puts in every page; `hardenHtml` fills in the hashes. */
export function cspMetaTag(policy = cspPolicy()): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}

/** The CSP source expression of a script text: `'sha256-<base64>'`. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;
const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/g;

/** The texts of the inline `<script>` elements of an HTML page. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1]);
}

/** Inline event-handler attributes (`onclick=` ...) in the page's tags; scripts' contents are skipped. */
export function inlineHandlers(html: string): string[] {
  const withoutScripts = html.replace(INLINE_SCRIPT, "<script></script>");
  const found: string[] = [];
  for (const tag of withoutScripts.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const attr of tag[0].matchAll(/\s(on[a-z]+)\s*=/gi)) found.push(attr[1]);
  }
  return found;
}

/** The page with `lang="nl"` on its `<html>` element (Framework 1.13 writes a bare `<html>`). */
export function withLang(html: string, lang = "nl"): string {
  return html.replace(/<html(?![^>]*\blang=)([^>]*)>/i, `<html lang="${lang}"$1>`);
}

/**
 * Rewrites the page's CSP meta tag to allow exactly its own inline scripts (by hash). Throws when
 * the page has no CSP meta tag, more than one, or an inline event handler. Also sets `lang="nl"`.
 */
export function hardenHtml(html: string, file = "page"): {html: string; hashes: string[]} {
  const metas = html.match(META) ?? [];
  if (metas.length !== 1) throw new Error(`${file}: expected one CSP meta tag, found ${metas.length}`);
  const handlers = inlineHandlers(html);
  if (handlers.length) throw new Error(`${file}: inline event handlers are not allowed: ${handlers.join(", ")}`);
  const hashes = [...new Set(inlineScripts(html).map(scriptHash))];
  const tag = cspMetaTag(cspPolicy({hashes}));
  return {html: withLang(html.replace(META, () => tag)), hashes};
}
