import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {dsvFormat} from "d3-dsv";
import {beforeAll, describe, expect, test} from "vitest";
import {runDemoCli} from "../../../loaders/cli/demo.js";
import {DEMO_TEMPLATE_COLUMNS, generateDemo, resolveDemoOptions, type DemoDelivery} from "../../../loaders/demo/generate.js";
import {CELL_SIZE, KERNCIJFER_VARIABLES} from "../../../loaders/demo/geography.js";
import {demoLabelsForTheme} from "../../../loaders/demo/themes.js";

const csv = dsvFormat(";");
const parse = (d: DemoDelivery, name: string) => csv.parse(d.files[name]);
const minutes = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +(s.slice(11, 13) || 0), +(s.slice(14, 16) || 0)) / 60_000;

/** Crude difference-in-differences of WhatsApp groups: treated post/pre ratio over the never-treated one, 24 months either side. */
function whatsappEffect(d: DemoDelivery): number {
  const start = new Map(parse(d, "whatsapp_groepen.csv").map((g) => [g.buurtcode, +g.startdatum.slice(0, 4) * 12 + +g.startdatum.slice(5, 7) - 1]));
  const counts = new Map<string, Map<number, number>>();
  for (const r of parse(d, "inbraken.csv")) {
    const m = +r.pleegdatum_van.slice(0, 4) * 12 + +r.pleegdatum_van.slice(5, 7) - 1;
    if (!counts.has(r.buurtcode)) counts.set(r.buurtcode, new Map());
    counts.get(r.buurtcode)!.set(m, (counts.get(r.buurtcode)!.get(m) ?? 0) + 1);
  }
  const window = (code: string, from: number, to: number) => {
    let s = 0;
    for (let m = from; m < to; m++) s += counts.get(code)?.get(m) ?? 0;
    return s;
  };
  const controls = parse(d, "kerncijfers.csv").filter((r) => r.gebiedscode.startsWith("BU") && r.jaar === "2024" && r.variabele === "woningvoorraad" && !start.has(r.gebiedscode)).map((r) => r.gebiedscode);
  let tPre = 0, tPost = 0, cPre = 0, cPost = 0;
  for (const [code, s] of start) {
    if (s < 2014 * 12 || s > 2021 * 12) continue;
    tPre += window(code, s - 24, s);
    tPost += window(code, s, s + 24);
    for (const c of controls) {
      cPre += window(c, s - 24, s) / controls.length;
      cPost += window(c, s, s + 24) / controls.length;
    }
  }
  return tPost / tPre / (cPost / cPre) - 1;
}

describe("generateDemo (default size)", () => {
  let d: DemoDelivery;
  let rows: Record<string, string>[];
  beforeAll(() => {
    d = generateDemo({seed: 1});
    rows = parse(d, "inbraken.csv");
  });

  test("writes every template file with exactly the template columns, and truth.json", () => {
    for (const [name, columns] of Object.entries(DEMO_TEMPLATE_COLUMNS)) {
      const parsed = parse(d, name);
      expect(parsed.columns, name).toEqual([...columns]);
      expect(parsed.length, name).toBe(d.truth.counts.files[name]);
      expect(parsed.length, name).toBeGreaterThan(0);
    }
    expect(JSON.parse(d.files["truth.json"])).toEqual(JSON.parse(JSON.stringify(d.truth)));
  });

  test("gives unique registration numbers and codes that agree with each other", () => {
    expect(new Set(rows.map((r) => r.registratienummer)).size).toBe(rows.length);
    const bad = rows.filter((r) => !/^GM\d{4}$/.test(r.gemeentecode) || !/^BU\d{8}$/.test(r.buurtcode) || r.buurtcode.slice(2, 6) !== r.gemeentecode.slice(2) ||
      !/^\d{4}[A-Z]{2}$/.test(r.postcode) || !/^PL0600-\d{4}-\d{7}$/.test(r.registratienummer));
    expect(bad).toEqual([]);
  });

  test("puts every incident inside its neighbourhood's square and every window in order", () => {
    const geo = JSON.parse(d.files["gebieden.geojson"]);
    expect(geo.crs.properties.name).toBe("urn:ogc:def:crs:EPSG::28992");
    const cells = new Map<string, number[][]>();
    for (const f of geo.features) if (f.properties.code.startsWith("BU")) cells.set(f.properties.code, f.geometry.coordinates[0]);
    const outside = rows.filter((r) => {
      const ring = cells.get(r.buurtcode);
      if (!ring) return true;
      const [x0, y0] = ring[0], x = +r.x, y = +r.y;
      return !(x > x0 && x < x0 + CELL_SIZE && y > y0 && y < y0 + CELL_SIZE);
    });
    expect(outside).toEqual([]);
    expect(rows.filter((r) => !(minutes(r.pleegdatum_van) <= minutes(r.pleegdatum_tot)))).toEqual([]);
    const windows = rows.map((r) => minutes(r.pleegdatum_tot) - minutes(r.pleegdatum_van));
    expect(windows.filter((w) => w >= 240).length / rows.length).toBeGreaterThan(0.25);
  });

  test("has about one third attempts and a clearance near 8%", () => {
    const poging = rows.filter((r) => r.soort === "poging").length / rows.length;
    expect(poging).toBeGreaterThan(0.29);
    expect(poging).toBeLessThan(0.38);
    const solved = rows.filter((r) => r.opgelost === "ja").length / rows.length;
    expect(solved).toBeGreaterThan(0.06);
    expect(solved).toBeLessThan(0.1);
    expect(rows.every((r) => r.soort === "inbraak" || r.soort === "poging")).toBe(true);
  });

  test("follows the national trend: a steep fall to about 800 a year in 2023-2025", () => {
    const byYear = new Map<string, number>();
    for (const r of rows) byYear.set(r.pleegdatum_van.slice(0, 4), (byYear.get(r.pleegdatum_van.slice(0, 4)) ?? 0) + 1);
    for (const y of ["2023", "2024", "2025"]) {
      expect(byYear.get(y)).toBeGreaterThan(650);
      expect(byYear.get(y)).toBeLessThan(950);
    }
    expect(byYear.get("2013")! / byYear.get("2023")!).toBeGreaterThan(3.5);
    expect(byYear.get("2016")).toBeLessThan(byYear.get("2014")!);
  });

  test("peaks in the dark months and in the evening", () => {
    const byMonth = new Array(13).fill(0);
    for (const r of rows) byMonth[+r.pleegdatum_van.slice(5, 7)]++;
    const winter = byMonth[11] + byMonth[12] + byMonth[1] + byMonth[2], summer = byMonth[5] + byMonth[6] + byMonth[7] + byMonth[8];
    expect(winter / summer).toBeGreaterThan(1.3);
    expect(winter / summer).toBeLessThan(1.7);
    const exact = rows.filter((r) => r.pleegdatum_van.length > 10 && minutes(r.pleegdatum_tot) - minutes(r.pleegdatum_van) <= 60);
    const evening = exact.filter((r) => +r.pleegdatum_van.slice(11, 13) >= 18 && +r.pleegdatum_van.slice(11, 13) < 22).length;
    expect(evening / exact.length).toBeGreaterThan(0.3);
  });

  test("produces near repeats: incidents within 200 m and 14 days far above a time-shuffled baseline", () => {
    const pts = rows.filter((r) => r.pleegdatum_van.startsWith("2013")).map((r) => ({x: +r.x, y: +r.y, t: (minutes(r.pleegdatum_van) - minutes("2013-01-01")) / 1440}));
    const close = (shift: number) => {
      let n = 0;
      for (let i = 0; i < pts.length; i++) {
        for (let j = i + 1; j < pts.length; j++) {
          const tj = (pts[j].t + shift) % 365;
          if (Math.abs(tj - pts[i].t) <= 14 && Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) <= 200) n++;
        }
      }
      return n;
    };
    expect(close(0)).toBeGreaterThan(2 * close(120));
  });

  test("writes every kerncijfer variable for every area in 2024, and yearly dwellings", () => {
    const k = parse(d, "kerncijfers.csv");
    const areas = new Set(k.map((r) => r.gebiedscode));
    const geoCodes = new Set(JSON.parse(d.files["gebieden.geojson"]).features.map((f: {properties: {code: string}}) => f.properties.code));
    expect(areas).toEqual(geoCodes);
    expect([...areas].filter((c) => c.startsWith("BU")).length).toBe(d.truth.counts.areas.buurten);
    const in2024 = k.filter((r) => r.jaar === "2024");
    expect(in2024.length).toBe(areas.size * KERNCIJFER_VARIABLES.length);
    expect(k.filter((r) => r.jaar === "2012" && r.variabele === "woningvoorraad").length).toBe(areas.size);
    const region = in2024.filter((r) => r.gebiedscode.startsWith("GM") && r.variabele === "woningvoorraad").reduce((s, r) => s + +r.waarde, 0);
    expect(region).toBeGreaterThan(280_000);
    expect(region).toBeLessThan(295_000);
  });

  test("writes measures in their templates: staggered groups, monthly visits, DOR 2014-2019, campaigns", () => {
    const groups = parse(d, "whatsapp_groepen.csv");
    expect(groups.length / d.truth.counts.areas.buurten).toBeGreaterThan(0.15);
    expect(groups.length / d.truth.counts.areas.buurten).toBeLessThan(0.25);
    expect(new Set(groups.map((g) => g.startdatum.slice(0, 4))).size).toBeGreaterThan(5);
    expect(groups.every((g) => +g.deelnemers >= 20 && +g.deelnemers <= 300)).toBe(true);
    expect(parse(d, "preventieadviezen.csv").every((r) => r.datum.endsWith("-01") && +r.aantal > 0)).toBe(true);
    const dor = parse(d, "dor_aansluitingen.csv");
    expect(dor.length).toBe(14);
    expect(dor.every((r) => r.datum_aansluiting >= "2014-01-01" && r.datum_aansluiting <= "2019-12-31" && +r.aantal_opkopers >= 2 && +r.aantal_opkopers <= 30)).toBe(true);
    expect(parse(d, "campagnes.csv").some((c) => c.gemeentecode === "regio")).toBe(true);
    const doelen = parse(d, "doelen.csv");
    expect(new Set(doelen.map((r) => r.indicator))).toEqual(new Set(["inbraken", "pogingen", "inbraken_per_1000_woningen", "whatsapp_groepen", "preventieadviezen", "dor_aansluitingen"]));
    expect(new Set(doelen.map((r) => r.gebied)).size).toBe(15);
  });

  test("records the options and a standardisation that the delivered statistics reproduce", () => {
    const t = d.truth;
    expect(t.seed).toBe(1);
    expect(t.options).toEqual(resolveDemoOptions({seed: 1}));
    expect(t.effects.whatsapp.relative).toBe(-0.25);
    expect(t.effects.dor.relative).toBe(-0.2);
    expect(t.effects.campaign.relative).toBe(0);
    expect(t.nearRepeat).toMatchObject({probability: 0.1, distanceM: 200, days: 14});
    expect(t.counts.incidents.total).toBe(rows.length);
    const k = parse(d, "kerncijfers.csv").filter((r) => r.gebiedscode.startsWith("BU") && r.jaar === "2024");
    for (const v of t.riskModel.variables) {
      const xs = k.filter((r) => r.variabele === v.variabele).map((r) => +r.waarde);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean).toBeCloseTo(v.mean, 9);
      expect(Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length)).toBeCloseTo(v.sd, 9);
    }
  });

  test("plants a visible WhatsApp effect, and none when switched off", () => {
    const planted = whatsappEffect(d);
    expect(planted).toBeLessThan(-0.1);
    const off = generateDemo({seed: 1, plant: {whatsapp: false}});
    expect(Math.abs(whatsappEffect(off))).toBeLessThan(0.12);
    expect(off.truth.effects.whatsapp.relative).toBe(0);
    // Switching an effect off changes the incidents, never the geography or the measures.
    for (const name of ["kerncijfers.csv", "whatsapp_groepen.csv", "preventieadviezen.csv", "dor_aansluitingen.csv", "gebieden.geojson"]) {
      expect(off.files[name] === d.files[name], name).toBe(true);
    }
  });
});

describe("generateDemo (small runs)", () => {
  const small = {fromYear: 2024, toYear: 2024};
  test("gives byte-identical files for the same options and different ones for another seed", () => {
    const a = generateDemo({seed: 5, ...small}), b = generateDemo({seed: 5, ...small}), c = generateDemo({seed: 6, ...small});
    expect(Object.keys(a.files).sort()).toEqual([...Object.keys(DEMO_TEMPLATE_COLUMNS), "gebieden.geojson", "truth.json"].sort());
    for (const name of Object.keys(a.files)) expect(a.files[name] === b.files[name], name).toBe(true);
    expect(a.files["inbraken.csv"] === c.files["inbraken.csv"]).toBe(false);
  });

  test("hits a requested number of incidents", () => {
    const d = generateDemo({seed: 2, incidents: 3000, ...small});
    expect(Math.abs(d.truth.counts.incidents.total - 3000)).toBeLessThan(250);
    expect(d.truth.expectedIncidents).toBeCloseTo(3000, 6);
  });

  test("rejects invalid options with a message naming the value", () => {
    expect(() => resolveDemoOptions({fromYear: 2005})).toThrow("invalid fromYear: 2005");
    expect(() => resolveDemoOptions({incidents: -3})).toThrow("invalid incidents: -3");
    expect(() => resolveDemoOptions({whatsappEffect: -1.5})).toThrow("invalid whatsappEffect: -1.5");
    expect(() => resolveDemoOptions({riskCoefficients: {foo: 1}})).toThrow("invalid risk variable: foo");
    expect(() => resolveDemoOptions({nearRepeat: {probability: 2}})).toThrow("invalid nearRepeat.probability: 2");
  });

  test("the CLI writes the folder and summarises it in Dutch", () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-cli-"));
    try {
      const lines = runDemoCli(["--out", dir, "--seed", "3", "--from", "2024", "--to", "2024"]);
      expect(lines[0]).toContain("Demolevering geschreven naar");
      expect(lines.some((l) => l.includes("inbraken.csv") && l.includes("rijen"))).toBe(true);
      const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
      expect(truth.seed).toBe(3);
      const written = csv.parse(readFileSync(join(dir, "inbraken.csv"), "utf8"));
      expect(written.length).toBe(truth.counts.files["inbraken.csv"]);
      expect(() => runDemoCli(["--seed", "1"])).toThrow("invalid out");
      expect(lines.at(-1)).toMatch(/^Inbraken: [\d.]+ \(waarvan/);
      expect(() => runDemoCli(["--out", dir, "--theme", "drugs"])).toThrow("invalid theme: drugs");
      const fiets = runDemoCli(["--out", join(dir, "fiets"), "--seed", "3", "--from", "2024", "--to", "2024", "--incidents", "2000", "--theme", "fietsdiefstal"]);
      expect(fiets.at(-1)).toMatch(/^Fietsdiefstallen: [\d.]+ \(waarvan/);
      expect(readFileSync(join(dir, "fiets", "inbraken.csv"), "utf8")).toContain("slot doorgeknipt");
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe("generateDemo labels per theme", () => {
  const small = {seed: 5, fromYear: 2024, toYear: 2024};
  const fingerprint = (files: Record<string, string>) => {
    const hash = createHash("sha256");
    for (const name of Object.keys(files).sort()) hash.update(name).update("\0").update(files[name]).update("\0");
    return hash.digest("hex");
  };
  const column = (text: string, name: string) => new Set(csv.parse(text).map((r) => r[name]!));

  test("the default (woninginbraak) demo is byte-identical to its pinned fingerprint", () => {
    // A change here changes every woninginbraak demo: bump DEMO_GENERATOR.version and update the pin.
    expect(fingerprint(generateDemo(small).files)).toBe("34a656dc763e1098ad344446aa3ded349157d4dd508837731477dd68f5010bab");
    const explicit = generateDemo({...small, labels: demoLabelsForTheme("woninginbraak")});
    expect(explicit.files["inbraken.csv"] === generateDemo(small).files["inbraken.csv"]).toBe(true);
  });

  test("a fietsdiefstal demo writes bicycle labels only, with the same draws", () => {
    const labels = demoLabelsForTheme("fietsdiefstal");
    const bike = generateDemo({...small, labels}).files["inbraken.csv"];
    const burglary = generateDemo(small).files["inbraken.csv"];
    expect([...column(bike, "werkwijze")].every((v) => labels.werkwijzen.includes(v))).toBe(true);
    expect([...column(bike, "woningtype")].every((v) => labels.woningtypen.includes(v))).toBe(true);
    const items = [...column(bike, "buit")].flatMap((v) => (v ? v.split("|") : []));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((v) => labels.buit.includes(v))).toBe(true);
    expect(items).toContain("e-bike");
    expect(column(bike, "werkwijze").has("flipperen")).toBe(false);
    const campaigns = generateDemo({...small, fromYear: 2015, toYear: 2024, incidents: 500, labels}).files["campagnes.csv"];
    expect([...new Set([...column(campaigns, "naam")].map((n) => n.replace(/ \d{4}$/, "")))].sort()).toEqual([...labels.campaigns].sort());
    // Labels change only the words: as many rows, the same registration numbers and times.
    const key = (text: string) => csv.parse(text).map((r) => [r.registratienummer, r.soort, r.pleegdatum_van, r.pleegdatum_tot, r.postcode, r.huisnummer, r.opgelost].join(";"));
    expect(key(bike)).toEqual(key(burglary));
  });

  test("rejects a label set that does not fit, naming it", () => {
    const labels = demoLabelsForTheme("fietsdiefstal");
    expect(() => resolveDemoOptions({labels: {...labels, werkwijzeHouse: [1]}})).toThrow("invalid labels.werkwijzeHouse");
    expect(() => resolveDemoOptions({labels: {...labels, woningtypen: ["a"]}})).toThrow("invalid labels.woningtypen");
    expect(() => resolveDemoOptions({labels: {...labels, campaigns: ["a"]}})).toThrow("invalid labels.campaigns");
    expect(() => resolveDemoOptions({labels: {...labels, buit: labels.buit.map((b) => (b === "overig" ? "rest" : b))}})).toThrow("invalid labels.buit");
    expect(() => resolveDemoOptions({labels: {...labels, werkwijzen: ["a;b", ...labels.werkwijzen.slice(1)]}})).toThrow("invalid labels.werkwijzen");
  });
});
