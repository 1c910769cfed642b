import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {checkHypothesisName, checkSourceName, hypothesisFiles, scaffold, sourceFiles} from "../../../scripts/new.js";
import {reportEnv} from "../../../scripts/report.js";
import {pageFile} from "../../../scripts/pdf.js";
import {siteMunicipalities} from "../../../loaders/site/municipalities.js";
import {buildTable} from "../../../loaders/arrow.js";
import {toArrowStream} from "../../../loaders/arrow.js";
import {SCHEMAS} from "../../../loaders/pipeline/tables.js";
import {PROJECT_ROOT} from "../../../loaders/config.js";

describe("npm run new", () => {
  test("accepts names in the project's style and rejects others by name", () => {
    expect(checkSourceName("buurt_schouwen")).toBe("buurt_schouwen");
    expect(() => checkSourceName("Buurt")).toThrow("invalid source name: Buurt");
    expect(() => checkSourceName("../x")).toThrow("invalid source name");
    expect(checkHypothesisName("eengezins-woningen")).toBe("eengezins-woningen");
    expect(() => checkHypothesisName("x_y")).toThrow("invalid hypothesis name");
    expect(() => checkHypothesisName("eind-")).toThrow("invalid hypothesis name");
  });
  test("a source gets a reader, a thin loader, a contract test and a fixture; a hypothesis a method, test and page", () => {
    expect(sourceFiles("buurt_schouwen").map((f) => f.path)).toEqual([
      "loaders/sources/buurt_schouwen.ts", "src/data/buurt-schouwen.arrow.ts", "test/contract/buurt-schouwen.test.ts",
      "test/fixtures/sources/buurt_schouwen/buurt_schouwen.csv"
    ]);
    const page = hypothesisFiles("eengezinswoningen").find((f) => f.path === "src/hypothesen/eengezinswoningen.md")!.text;
    expect(page).toMatch(/^---\ntitle: /);
    expect(page).toContain("data-main-chart");
    expect(page).toContain("DownloadButton(");
    expect(page).toContain("WhatToLookAt(");
    expect(page).toContain("privacyNote(meta)");
    expect(page).not.toContain("innerHTML");
  });
  test("renders the type-checked templates with the name and the imports of the target folder", () => {
    const files = [...sourceFiles("buurt_schouwen"), ...hypothesisFiles("eengezinswoningen")];
    for (const f of files) expect(f.text, f.path).not.toMatch(/scaffold[-_]?(source|hypothesis)/i);
    const reader = files.find((f) => f.path === "loaders/sources/buurt_schouwen.ts")!.text;
    expect(reader).toContain('from "../arrow.js"');
    expect(reader).toContain("export function readBuurtSchouwen(");
    const loader = files.find((f) => f.path === "src/data/buurt-schouwen.arrow.ts")!.text;
    expect(loader).toContain('import {readBuurtSchouwen} from "../../loaders/sources/buurt_schouwen.js";');
    const method = files.find((f) => f.path === "test/unit/hypotheses/eengezinswoningen.test.ts")!.text;
    expect(method).toContain('import {testEengezinswoningen} from "../../../src/lib/hypotheses/eengezinswoningen.js";');
  });
  test("writes the files and never overwrites", () => {
    const root = mkdtempSync(join(tmpdir(), "new-"));
    try {
      const written = scaffold("hypothesis", "proef", root);
      expect(written).toHaveLength(3);
      expect(readFileSync(join(root, "src/lib/hypotheses/proef.ts"), "utf8")).toContain("export function testProef(");
      expect(() => scaffold("hypothesis", "proef", root)).toThrow("bestaat al: src/lib/hypotheses/proef.ts");
      expect(() => scaffold("page" as never, "proef", root)).toThrow("invalid kind: page");
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});

describe("npm run report and npm run pdf", () => {
  test("report builds into the folder given, with theme, level and delivery", () => {
    expect(reportEnv(["--out", "rapport", "--thema", "fietsdiefstal", "--niveau", "intern", "--data", "lev"], "/tmp")).toEqual({
      INBRAAKLAB_OUTPUT: "/tmp/rapport", INBRAAKLAB_THEME: "fietsdiefstal", INBRAAKLAB_LEVEL: "intern", INBRAAKLAB_DATA_DIR: "/tmp/lev"
    });
    expect(() => reportEnv([])).toThrow("invalid out");
    expect(() => reportEnv(["--out", "src"], PROJECT_ROOT)).toThrow("invalid out: src");
    expect(() => reportEnv(["--out", "."], PROJECT_ROOT)).toThrow("invalid out");
  });
  test("pdf resolves page names to files of the site and rejects paths outside it", () => {
    expect(pageFile("index")).toBe("index.html");
    expect(pageFile("/gemeenten/enschede")).toBe("gemeenten/enschede.html");
    expect(pageFile("gemeenten/")).toBe("gemeenten/index.html");
    expect(pageFile("datakwaliteit.html")).toBe("datakwaliteit.html");
    expect(() => pageFile("../geheim")).toThrow("invalid page");
  });
});

describe("siteMunicipalities", () => {
  test("reads the municipalities with data from the prepared delivery; none before the first prepare", () => {
    const root = mkdtempSync(join(tmpdir(), "site-"));
    try {
      expect(siteMunicipalities(root)).toEqual([]);
      mkdirSync(join(root, "data", ".cache", "abc"), {recursive: true});
      writeFileSync(join(root, "data", ".cache", "current"), "abc");
      const month = Date.UTC(2024, 0, 1) / 86_400_000;
      const table = buildTable(SCHEMAS.counts_month, {
        area_level: ["regio", "gemeente", "gemeente", "gemeente"],
        area_code: ["regio", "GM1735", "GM0153", "GM0147"],
        area_name: ["Regio", "Hof van Twente", "Enschede", "Borne"],
        month: Int32Array.of(month, month, month, month),
        soort: ["inbraak", "inbraak", "inbraak", "inbraak"],
        count: [7, null, 7, 0],
        suppressed: Uint8Array.of(0, 1, 0, 0)
      });
      writeFileSync(join(root, "data", ".cache", "abc", "counts_month.arrow"), toArrowStream(table));
      expect(siteMunicipalities(root)).toEqual([
        {code: "GM0153", name: "Enschede", slug: "enschede"},
        {code: "GM1735", name: "Hof van Twente", slug: "hof-van-twente"}
      ]);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});
