// One view across pages (issue 14, item 2): internal links carry the period, area and soort.
import {runInNewContext} from "node:vm";
import {describe, expect, test} from "vitest";
import {carryView, carryViewScript} from "../../../src/lib/view-links.js";

const here = "https://site.nl/sub/overzicht.html?gemeente=GM0153&van=2024-01";

describe("carryView", () => {
  test("an internal page link gets the current view's parameters", () => {
    expect(carryView("https://site.nl/sub/wanneer.html", "?gemeente=GM0153&van=2024-01", here)).toBe("https://site.nl/sub/wanneer.html?van=2024-01&gemeente=GM0153");
    expect(carryView("./hypothesen/", "?soort=poging", here)).toBe("https://site.nl/sub/hypothesen/?soort=poging");
  });
  test("other parameters of the page are not carried, and a link's own choice wins", () => {
    expect(carryView("./wat.html?gemeente=GM0158", "?gemeente=GM0153&q=x", here)).toBe("./wat.html?gemeente=GM0158");
    expect(carryView("./wat.html", "?q=x&soort=poging", here)).toBe("https://site.nl/sub/wat.html?soort=poging");
  });
  test("no view, other sites, files and anchors on the same page stay as they are", () => {
    expect(carryView("./wanneer.html", "", here)).toBe("./wanneer.html");
    expect(carryView("https://cbs.nl/x.html", "?gemeente=GM0153", here)).toBe("https://cbs.nl/x.html");
    expect(carryView("./_file/data/a.csv", "?gemeente=GM0153", here)).toBe("./_file/data/a.csv");
    expect(carryView("#kerncijfers", "?gemeente=GM0153", here)).toBe("#kerncijfers");
  });
});

describe("carryView defaults (a municipality's edition)", () => {
  test("a default fills what the current page does not name; the page's own value and the link's win", () => {
    const defaults = {gemeente: "GM0153"};
    expect(carryView("./wanneer.html", "", "https://site.nl/index.html", defaults)).toBe("https://site.nl/wanneer.html?gemeente=GM0153");
    expect(carryView("./wanneer.html", "?gemeente=GM0158", "https://site.nl/index.html", defaults)).toBe("https://site.nl/wanneer.html?gemeente=GM0158");
    expect(carryView("./wanneer.html?gemeente=regio", "", "https://site.nl/index.html", defaults)).toBe("./wanneer.html?gemeente=regio");
    expect(carryView("https://cbs.nl/x.html", "", "https://site.nl/index.html", defaults)).toBe("https://cbs.nl/x.html");
  });
  test("the script refuses a default that could break out of it", () => {
    expect(() => carryViewScript({gemeente: "</script><script>alert(1)"})).toThrow("invalid view default");
  });
});

describe("carryViewScript", () => {
  test("the inline script rewrites a clicked internal link before the browser follows it", () => {
    const listeners: Record<string, (e: unknown) => void> = {};
    const link = {href: "https://site.nl/sub/wanneer.html", hasAttribute: () => false, setAttribute(_: string, v: string) { this.href = v; }};
    const document = {addEventListener: (type: string, fn: (e: unknown) => void) => { listeners[type] = fn; }};
    const location = {search: "?gemeente=GM0153", href: here};
    runInNewContext(carryViewScript(), {document, location, URL, URLSearchParams});
    expect(Object.keys(listeners).sort()).toEqual(["auxclick", "click", "contextmenu"]);
    listeners.click({target: {closest: () => link}});
    expect(link.href).toBe("https://site.nl/sub/wanneer.html?gemeente=GM0153");
  });

  test("with defaults, a link on a page without a view gets the edition's municipality", () => {
    const listeners: Record<string, (e: unknown) => void> = {};
    const link = {href: "https://site.nl/sub/wat.html", hasAttribute: () => false, setAttribute(_: string, v: string) { this.href = v; }};
    const document = {addEventListener: (type: string, fn: (e: unknown) => void) => { listeners[type] = fn; }};
    runInNewContext(carryViewScript({gemeente: "GM0153"}), {document, location: {search: "", href: "https://site.nl/sub/index.html"}, URL, URLSearchParams});
    listeners.click({target: {closest: () => link}});
    expect(link.href).toBe("https://site.nl/sub/wat.html?gemeente=GM0153");
  });
});
