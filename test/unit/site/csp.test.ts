import {createHash} from "node:crypto";
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, test} from "vitest";
import {CSP_DIRECTIVES, cspMetaTag, cspPolicy, hardenHtml, HTL_PLACEHOLDERS, inlineHandlers, inlineScripts, scriptHash} from "../../../loaders/site/csp.js";
import {hardenSite} from "../../../loaders/site/harden.js";

const page = (body: string, head = cspMetaTag()) =>
  `<!DOCTYPE html><html><head>${head}<script type="module">import "./a.js";</script><script src="./b.js"></script></head><body>${body}<script>{init()}</script></body></html>`;

describe("cspPolicy", () => {
  test("allows only the site's own origin and what DuckDB-wasm needs", () => {
    const policy = cspPolicy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).toContain("'wasm-unsafe-eval'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);
    expect(policy).not.toMatch(/https?:|\*/);
    expect(policy).not.toContain("frame-ancestors"); // not allowed in a meta tag
    expect(cspPolicy({header: true})).toContain("frame-ancestors 'self'");
    expect(Object.keys(CSP_DIRECTIVES)).toContain("connect-src");
  });
  test("adds script hashes once, sorted, and htl's placeholder hashes with 'unsafe-hashes'", () => {
    const a = scriptHash("a"), b = scriptHash("b");
    const policy = cspPolicy({hashes: [b, a, b]});
    const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc.split(" ").filter((s) => s === a || s === b)).toEqual([a, b].sort());
    expect(scriptSrc).toContain("'unsafe-hashes'");
    expect(scriptSrc).toContain(scriptHash("::0"));
    expect(scriptSrc).toContain(scriptHash(`::${HTL_PLACEHOLDERS - 1}`));
    expect(() => cspPolicy({hashes: ["'unsafe-inline'"]})).toThrow("invalid hash");
  });
  test("scriptHash is the base64 SHA-256 of the script text", () => {
    expect(scriptHash("alert(1)")).toBe(`'sha256-${createHash("sha256").update("alert(1)").digest("base64")}'`);
  });
});

describe("hardenHtml", () => {
  test("finds inline scripts (not external ones) and puts exactly their hashes in the meta tag", () => {
    const html = page("<p>hi</p>");
    expect(inlineScripts(html)).toEqual([`import "./a.js";`, "{init()}"]);
    const {html: out, hashes} = hardenHtml(html);
    expect(hashes).toEqual([scriptHash(`import "./a.js";`), scriptHash("{init()}")]);
    for (const h of hashes) expect(out).toContain(h);
    expect(out.match(/Content-Security-Policy/g)).toHaveLength(1);
  });
  test("rejects inline event handlers and pages without exactly one CSP meta tag", () => {
    expect(inlineHandlers(`<button onclick="x()">a</button><img src=a.png onerror=alert(1)>`)).toEqual(["onclick", "onerror"]);
    expect(inlineHandlers(`<script>const s = "<b onclick=x>";</script><p data-on="1">`)).toEqual([]);
    expect(() => hardenHtml(page(`<a onmouseover="x()">a</a>`), "x.html")).toThrow("x.html: inline event handlers are not allowed: onmouseover");
    expect(() => hardenHtml(page("", ""))).toThrow("expected one CSP meta tag, found 0");
  });
});

describe("hardenSite", () => {
  let dir = "";
  afterEach(() => rmSync(dir, {recursive: true, force: true}));
  test("hardens every page and writes header files with every page's hashes", () => {
    dir = mkdtempSync(join(tmpdir(), "harden-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "index.html"), page("<p>1</p>"));
    writeFileSync(join(dir, "sub", "b.html"), page("<p>2</p>").replace("{init()}", "{other()}"));
    const result = hardenSite(dir);
    expect(result.pages).toBe(2);
    expect(result.hashes).toBe(3);
    const header = readFileSync(join(dir, "_deploy", "csp-header.txt"), "utf8");
    expect(header).toContain(scriptHash("{other()}"));
    expect(header).toContain("frame-ancestors");
    expect(readFileSync(join(dir, "_deploy", "nginx-csp.conf"), "utf8")).toContain("add_header Content-Security-Policy");
    const web = readFileSync(join(dir, "web.config"), "utf8");
    expect(web).toContain(`<mimeMap fileExtension=".arrow"`);
    expect(web).toContain(`<mimeMap fileExtension=".wasm"`);
    expect(readFileSync(join(dir, "sub", "b.html"), "utf8")).toContain(scriptHash("{other()}"));
  });
});

describe("hardenHtml: language", () => {
  test("every hardened page declares lang=\"nl\" on <html>, once", () => {
    const {html} = hardenHtml(page("<p>x</p>"));
    expect(html).toMatch(/<html lang="nl">/);
    const again = hardenHtml(html).html;
    expect(again.match(/lang=/g)).toHaveLength(1);
  });
});
