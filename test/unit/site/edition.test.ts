import {existsSync, lstatSync, mkdtempSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, test} from "vitest";
import {
  ALWAYS, EDITION_DIR, REPORT_SOURCE, assembleEdition, coverPage, editionPages, editionSite, editionView, findMunicipality, linkTarget, neutraliseLinks, pageLinks,
  pageNames, removeEdition, sitePages, usesSql, withoutSiteOnly, type EditionManifest
} from "../../../loaders/site/edition.js";
import {editionArgs, reportEnv} from "../../../scripts/report.js";
import {PROJECT_ROOT} from "../../../loaders/config.js";

const REPORT = readFileSync(join(PROJECT_ROOT, "src", `${REPORT_SOURCE}.md`), "utf8");

describe("which pages run SQL (and so ship DuckDB-wasm)", () => {
  test("front matter sql, a sql block, DuckDBClient or sql`` mark a page; the real pages are told apart", () => {
    expect(usesSql("---\ntitle: x\nsql:\n  t: ./data/t.parquet\n---\n# x")).toBe(true);
    expect(usesSql("# x\n\n```sql id=top\nselect 1\n```\n")).toBe(true);
    expect(usesSql("```js\nconst db = DuckDBClient.of({t});\n```")).toBe(true);
    expect(usesSql("```js\nconst rows = await sql`select 1`;\n```")).toBe(true);
    expect(usesSql("# Waar\n\nGeen sql hier; ook niet `sqlite`.")).toBe(false);
    const sql = sitePages(join(PROJECT_ROOT, "src")).filter((p) => usesSql(readFileSync(join(PROJECT_ROOT, "src", `${p}.md`), "utf8")));
    expect(sql).toEqual(["verkennen"]);
  });
});

describe("links between pages", () => {
  test("a relative link resolves to the page it points to; external links, anchors, assets and computed paths do not", () => {
    expect(linkTarget("../waar.html?gemeente=${code}", REPORT_SOURCE)).toBe("waar");
    expect(linkTarget("./index", REPORT_SOURCE)).toBe("gemeenten/index");
    expect(linkTarget("./", REPORT_SOURCE)).toBe("gemeenten/index");
    expect(linkTarget("../hypothesen/", "wanneer")).toBeNull(); // outside the root
    expect(linkTarget("./hypothesen/", "wanneer")).toBe("hypothesen/index");
    expect(linkTarget("./hypothesen/donkere-avonden.html#kaart", "wanneer")).toBe("hypothesen/donkere-avonden");
    expect(linkTarget("/verantwoording", "gemeenten/[gemeente]")).toBe("verantwoording");
    for (const href of ["https://www.cbs.nl/", "mailto:a@b.nl", "#doelen", "../data/counts-year.csv", "./${d.slug}.html", "//cdn.example/x"]) {
      expect(linkTarget(href, REPORT_SOURCE), href).toBeNull();
    }
  });
  test("the municipality report links to Waar, Wanneer, Overzicht, Vergelijken and the list of municipalities", () => {
    expect(pageLinks(REPORT, REPORT_SOURCE).sort()).toEqual(["gemeenten/index", "overzicht", "vergelijken", "waar", "wanneer"]);
  });
  test("a link to a page outside the edition becomes its text, or a link to the full site; others stay", () => {
    const page = [
      "Zie [Gemeenten](./index) en [Waar](../waar) of [de bron](https://www.cbs.nl/).",
      "```js",
      "const f = fns[0](./x); display(html`<a href=\"../waar.html?gemeente=${code}\">Waar</a> <a href=\"../datakwaliteit.html\">Datakwaliteit</a>`);",
      "```",
      "${ok ? html`<a href=\"../vergelijken.html\" class=\"x\">Vergelijken</a>` : \"\"}"
    ].join("\n");
    const included = new Set(["index", "gemeenten/enschede", "datakwaliteit", "vergelijken"]);
    expect(neutraliseLinks(page, {from: REPORT_SOURCE, included})).toBe([
      "Zie Gemeenten en Waar of [de bron](https://www.cbs.nl/).",
      "```js",
      "const f = fns[0](./x); display(html`Waar <a href=\"../datakwaliteit.html\">Datakwaliteit</a>`);",
      "```",
      "${ok ? html`<a href=\"../vergelijken.html\" class=\"x\">Vergelijken</a>` : \"\"}"
    ].join("\n"));
    const full = neutraliseLinks(page, {from: REPORT_SOURCE, included, fullUrl: "https://inbraaklab.example/twente/"});
    expect(full).toContain("[Gemeenten](https://inbraaklab.example/twente/gemeenten/index.html)");
    expect(full).toContain("<a href=\"https://inbraaklab.example/twente/waar.html?gemeente=${code}\">Waar</a>");
    expect(full).toContain("fns[0](./x)");
  });
  test("after neutralising, the real report links only to pages of its edition, and its site-only text is gone", () => {
    const included = new Set(["index", "gemeenten/enschede", "waar", "datakwaliteit", "verantwoording"]);
    const out = neutraliseLinks(withoutSiteOnly(REPORT), {from: REPORT_SOURCE, included});
    expect(pageLinks(out, REPORT_SOURCE).sort()).toEqual(["waar"]);
    expect(REPORT).toContain("Alle gemeenten staan op de pagina");
    expect(out).not.toContain("Alle gemeenten staan op de pagina");
    expect(withoutSiteOnly('A\n<p data-site-only class="x">B <a href="./x.html">x</a></p>\n<div data-site-only>\nC\n</div>\nD <p>E</p>')).toBe("A\nD <p>E</p>");
  });
  test("Overzicht's benchmark keeps its sentence but not its link to any municipality's report (built in code, so not neutralised)", () => {
    const source = readFileSync(join(PROJECT_ROOT, "src/overzicht.md"), "utf8");
    const out = withoutSiteOnly(source);
    expect(source).toContain("benchmark.page.href");
    expect(out).not.toContain("benchmark.page.href");
    expect(out).not.toContain("op elke gemeentepagina");
    expect(out).toMatch(/<p data-benchmark>\$\{benchmark\.text\}\s*<\/p>/);
  });
});

describe("the pages of an edition", () => {
  const available = ["index", "overzicht", "wanneer", "waar", "wie", "vergelijken", "verkennen", "datakwaliteit", "verantwoording", REPORT_SOURCE, "gemeenten/index"];
  test("the report, the council pages it links to, then Datakwaliteit and Verantwoording", () => {
    expect(editionPages({linked: ["waar", "gemeenten/index", "wie", "overzicht"], available})).toEqual([REPORT_SOURCE, "overzicht", "waar", ...ALWAYS]);
    expect(editionPages({linked: [], available})).toEqual([REPORT_SOURCE, ...ALWAYS]);
    expect(editionPages({linked: [], available: [REPORT_SOURCE]})).toEqual([REPORT_SOURCE]);
  });
  test("pages asked for replace the choice; the start page or an unknown page is refused", () => {
    expect(editionPages({linked: ["waar"], available, requested: ["wie", "verkennen"]})).toEqual([REPORT_SOURCE, "wie", "verkennen", ...ALWAYS]);
    expect(() => editionPages({linked: [], available, requested: ["index"]})).toThrow("invalid pagina: index (kies uit datakwaliteit, gemeenten/index, overzicht");
    expect(() => editionPages({linked: [], available, requested: ["bestaat-niet"]})).toThrow("invalid pagina: bestaat-niet");
  });
  test("a municipality is found by name, page name or code", () => {
    const list = [{code: "GM0153", name: "Enschede", slug: "enschede"}, {code: "GM1735", name: "Hof van Twente", slug: "hof-van-twente"}];
    expect(findMunicipality("hof van twente", list).code).toBe("GM1735");
    expect(findMunicipality("Hof-van-Twente", list).code).toBe("GM1735");
    expect(findMunicipality("gm0153", list).name).toBe("Enschede");
    expect(() => findMunicipality("Hengelo", list)).toThrow("invalid gemeente: Hengelo (kies uit Enschede, Hof van Twente)");
  });
});

describe("npm run report -- --gemeente", () => {
  test("reads the municipality, the pages and the full site's address; an edition has a folder of its own", () => {
    expect(editionArgs(["--gemeente", "Hof van Twente", "--paginas", "waar, wanneer.md", "--volledig", "https://x.example/"])).toEqual({gemeente: "Hof van Twente", pages: ["waar", "wanneer"], fullUrl: "https://x.example/"});
    expect(editionArgs(["--out", "rapport"])).toBeNull();
    expect(reportEnv(["--gemeente", "Hof van Twente"], PROJECT_ROOT).INBRAAKLAB_OUTPUT).toBe(join(PROJECT_ROOT, "dist-hof-van-twente"));
    expect(() => editionArgs(["--paginas", "waar"])).toThrow("alleen samen met --gemeente");
    expect(() => editionArgs(["--gemeente", "Enschede", "--volledig", "javascript:alert(1)"])).toThrow("invalid volledig");
    expect(() => editionArgs(["--gemeente", " "])).toThrow("invalid gemeente");
  });
});

describe("the edition's source root and configuration", () => {
  let project: string | null = null;
  afterEach(() => {
    if (project) rmSync(project, {recursive: true, force: true});
    project = null;
  });
  const manifest: EditionManifest = {gemeente: {code: "GM0153", name: "Enschede", slug: "enschede"}, pages: [REPORT_SOURCE, "waar", "verantwoording"], fullUrl: null};

  test("holds the chosen pages with neutralised links, a cover and links to src/'s shared folders", () => {
    project = mkdtempSync(join(tmpdir(), "edition-"));
    const src = join(project, "src");
    for (const dir of ["gemeenten", "lib", "components", "data"]) mkdirSync(join(src, dir), {recursive: true});
    writeFileSync(join(src, `${REPORT_SOURCE}.md`), "# R\n\n[Gemeenten](./index) en [Waar](../waar).\n");
    writeFileSync(join(src, "waar.md"), '# Waar\n\n<a href="./vergelijken.html">Vergelijken</a>\n');
    writeFileSync(join(src, "verantwoording.md"), "# V\n");
    writeFileSync(join(src, "verkennen.md"), "# SQL\n");
    writeFileSync(join(src, "style.css"), "");
    const root = assembleEdition(manifest, {projectRoot: project, names: new Map([["waar", "Waar"]])});
    expect(root).toBe(join(project, EDITION_DIR));
    expect(sitePages(root)).toEqual(["gemeenten/[gemeente]", "index", "verantwoording", "waar"]);
    expect(readFileSync(join(root, `${REPORT_SOURCE}.md`), "utf8")).toBe("# R\n\nGemeenten en [Waar](../waar).\n");
    expect(readFileSync(join(root, "waar.md"), "utf8")).toBe("# Waar\n\nVergelijken\n");
    expect(lstatSync(join(root, "lib")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, "data"))).toBe(join("..", "src", "data"));
    const cover = readFileSync(join(root, "index.md"), "utf8");
    // Each page opens on the municipality: the view parameter travels on from there.
    expect(cover).toContain('const pages = [["./gemeenten/enschede.html?gemeente=GM0153","Gemeenterapport Enschede"],["./waar.html?gemeente=GM0153","Waar"],["./verantwoording.html?gemeente=GM0153","verantwoording"]];');
    const site = editionSite(EDITION_DIR, {title: "Inbraaklab", pages: [{name: "Dashboard", pages: [{name: "Waar", path: "/waar"}]}, {name: "Verantwoording", path: "/verantwoording"}]}, project);
    expect(site).toMatchObject({
      title: "Inbraaklab — Enschede",
      pages: [{name: "Gemeenterapport Enschede", path: "/gemeenten/enschede"}, {name: "Waar", path: "/waar"}, {name: "Verantwoording", path: "/verantwoording"}],
      dynamicPaths: ["/gemeenten/enschede"]
    });
    // Every page of the edition opens on its municipality where a link names none.
    expect(editionView(EDITION_DIR, project)).toEqual({gemeente: "GM0153"});
    removeEdition(project);
    expect(editionView(EDITION_DIR, project)).toEqual({});
    expect(existsSync(root)).toBe(false);
    expect(() => editionSite(EDITION_DIR, {title: "x", pages: []}, project!)).toThrow("invalid INBRAAKLAB_EDITION");
  });
  test("without INBRAAKLAB_EDITION the configuration is the site's own", () => {
    expect(editionSite(undefined, {title: "x", pages: []})).toEqual({});
    expect(editionSite("", {title: "x", pages: []})).toEqual({});
    expect(editionView(undefined)).toEqual({});
  });
  test("the cover says when links to left-out pages point to the full site, and escapes names", () => {
    const names = pageNames([{name: "Alle gemeenten", path: "/gemeenten/"}]);
    expect(names.get("gemeenten/index")).toBe("Alle gemeenten");
    const cover = coverPage({...manifest, gemeente: {code: "GM0001", name: "A&B <c>", slug: "a-b-c"}, fullUrl: "https://x.example/"}, names);
    expect(cover).toContain("# A&amp;B &lt;c&gt;");
    expect(cover).toContain('title: "A&B <c>"');
    // The name also goes into the page's script: no "</script>" can end it early.
    expect(cover).toContain('"Gemeenterapport A&B \\u003cc>"');
    expect(cover).toContain('De volledige site: <a href="https://x.example/">');
  });
});
