// The page text helpers and the analyses speak the build's theme: rendered for fietsdiefstal they
// never say "inbraak"; rendered for woninginbraak they keep their wording.
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {capitalise, happens, soortLabel, THEME_IDS, THEMES, type Theme} from "../../../src/lib/theme.js";
import {filterText, soortOptions} from "../../../src/lib/filters.js";
import {indicatorsFor, INDICATORS} from "../../../src/lib/compare.js";
import {DUTCH_VIEWS, EXAMPLES, examplesFor, viewStatements} from "../../../src/lib/explore.js";
import {CATALOGUE, catalogueFor} from "../../../src/lib/catalogue.js";
import {levelNote} from "../../../src/lib/site.js";
import {indicatorNamesFor, INDICATOR_NAMES, targetProgress} from "../../../src/lib/overview.js";
import {safeSum} from "../../../src/lib/privacy/safe-sum.js";
import {readConfig} from "../../../loaders/config.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {publish} from "../../../loaders/pipeline/publish.js";
import {runAnalyses} from "../../../loaders/pipeline/run.js";
import {PROJECT_ROOT} from "../../../loaders/config.js";
import {demoDelivery} from "../../helpers/demo.js";

/** Every sentence the pure text helpers produce for a theme. */
function helperTexts(theme: Theme): string[] {
  const filters = (soort: "alle" | "inbraak" | "poging") => filterText({from: "2024-01", to: "2024-12", gemeente: "regio", soort}, new Map(), theme);
  const meta = {level: "openbaar" as const, source: "demo", suppress_below: 5, first_month: "2024-01", last_month: "2024-12", incidents: 10, theme: theme.id};
  return [
    filters("alle"), filters("inbraak"), filters("poging"),
    ...soortOptions(theme).map(([, label]) => label),
    ...indicatorsFor(theme).flatMap((i) => [i.label, i.unit]),
    ...examplesFor(theme).map((e) => e.title),
    ...catalogueFor(theme).flatMap((s) => [s.name, s.content]),
    levelNote(meta),
    ...Object.values(indicatorNamesFor(theme)),
    targetProgress({indicator: "inbraken_per_1000_woningen", year: 2025, target: 4, actual: safeSum([2]), months: 6, theme}).sentence,
    happens(theme, "er vaker"), soortLabel(theme, "inbraak"), capitalise(theme.withAttempts)
  ];
}

describe("page text helpers per theme", () => {
  test("fietsdiefstal text never says inbraak; the data template's file name is the one exception", () => {
    for (const text of helperTexts(THEMES.fietsdiefstal)) {
      // inbraken.csv is the delivery template's file name (the same for every theme).
      expect(text.replaceAll("inbraken.csv", ""), text).not.toMatch(/inbra|inbre|ingebroken/i);
    }
    expect(filterTextOf("inbraak", THEMES.fietsdiefstal)).toContain("alleen geslaagde fietsdiefstallen");
    expect(catalogueFor(THEMES.fietsdiefstal)[0].content).toContain("stallingsplek");
    // The national comparison reads the CBS burglary series, empty in a build of another offence.
    expect(examplesFor(THEMES.fietsdiefstal).map((e) => e.title)).toEqual(EXAMPLES.filter((e) => !e.burglaryOnly).map((e, i) => (i === 0 ? "Fietsdiefstallen per jaar in de regio" : e.title)));
    expect(examplesFor(THEMES.woninginbraak).some((e) => e.sql.includes("nederland_per_jaar"))).toBe(true);
    // Nor its view, whose description names burglaries (the Verkennen page lists views with it).
    expect(viewStatements(THEMES.fietsdiefstal).join("\n")).not.toMatch(/nederland_per_jaar/);
    expect(viewStatements(THEMES.woninginbraak).join("\n")).toMatch(/nederland_per_jaar/);
    expect(viewStatements(THEMES.fietsdiefstal)).toHaveLength(Object.values(DUTCH_VIEWS).filter((v) => !v.burglaryOnly).length);
  });

  test("woninginbraak text is unchanged", () => {
    expect(filterTextOf("inbraak", THEMES.woninginbraak)).toContain("alleen geslaagde inbraken");
    expect(soortOptions()).toEqual([["alle", "Inbraken en pogingen"], ["inbraak", "Alleen inbraken"], ["poging", "Alleen pogingen"]]);
    expect(indicatorsFor(THEMES.woninginbraak)).toEqual(INDICATORS.map((i) => ({...i})));
    expect(examplesFor(THEMES.woninginbraak)).toEqual(EXAMPLES.map((e) => ({...e})));
    expect(catalogueFor(THEMES.woninginbraak)).toEqual(CATALOGUE.map((s) => ({...s})));
    expect(happens(THEMES.woninginbraak, "er meer")).toBe("wordt er meer ingebroken");
    expect(indicatorNamesFor(THEMES.woninginbraak)).toEqual(INDICATOR_NAMES);
    expect(happens(THEMES.fietsdiefstal, "vaker")).toBe("worden vaker fietsen gestolen");
  });

  test("every theme word is used by a page, a helper or an analysis", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(md|ts)$/.test(name) && !path.endsWith(join("lib", "theme.ts"))) files.push(path);
      }
    };
    walk(join(PROJECT_ROOT, "src"));
    walk(join(PROJECT_ROOT, "loaders"));
    const code = files.map((f) => readFileSync(f, "utf8")).join("\n");
    // Fields read through a helper of theme.ts count when the helper is used.
    const helpers: Record<string, string> = {passive: "happens(", soort: "soortLabel("};
    const unused: string[] = [];
    for (const [key, value] of Object.entries(THEMES.woninginbraak)) {
      const keys = value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).map((k) => `${key}.${k}`) : [key];
      for (const k of keys) {
        const used = code.includes(`.${k}`) || (helpers[key] !== undefined && code.includes(helpers[key]));
        if (!used) unused.push(k);
      }
    }
    expect(unused).toEqual([]);
  });
});

function filterTextOf(soort: "alle" | "inbraak" | "poging", theme: Theme): string {
  return filterText({from: "2024-01", to: "2024-12", gemeente: "regio", soort}, new Map(), theme);
}

describe("analyses per theme", () => {
  test("questions, methods and effect labels of a fietsdiefstal build never say inbraak", () => {
    const dir = demoDelivery({seed: 4, fromYear: 2023, toYear: 2024, incidents: 1500});
    const delivery = readDelivery(dir);
    const texts = (themeId: string) => {
      const {tables} = publish(delivery, {level: "openbaar", suppressBelow: 5});
      const findings = runAnalyses(delivery, tables, {...readConfig({INBRAAKLAB_THEME: themeId}), dataDir: dir}, dir);
      const labels = [...tables].filter(([name]) => name.endsWith("_effects")).flatMap(([, t]) => t.toArray().map((r) => `${r.label} ${r.warning ?? ""}`));
      return [...findings.flatMap((f) => [f.question, f.method]), ...labels];
    };
    const bike = texts("fietsdiefstal");
    expect(bike.filter((t) => /inbra|inbre|ingebroken/i.test(t.replaceAll("inbraken.csv", "")))).toEqual([]);
    expect(bike.join(" ")).toContain("diefstalrisico");
    expect(texts("woninginbraak").join(" ")).toContain("inbraakrisico");
  }, 120_000);
});

test("THEME_IDS and THEMES agree", () => {
  expect(Object.keys(THEMES).sort()).toEqual([...THEME_IDS].sort());
});
