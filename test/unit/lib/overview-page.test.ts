// Overzicht's cards and tables (src/lib/overview-page.ts) on a small fixture with known sums.
import {describe, expect, test} from "vitest";
import {MonthIndex} from "../../../src/lib/overview.js";
import {areaDwellings, keyFigureCards, municipalityRows, nouns, overviewBenchmark, programme, sparkTable, tone, type OverviewData} from "../../../src/lib/overview-page.js";
import {THEMES} from "../../../src/lib/theme.js";

const theme = THEMES.woninginbraak;
const day = (ym: string) => Date.UTC(+ym.slice(0, 4), +ym.slice(5) - 1, 1);

/** 2023 and 2024, every month: A (GM0001) 10 inbraak + 2 poging, B (GM0002) 4 inbraak + 1 poging in 2023 and 5 + hidden in 2024. */
function data(over: Partial<OverviewData> = {}): OverviewData {
  const rows = [];
  for (const y of [2023, 2024]) {
    for (let m = 1; m <= 12; m++) {
      const month = day(`${y}-${String(m).padStart(2, "0")}`);
      rows.push({area_code: "GM0001", month, soort: "inbraak", count: y === 2023 ? 10 : 8}, {area_code: "GM0001", month, soort: "poging", count: 2});
      rows.push({area_code: "GM0002", month, soort: "inbraak", count: y === 2023 ? 4 : 5}, {area_code: "GM0002", month, soort: "poging", count: y === 2023 ? 1 : null});
      rows.push({area_code: "regio", month, soort: "inbraak", count: y === 2023 ? 14 : 13}, {area_code: "regio", month, soort: "poging", count: y === 2023 ? 3 : null});
    }
  }
  return {
    monthIndex: new MonthIndex(rows), yearRows: [],
    dwellings: new Map([["GM0001", 10_000], ["GM0002", 5_000]]), names: new Map([["GM0001", "Aadorp"], ["GM0002", "Bedum"]]),
    region: ["GM0001", "GM0002"], buurten: [{gemeentecode: "GM0001"}, {gemeentecode: "GM0001"}, {gemeentecode: "GM0002"}],
    groups: [
      {gemeentecode: "GM0001", buurtcode: "BU1", start: day("2023-06"), end: null},
      {gemeentecode: "GM0001", buurtcode: "BU2", start: day("2024-03"), end: null},
      {gemeentecode: "GM0002", buurtcode: null, start: day("2022-01"), end: day("2024-05")}
    ],
    advice: [{gemeentecode: "GM0001", month: day("2024-02"), visits: 7}, {gemeentecode: "GM0001", month: day("2023-02"), visits: 5}],
    dor: [{gemeentecode: "GM0002", connected: day("2023-09"), dealers: 12}],
    delivered: new Map([["whatsapp_groepen.csv", true], ["preventieadviezen.csv", true], ["dor_aansluitingen.csv", true]]),
    theme, ...over
  };
}
const view = {from: "2024-01", to: "2024-12", area: "GM0001", soort: "inbraak" as const, period: "In 2024"};

describe("Overzicht's key figures", () => {
  test("counts against a year earlier, the attempt share and the rate per 1,000 dwellings", () => {
    const [main, inbraak, poging, share, rate] = keyFigureCards(data(), view);
    expect(main.options).toMatchObject({label: "Geregistreerd: geslaagde inbraken", value: "96", change: "−20%", tone: "beter"});
    expect(main.series).toHaveLength(24);
    expect(main.series.at(-1)).toEqual({month: "2024-12", value: 8});
    expect(inbraak.options.label).toBe("Geslaagde inbraken");
    expect(poging.options).toMatchObject({value: "24", change: "0%", tone: "neutraal"});
    // 24 of 120 registrations, a year earlier 24 of 144.
    expect(share.options).toMatchObject({value: "20%", sparkline: false});
    expect(share.options.sentence).toContain("een jaar eerder 17%");
    // 96 per 10,000 dwellings = 9.6 per 1,000; 120 a year earlier = 12.
    expect(rate.options).toMatchObject({label: "Geslaagde inbraken per 1.000 woningen", value: "9,6", change: "−20%", tone: "beter"});
    expect(rate.options.sentence).toBe("In 2024 9,6 per 1.000 woningen (10.000 woningen; een jaar eerder 12).");
  });

  test("a hidden part gives a lower bound, no share and no rate; no dwellings says so", () => {
    const cards = keyFigureCards(data(), {...view, area: "GM0002", soort: "alle"});
    expect(cards[0].options.value).toBe("≥ 72"); // 60 inbraak + at least 12 hidden attempts
    expect(cards[3].options.value).toBe("verborgen");
    expect(cards[4].options.value).toBe("verborgen");
    const none = keyFigureCards(data({dwellings: new Map()}), view)[4].options;
    expect([none.value, none.sentence]).toEqual(["onbekend", "Niet te berekenen: de woningvoorraad is niet geleverd."]);
  });

  test("tone, nouns and the region's dwellings", () => {
    expect([tone(-0.2), tone(0.2), tone(0.004), tone(null), tone(0.2, false)]).toEqual(["beter", "slechter", "neutraal", "neutraal", "beter"]);
    expect(nouns(theme).alle).toBe(theme.withAttempts);
    expect(areaDwellings(data(), "regio")).toBe(15_000);
    expect(areaDwellings(data(), "GM0009")).toBeNull();
    expect(areaDwellings(data({dwellings: new Map()}), "regio")).toBeNull();
  });
});

describe("Overzicht's tables", () => {
  test("one row per municipality with its count, a year earlier, change, attempt share and rate", () => {
    expect(municipalityRows(data(), view)).toEqual([
      {gemeente: "Aadorp", code: "GM0001", aantal: "96", vorig_jaar: "120", verandering: "−20%", aandeel_pogingen: "20%", per_1000_woningen: 9.6, woningen: 10_000},
      {gemeente: "Bedum", code: "GM0002", aantal: "60", vorig_jaar: "48", verandering: "+25%", aandeel_pogingen: "–", per_1000_woningen: 12, woningen: 5_000}
    ]);
    // A year before the delivery starts is outside it, not zero.
    expect(municipalityRows(data(), {...view, from: "2023-01", to: "2023-12"})[0].vorig_jaar).toBe("buiten levering");
  });

  test("the programme at the period's end: groups and coverage, visits, DOR; missing files said plainly", () => {
    const advice = [...data().advice, {gemeentecode: "GM0001", month: day("2024-12"), visits: 3}];
    const {cards, table} = programme(data({advice}), view);
    expect(cards.map((c) => c.options.value)).toEqual(["2", "10", "0"]);
    expect(cards[1].options.sentence).toBe("In 2024 10 preventieadviezen aan huis, een jaar eerder 5.");
    expect(cards[0].options.sentence).toBe("Eind 2024-12: 2 actieve groepen (een jaar eerder 1); ze dekken 2 van de 2 buurten (100%).");
    expect(cards[2].options.sentence).toBe("Eind 2024-12 is de gemeente nog niet aangesloten.");
    expect(table.map((r) => [r.waarde, r.een_jaar_eerder])).toEqual([[2, 1], [2, 1], [10, 5], [0, null]]);
    const region = programme(data(), {...view, area: "regio"});
    expect(region.cards[2].options.sentence).toBe("Eind 2024-12 zijn 1 van de 2 gemeenten aangesloten, met 12 opkopers.");
    const missing = programme(data({delivered: new Map()}), view);
    expect(missing.cards.map((c) => c.options.value)).toEqual(["niet geleverd", "niet geleverd", "niet geleverd"]);
    expect(missing.table.every((r) => r.waarde === null && r.een_jaar_eerder === null)).toBe(true);
  });

  test("advice after the file's last month is not delivered, not zero", () => {
    // The advice file's last month is 2024-02.
    const {cards, table} = programme(data(), view);
    expect(cards[1].options.value).toBe("niet geleverd");
    expect(table[2].waarde).toBeNull();
  });

  test("the monthly table has the chosen soort, burglaries and attempts per month", () => {
    const rows = sparkTable(data(), {...view, soort: "alle", area: "GM0002"});
    expect(rows).toHaveLength(24);
    expect(rows.at(-1)).toEqual({maand: "2024-12", [theme.withAttempts]: null, [theme.plural]: 5, pogingen: null});
    expect(rows[0]).toEqual({maand: "2023-01", [theme.withAttempts]: 5, [theme.plural]: 4, pogingen: 1});
  });
});

describe("overviewBenchmark", () => {
  const national = [{year: 2022, burglaries: 1, dwellings: 1, rate: 2.5, delivery_full_year: true, region_rate: 2}];
  const municipalities = [{code: "GM0153", name: "Enschede", slug: "enschede"}];

  test("the region's sentence, and the chosen municipality's own page", () => {
    const out = overviewBenchmark(national, {area: "GM0153", municipalities, theme});
    expect(out.text).toMatch(/^In 2022, .* in de regio 2,0 inbraken en pogingen per 1\.000 woningen, in heel Nederland 2,5 \(CBS\): 20% onder/);
    expect(out.page).toEqual({href: "./gemeenten/enschede.html", name: "Enschede"});
    expect(out.available).toBe(true);
  });

  test("no page for the region or for a municipality without one", () => {
    expect(overviewBenchmark(national, {area: "regio", municipalities, theme}).page).toBeNull();
    expect(overviewBenchmark(national, {area: "GM0164", municipalities, theme}).page).toBeNull();
  });

  test("another offence: no national series, and the text says so without naming burglary", () => {
    const out = overviewBenchmark([], {area: "regio", municipalities, theme: THEMES.fietsdiefstal});
    expect(out.text).toMatch(/geen landelijk vergelijkingscijfer/);
    expect(out.available).toBe(false);
  });

  test("a delivery without a complete calendar year (the real export starts in April): no comparison, said why", () => {
    const out = overviewBenchmark([{...national[0], delivery_full_year: false}], {area: "GM0153", municipalities, theme});
    expect(out).toMatchObject({available: false, page: {name: "Enschede"}});
    expect(out.text).toMatch(/^Geen volledig kalenderjaar in de levering/);
  });
});
