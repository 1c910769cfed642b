// The CBS OData client, offline against fixtures in the services' response format.
import {describe, expect, test} from "vitest";
import {
  CBS_DATADERDEN, CBS_OPENDATA, CbsOdataError, cbsValue, entityUrl, fetchCodeList, fetchCollection, fetchDataProperties,
  fetchOdata4Collection, fetchTableInfo, keyBase, odataString, padRegionKey, periodKey, regionFilter, resolveTopics, trimKey,
  yearOfPeriod, type FetchLike
} from "../../../loaders/sources/cbs-odata.js";
import {fixtureFetch, offlineFetch} from "./fixture-fetch.js";

const json = (body: unknown, status = 200): Awaited<ReturnType<FetchLike>> => ({ok: status < 400, status, statusText: status < 400 ? "OK" : "Internal Server Error", json: async () => body});

describe("keys, periods and filters", () => {
  test("trim and pad CBS's fixed-width keys", () => {
    expect(trimKey("1.1.1 ")).toBe("1.1.1");
    expect(trimKey("GM0153    ")).toBe("GM0153");
    expect(trimKey(null)).toBe("");
    expect(padRegionKey("GM0153")).toBe("GM0153    ");
    expect(padRegionKey("BU01530000")).toHaveLength(10);
    expect(() => padRegionKey("BU015300001")).toThrow(/invalid region code/);
  });
  test("year periods", () => {
    expect(periodKey(2023)).toBe("2023JJ00");
    expect(yearOfPeriod("2023JJ00")).toBe(2023);
    expect(yearOfPeriod("2023KW01")).toBeUndefined();
    expect(() => periodKey(23.5)).toThrow(/invalid year/);
  });
  test("filters quote strings and select a municipality with its districts and neighbourhoods", () => {
    expect(odataString("'s-Gravenhage")).toBe("'''s-Gravenhage'");
    expect(regionFilter(["GM0153", "GM0164"])).toBe("(substring(WijkenEnBuurten,2,4) eq '0153' or substring(WijkenEnBuurten,2,4) eq '0164')");
    expect(() => regionFilter([])).toThrow(/invalid region/);
    expect(() => regionFilter(["0153"])).toThrow(/invalid municipality code: 0153/);
  });
  test("entity URLs carry $format, an encoded $filter and $select", () => {
    const url = entityUrl("47018NED", "TypedDataSet", {baseUrl: CBS_DATADERDEN, filter: "SoortMisdrijf eq '1.1.1 '", select: ["WijkenEnBuurten", "GeregistreerdeMisdrijven_1"]});
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe("https://dataderden.cbs.nl/ODataFeed/odata/47018NED/TypedDataSet");
    expect(u.searchParams.get("$format")).toBe("json");
    expect(u.searchParams.get("$filter")).toBe("SoortMisdrijf eq '1.1.1 '");
    expect(u.searchParams.get("$select")).toBe("WijkenEnBuurten,GeregistreerdeMisdrijven_1");
    expect(() => entityUrl("85984", "TableInfos")).toThrow(/invalid tableId/);
    expect(() => entityUrl("85984NED", "../x")).toThrow(/invalid entity/);
  });
});

describe("cbsValue: missing values", () => {
  test("null, '.', padded '.', empty and 'x' are missing; numbers and numeric text are kept", () => {
    expect([null, undefined, ".", "       .", "", "x", NaN].map(cbsValue)).toEqual([null, null, null, null, null, null, null]);
    expect(cbsValue(0)).toBe(0);
    expect(cbsValue(31.2)).toBe(31.2);
    expect(cbsValue("  412")).toBe(412);
  });
});

describe("reading collections", () => {
  test("follows odata.nextLink until the last page", async () => {
    const log: string[] = [];
    const {rows, pages} = await fetchCollection("47018NED", "TypedDataSet", {baseUrl: CBS_DATADERDEN, fetch: fixtureFetch({log})});
    expect(pages).toBe(2);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(10);
    expect(log[1]).toContain("$skip=5");
  });
  test("stops on a next link that loops and after maxPages", async () => {
    const loop: FetchLike = async (url) => json({value: [{ID: 1}], "odata.nextLink": url});
    await expect(fetchCollection("47018NED", "Perioden", {fetch: loop})).rejects.toThrow(/verwijst naar een eerdere pagina/);
    let n = 0;
    const endless: FetchLike = async () => json({value: [{ID: n}], "odata.nextLink": `https://opendata.cbs.nl/x?$skip=${++n}`});
    await expect(fetchCollection("47018NED", "Perioden", {fetch: endless, maxPages: 3})).rejects.toThrow(/meer dan 3 pagina's/);
  });
  test("TableInfos, DataProperties and code lists with trimmed keys", async () => {
    const options = {baseUrl: CBS_DATADERDEN, fetch: fixtureFetch()};
    const info = await fetchTableInfo("47018NED", options);
    expect(info.Title).toBe("Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers");
    expect(info.Catalog).toBe("Politie");
    const props = await fetchDataProperties("47018NED", options);
    expect(props.find((p) => p.Type === "Topic")?.Key).toBe("GeregistreerdeMisdrijven_1");
    const types = await fetchCodeList("47018NED", "SoortMisdrijf", options);
    expect(types.items.map((t) => t.Key)).toContain("1.1.1");
    expect(types.items.every((t) => t.Key === t.Key.trim())).toBe(true);
    expect(types.rawKeys.get("1.1.1")).toBe("1.1.1 ");
    const areas = await fetchCodeList("47018NED", "WijkenEnBuurten", options);
    const city = areas.items.find((a) => a.Key === "BU01530000");
    expect(city?.Municipality).toBe("GM0153");
    expect(city?.Title).toBe("City");
  });
});

describe("resolveTopics: identifiers by key prefix or title, not by suffix", () => {
  test("maps our names to this table's keys even when the suffixes differ from the documentation", async () => {
    const props = await fetchDataProperties("85984NED", {baseUrl: CBS_OPENDATA, fetch: fixtureFetch()});
    const [woz, land, inwoners, nederland, missing] = resolveTopics(props, [
      {name: "gemiddelde_woz", prefix: "GemiddeldeWOZWaardeVanWoningen"},
      {name: "oppervlakte_land_ha", prefix: "OppervlakteLand"},
      {name: "aantal_inwoners", prefix: "AantalInwonersTotaal", title: "Aantal  inwoners"},
      {name: "nederland", prefix: "Nederland"},
      {name: "afstand_oprit_hoofdweg", prefix: "AfstandTotOpritHoofdverkeersweg", title: "Afstand tot oprit hoofdverkeersweg"}
    ]);
    // docs/data-model.md names GemiddeldeWOZWaardeVanWoningen_39 and OppervlakteLand_123 (another version of the table).
    expect(woz).toMatchObject({key: "GemiddeldeWOZWaardeVanWoningen_36", how: "prefix", unit: "x 1 000 euro"});
    expect(land).toMatchObject({key: "OppervlakteLand_113", how: "prefix"});
    expect(inwoners).toMatchObject({key: "AantalInwoners_5", how: "title"});
    expect(nederland).toMatchObject({key: null, how: "ambiguous", candidates: ["Nederland_17", "Nederland_20"]});
    expect(missing).toMatchObject({key: null, how: "missing"});
    expect(keyBase("k_65JaarOfOuder_12")).toBe("k_65JaarOfOuder");
  });
});

describe("offline and server errors", () => {
  test("a fetch that rejects gives a Dutch error naming the table", async () => {
    const error = await fetchTableInfo("85984NED", {fetch: offlineFetch}).catch((e) => e);
    expect(error).toBeInstanceOf(CbsOdataError);
    expect(error.message).toMatch(/^CBS-tabel 85984NED niet bereikbaar: fetch failed/);
    expect(error.message).toContain("ENOTFOUND");
  });
  test("a request that hangs is aborted after the timeout", async () => {
    const hang: FetchLike = (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), {name: "AbortError"}))));
    await expect(fetchTableInfo("85984NED", {fetch: hang, timeoutMs: 5})).rejects.toThrow(/niet bereikbaar: geen antwoord binnen de tijdslimiet/);
  });
  test("HTTP errors, an error body and an empty TableInfos", async () => {
    await expect(fetchTableInfo("85984NED", {fetch: async () => json({}, 500)})).rejects.toThrow(/CBS-tabel 85984NED gaf HTTP 500/);
    await expect(fetchCollection("47018NED", "TypedDataSet", {fetch: async () => json({"odata.error": {message: {value: "query returns more than 10000 records"}}})})).rejects.toThrow(/zonder 'value'-lijst: query returns more than 10000 records/);
    await expect(fetchTableInfo("85984NED", {fetch: async () => json({value: []})})).rejects.toThrow(/TableInfos is leeg/);
    await expect(fetchCollection("47018NED", "Perioden", {timeoutMs: 0})).rejects.toThrow(/invalid timeoutMs/);
  });
});

describe("OData v4 paging", () => {
  test("follows @odata.nextLink of datasets.cbs.nl", async () => {
    const log: string[] = [];
    const pages: Record<string, unknown> = {
      "https://datasets.cbs.nl/odata/v1/CBS/85984NED/Observations?$filter=WijkenEnBuurten%20eq%20'GM0153'": {"@odata.context": "x", value: [{Id: 0, Measure: "T001036", Value: 161738, WijkenEnBuurten: "GM0153"}], "@odata.nextLink": "https://datasets.cbs.nl/odata/v1/CBS/85984NED/Observations?$skip=1"},
      "https://datasets.cbs.nl/odata/v1/CBS/85984NED/Observations?$skip=1": {"@odata.context": "x", value: [{Id: 1, Measure: "M000297", Value: 77059, WijkenEnBuurten: "GM0153"}]}
    };
    const fake: FetchLike = async (url) => (log.push(url), pages[url] ? json(pages[url]) : json({}, 404));
    const {rows, pages: n} = await fetchOdata4Collection("85984NED", "Observations", {filter: "WijkenEnBuurten eq 'GM0153'", fetch: fake});
    expect(n).toBe(2);
    expect(rows.map((r) => r.Value)).toEqual([161738, 77059]);
  });
});
