// Every template, every reject reason and the reconciliation read = accepted + rejected.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {describe, expect, test} from "vitest";
import {REJECT_REASONS} from "../../../loaders/delivery/reject.js";
import {assertUsable, readDelivery, type Delivery} from "../../../loaders/delivery/read.js";
import {rdToWgs84} from "../../../loaders/delivery/geo.js";

function delivery(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "inbraaklab-delivery-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const square = (x0: number, y0: number, size: number) => [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]];
const RD_CRS = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};
// Two neighbourhoods of Enschede and one of Hengelo, as 1 km squares in RD New.
const gebieden = JSON.stringify({
  type: "FeatureCollection",
  crs: RD_CRS,
  features: [
    {type: "Feature", properties: {code: "BU01530101", naam: "Centrum"}, geometry: {type: "Polygon", coordinates: square(257000, 471000, 1000)}},
    {type: "Feature", properties: {code: "BU01530102", naam: "Oost"}, geometry: {type: "Polygon", coordinates: square(258000, 471000, 1000)}},
    {type: "Feature", properties: {code: "BU01640101", naam: "Hengelo Centrum"}, geometry: {type: "Polygon", coordinates: square(250000, 477000, 1000)}}
  ]
});

const inbraken = [
  "registratienummer;soort;pleegdatum_van;pleegdatum_tot;gemeentecode;buurtcode;postcode;huisnummer;x;y;lat;lon;werkwijze;woningtype;buit;opgelost",
  "R1;inbraak;2024-01-05 18:00;2024-01-05 21:30;GM0153;;7511AB;12;257500;471500;;;flipperen;tussenwoning;geld|sieraden;nee", // 2 accepted (PIP fills buurt)
  "R2;Poging tot woninginbraak;05-01-2024;;;BU01530102;;;;;;;;;;", // 3 accepted via buurtcode
  "R3;poging;2024-01-06;;;;;;258500,5;471500,5;;;;;;ja", // 4 accepted via coordinates (decimal comma)
  "R4;inbraak;2024-01-07;;;;;;;;52.2658;6.7935;;;;", // 5 accepted via lat/lon inside the Hengelo square? (checked below)
  "R1;inbraak;2024-01-08;;GM0153;;;;;;;;;;;", // 6 tegenstrijdig_dubbel (R1 with other content)
  "R6;diefstal;2024-01-08;;GM0153;;;;;;;;;;;", // 7 ongeldige_soort
  "R7;inbraak;2024-02-30;;GM0153;;;;;;;;;;;", // 8 ongeldige_datum
  "R8;inbraak;2024-01-09 10:00;2024-01-09 09:00;GM0153;;;;;;;;;;;", // 9 einde_voor_begin
  "R9;inbraak;2024-01-09;;GM153;;;;;;;;;;;", // 10 ongeldige_code
  "R10;inbraak;2024-01-09;;GM0153;;75111;;;;;;;;;", // 11 ongeldige_postcode
  "R11;inbraak;2024-01-09;;GM0153;;;;257500;;;;;;;", // 12 onvolledige_coordinaten
  "R12;inbraak;2024-01-09;;GM0153;;;;12;471500;;;;;;", // 13 coordinaten_buiten_nederland (x far west of the Netherlands)
  "R13;inbraak;2024-01-09;;GM0153;;;;abc;471500;;;;;;", // 14 ongeldig_getal
  "R14;inbraak;2024-01-09;;GM0164;BU01530101;;;;;;;;;;", // 15 tegenstrijdige_gebieden
  "R15;inbraak;2024-01-09;;;;;;;;;;;;;", // 16 niet_te_plaatsen
  "R16;inbraak;2024-01-09;;GM0363;;;;;;;;;;;", // 17 buiten_de_regio (Amsterdam)
  "R17;inbraak;;;GM0153;;;;;;;;;;;", // 18 verplicht_leeg
  "R18;inbraak;2024-01-09;;GM0153", // 19 aantal_velden
  "R19;inbraak;2024-01-09;;GM0153;;;;;;;;;;;misschien", // 20 ongeldige_waarde
  "R20;inbraak;01-01-2099;;GM0153;;;;;;;;;;;", // 21 datum_na_peildatum (the peildatum is 2025-06-30 below)
  "R21;inbraak;1999-12-31 23:59;;GM0153;;;;;;;;;;;", // 22 datum_voor_beginjaar
  "R22;inbraak;2025-06-30 22:00;2025-07-01 01:00;GM0153;;;;;;;;;;;", // 23 datum_na_peildatum (the window ends after it)
  "R1;inbraak;2024-01-05 18:00;2024-01-05 21:30;GM0153;;7511AB;12;257500;471500;;;flipperen;tussenwoning;geld|sieraden;nee", // 24 dubbel (an exact repeat of R1)
  `R23;inbraak;2024-01-09;;GM0153;;;;;;;;${"x".repeat(1001)};;;`, // 25 veld_te_lang
  "R24;inbraak;2024-01-09;;GM0153;;;;136000;456000;;;;;;", // 26 buiten_gemeentegrens (Utrecht, declared Enschede)
  "R25;inbraak;2024-01-09;;GM0153;;;;290000;470000;;;;;;" // 27 coordinaten_buiten_nederland (Germany, inside the old rectangle)
].join("\n") + "\n";

describe("readDelivery on a delivery with every reject reason", () => {
  const [x, y] = [250500, 477500];
  const [lon, lat] = rdToWgs84(x, y);
  const dir = delivery({
    "inbraken.csv": inbraken.replace("52.2658;6.7935", `${lat.toFixed(6)};${lon.toFixed(6)}`),
    "gebieden.geojson": gebieden
  });
  const d: Delivery = readDelivery(dir, {maxRejectShare: 1, peildatum: "2025-06-30"});
  const report = d.reports.find((r) => r.file === "inbraken.csv")!;

  test("reconciles: rows read = accepted + rejected, per file and per reason", () => {
    expect(report).toMatchObject({read: 26, accepted: 4, rejected: 22});
    const sum = Object.values(report.byReason).reduce((a, b) => a + b, 0);
    expect(sum).toBe(report.rejected);
    for (const r of d.reports) expect(r.read).toBe(r.accepted + r.rejected);
  });

  test("rejects each bad row once, with file, line, column, value and reason", () => {
    const got = d.rejects.map((r) => [r.line, r.column, r.reason]);
    expect(got).toEqual([
      [6, "registratienummer", "tegenstrijdig_dubbel"],
      [7, "soort", "ongeldige_soort"],
      [8, "pleegdatum_van", "ongeldige_datum"],
      [9, "pleegdatum_tot", "einde_voor_begin"],
      [10, "gemeentecode", "ongeldige_code"],
      [11, "postcode", "ongeldige_postcode"],
      [12, "y", "onvolledige_coordinaten"],
      [13, "x", "coordinaten_buiten_nederland"],
      [14, "x", "ongeldig_getal"],
      [15, "gemeentecode", "tegenstrijdige_gebieden"],
      [16, "gemeentecode", "niet_te_plaatsen"],
      [17, "gemeentecode", "buiten_de_regio"],
      [18, "pleegdatum_van", "verplicht_leeg"],
      [19, "gemeentecode", "aantal_velden"],
      [20, "opgelost", "ongeldige_waarde"],
      [21, "pleegdatum_van", "datum_na_peildatum"],
      [22, "pleegdatum_van", "datum_voor_beginjaar"],
      [23, "pleegdatum_tot", "datum_na_peildatum"],
      [24, "registratienummer", "dubbel"],
      [25, "werkwijze", "veld_te_lang"],
      [26, "x", "buiten_gemeentegrens"],
      [27, "x", "coordinaten_buiten_nederland"]
    ]);
    expect(d.rejects.find((r) => r.line === 25)!.value).toBe("1001 tekens");
    expect(d.rejects.find((r) => r.line === 10)!.value).toBe("GM153");
    expect(d.rejects.every((r) => r.file === "inbraken.csv" && r.raw && r.raw.length > 0)).toBe(true);
  });

  test("covers every reject reason of incidents (the measure files cover the rest)", () => {
    const seen = new Set(d.rejects.map((r) => r.reason));
    const incidentReasons = Object.keys(REJECT_REASONS);
    expect(incidentReasons.filter((r) => !seen.has(r as never))).toEqual([]);
  });

  test("links accepted rows to municipalities, and neighbourhoods from points", () => {
    const byId = Object.fromEntries(d.incidents.map((r) => [r.registratienummer, r]));
    expect(byId.R1).toMatchObject({gemeentecode: "GM0153", buurtcode: "BU01530101", wijkcode: "WK015301", soort: "inbraak", pc6: "7511AB", opgelost: false});
    expect(byId.R2).toMatchObject({gemeentecode: "GM0153", buurtcode: "BU01530102", soort: "poging"});
    expect(byId.R3).toMatchObject({gemeentecode: "GM0153", buurtcode: "BU01530102", x: 258500.5, opgelost: true});
    expect(byId.R4).toMatchObject({gemeentecode: "GM0164", buurtcode: "BU01640101"});
    expect(byId.R4.x).toBeCloseTo(x, 0);
  });

  test("keeps time windows: a date without a time is the whole day", () => {
    const r1 = d.incidents.find((r) => r.registratienummer === "R1")!;
    expect(r1.end - r1.start).toBe(210);
    const r2 = d.incidents.find((r) => r.registratienummer === "R2")!;
    expect(r2.end - r2.start).toBe(1439);
  });
});

describe("file-level errors stop the delivery with a message naming the file and the fix", () => {
  test("a missing required column", () => {
    const d = readDelivery(delivery({"inbraken.csv": "registratienummer;pleegdatum_van\nR1;2024-01-01\n"}));
    expect(d.errors.map((e) => e.message)).toEqual([
      "inbraken.csv: verplichte kolom soort ontbreekt. Voeg de kolom toe aan de kopregel (gevonden kolommen: registratienummer, pleegdatum_van)."
    ]);
    expect(() => assertUsable(d)).toThrow(/niet bruikbaar:\n- inbraken.csv: verplichte kolom soort ontbreekt/);
  });

  test("a missing inbraken.csv", () => {
    const d = readDelivery(delivery({"doelen.csv": "gebied;jaar;indicator;doelwaarde\nregio;2025;inbraken;700\n"}));
    expect(d.errors.map((e) => e.file)).toEqual(["inbraken.csv"]);
    expect(d.reports.find((r) => r.file === "doelen.csv")).toMatchObject({read: 1, accepted: 1});
  });

  test("a reject share above the threshold", () => {
    const rows = ["registratienummer;soort;pleegdatum_van;gemeentecode", ...Array.from({length: 19}, (_, i) => `R${i};inbraak;2024-01-01;GM0153`), "X;inbraak;2024-99-01;GM0153"];
    const ok = readDelivery(delivery({"inbraken.csv": rows.join("\n")}), {maxRejectShare: 0.05});
    expect(ok.errors).toEqual([]);
    const bad = readDelivery(delivery({"inbraken.csv": [...rows, "Y;inbraak;2024-99-01;GM0153"].join("\n")}), {maxRejectShare: 0.05});
    expect(bad.errors[0].message).toMatch(/^inbraken.csv: te veel afgekeurde rijen: 2 van 21 \(9,5%, de grens is 5,0%\)\. Meest voorkomende reden: geen geldige datum/);
  });

  test("an unreadable (binary) file and broken GeoJSON", () => {
    const d = readDelivery(delivery({"inbraken.csv": new Uint8Array([0, 1, 2, 3]), "gebieden.geojson": "{nope"}));
    expect(d.errors.map((e) => e.file).sort()).toEqual(["gebieden.geojson", "inbraken.csv"]);
  });

  test("a folder that does not exist", () => {
    expect(() => readDelivery("/does/not/exist")).toThrow("/does/not/exist: de leveringsmap bestaat niet");
  });
});

describe("Dutch spreadsheet exports", () => {
  test("Windows-1252, comma separator, CRLF, quoted newlines, DD-MM-YYYY with time", () => {
    const text = 'registratienummer,soort,pleegdatum_van,gemeentecode,werkwijze\r\nR1,Woninginbraak,31-12-2023 23:59,GM0153,"raam geforceerd, daarna\r\nschuifpui"\r\nR2,Poging tot woninginbraak,01-01-2024,0164,Café-deur\r\n';
    const d = readDelivery(delivery({"inbraken.csv": iconv.encode(text, "win1252")}));
    expect(d.reports.find((r) => r.file === "inbraken.csv")).toMatchObject({read: 2, accepted: 2, encoding: "windows-1252", separator: ","});
    expect(d.incidents.map((r) => r.werkwijze)).toEqual(["raam geforceerd, daarna\r\nschuifpui", "Café-deur"]);
    expect(d.incidents[1].gemeentecode).toBe("GM0164");
  });
});

describe("measure, target and statistics templates", () => {
  const dir = delivery({
    "inbraken.csv": "registratienummer;soort;pleegdatum_van;gemeentecode\nR1;inbraak;2024-01-01;GM0153\n",
    "whatsapp_groepen.csv": [
      "groep_id;gemeentecode;buurtcode;postcode;startdatum;einddatum;deelnemers",
      "W1;GM0153;BU01530101;7511;2019-03-01;;120",
      "W1;GM0153;;;2019-04-01;;10", // tegenstrijdig_dubbel (W1 with other content)
      "W2;GM0153;BU01640101;;2019-03-01;;", // tegenstrijdige_gebieden
      "W3;GM0363;;;2019-03-01;;", // buiten_de_regio
      "W4;GM0153;;;2019-03-01;2019-02-01;", // einde_voor_begin
      "W5;GM0153;;;2019-03-01;;-4" // ongeldig_getal
    ].join("\n"),
    "preventieadviezen.csv": "datum;gemeentecode;buurtcode;aantal\n2024-01-01;GM0153;;4\n2024-01-01;GM0153;;vier\n",
    "dor_aansluitingen.csv": "gemeentecode;datum_aansluiting;aantal_opkopers\nGM0153;2016-05-01;12\nGM0153;2017-01-01;3\n",
    "campagnes.csv": "naam;gemeentecode;startdatum;einddatum\nDonkere dagen;regio;2023-10-01;2024-03-31\nX;GM0153;2023-10-01;2023-09-01\n",
    "alerts.csv": [
      "datum;soort;gemeentecode;buurtcode;postcode;x;y",
      "2024-01-06;buurtbrief;GM0153;;;257500;471500",
      "2024-01-06;Inbraak-alert;;BU01530101;;;",
      "2024-01-07;huisbezoek;;;7511;;",
      "2024-02-30;buurtbrief;GM0153;;;257500;471500", // ongeldige_datum
      ";buurtbrief;GM0153;;;257500;471500", // verplicht_leeg
      "2024-01-06;flyer;GM0153;;;257500;471500", // ongeldige_waarde (soort)
      "2024-01-06;buurtbrief;GM153;;;257500;471500", // ongeldige_code
      "2024-01-06;buurtbrief;GM0153;;75;;", // ongeldige_postcode
      "2024-01-06;buurtbrief;GM0153;;;257500;", // onvolledige_coordinaten
      "2024-01-06;buurtbrief;GM0153;;;900000;100000", // coordinaten_buiten_nederland
      "2024-01-06;buurtbrief;GM0153;;;abc;471500", // ongeldig_getal
      "2024-01-06;buurtbrief;GM0153;;;;", // niet_te_plaatsen (municipality only)
      "2024-01-06;buurtbrief;GM0153;BU01640101;;;", // tegenstrijdige_gebieden
      "2024-01-06;buurtbrief;;BU03630101;;;" // buiten_de_regio
    ].join("\n"),
    "doelen.csv": "gebied;jaar;indicator;doelwaarde\nregio;2025;inbraken;700\nGM0153;2025;fietsen;3\nGM0153;2025;inbraken;-1\n",
    "kerncijfers.csv": "gebiedscode;jaar;variabele;waarde\nBU01530101;2024;woningvoorraad;1234\nBU01530101;2024;gemiddelde_woz;245,5\nWK999901;2024;woningvoorraad;1\nGM0153;2024;Aantal inwoners;1\n"
  });
  const d = readDelivery(dir, {maxRejectShare: 1});
  const report = (file: string) => d.reports.find((r) => r.file === file)!;

  test("each file reconciles and names its reject reasons", () => {
    expect(report("whatsapp_groepen.csv")).toMatchObject({read: 6, accepted: 1, rejected: 5, byReason: {tegenstrijdig_dubbel: 1, tegenstrijdige_gebieden: 1, buiten_de_regio: 1, einde_voor_begin: 1, ongeldig_getal: 1}});
    expect(report("preventieadviezen.csv")).toMatchObject({read: 2, accepted: 1, byReason: {ongeldig_getal: 1}});
    expect(report("dor_aansluitingen.csv")).toMatchObject({read: 2, accepted: 1, byReason: {tegenstrijdig_dubbel: 1}});
    expect(report("campagnes.csv")).toMatchObject({read: 2, accepted: 1, byReason: {einde_voor_begin: 1}});
    expect(report("alerts.csv")).toMatchObject({
      read: 14, accepted: 3, rejected: 11,
      byReason: {ongeldige_datum: 1, verplicht_leeg: 1, ongeldige_waarde: 1, ongeldige_code: 1, ongeldige_postcode: 1, onvolledige_coordinaten: 1, coordinaten_buiten_nederland: 1, ongeldig_getal: 1, niet_te_plaatsen: 1, tegenstrijdige_gebieden: 1, buiten_de_regio: 1}
    });
    expect(report("doelen.csv")).toMatchObject({read: 3, accepted: 1, byReason: {ongeldige_waarde: 1, ongeldig_getal: 1}});
    expect(report("kerncijfers.csv")).toMatchObject({read: 4, accepted: 2, byReason: {buiten_de_regio: 1, ongeldige_waarde: 1}});
  });

  test("parses values into typed records", () => {
    expect(d.whatsapp).toEqual([{groep_id: "W1", gemeentecode: "GM0153", buurtcode: "BU01530101", pc4: "7511", start: Date.UTC(2019, 2, 1) / 864e5, end: null, deelnemers: 120}]);
    expect(d.campagnes![0]).toMatchObject({naam: "Donkere dagen", gebied: "regio"});
    expect(d.alerts).toEqual([
      {day: Date.UTC(2024, 0, 6) / 864e5, soort: "buurtbrief", gemeentecode: "GM0153", buurtcode: null, pc4: null, x: 257500, y: 471500},
      {day: Date.UTC(2024, 0, 6) / 864e5, soort: "inbraakalert", gemeentecode: "GM0153", buurtcode: "BU01530101", pc4: null, x: NaN, y: NaN},
      {day: Date.UTC(2024, 0, 7) / 864e5, soort: "huisbezoek", gemeentecode: null, buurtcode: null, pc4: "7511", x: NaN, y: NaN}
    ]);
    expect(d.kerncijfers!.map((k) => k.waarde)).toEqual([1234, 245.5]);
    expect(d.doelen).toEqual([{gebied: "regio", jaar: 2025, indicator: "inbraken", doelwaarde: 700}]);
  });
});
