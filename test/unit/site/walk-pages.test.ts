// Which pages the browser walks visit (test/e2e/smoke.ts): every page of a built site, but one
// instance of a parameterised page on the extra sites; screenshots only when asked for.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterEach, describe, expect, test} from "vitest";
import {listPages, pagesOnePerRoute, parameterisedRoutes, screenshotDir} from "../../e2e/smoke.js";

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, {recursive: true, force: true});
  root = undefined;
});

/** A project with the given page sources under src/ and built pages under dist/. */
function project(sources: string[], built: string[]): {src: string; dist: string} {
  root = mkdtempSync(join(tmpdir(), "inbraaklab-walk-"));
  const src = join(root, "src"), dist = join(root, "dist");
  for (const [base, files] of [[src, sources], [dist, built]] as const) {
    for (const file of files) {
      mkdirSync(dirname(join(base, file)), {recursive: true});
      writeFileSync(join(base, file), "x");
    }
  }
  return {src, dist};
}

describe("pagesOnePerRoute", () => {
  test("keeps static pages and one instance of each parameterised page, the one named if built", () => {
    const {src, dist} = project(
      ["index.md", "gemeenten/index.md", "gemeenten/[gemeente].md", "gemeenten/kaart.md", "buurten/[buurt].md", ".observablehq/[x].md"],
      ["index.html", "404.html", "gemeenten/index.html", "gemeenten/almelo.html", "gemeenten/enschede.html", "gemeenten/kaart.html", "buurten/a.html", "buurten/b.html", "_file/x.html"]
    );
    expect(parameterisedRoutes(src)).toEqual(["buurten", "gemeenten"]);
    expect(listPages(dist)).toHaveLength(7);
    expect(pagesOnePerRoute(dist, "enschede", src)).toEqual(["buurten/a", "gemeenten/enschede", "gemeenten/index", "gemeenten/kaart", "index"]);
    // Without the named instance, the first one built.
    expect(pagesOnePerRoute(dist, "hengelo", src)).toEqual(["buurten/a", "gemeenten/almelo", "gemeenten/index", "gemeenten/kaart", "index"]);
  });

  test("on the site's own sources: the municipality reports are the one parameterised page", () => {
    expect(parameterisedRoutes()).toEqual(["gemeenten"]);
  });
});

describe("screenshotDir", () => {
  test("screenshots only when INBRAAKLAB_SCREENSHOTS=1", () => {
    expect(screenshotDir({})).toBeUndefined();
    expect(screenshotDir({INBRAAKLAB_SCREENSHOTS: "0"})).toBeUndefined();
    expect(screenshotDir({INBRAAKLAB_SCREENSHOTS: "1"})).toMatch(/test[/\\]output[/\\]screenshots$/);
  });
});
