import {describe, expect, test} from "vitest";
import {capitalise, soortLabel, THEME_IDS, THEMES, themeOf} from "../../../src/lib/theme.js";
import {readConfig} from "../../../loaders/config.js";
import {demoOptionsForTheme} from "../../../loaders/demo/themes.js";
import {resolveDemoOptions} from "../../../loaders/demo/generate.js";
import {levelNote} from "../../../src/lib/site.js";

describe("themes", () => {
  test("default is woninginbraak; an unknown theme is rejected by name", () => {
    expect(themeOf(undefined).id).toBe("woninginbraak");
    expect(themeOf("").plural).toBe("inbraken");
    expect(themeOf("fietsdiefstal").plural).toBe("fietsdiefstallen");
    expect(() => themeOf("hennep")).toThrow("invalid theme: hennep");
  });
  test("every theme fills every word, and themes differ in their wording", () => {
    for (const id of THEME_IDS) {
      for (const [key, value] of Object.entries(THEMES[id])) {
        if (typeof value === "string") expect(value.trim(), `${id}.${key}`).not.toBe("");
      }
    }
    expect(new Set(THEME_IDS.map((id) => THEMES[id].plural)).size).toBe(THEME_IDS.length);
    expect(new Set(THEME_IDS.map((id) => THEMES[id].siteTitle)).size).toBe(THEME_IDS.length);
  });
  test("soort labels map the delivered values and pass others through", () => {
    expect(soortLabel(THEMES.fietsdiefstal, "inbraak")).toBe("diefstal");
    expect(soortLabel(THEMES.woninginbraak, "poging")).toBe("poging");
    expect(soortLabel(THEMES.fietsdiefstal, "totaal")).toBe("totaal");
    expect(capitalise("fietsdiefstallen")).toBe("Fietsdiefstallen");
  });
  test("INBRAAKLAB_THEME reaches the build configuration", () => {
    expect(readConfig({}).theme).toBe("woninginbraak");
    expect(readConfig({INBRAAKLAB_THEME: "fietsdiefstal"}).theme).toBe("fietsdiefstal");
    expect(() => readConfig({INBRAAKLAB_THEME: "x"})).toThrow("invalid theme: x");
  });
  test("the demo settings of every theme are valid generator options", () => {
    for (const id of THEME_IDS) expect(() => resolveDemoOptions({...demoOptionsForTheme(id), seed: 3})).not.toThrow();
    expect(demoOptionsForTheme("woninginbraak")).toEqual({});
    expect(resolveDemoOptions(demoOptionsForTheme("fietsdiefstal")).winterPeak).toBe(0);
  });
  test("the level note speaks of the build's theme", () => {
    const meta = {level: "openbaar" as const, source: "x", suppress_below: 5, first_month: "2024-01", last_month: "2024-12", incidents: 1234};
    expect(levelNote(meta)).toContain("1.234 geregistreerde inbraken en pogingen");
    expect(levelNote({...meta, theme: "fietsdiefstal"})).toContain("1.234 geregistreerde fietsdiefstallen en pogingen");
  });
});
