// The national benchmark's refresh (npm run fetch:open -> loaders/reference/nederland.json), offline
// against hand-written CBS OData fixtures (test/fixtures/cbs/47025NED, 81955NED, 83474NED): the
// parser, the merge into the reference file, and that a failed download leaves the file as it was.
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {NATIONAL_REFERENCE, readNational} from "../../../loaders/analyses/national.js";
import {parseFetchOpenArgs, runFetchOpen} from "../../../loaders/cli/fetch-open.js";
import {NATIONAL_SERIES, parseNationalRows, refreshNational} from "../../../loaders/sources/national.js";
import {CBS_FIXTURES, fixtureFetch, offlineFetch} from "./fixture-fetch.js";

const tmp = mkdtempSync(join(tmpdir(), "national-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
let n = 0;
/** A copy of the committed reference file to refresh. */
function copy(): string {
  const path = join(tmp, `nederland-${++n}.json`);
  writeFileSync(path, readFileSync(NATIONAL_REFERENCE));
  return path;
}
const NOW = new Date("2026-01-10T09:00:00.000Z");
const fixture = (table: string, entity: string) => (JSON.parse(readFileSync(join(CBS_FIXTURES, table, `${entity}.json`), "utf8")) as {value: Record<string, unknown>[]}).value;

describe("parseNationalRows", () => {
  test("reads whole years of the selected dimension values; other rows, months and empty cells are skipped", () => {
    const burglaries = NATIONAL_SERIES.find((s) => s.name === "burglaries")!;
    const {values, missing} = parseNationalRows(fixture("47025NED", "TypedDataSet"), "GeregistreerdeMisdrijven_1", burglaries.select);
    // The fixture also holds total crime for NL01 and burglary in Enschede for 2024: not these.
    expect([...values]).toEqual([[2023, 22706], [2024, 21950]]);
    expect(missing).toEqual([2025]);
    const people = parseNationalRows(fixture("83474NED", "TypedDataSet"), "GemiddeldeBevolking_17", {});
    expect([...people.values]).toEqual([[2023, 17870298], [2024, 17985000]]);
  });

  test("a year twice, or a value that is not positive, is an error naming the table and year", () => {
    const row = {Perioden: "2024JJ00", RegioS: "NL01  ", X_1: 5};
    expect(() => parseNationalRows([row, row], "X_1", {RegioS: "NL01"}, "47025NED")).toThrow("CBS-tabel 47025NED: jaar 2024 komt twee keer voor");
    expect(() => parseNationalRows([{...row, X_1: -3}], "X_1", {RegioS: "NL01"}, "47025NED")).toThrow("X_1 in 2024 is -3");
  });
});

describe("refreshNational", () => {
  test("fetched years replace their rows and new years are added; older years are kept; the result passes the pipeline's check", async () => {
    const path = copy();
    const before = readNational(path);
    const log: string[] = [];
    const result = await refreshNational({path, fetch: fixtureFetch({log}), now: () => NOW});
    expect(result.replaced).toEqual([2023]);
    expect(result.added).toEqual([2024]);
    const after = readNational(path);
    expect(after.map((r) => r.year)).toEqual([...before.map((r) => r.year), 2024]);
    // 2023 had an interpolated stock: now the table's stock on 1 January 2023.
    expect(before.find((r) => r.year === 2023)).toMatchObject({dwellings_interpolated: true});
    expect(after.find((r) => r.year === 2023)).toMatchObject({burglaries: 22706, dwellings: 8125023, inhabitants: 17870298, dwellings_source: "81955NED", dwellings_interpolated: false});
    expect(after.find((r) => r.year === 2024)).toMatchObject({burglaries: 21950, dwellings: 8204049, inhabitants: 17985000});
    // Years the download did not cover are as they were (2012-2022).
    expect(after.filter((r) => r.year < 2023)).toEqual(before.filter((r) => r.year < 2023));
    expect(result.kept).toEqual(before.filter((r) => r.year < 2023).map((r) => r.year));
    const json = JSON.parse(readFileSync(path, "utf8"));
    expect(json.sources["47025NED"]).toMatchObject({table: "47025NED Geregistreerde misdrijven; soort misdrijf, regio", publisher: "Politie / CBS (dataderden.cbs.nl)", licence: "CC BY 4.0", downloaded: NOW.toISOString()});
    expect(json.sources["81955NED"].url).toContain("opendata.cbs.nl/ODataFeed/odata/81955NED/TypedDataSet");
    expect(json.refreshed).toEqual({by: "npm run fetch:open", at: NOW.toISOString(), years: [2023, 2024]});
    // 2022 is still interpolated, so the interpolation stays described.
    expect(json.dwellings_interpolation).toBeDefined();
    // The selection was asked of CBS with the padded keys, and the paged dwelling table was read to its end.
    expect(log.some((u) => decodeURIComponent(u).includes("SoortMisdrijf eq '1.1.1 ' and RegioS eq 'NL01  '"))).toBe(true);
    expect(log.some((u) => u.includes("81955NED/TypedDataSet?$format=json&$skip=1"))).toBe(true);
  });

  test("offline: a clear Dutch error, the file unchanged and no temporary file left", async () => {
    const path = copy();
    const text = readFileSync(path, "utf8");
    await expect(refreshNational({path, fetch: offlineFetch})).rejects.toThrow(/CBS-tabel 47025NED niet bereikbaar: fetch failed .*ENOTFOUND.*Controleer de internetverbinding/);
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("a table that changed (topic gone) or a broken answer after two good tables leaves the file unchanged", async () => {
    const path = copy();
    const text = readFileSync(path, "utf8");
    const noTopic = fixtureFetch({transform: (url, body) => (url.pathname.endsWith("81955NED/DataProperties") ? {...body, value: (body.value as {Type: string}[]).filter((p) => p.Type !== "Topic")} : body)});
    await expect(refreshNational({path, fetch: noTopic})).rejects.toThrow("CBS-tabel 81955NED heeft geen onderwerp 'Beginstand voorraad'");
    const broken = fixtureFetch({transform: (url, body) => {
      if (url.pathname.includes("83474NED")) throw new SyntaxError("Unexpected token <");
      return body;
    }});
    await expect(refreshNational({path, fetch: broken})).rejects.toThrow("CBS-tabel 83474NED: het antwoord is geen geldige JSON");
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});

describe("fetch:open --nederland", () => {
  test("alleen: only the national series, no --out needed; nee and bad values", async () => {
    expect(parseFetchOpenArgs(["--nederland", "alleen"])).toEqual({options: {out: ""}, national: "alleen"});
    expect(parseFetchOpenArgs(["--nederland", "nee"])).toMatchObject({error: expect.stringContaining("--out")});
    expect(parseFetchOpenArgs(["--out", "x", "--nederland", "soms"])).toMatchObject({error: expect.stringContaining("ongeldige --nederland")});
    const path = copy();
    const result = await runFetchOpen(["--nederland", "alleen"], {fetch: fixtureFetch(), now: () => NOW, nationalPath: path});
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain(`Landelijke reeks bijgewerkt in ${path}: 2 jaren uit CBS (2023–2024), 1 nieuw`);
    expect(result.output).toContain("bron 47025NED Geregistreerde misdrijven; soort misdrijf, regio (CC BY 4.0, gewijzigd 2025-03-20): GeregistreerdeMisdrijven_1 (Geregistreerde misdrijven, aantal)");
    expect(result.output).toContain("geen waarde voor 2025");
  });

  test("offline: exit 1, the error and that the file is unchanged", async () => {
    const path = copy();
    const text = readFileSync(path, "utf8");
    const result = await runFetchOpen(["--nederland", "alleen"], {fetch: offlineFetch, nationalPath: path});
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^Fout: CBS-tabel 47025NED niet bereikbaar/);
    expect(result.output).toContain(`${path} is niet veranderd.`);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
