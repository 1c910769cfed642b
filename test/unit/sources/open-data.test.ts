// fetchOpenData and the fetch:open CLI, offline against CBS/PDOK fixtures; the written folder must
// pass our own delivery reader.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {NATIONAL_REFERENCE} from "../../../loaders/analyses/national.js";
import {parseFetchOpenArgs, runFetchOpen} from "../../../loaders/cli/fetch-open.js";
import {readBoundaries} from "../../../loaders/delivery/areas.js";
import {readDelivery} from "../../../loaders/delivery/read.js";
import {fetchOpenData, regionAreas, type Provenance} from "../../../loaders/sources/open-data.js";
import {TWENTE_CODES} from "../../../src/lib/twente.js";
import {CBS_FIXTURES, fixtureFetch, offlineFetch} from "./fixture-fetch.js";

const tmp = mkdtempSync(join(tmpdir(), "open-data-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
let n = 0;
const folder = () => join(tmp, `levering-${++n}`);
const NOW = new Date("2025-01-15T10:00:00.000Z");
// The fixtures hold one KWB table (85984NED, 2024); the police fixture's latest year is 2023.
const KWB = {2023: "85984NED"};

const readCsv = (path: string) => {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  return {header, rows: lines.map((l) => l.split(";"))};
};
const fixture = (table: string, entity: string) => JSON.parse(readFileSync(join(CBS_FIXTURES, table, `${entity}.json`), "utf8")).value as Record<string, unknown>[];
const crimeFixture = [...fixture("47018NED", "TypedDataSet"), ...fixture("47018NED", "TypedDataSet.skip5")];

describe("fetchOpenData: burglaries, kerncijfers and provenance", async () => {
  const out = folder();
  const log: string[] = [];
  const result = await fetchOpenData({out, region: TWENTE_CODES, kwbTables: KWB, fetch: fixtureFetch({log}), now: () => NOW});
  const crime = readCsv(join(out, "cbs_misdrijven.csv"));
  const kern = readCsv(join(out, "kerncijfers.csv"));
  const bronnen = JSON.parse(readFileSync(join(out, "bronnen.json"), "utf8")) as Provenance;
  const value = (code: string, variabele: string) => kern.rows.find((r) => r[0] === code && r[2] === variabele)?.[3];

  test("asks the police table on dataderden for 1.1.1 in the latest year and the region, the KWB on opendata", () => {
    const typed = log.filter((u) => u.includes("/47018NED/TypedDataSet"));
    expect(typed).toHaveLength(2);
    const filter = new URL(typed[0]).searchParams.get("$filter")!;
    expect(filter).toContain("SoortMisdrijf eq '1.1.1 '");
    expect(filter).toContain("Perioden eq '2023JJ00'");
    for (const gm of TWENTE_CODES) expect(filter).toContain(`substring(WijkenEnBuurten,2,4) eq '${gm.slice(2)}'`);
    expect(log.filter((u) => u.includes("/47018NED/")).every((u) => u.startsWith("https://dataderden.cbs.nl/ODataFeed/odata/"))).toBe(true);
    expect(log.filter((u) => u.includes("/85984NED/")).every((u) => u.startsWith("https://opendata.cbs.nl/ODataFeed/odata/"))).toBe(true);
    expect(result.provenance.jaren).toEqual([2023]);
  });

  test("cbs_misdrijven.csv: trimmed keys, the region only, both pages, suppressed cells left out", () => {
    expect(crime.header).toBe("gebiedscode;jaar;soort_misdrijf;aantal");
    const expected = crimeFixture
      .filter((r) => String(r.SoortMisdrijf).trim() === "1.1.1" && String(r.WijkenEnBuurten).trim() !== "GM0363" && r.GeregistreerdeMisdrijven_1 !== null)
      .map((r) => [String(r.WijkenEnBuurten).trim(), "2023", "1.1.1", String(r.GeregistreerdeMisdrijven_1)]);
    expect(crime.rows).toHaveLength(expected.length);
    expect([...crime.rows].sort()).toEqual([...expected].sort());
    expect(crime.rows.flat().every((cell) => cell === cell.trim())).toBe(true);
    expect(crime.rows.some((r) => r[0] === "BU01640001")).toBe(true); // from the second page
    expect(crime.rows.some((r) => r[0] === "GM0363")).toBe(false);
    expect(crime.rows.some((r) => r[0] === "BU01530001")).toBe(false); // null in the fixture
  });

  test("kerncijfers.csv: identifiers resolved by prefix, perc_65_plus derived, missing values counted", () => {
    expect(kern.header).toBe("gebiedscode;jaar;variabele;waarde");
    const typed = fixture("85984NED", "TypedDataSet");
    const gm0153 = typed.find((r) => String(r.WijkenEnBuurten).trim() === "GM0153")!;
    expect(value("GM0153", "woningvoorraad")).toBe(String(gm0153.Woningvoorraad_35));
    expect(value("GM0153", "gemiddelde_woz")).toBe(String(gm0153.GemiddeldeWOZWaardeVanWoningen_36));
    expect(value("GM0153", "oppervlakte_land_ha")).toBe(String(gm0153.OppervlakteLand_113));
    expect(value("GM0153", "gem_inkomen_per_inwoner")).toBe(String(gm0153.GemiddeldInkomenPerInwoner_73));
    const share = (100 * Number(gm0153.k_65JaarOfOuder_12)) / Number(gm0153.AantalInwoners_5);
    expect(Number(value("GM0153", "perc_65_plus"))).toBeCloseTo(share, 1);
    expect(value("BU01530000", "gemiddelde_woz")).toBeUndefined();
    expect(kern.rows.some((r) => r[0] === "GM0363")).toBe(false);
    expect(kern.rows.every((r) => r[1] === "2023")).toBe(true);
    expect(new Set(kern.rows.map((r) => r[2])).has("k_65_jaar_of_ouder")).toBe(false);
  });

  test("bronnen.json: titles, URLs, licence, periods, download time and row counts", () => {
    expect(bronnen.aangemaakt).toBe(NOW.toISOString());
    const [police, kwb] = bronnen.bronnen;
    expect(police).toMatchObject({
      tabel: "47018NED", titel: "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers", licentie: "CC BY 4.0",
      bron_url: "https://dataderden.cbs.nl/ODataFeed/odata/47018NED", periode: "2012-2023", gewijzigd: "2024-08-15T02:00:00",
      opgehaald: NOW.toISOString(), bestand: "cbs_misdrijven.csv", rijen: crime.rows.length, ontbrekende_waarden: 1, bronvermelding: "© Politie"
    });
    expect(police.uitgever).toMatch(/Politie/);
    expect(police.data_url).toBe(log.find((u) => u.includes("/47018NED/TypedDataSet")));
    expect(kwb).toMatchObject({tabel: "85984NED", titel: "Kerncijfers wijken en buurten 2024", gewijzigd: "2025-03-27T02:00:00", rijen: kern.rows.length, licentie: "CC BY 4.0"});
    expect(kwb.uitgever).toMatch(/Centraal Bureau voor de Statistiek/);
    expect(kwb.variabelen?.gemiddelde_woz.cbs_sleutel).toBe("GemiddeldeWOZWaardeVanWoningen_36");
    expect(kwb.niet_gevonden).toEqual(["afstand_oprit_hoofdweg"]);
    expect(kwb.ontbrekend_per_variabele).toEqual({gemiddelde_woz: 1, gem_inkomen_per_inwoner: 1, perc_lage_inkomens: 1});
    expect(kwb.ontbrekende_waarden).toBe(3);
    expect(result.files.map((f) => f.file)).toEqual(["cbs_misdrijven.csv", "kerncijfers.csv", "bronnen.json"]);
    expect(bronnen.waarschuwingen.join(" ")).toMatch(/gebiedsgrenzen/i);
  });

  test("our delivery reader accepts the folder: zero rejects in kerncijfers.csv", () => {
    writeFileSync(join(out, "inbraken.csv"), "registratienummer;soort;pleegdatum_van;gemeentecode\nPL-1;inbraak;2023-11-02 19:30;GM0153\nPL-2;poging;03-12-2023;GM0164\n");
    const delivery = readDelivery(out);
    const report = delivery.reports.find((r) => r.file === "kerncijfers.csv")!;
    expect(report.present).toBe(true);
    expect(report.read).toBe(kern.rows.length);
    expect(report.rejected).toBe(0);
    expect(report.accepted).toBe(kern.rows.length);
    expect(delivery.errors).toEqual([]);
    expect(delivery.kerncijfers!.find((k) => k.gebiedscode === "WK015300" && k.variabele === "aantal_inwoners")?.waarde).toBe(28505);
  });
});

describe("fetchOpenData: region, years and code lists", () => {
  test("a smaller region filters on the server and again on the code list", async () => {
    const out = folder();
    const log: string[] = [];
    await fetchOpenData({out, region: ["GM0164"], kwbTables: KWB, fetch: fixtureFetch({log}), now: () => NOW});
    const filter = new URL(log.find((u) => u.includes("/47018NED/TypedDataSet"))!).searchParams.get("$filter")!;
    expect(filter).toContain("'0164'");
    expect(filter).not.toContain("'0153'");
    const codes = readCsv(join(out, "cbs_misdrijven.csv")).rows.map((r) => r[0]);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.slice(2, 6) === "0164")).toBe(true);
    expect(readCsv(join(out, "kerncijfers.csv")).rows.every((r) => r[0].slice(2, 6) === "0164")).toBe(true);
  });

  test("without a Municipality column the region follows from the code", async () => {
    const strip = (u: URL, body: Record<string, unknown>) => (u.pathname.endsWith("/WijkenEnBuurten") ? {...body, value: (body.value as Record<string, unknown>[]).map(({Municipality: _, ...r}) => r)} : body);
    const a = folder(), b = folder();
    await fetchOpenData({out: a, kwbTables: KWB, fetch: fixtureFetch(), now: () => NOW});
    await fetchOpenData({out: b, kwbTables: KWB, fetch: fixtureFetch({transform: strip}), now: () => NOW});
    expect(readFileSync(join(b, "cbs_misdrijven.csv"), "utf8")).toBe(readFileSync(join(a, "cbs_misdrijven.csv"), "utf8"));
    expect(readFileSync(join(b, "kerncijfers.csv"), "utf8")).toBe(readFileSync(join(a, "kerncijfers.csv"), "utf8"));
    const areas = regionAreas([{Key: "WK016400", Title: "x"}, {Key: "NL01", Title: "Nederland"}, {Key: "BU03630000", Title: "y", Municipality: "GM0363"}], ["GM0164", "GM0363"]);
    expect([...areas.keys()]).toEqual(["WK016400", "BU03630000"]);
  });

  test("several years: every period in the filter, a year without a KWB table is a warning", async () => {
    const out = folder();
    const log: string[] = [];
    const result = await fetchOpenData({out, year: [2022, 2023], kwbTables: {2023: "85984NED"}, fetch: fixtureFetch({log}), now: () => NOW});
    const filter = new URL(log.find((u) => u.includes("/47018NED/TypedDataSet"))!).searchParams.get("$filter")!;
    expect(filter).toContain("(Perioden eq '2022JJ00' or Perioden eq '2023JJ00')");
    expect(result.provenance.waarschuwingen.some((w) => w.includes("2022"))).toBe(true);
    const kwb = result.provenance.bronnen.find((s) => s.tabel === "85984NED")!;
    expect(kwb.opmerkingen.some((o) => o.startsWith("Let op") && o.includes("2023"))).toBe(true); // title says 2024
  });

  test("a year the table lacks is a Dutch error, and nothing is written", async () => {
    const out = folder();
    await expect(fetchOpenData({out, year: 2030, fetch: fixtureFetch()})).rejects.toThrow(/jaar 2030 staat niet in CBS-tabel 47018NED \(beschikbaar: 2022–2023\)/);
    expect(existsSync(out)).toBe(false);
    await expect(fetchOpenData({out, region: ["GM153"], fetch: fixtureFetch()})).rejects.toThrow(/invalid municipality code: GM153/);
  });

  test("offline: a clear Dutch error and no folder", async () => {
    const out = folder();
    await expect(fetchOpenData({out, fetch: offlineFetch})).rejects.toThrow(/^CBS-tabel 47018NED niet bereikbaar: fetch failed/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("boundaries", () => {
  test("gebieden.geojson: pages followed, region kept, properties code and naam, read by our reader", async () => {
    const out = folder();
    const log: string[] = [];
    const url = "https://example.invalid/collections/buurten/items?f=json";
    const result = await fetchOpenData({out, boundariesUrl: url, kwbTables: KWB, fetch: fixtureFetch({log}), now: () => NOW});
    expect(log.filter((u) => u.startsWith("https://example.invalid/"))).toHaveLength(2);
    const geo = JSON.parse(readFileSync(join(out, "gebieden.geojson"), "utf8"));
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.crs).toBeUndefined();
    expect(geo.features.map((f: {properties: unknown}) => f.properties)).toEqual([{code: "BU01530000", naam: "City"}, {code: "BU01640000", naam: "Binnenstad-Centrum"}]);
    const areas = readBoundaries(join(out, "gebieden.geojson"));
    expect(areas.map((a) => ("gemeentecode" in a.info ? a.info.gemeentecode : null))).toEqual(["GM0153", "GM0164"]);
    const source = result.provenance.bronnen.find((s) => s.bestand === "gebieden.geojson")!;
    expect(source).toMatchObject({bron_url: url, rijen: 2, licentie: "CC BY 4.0"});
    expect(source.opmerkingen[0]).toMatch(/^4 gebieden gelezen in 2 pagina/);
  });
});

describe("fetch:open CLI", () => {
  test("argument parsing, in Dutch", () => {
    expect(parseFetchOpenArgs(["--out", "x", "--jaar", "2019-2021", "--regio", "GM0153, 0164"])).toEqual({options: {out: "x", year: [2019, 2020, 2021], region: ["GM0153", "GM0164"]}});
    const errors = [
      [], ["--out"], ["--out", "x", "--jaar", "20x"], ["--out", "x", "--jaar", "2023-2019"], ["--out", "x", "--regio", "Enschede"],
      ["--out", "x", "--kwb-tabel", "85984NED"], ["--out", "x", "--onbekend", "1"], ["--out", "x", "--timeout", "-1"], ["--out", "x", "--gebieden-url", "ftp://x"]
    ].map((args) => parseFetchOpenArgs(args));
    for (const e of errors) expect("error" in e && e.error).toMatch(/^(Fout|Gebruik)/);
    expect(parseFetchOpenArgs(["--out", "x", "--jaar", "2023", "--kwb-tabel", "85618ned"])).toMatchObject({options: {kwbTables: {2023: "85618NED", 2024: "85984NED"}}});
  });

  test("prints what was written and exits 0", async () => {
    const out = folder();
    // The national series goes to a copy of nederland.json (test/unit/sources/national.test.ts).
    const nationalPath = join(tmp, "nederland.json");
    writeFileSync(nationalPath, readFileSync(NATIONAL_REFERENCE));
    const result = await runFetchOpen(["--out", out, "--jaar", "2023", "--kwb-tabel", "85984NED", "--regio", "GM0153,GM0164"], {fetch: fixtureFetch(), now: () => NOW, nationalPath});
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain(`Landelijke reeks bijgewerkt in ${nationalPath}`);
    expect(result.output).toContain(`Open data opgehaald in ${out}`);
    const rows = readCsv(join(out, "cbs_misdrijven.csv")).rows.length;
    expect(result.output).toMatch(new RegExp(`cbs_misdrijven\\.csv\\s+${rows} rijen`));
    expect(result.output).toContain("niet in de tabel: afstand_oprit_hoofdweg");
  });

  test("offline: exit code 1 with the Dutch error", async () => {
    const result = await runFetchOpen(["--out", folder()], {fetch: offlineFetch});
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^Fout: CBS-tabel 47018NED niet bereikbaar: fetch failed .*ENOTFOUND/);
    expect((await runFetchOpen(["--jaar", "2023"])).exitCode).toBe(1);
  });
});
