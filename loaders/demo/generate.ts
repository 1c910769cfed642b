/**
 * The seeded demo generator: a realistic synthetic Twente delivery in the templates of
 * docs/data-model.md, with planted effects (risk factors, measures, near repeats, darkness-driven
 * seasonality) and a truth.json that says exactly what was planted.
 *
 * All randomness flows from one seeded Rng, consumed in a fixed order: geography, then measures,
 * then incidents. Switching a planted effect off therefore leaves the geography and the measure
 * files byte-identical and changes only the incidents (and the targets derived from them).
 */
import {closeSync, mkdirSync, openSync, writeSync} from "node:fs";
import {join} from "node:path";
import KDBush from "kdbush";
import SunCalc from "suncalc";
import {normal, poisson, seededRng, shuffle, type Rng} from "../../src/lib/random.js";
import {csvRow} from "../../src/lib/csv.js";
import {amsterdamOffset} from "../../src/lib/sun.js";
import {
  DWELLING_TYPES, KERNCIJFER_VARIABLES, buildGeography, cellRing, mergeCells,
  type DemoGeography, type DemoNeighbourhood
} from "./geography.js";

/** Generator name and version written to truth.json; bump the version when output bytes change. */
export const DEMO_GENERATOR = {name: "inbraaklab-demo", version: "1.1.0"} as const;

/** Template columns per file, in the order the demo writes them (docs/data-model.md). */
export const DEMO_TEMPLATE_COLUMNS = {
  "inbraken.csv": [
    "registratienummer", "soort", "pleegdatum_van", "pleegdatum_tot", "gemeentecode", "buurtcode", "postcode",
    "huisnummer", "x", "y", "werkwijze", "woningtype", "buit", "opgelost"
  ],
  "kerncijfers.csv": ["gebiedscode", "jaar", "variabele", "waarde"],
  "whatsapp_groepen.csv": ["groep_id", "gemeentecode", "buurtcode", "postcode", "startdatum", "einddatum", "deelnemers"],
  "preventieadviezen.csv": ["datum", "gemeentecode", "buurtcode", "aantal"],
  "dor_aansluitingen.csv": ["gemeentecode", "datum_aansluiting", "aantal_opkopers"],
  "campagnes.csv": ["naam", "gemeentecode", "startdatum", "einddatum"],
  "doelen.csv": ["gebied", "jaar", "indicator", "doelwaarde"]
} as const;

/** Police-registered residential burglaries in the Netherlands per year (CBS 47025NED 1.1.1; 2013-2018, 2024-2025 approximate). */
export const NATIONAL_TREND: Readonly<Record<number, number>> = {
  2012: 91595, 2013: 93700, 2014: 82000, 2015: 64000, 2016: 52000, 2017: 45000, 2018: 42000,
  2019: 39474, 2020: 30571, 2021: 23525, 2022: 24414, 2023: 22706, 2024: 22300, 2025: 22000
};

/** Variables of the planted neighbourhood risk model and their default coefficients per standardised unit. */
export const DEFAULT_RISK_COEFFICIENTS: Readonly<Record<string, number>> = {
  perc_eengezinswoning: 0.25,
  gemiddelde_woz: 0.15,
  perc_huurwoningen: 0.2,
  omgevingsadressendichtheid: -0.15,
  afstand_oprit_hoofdweg: -0.2
};

/** Options of the demo generator; every field has a default. */
export interface DemoOptions {
  seed?: number;
  /** Expected total number of incidents over the whole period; default: about 800 a year in 2023-2025. */
  incidents?: number;
  fromYear?: number;
  toYear?: number;
  /** Relative effect of a WhatsApp group on its neighbourhood's rate from its start month (-0.25 = -25%). */
  whatsappEffect?: number;
  /** Yearly exponential decay of the WhatsApp effect (0 = lasting). */
  whatsappDecayPerYear?: number;
  /** Log-rate change per cumulative prevention visit per 1,000 dwellings (multiplier exp(dose * visits)). */
  preventionDose?: number;
  /** Relative level change of a municipality's rate from the month it joins the DOR. */
  dorEffect?: number;
  /** Relative effect of a running campaign on its area's rate. */
  campaignEffect?: number;
  /** Risk coefficients per standardised unit, by kerncijfers variable. */
  riskCoefficients?: Record<string, number>;
  /** Sd of the unexplained (residual) neighbourhood log-rate. */
  residualSd?: number;
  /** Winter (Nov-Feb) excess over the light months (May-Aug) of the daily rate, from dark evenings. */
  winterPeak?: number;
  nearRepeat?: {probability?: number; distanceM?: number; days?: number; extraFollowUps?: number; sameAddressShare?: number};
  /** Switches: false turns a planted effect off (the measure files are still written, with no effect). */
  plant?: {risk?: boolean; whatsapp?: boolean; prevention?: boolean; dor?: boolean; campaign?: boolean; nearRepeat?: boolean; season?: boolean};
  /** The category labels written to inbraken.csv; default the burglary labels (BURGLARY_LABELS). */
  labels?: DemoLabels;
}

/**
 * The category labels of the incident file: werkwijze (with its weights at apartments and at
 * houses), buit (with the weight of each item) and the woningtype value of each dwelling type.
 * Labels change only the words written: the random draws are the same for every label set.
 */
export interface DemoLabels {
  werkwijzen: readonly string[];
  werkwijzeApartment: readonly number[];
  werkwijzeHouse: readonly number[];
  /** Stolen items; "overig" must be one of them (attempts sometimes record it). */
  buit: readonly string[];
  buitWeights: readonly number[];
  /** The woningtype value per dwelling type, in DWELLING_TYPES order. */
  woningtypen: readonly string[];
  /** Campaign names: the regional winter campaign (a year is appended), then Enschede, Hengelo and Almelo. */
  campaigns: readonly string[];
}

/** Options with every default filled in (as written to truth.json). */
export interface ResolvedDemoOptions {
  seed: number;
  incidents: number | null;
  fromYear: number;
  toYear: number;
  whatsappEffect: number;
  whatsappDecayPerYear: number;
  preventionDose: number;
  dorEffect: number;
  campaignEffect: number;
  riskCoefficients: Record<string, number>;
  residualSd: number;
  winterPeak: number;
  nearRepeat: {probability: number; distanceM: number; days: number; extraFollowUps: number; sameAddressShare: number};
  plant: {risk: boolean; whatsapp: boolean; prevention: boolean; dor: boolean; campaign: boolean; nearRepeat: boolean; season: boolean};
  /** Only when labels other than the default were asked for (so default truth.json stays as it was). */
  labels?: DemoLabels;
}

/** What the generator planted, written to truth.json. */
export interface DemoTruth {
  generator: string;
  version: string;
  seed: number;
  options: ResolvedDemoOptions;
  riskModel: {
    formula: string;
    standardisation: string;
    intercept: number;
    residualSd: number;
    referenceYear: number;
    variables: {variabele: string; coefficient: number; mean: number; sd: number}[];
    buurten: {code: string; logRate: number}[];
  };
  trend: {relativeTo2024: Record<string, number>; national: Record<string, number>};
  season: {formula: string; gamma: number; darkUntilHour: number; winterPeak: number; location: {lat: number; lon: number}};
  timeOfDay: {base: {day: number; evening: number; night: number}; description: string};
  effects: {
    whatsapp: {relative: number; decayPerYear: number; appliesFrom: string};
    prevention: {dosePerVisitPer1000: number; appliesFrom: string};
    dor: {relative: number; appliesFrom: string};
    campaign: {relative: number; appliesFrom: string};
  };
  nearRepeat: {probability: number; distanceM: number; days: number; meanFollowUps: number; sameAddressShare: number; branchingRatio: number; lagDistribution: string};
  individual: {woningtypeWeights: Record<string, number>; attemptShare: number; clearanceShare: number};
  expectedIncidents: number;
  counts: {
    files: Record<string, number>;
    incidents: {total: number; background: number; followUps: number; pogingen: number; byYear: Record<string, number>};
    areas: {gemeenten: number; wijken: number; buurten: number; adressen: number};
  };
}

/** A generated delivery in memory: file name -> text (including truth.json), and the truth object. */
export interface DemoDelivery {
  files: Record<string, string>;
  truth: DemoTruth;
}

/** Where generated text goes: one file at a time, in chunks. */
interface Sink {
  open(name: string): void;
  write(chunk: string): void;
  close(): void;
}

const DARK_UNTIL = 22.5;
const ENSCHEDE = {lat: 52.22, lon: 6.89};
const TIME_OF_DAY = {day: 0.38, evening: 0.32, night: 0.3};
const WONINGTYPE_WEIGHTS = [1.6, 1.3, 1.15, 0.9, 0.7];
const ATTEMPT_SHARE = 1 / 3;
const CLEARANCE_SHARE = 0.08;

/** The labels of the woninginbraak demo (the generator's default). */
export const BURGLARY_LABELS: DemoLabels = {
  werkwijzen: ["flipperen", "cilinder trekken/breken", "deur/raam forceren", "inklimmen via openstaand raam", "ruit ingooien", "onbekend"],
  werkwijzeApartment: [0.25, 0.25, 0.25, 0.05, 0.05, 0.15],
  werkwijzeHouse: [0.1, 0.17, 0.33, 0.15, 0.12, 0.13],
  buit: ["geld", "sieraden", "laptop", "telefoon", "tablet", "fiets", "autosleutels", "overig"],
  buitWeights: [0.3, 0.35, 0.2, 0.15, 0.1, 0.08, 0.06, 0.25],
  woningtypen: DWELLING_TYPES,
  campaigns: ["Donkere dagen offensief", "Inbraakvrije wijk Enschede", "Hengelo Veilig Thuis", "Almelo \"Sluit af\" voorjaar"]
};

/** Checks a label set: matching lengths, positive weights, at least four items of buit, "overig" among them. */
function checkLabels(l: DemoLabels): DemoLabels {
  const weights = (name: string, w: readonly number[], n: number) => {
    if (w.length !== n || !w.every((x) => Number.isFinite(x) && x >= 0) || !w.some((x) => x > 0)) throw new Error(`invalid labels.${name}: ${JSON.stringify(w)}`);
  };
  const names = (name: string, v: readonly string[], n?: number) => {
    if (!v.length || (n !== undefined && v.length !== n) || v.some((s) => typeof s !== "string" || !s.trim() || /[;|"\n]/.test(s))) throw new Error(`invalid labels.${name}: ${JSON.stringify(v)}`);
  };
  names("werkwijzen", l.werkwijzen);
  weights("werkwijzeApartment", l.werkwijzeApartment, l.werkwijzen.length);
  weights("werkwijzeHouse", l.werkwijzeHouse, l.werkwijzen.length);
  names("buit", l.buit);
  weights("buitWeights", l.buitWeights, l.buit.length);
  if (l.buitWeights.filter((w) => w > 0).length < 4 || !l.buit.includes("overig")) throw new Error(`invalid labels.buit: needs four items with weight and "overig"`);
  names("woningtypen", l.woningtypen, DWELLING_TYPES.length);
  if (l.campaigns?.length !== 4 || l.campaigns.some((s) => typeof s !== "string" || !s.trim() || /[;\n]/.test(s))) throw new Error(`invalid labels.campaigns: ${JSON.stringify(l.campaigns)}`);
  return l;
}
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Fills in the defaults of demo options and checks them.
 * @example resolveDemoOptions({seed: 2}).whatsappEffect // -0.25
 */
export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const o = options;
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${o.seed}`);
  const fromYear = o.fromYear ?? 2012, toYear = o.toYear ?? 2025;
  if (!Number.isInteger(fromYear) || !(fromYear in NATIONAL_TREND)) throw new Error(`invalid fromYear: ${fromYear}`);
  if (!Number.isInteger(toYear) || !(toYear in NATIONAL_TREND) || toYear < fromYear) throw new Error(`invalid toYear: ${toYear}`);
  if (o.incidents !== undefined && !(Number.isFinite(o.incidents) && o.incidents >= 1 && o.incidents <= 20_000_000)) {
    throw new Error(`invalid incidents: ${o.incidents}`);
  }
  const relative = (name: string, v: number) => {
    if (!(v > -1 && v < 5)) throw new Error(`invalid ${name}: ${v}`);
    return v;
  };
  const nr = o.nearRepeat ?? {};
  const nearRepeat = {
    probability: nr.probability ?? 0.1,
    distanceM: nr.distanceM ?? 200,
    days: nr.days ?? 14,
    extraFollowUps: nr.extraFollowUps ?? 0.2,
    sameAddressShare: nr.sameAddressShare ?? 0.1
  };
  if (!(nearRepeat.probability >= 0 && nearRepeat.probability <= 0.7)) throw new Error(`invalid nearRepeat.probability: ${nearRepeat.probability}`);
  if (!(nearRepeat.distanceM > 0 && nearRepeat.distanceM <= 2000)) throw new Error(`invalid nearRepeat.distanceM: ${nearRepeat.distanceM}`);
  if (!(Number.isInteger(nearRepeat.days) && nearRepeat.days >= 1 && nearRepeat.days <= 90)) throw new Error(`invalid nearRepeat.days: ${nearRepeat.days}`);
  if (!(nearRepeat.extraFollowUps >= 0 && nearRepeat.extraFollowUps <= 0.4)) throw new Error(`invalid nearRepeat.extraFollowUps: ${nearRepeat.extraFollowUps}`);
  if (!(nearRepeat.sameAddressShare >= 0 && nearRepeat.sameAddressShare <= 1)) throw new Error(`invalid nearRepeat.sameAddressShare: ${nearRepeat.sameAddressShare}`);
  const riskCoefficients = {...DEFAULT_RISK_COEFFICIENTS, ...(o.riskCoefficients ?? {})};
  for (const [k, v] of Object.entries(riskCoefficients)) {
    if (!(KERNCIJFER_VARIABLES as readonly string[]).includes(k)) throw new Error(`invalid risk variable: ${k}`);
    if (!(Math.abs(v) <= 2)) throw new Error(`invalid risk coefficient for ${k}: ${v}`);
  }
  const residualSd = o.residualSd ?? 0.2;
  if (!(residualSd >= 0 && residualSd <= 1.5)) throw new Error(`invalid residualSd: ${residualSd}`);
  const winterPeak = o.winterPeak ?? 0.5;
  if (!(winterPeak >= 0 && winterPeak <= 2)) throw new Error(`invalid winterPeak: ${winterPeak}`);
  const preventionDose = o.preventionDose ?? -0.005;
  if (!(Math.abs(preventionDose) <= 0.1)) throw new Error(`invalid preventionDose: ${preventionDose}`);
  const p = o.plant ?? {};
  return {
    seed,
    incidents: o.incidents ?? null,
    fromYear,
    toYear,
    whatsappEffect: relative("whatsappEffect", o.whatsappEffect ?? -0.25),
    whatsappDecayPerYear: relative("whatsappDecayPerYear", o.whatsappDecayPerYear ?? 0),
    preventionDose,
    dorEffect: relative("dorEffect", o.dorEffect ?? -0.2),
    campaignEffect: relative("campaignEffect", o.campaignEffect ?? 0),
    riskCoefficients,
    residualSd,
    winterPeak,
    nearRepeat,
    ...(o.labels ? {labels: checkLabels(o.labels)} : {}),
    plant: {
      risk: p.risk ?? true, whatsapp: p.whatsapp ?? true, prevention: p.prevention ?? true, dor: p.dor ?? true,
      campaign: p.campaign ?? true, nearRepeat: p.nearRepeat ?? true, season: p.season ?? true
    }
  };
}

/**
 * Generates a demo delivery in memory (file texts and truth); use writeDemoDelivery for big runs.
 * @example const {files, truth} = generateDemo({seed: 1}); files["inbraken.csv"].split("\n")[0]
 */
export function generateDemo(options: DemoOptions = {}): DemoDelivery {
  const files: Record<string, string> = {};
  let name = "", parts: string[] = [];
  const truth = runDemo(resolveDemoOptions(options), {
    open(n) { name = n; parts = []; },
    write(chunk) { parts.push(chunk); },
    close() { files[name] = parts.join(""); parts = []; }
  });
  return {files, truth};
}

/**
 * Writes a demo delivery (the template files and truth.json) into `dir`, streaming big files in chunks.
 * @example writeDemoDelivery("data/demo", {seed: 1}) // returns the truth
 */
export function writeDemoDelivery(dir: string, options: DemoOptions = {}): DemoTruth {
  if (typeof dir !== "string" || dir === "") throw new Error(`invalid dir: ${dir}`);
  const resolved = resolveDemoOptions(options);
  mkdirSync(dir, {recursive: true});
  let fd = -1;
  return runDemo(resolved, {
    open(n) { fd = openSync(join(dir, n), "w"); },
    write(chunk) { writeSync(fd, chunk); },
    close() { closeSync(fd); fd = -1; }
  });
}

/** Buffers lines and flushes them to a sink in chunks; returns the row count on close. */
function csvWriter(sink: Sink, name: string, columns: readonly string[]) {
  sink.open(name);
  let lines: string[] = [columns.join(";")];
  let rows = 0;
  return {
    row(values: (string | number)[]) {
      lines.push(csvRow(values));
      rows++;
      if (lines.length >= 20_000) {
        sink.write(lines.join("\n") + "\n");
        lines = [];
      }
    },
    close(): number {
      if (lines.length > 0) sink.write(lines.join("\n") + "\n");
      sink.close();
      return rows;
    }
  };
}

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;
/** Formats a wall-clock time (ms, read as UTC fields) as YYYY-MM-DD HH:MM. */
function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

/** Picks an index from weights by a uniform draw. */
function pick(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length - 1; i++) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.length - 1;
}

/** Months of the period as [first-day ms (wall clock), first day index]. */
interface Calendar {
  startMs: number;
  days: number;
  /** Local sunset hour per day. */
  sunset: Float64Array;
  /** Dark evening hours per day (sunset until DARK_END). */
  dark: Float64Array;
  /** Daily intensity I(d), mean 1 within each year. */
  intensity: Float64Array;
  monthFirstDay: Int32Array;
  monthYear: Int32Array;
  gamma: number;
}

/** Builds the daily calendar: sunset in Enschede, dark evening hours, and the darkness-driven daily intensity. */
function buildCalendar(o: ResolvedDemoOptions): Calendar {
  const startMs = Date.UTC(o.fromYear, 0, 1), endMs = Date.UTC(o.toYear + 1, 0, 1);
  const days = Math.round((endMs - startMs) / DAY_MS);
  const sunset = new Float64Array(days), dark = new Float64Array(days), intensity = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const noon = startMs + d * DAY_MS + 12 * HOUR_MS;
    const set = SunCalc.getTimes(new Date(noon), ENSCHEDE.lat, ENSCHEDE.lon).sunset.getTime();
    sunset[d] = (set - (startMs + d * DAY_MS)) / HOUR_MS + amsterdamOffset(set);
    dark[d] = Math.max(0, DARK_UNTIL - sunset[d]);
  }
  // gamma makes the mean daily rate of November-February (1 + winterPeak) times that of May-August.
  let winter = 0, nw = 0, summer = 0, ns = 0;
  for (let d = 0; d < days; d++) {
    const month = new Date(startMs + d * DAY_MS).getUTCMonth();
    if (month >= 10 || month <= 1) { winter += dark[d]; nw++; }
    if (month >= 4 && month <= 7) { summer += dark[d]; ns++; }
  }
  const peak = o.plant.season ? o.winterPeak : 0;
  const gamma = peak / (winter / nw - (1 + peak) * (summer / ns));
  const months = (o.toYear - o.fromYear + 1) * 12;
  const monthFirstDay = new Int32Array(months + 1), monthYear = new Int32Array(months);
  for (let m = 0; m <= months; m++) {
    monthFirstDay[m] = Math.round((Date.UTC(o.fromYear, m, 1) - startMs) / DAY_MS);
    if (m < months) monthYear[m] = o.fromYear + Math.floor(m / 12);
  }
  for (let y = 0; y < months / 12; y++) {
    const a = monthFirstDay[y * 12], b = monthFirstDay[y * 12 + 12];
    let sum = 0;
    for (let d = a; d < b; d++) sum += 1 + gamma * dark[d];
    for (let d = a; d < b; d++) intensity[d] = ((1 + gamma * dark[d]) * (b - a)) / sum;
  }
  return {startMs, days, sunset, dark, intensity, monthFirstDay, monthYear, gamma};
}

/** Draws a wall-clock time of day (hours) on day d: the base day/evening/night mix plus the dark evening. */
function drawHour(rng: Rng, cal: Calendar, d: number): number {
  const darkWeight = cal.gamma * cal.dark[d];
  const r = rng() * (1 + darkWeight);
  if (r >= 1) return cal.sunset[d] + rng() * cal.dark[d];
  if (r < TIME_OF_DAY.day) return 8 + 10 * rng();
  if (r < TIME_OF_DAY.day + TIME_OF_DAY.evening) return 18 + 5 * rng();
  const h = 23 + 9 * rng();
  return h >= 24 ? h - 24 : h;
}

/** The measures of the demo: who has what, when; generated before any incident. */
interface Measures {
  whatsapp: {id: string; buurt: number; startMs: number; endMs: number | null; deelnemers: number}[];
  /** Visits per neighbourhood per month (row-major: buurt * months + month). */
  visits: Int32Array;
  dor: {municipality: number; dateMs: number; opkopers: number}[];
  campaigns: {naam: string; municipality: number | null; startMonth: number; endMonth: number}[];
}

function monthIndex(o: ResolvedDemoOptions, ms: number): number {
  const d = new Date(ms);
  return (d.getUTCFullYear() - o.fromYear) * 12 + d.getUTCMonth();
}

/** Draws the measures: WhatsApp groups, prevention programmes, DOR connections and campaigns. */
function drawMeasures(rng: Rng, o: ResolvedDemoOptions, geo: DemoGeography, eta: Float64Array): Measures {
  const nb = geo.neighbourhoods.length, months = (o.toYear - o.fromYear + 1) * 12;
  const randomDate = (y0: number, m0: number, y1: number, m1: number) => {
    const span = (y1 - y0) * 12 + (m1 - m0) + 1;
    const m = Math.floor(rng() * span);
    return Date.UTC(y0, m0 + m, 1 + Math.floor(rng() * 28));
  };
  // WhatsApp groups in ~20% of the neighbourhoods (with at least 50 dwellings), staggered 2014-2020, a few later.
  const eligible = geo.neighbourhoods.map((n, i) => i).filter((i) => geo.neighbourhoods[i].stats.woningvoorraad >= 50);
  shuffle(rng, eligible);
  const treated = eligible.slice(0, Math.round(0.2 * nb)).sort((a, b) => a - b);
  const whatsapp = treated.map((buurt, k) => {
    const late = rng() < 0.1;
    const startMs = late ? randomDate(2021, 0, 2023, 11) : randomDate(2014, 0, 2020, 11);
    const ends = rng() < 0.1;
    const endMs = ends ? startMs + Math.round((2 + 4 * rng()) * 365.25) * DAY_MS : null;
    const dw = geo.neighbourhoods[buurt].stats.woningvoorraad;
    const deelnemers = Math.max(20, Math.min(300, Math.round(dw * (0.05 + 0.1 * rng()))));
    return {id: `WA-${String(k + 1).padStart(4, "0")}`, buurt, startMs, endMs, deelnemers};
  }).sort((a, b) => a.startMs - b.startMs || a.buurt - b.buurt);
  whatsapp.forEach((g, k) => (g.id = `WA-${String(k + 1).padStart(4, "0")}`));
  // Prevention programmes in ~25% of the neighbourhoods, targeted at higher-risk ones: 3-12 months of visits.
  const visits = new Int32Array(nb * months);
  const weights = Array.from(eta, (e) => Math.exp(e));
  const chosen = new Set<number>();
  while (chosen.size < Math.round(0.25 * nb)) chosen.add(pick(rng, weights));
  for (const b of [...chosen].sort((x, y) => x - y)) {
    const programmes = rng() < 0.3 ? 2 : 1;
    const dw = geo.neighbourhoods[b].stats.woningvoorraad;
    for (let p = 0; p < programmes; p++) {
      const start = monthIndex(o, randomDate(2015, 0, 2024, 5));
      const length = 3 + Math.floor(rng() * 10);
      const rate = 2 + 6 * rng();
      for (let m = Math.max(0, start); m < Math.min(months, start + length); m++) visits[b * months + m] += poisson(rng, (dw / 1000) * rate);
    }
  }
  // DOR connections: staggered 2014-2019, evenly spread over a shuffled municipality order.
  const order = shuffle(rng, geo.municipalities.map((m, i) => i)) as number[];
  const dor = order.map((mi, k) => {
    const monthsFrom2014 = Math.floor(((k + rng()) / order.length) * 72);
    const dateMs = Date.UTC(2014, monthsFrom2014, 1 + Math.floor(rng() * 28));
    const opkopers = Math.max(2, Math.min(30, Math.round((geo.municipalities[mi].inhabitants / 8000) * (0.6 + 0.8 * rng()) + 1)));
    return {municipality: mi, dateMs, opkopers};
  }).sort((a, b) => a.dateMs - b.dateMs || a.municipality - b.municipality);
  // Campaigns: the regional 'Donkere dagen offensief' in some winters, and a few municipal ones.
  const [regional, enschede, hengelo, almelo] = (o.labels ?? BURGLARY_LABELS).campaigns;
  const campaigns: Measures["campaigns"] = [];
  const byCode = (code: string) => geo.municipalities.findIndex((m) => m.code === code);
  for (const y of [2015, 2016, 2018, 2019, 2021, 2023]) {
    campaigns.push({naam: `${regional} ${y}`, municipality: null, startMonth: monthIndex(o, Date.UTC(y, 9, 1)), endMonth: monthIndex(o, Date.UTC(y + 1, 2, 1))});
  }
  campaigns.push({naam: enschede, municipality: byCode("GM0153"), startMonth: monthIndex(o, Date.UTC(2017, 2, 1)), endMonth: monthIndex(o, Date.UTC(2017, 7, 1))});
  campaigns.push({naam: hengelo, municipality: byCode("GM0164"), startMonth: monthIndex(o, Date.UTC(2020, 8, 1)), endMonth: monthIndex(o, Date.UTC(2021, 1, 1))});
  campaigns.push({naam: almelo, municipality: byCode("GM0141"), startMonth: monthIndex(o, Date.UTC(2022, 0, 1)), endMonth: monthIndex(o, Date.UTC(2022, 5, 1))});
  return {whatsapp, visits, dor, campaigns: campaigns.filter((c) => c.endMonth >= 0 && c.startMonth < months)};
}

/** Standardises the risk variables across all neighbourhoods: z = (x - mean) / sd, sd with divisor N. */
function standardise(neighbourhoods: DemoNeighbourhood[], variables: string[]) {
  return variables.map((v) => {
    const xs = neighbourhoods.map((n) => n.stats[v]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    return {variabele: v, mean, sd, z: xs.map((x) => (x - mean) / sd)};
  });
}

/** Runs the whole generator into a sink and returns the truth: one phase after the other, in the order they draw from the rng. */
function runDemo(o: ResolvedDemoOptions, sink: Sink): DemoTruth {
  const rng = seededRng(o.seed);
  const geo = buildGeography(rng, {firstYear: Math.min(o.fromYear, 2024)});
  const gmIndex = new Map(geo.municipalities.map((m, i) => [m.code, i]));
  const buGm = Int32Array.from(geo.neighbourhoods, (n) => gmIndex.get(n.gemeentecode)!);
  const risk = drawRisk(rng, o, geo);
  const measures = drawMeasures(rng, o, geo, risk.eta);
  const cal = buildCalendar(o);
  const means = backgroundMeans(o, geo, measures, cal, risk.eta, buGm);
  const calibration = calibrate(o, means.yearTotals);
  const incidents = drawBackground(rng, o, geo, cal, means.lambda, calibration.scale);
  const background = incidents.times.length;
  drawNearRepeats(rng, o, geo, cal, incidents);
  const labels = o.labels ?? BURGLARY_LABELS;
  const written = writeIncidents(rng, sink, geo, incidents, labels);
  const files: Record<string, number> = {"inbraken.csv": written.rows};
  Object.assign(files, writeMeasureFiles(sink, o, geo, measures));
  files["doelen.csv"] = writeRows(sink, "doelen.csv", targetRows(o, geo, measures, means.lambda, calibration.scale, calibration.branching, buGm));
  files["gebieden.geojson"] = writeGeojson(sink, geo);
  const truth = buildTruth(o, geo, {risk, cal, effects: means.effects, calibration, labels, files, background, written});
  sink.open("truth.json");
  sink.write(JSON.stringify(truth, null, 2) + "\n");
  sink.close();
  return truth;
}

/** The risk model: eta_i = sum_k b_k z_ik + residual_i per neighbourhood (the intercept is calibrated later). */
function drawRisk(rng: Rng, o: ResolvedDemoOptions, geo: DemoGeography) {
  const nb = geo.neighbourhoods.length;
  const riskVars = Object.keys(o.riskCoefficients);
  const standardised = standardise(geo.neighbourhoods, riskVars);
  const eta = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    let e = 0;
    if (o.plant.risk) for (const s of standardised) e += o.riskCoefficients[s.variabele] * s.z[i];
    eta[i] = e + o.residualSd * normal(rng);
  }
  return {standardised, eta};
}

/** Background means per neighbourhood-month before calibration (intercept 0), with the planted measure effects. */
function backgroundMeans(o: ResolvedDemoOptions, geo: DemoGeography, measures: Measures, cal: Calendar, eta: Float64Array, buGm: Int32Array) {
  const nb = geo.neighbourhoods.length;
  const months = (o.toYear - o.fromYear + 1) * 12;
  const effects = {
    whatsapp: o.plant.whatsapp ? o.whatsappEffect : 0,
    prevention: o.plant.prevention ? o.preventionDose : 0,
    dor: o.plant.dor ? o.dorEffect : 0,
    campaign: o.plant.campaign ? o.campaignEffect : 0
  };
  const lambda = new Float64Array(nb * months);
  const monthDays = new Float64Array(months);
  for (let m = 0; m < months; m++) for (let d = cal.monthFirstDay[m]; d < cal.monthFirstDay[m + 1]; d++) monthDays[m] += cal.intensity[d];
  const multiplier = new Float64Array(nb * months).fill(1);
  for (const g of measures.whatsapp) {
    const s = monthIndex(o, g.startMs), e = g.endMs === null ? months : monthIndex(o, g.endMs);
    for (let m = Math.max(0, s); m < Math.min(months, e); m++) {
      multiplier[g.buurt * months + m] *= 1 + effects.whatsapp * Math.exp(-o.whatsappDecayPerYear * ((m - s) / 12));
    }
  }
  for (let b = 0; b < nb; b++) {
    const dw = geo.neighbourhoods[b].stats.woningvoorraad;
    let cumulative = 0;
    for (let m = 0; m < months; m++) {
      if (cumulative > 0) multiplier[b * months + m] *= Math.exp(effects.prevention * (cumulative / dw) * 1000);
      cumulative += measures.visits[b * months + m];
    }
  }
  const gmMultiplier = new Float64Array(geo.municipalities.length * months).fill(1);
  for (const c of measures.dor) for (let m = Math.max(0, monthIndex(o, c.dateMs)); m < months; m++) gmMultiplier[c.municipality * months + m] *= 1 + effects.dor;
  for (const c of measures.campaigns) {
    for (let gm = 0; gm < geo.municipalities.length; gm++) {
      if (c.municipality !== null && c.municipality !== gm) continue;
      for (let m = Math.max(0, c.startMonth); m <= Math.min(months - 1, c.endMonth); m++) gmMultiplier[gm * months + m] *= 1 + effects.campaign;
    }
  }
  const yearTotals = new Float64Array(o.toYear - o.fromYear + 1);
  for (let b = 0; b < nb; b++) {
    const n = geo.neighbourhoods[b];
    for (let m = 0; m < months; m++) {
      const year = cal.monthYear[m];
      const dw = n.dwellingsByYear.get(Math.min(year, 2024))!;
      const daysInYear = cal.monthFirstDay[(year - o.fromYear + 1) * 12] - cal.monthFirstDay[(year - o.fromYear) * 12];
      const l = Math.exp(eta[b]) * dw * (NATIONAL_TREND[year] / NATIONAL_TREND[2024]) * (monthDays[m] / daysInYear) *
        multiplier[b * months + m] * gmMultiplier[buGm[b] * months + m];
      lambda[b * months + m] = l;
      yearTotals[year - o.fromYear] += l;
    }
  }
  return {effects, lambda, yearTotals};
}

/** Calibrates the intercept: expected totals including near repeats (branching ratio r: total = background / (1 - r)). */
function calibrate(o: ResolvedDemoOptions, yearTotals: Float64Array) {
  const nr = o.nearRepeat;
  const branching = o.plant.nearRepeat ? nr.probability * (1 + nr.extraFollowUps) : 0;
  let intercept: number;
  if (o.incidents !== null) {
    intercept = Math.log((o.incidents * (1 - branching)) / yearTotals.reduce((a, b) => a + b, 0));
  } else {
    const last = Math.max(o.fromYear, Math.min(2023, o.toYear - 2));
    let sum = 0, count = 0;
    for (let y = last; y <= Math.min(o.toYear, last + 2); y++, count++) sum += yearTotals[y - o.fromYear];
    intercept = Math.log((800 * (1 - branching)) / (sum / count));
  }
  const scale = Math.exp(intercept);
  const expectedIncidents = (yearTotals.reduce((a, b) => a + b, 0) * scale) / (1 - branching);
  return {branching, intercept, scale, expectedIncidents};
}

/** Incidents as drawn: wall-clock time (ms) and address index, in the order drawn. */
interface Drawn {
  times: number[];
  places: number[];
}

/** Draws a wall-clock time (ms) on day d by the day's mix of hours, skipping the hour lost to summer time. */
function drawTime(rng: Rng, cal: Calendar, d: number): number {
  const dayMs = cal.startMs + d * DAY_MS;
  let ms = dayMs + Math.floor(drawHour(rng, cal, d) * 60) * 60_000;
  // The hour 02:00-03:00 does not exist on the spring clock change (last Sunday of March).
  const day = new Date(dayMs);
  if (day.getUTCMonth() === 2 && day.getUTCDay() === 0 && day.getUTCDate() > 24 && ms - dayMs >= 2 * HOUR_MS && ms - dayMs < 3 * HOUR_MS) ms += HOUR_MS;
  return ms;
}

/** Background incidents: Poisson per neighbourhood-month; day by daily intensity; hour by the day's mix; address by dwelling type. */
function drawBackground(rng: Rng, o: ResolvedDemoOptions, geo: DemoGeography, cal: Calendar, lambda: Float64Array, scale: number): Drawn {
  const nb = geo.neighbourhoods.length;
  const months = (o.toYear - o.fromYear + 1) * 12;
  const addr = geo.addresses;
  const typeWeight = new Float64Array(addr.x.length);
  for (let a = 0; a < addr.x.length; a++) typeWeight[a] = WONINGTYPE_WEIGHTS[addr.woningtype[a]];
  const cumulativeWeight = new Float64Array(addr.x.length);
  for (const n of geo.neighbourhoods) {
    let s = 0;
    for (let a = n.addressStart; a < n.addressStart + n.addressCount; a++) cumulativeWeight[a] = s += typeWeight[a];
  }
  const drawAddress = (b: number) => {
    const n = geo.neighbourhoods[b];
    const total = cumulativeWeight[n.addressStart + n.addressCount - 1];
    const r = rng() * total;
    let lo = n.addressStart, hi = n.addressStart + n.addressCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulativeWeight[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const dayCumulative = new Float64Array(cal.days);
  const times: number[] = [], places: number[] = [];
  for (let b = 0; b < nb; b++) {
    for (let m = 0; m < months; m++) {
      const k = poisson(rng, lambda[b * months + m] * scale);
      if (k === 0) continue;
      const a = cal.monthFirstDay[m], e = cal.monthFirstDay[m + 1];
      let s = 0;
      for (let d = a; d < e; d++) dayCumulative[d] = s += cal.intensity[d];
      for (let j = 0; j < k; j++) {
        const r = rng() * s;
        let d = a;
        while (d < e - 1 && dayCumulative[d] <= r) d++;
        times.push(drawTime(rng, cal, d));
        places.push(drawAddress(b));
      }
    }
  }
  return {times, places};
}

/**
 * Near repeats, appended to `drawn`: each incident (follow-ups too) triggers, with the planted
 * probability, 1 + Poisson(extra) follow-ups within distanceM (or at the same address) after
 * 1..days days (geometric-like, highest first).
 */
function drawNearRepeats(rng: Rng, o: ResolvedDemoOptions, geo: DemoGeography, cal: Calendar, drawn: Drawn): void {
  const nr = o.nearRepeat;
  if (!(o.plant.nearRepeat && nr.probability > 0)) return;
  const {times, places} = drawn;
  const addr = geo.addresses;
  const index = new KDBush(addr.x.length);
  for (let a = 0; a < addr.x.length; a++) index.add(addr.x[a], addr.y[a]);
  index.finish();
  const lagWeights = Array.from({length: nr.days}, (_, i) => Math.exp(-i / 4));
  const endMs = Date.UTC(o.toYear + 1, 0, 1);
  for (let i = 0; i < times.length; i++) {
    if (rng() >= nr.probability) continue;
    const k = 1 + poisson(rng, nr.extraFollowUps);
    for (let j = 0; j < k; j++) {
      const lag = 1 + pick(rng, lagWeights);
      const dayMs = Math.floor(times[i] / DAY_MS) * DAY_MS + lag * DAY_MS;
      if (dayMs >= endMs) continue;
      const d = Math.round((dayMs - cal.startMs) / DAY_MS);
      let place = places[i];
      if (rng() >= nr.sameAddressShare) {
        const near = index.within(addr.x[place], addr.y[place], nr.distanceM).filter((a) => a !== place);
        if (near.length > 0) {
          near.sort((p, q) => p - q);
          place = near[Math.floor(rng() * near.length)];
        }
      }
      times.push(drawTime(rng, cal, d));
      places.push(place);
    }
  }
}

/** Orders the incidents by time and writes inbraken.csv with registration numbers numbered per year (and its per-row draws). */
function writeIncidents(rng: Rng, sink: Sink, geo: DemoGeography, drawn: Drawn, labels: DemoLabels) {
  const {times, places} = drawn;
  const addr = geo.addresses;
  const total = times.length;
  if (total >= 4_194_304) throw new Error(`invalid incidents: ${total} exceeds 4,194,303`);
  const keys = new Float64Array(total);
  for (let i = 0; i < total; i++) keys[i] = (times[i] / 60_000) * 4_194_304 + i;
  keys.sort();
  const byYear: Record<string, number> = {};
  let pogingen = 0;
  const inbraken = csvWriter(sink, "inbraken.csv", DEMO_TEMPLATE_COLUMNS["inbraken.csv"]);
  for (let r = 0; r < total; r++) {
    const i = keys[r] % 4_194_304;
    const t = times[i], a = places[i];
    const year = new Date(t).getUTCFullYear();
    byYear[year] = (byYear[year] ?? 0) + 1;
    const type = addr.woningtype[a];
    const poging = rng() < ATTEMPT_SHARE;
    if (poging) pogingen++;
    const [van, tot] = drawWindow(rng, t);
    const werkwijze = labels.werkwijzen[pick(rng, type === 4 ? labels.werkwijzeApartment : labels.werkwijzeHouse)];
    inbraken.row([
      `PL0600-${year}-${String(byYear[year]).padStart(7, "0")}`,
      poging ? "poging" : "inbraak",
      van, tot,
      geo.neighbourhoods[addr.buurt[a]].gemeentecode,
      geo.neighbourhoods[addr.buurt[a]].code,
      addr.postcode[a],
      addr.huisnummer[a],
      addr.x[a].toFixed(1),
      addr.y[a].toFixed(1),
      werkwijze,
      labels.woningtypen[type],
      drawBuit(rng, poging, labels),
      rng() < CLEARANCE_SHARE ? "ja" : "nee"
    ]);
  }
  drawn.times = drawn.places = [];
  return {total, pogingen, byYear, rows: inbraken.close()};
}

/** Writes kerncijfers.csv and the measure files; returns their row counts by file name. */
function writeMeasureFiles(sink: Sink, o: ResolvedDemoOptions, geo: DemoGeography, measures: Measures): Record<string, number> {
  const nb = geo.neighbourhoods.length;
  const months = (o.toYear - o.fromYear + 1) * 12;
  const files: Record<string, number> = {};
  files["kerncijfers.csv"] = writeKerncijfers(sink, geo);
  files["whatsapp_groepen.csv"] = writeRows(sink, "whatsapp_groepen.csv", measures.whatsapp.map((g) => {
    const n = geo.neighbourhoods[g.buurt];
    const pc4 = geo.districts.find((w) => w.code === n.wijkcode)!.pc4;
    return [g.id, n.gemeentecode, n.code, pc4, formatDate(g.startMs), g.endMs === null ? "" : formatDate(g.endMs), g.deelnemers];
  }));
  const visitRows: (string | number)[][] = [];
  for (let m = 0; m < months; m++) {
    for (let b = 0; b < nb; b++) {
      const v = measures.visits[b * months + m];
      if (v > 0) visitRows.push([formatDate(Date.UTC(o.fromYear, m, 1)), geo.neighbourhoods[b].gemeentecode, geo.neighbourhoods[b].code, v]);
    }
  }
  files["preventieadviezen.csv"] = writeRows(sink, "preventieadviezen.csv", visitRows);
  files["dor_aansluitingen.csv"] = writeRows(sink, "dor_aansluitingen.csv",
    measures.dor.map((c) => [geo.municipalities[c.municipality].code, formatDate(c.dateMs), c.opkopers]));
  files["campagnes.csv"] = writeRows(sink, "campagnes.csv", measures.campaigns.map((c) => [
    c.naam, c.municipality === null ? "regio" : geo.municipalities[c.municipality].code,
    formatDate(Date.UTC(o.fromYear, c.startMonth, 1)), formatDate(Date.UTC(o.fromYear, c.endMonth + 1, 0))
  ]));
  return files;
}

/** What truth.json records of the phases before it. */
interface Planted {
  risk: ReturnType<typeof drawRisk>;
  cal: Calendar;
  effects: ReturnType<typeof backgroundMeans>["effects"];
  calibration: ReturnType<typeof calibrate>;
  labels: DemoLabels;
  files: Record<string, number>;
  background: number;
  written: ReturnType<typeof writeIncidents>;
}

/** The truth: exactly what was planted, and the counts written. */
function buildTruth(o: ResolvedDemoOptions, geo: DemoGeography, p: Planted): DemoTruth {
  const {risk: {standardised, eta}, cal, effects, calibration: {intercept, branching, expectedIncidents}, labels, files, background} = p;
  const {total, pogingen, byYear} = p.written;
  const nb = geo.neighbourhoods.length;
  const nr = o.nearRepeat;
  const addr = geo.addresses;
  return {
    generator: DEMO_GENERATOR.name,
    version: DEMO_GENERATOR.version,
    seed: o.seed,
    options: o,
    riskModel: {
      formula: "log(rate_i) = intercept + sum_k coefficient_k * z_ik + residual_i; rate_i = background burglaries (incl. attempts) " +
        "per dwelling per year in referenceYear, before measures and near repeats; expected background count of neighbourhood i in month m = " +
        "rate_i * woningvoorraad_i(year, 2025 uses 2024) * trend(year) * season(m) * measures(i, m)",
      standardisation: `z_ik = (x_ik - mean_k) / sd_k over all ${nb} BU rows of kerncijfers.csv in 2024 (values as written), sd with divisor N`,
      intercept,
      residualSd: o.residualSd,
      referenceYear: 2024,
      variables: standardised.map((s) => ({variabele: s.variabele, coefficient: o.plant.risk ? o.riskCoefficients[s.variabele] : 0, mean: s.mean, sd: s.sd})),
      buurten: geo.neighbourhoods.map((n, i) => ({code: n.code, logRate: intercept + eta[i]}))
    },
    trend: {
      relativeTo2024: Object.fromEntries(Object.entries(NATIONAL_TREND).map(([y, v]) => [y, v / NATIONAL_TREND[2024]])),
      national: {...NATIONAL_TREND}
    },
    season: {
      formula: "daily rate proportional to 1 + gamma * dark_hours(day), dark_hours = max(0, darkUntilHour - local sunset hour in Enschede), normalised to mean 1 per year",
      gamma: cal.gamma,
      darkUntilHour: DARK_UNTIL,
      winterPeak: o.plant.season ? o.winterPeak : 0,
      location: ENSCHEDE
    },
    timeOfDay: {
      base: TIME_OF_DAY,
      description: "share 1 of the daily rate falls day 08-18 / evening 18-23 / night 23-08 by base; the dark share gamma*dark_hours falls uniformly between sunset and darkUntilHour"
    },
    effects: {
      whatsapp: {relative: effects.whatsapp, decayPerYear: o.whatsappDecayPerYear, appliesFrom: "first day of the start month until the month of einddatum (exclusive)"},
      prevention: {dosePerVisitPer1000: effects.prevention, appliesFrom: "multiplier exp(dose * cumulative visits per 1,000 dwellings (2024 stock) in earlier months)"},
      dor: {relative: effects.dor, appliesFrom: "first day of the month of datum_aansluiting"},
      campaign: {relative: effects.campaign, appliesFrom: "every month from startdatum to einddatum (whole months)"}
    },
    nearRepeat: {
      probability: o.plant.nearRepeat ? nr.probability : 0, distanceM: nr.distanceM, days: nr.days,
      meanFollowUps: 1 + nr.extraFollowUps, sameAddressShare: nr.sameAddressShare, branchingRatio: branching,
      lagDistribution: "lag in whole days 1..days with weight exp(-(lag-1)/4); the follow-up's time of day is drawn afresh"
    },
    individual: {
      woningtypeWeights: Object.fromEntries(labels.woningtypen.map((t, i) => [t, WONINGTYPE_WEIGHTS[i]])),
      attemptShare: ATTEMPT_SHARE,
      clearanceShare: CLEARANCE_SHARE
    },
    expectedIncidents,
    counts: {
      files,
      incidents: {total, background, followUps: total - background, pogingen, byYear},
      areas: {gemeenten: geo.municipalities.length, wijken: geo.districts.length, buurten: nb, adressen: addr.x.length}
    }
  };
}


/** Draws the registered window around a true time t: exact, a working day away, overnight, a weekend away, or a few hours. */
function drawWindow(rng: Rng, t: number): [string, string] {
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  const h = (t - day) / HOUR_MS;
  const weekday = new Date(day).getUTCDay();
  const q = 15 * 60_000;
  const floorQ = (ms: number) => Math.floor(ms / q) * q, ceilQ = (ms: number) => Math.ceil(ms / q) * q;
  const r = rng();
  let van: number, tot: number;
  if (r < 0.03) return [formatDate(t), formatDate(t)];
  if (r < 0.22) {
    van = Math.floor(t / 300_000) * 300_000;
    tot = rng() < 0.5 ? van : van + 300_000 * Math.floor(rng() * 6);
    return [formatDateTime(van), formatDateTime(tot)];
  }
  if (h >= 7.5 && h < 18 && weekday >= 1 && weekday <= 5 && rng() < 0.6) {
    van = Math.min(t, day + (7 + 1.75 * rng()) * HOUR_MS);
    tot = Math.max(t, day + (16.5 + 2.5 * rng()) * HOUR_MS);
  } else if (h >= 23 || h < 6.5) {
    const evening = h >= 23 ? day : day - DAY_MS;
    van = Math.min(t, evening + (22 + 2.5 * rng()) * HOUR_MS);
    tot = Math.max(t, evening + DAY_MS + (6.5 + 2 * rng()) * HOUR_MS);
  } else if (rng() < 0.1) {
    van = t - (0.5 + 2.5 * rng()) * DAY_MS;
    tot = t + (0.2 + 1.8 * rng()) * DAY_MS;
    van = Math.floor(van / HOUR_MS) * HOUR_MS;
    tot = Math.ceil(tot / HOUR_MS) * HOUR_MS;
  } else {
    van = t - 3 * HOUR_MS * rng();
    tot = t + 3 * HOUR_MS * rng();
  }
  return [formatDateTime(floorQ(van)), formatDateTime(ceilQ(tot))];
}

/** Draws the stolen goods: usually one to three items for a completed burglary, mostly nothing for an attempt. */
function drawBuit(rng: Rng, poging: boolean, labels: DemoLabels): string {
  if (poging) return rng() < 0.05 ? "overig" : "";
  if (rng() < 0.08) return "";
  const n = Math.min(4, 1 + poisson(rng, 0.7));
  const taken = new Set<number>();
  const w = [...labels.buitWeights];
  while (taken.size < n) {
    const i = pick(rng, w);
    taken.add(i);
    w[i] = 0;
  }
  return [...taken].sort((a, b) => a - b).map((i) => labels.buit[i]).join("|");
}

function writeRows(sink: Sink, name: keyof typeof DEMO_TEMPLATE_COLUMNS, rows: (string | number)[][]): number {
  const w = csvWriter(sink, name, DEMO_TEMPLATE_COLUMNS[name]);
  for (const r of rows) w.row(r);
  return w.close();
}

/** Aggregates a statistic over neighbourhoods: sums for counts and area, weighted means for the rest. */
function aggregate(ns: DemoNeighbourhood[], variable: string): number {
  const sum = (f: (n: DemoNeighbourhood) => number) => ns.reduce((s, n) => s + f(n), 0);
  const weighted = (w: string, digits: number) => {
    const v = sum((n) => n.stats[variable] * n.stats[w]) / sum((n) => n.stats[w]);
    return Math.round(v * 10 ** digits) / 10 ** digits;
  };
  switch (variable) {
    case "aantal_inwoners": case "woningvoorraad": case "aantal_huishoudens": case "oppervlakte_land_ha":
      return sum((n) => n.stats[variable]);
    case "gemiddelde_woz": case "omgevingsadressendichtheid":
      return weighted("woningvoorraad", 0);
    case "perc_koopwoningen": case "perc_huurwoningen": case "perc_eengezinswoning":
      return weighted("woningvoorraad", 1);
    case "perc_lage_inkomens":
      return weighted("aantal_huishoudens", 1);
    default:
      return weighted("aantal_inwoners", 1);
  }
}

/** Writes kerncijfers.csv: yearly inhabitants/dwellings/households for every year, every variable for 2024; GM, WK and BU. */
function writeKerncijfers(sink: Sink, geo: DemoGeography): number {
  const w = csvWriter(sink, "kerncijfers.csv", DEMO_TEMPLATE_COLUMNS["kerncijfers.csv"]);
  const areas: {code: string; ns: DemoNeighbourhood[]}[] = [
    ...geo.municipalities.map((m) => ({code: m.code, ns: geo.neighbourhoods.filter((n) => n.gemeentecode === m.code)})),
    ...geo.districts.map((d) => ({code: d.code, ns: d.buurten.map((b) => geo.neighbourhoods[b])})),
    ...geo.neighbourhoods.map((n) => ({code: n.code, ns: [n]}))
  ].sort((a, b) => a.code.localeCompare(b.code));
  const yearly: [string, keyof DemoNeighbourhood][] = [
    ["aantal_inwoners", "inhabitantsByYear"], ["woningvoorraad", "dwellingsByYear"], ["aantal_huishoudens", "householdsByYear"]
  ];
  for (const {code, ns} of areas) {
    for (const year of geo.years) {
      if (year === 2024) {
        for (const v of KERNCIJFER_VARIABLES) w.row([code, year, v, ns.length === 1 ? ns[0].stats[v] : aggregate(ns, v)]);
      } else {
        for (const [v, key] of yearly) w.row([code, year, v, ns.reduce((s, n) => s + (n[key] as Map<number, number>).get(year)!, 0)]);
      }
    }
  }
  return w.close();
}

/** Targets per municipality and region for 2023-2026, derived from the planted 2024 expectation. */
function targetRows(
  o: ResolvedDemoOptions, geo: DemoGeography, measures: Measures, lambda: Float64Array, scale: number, branching: number, buGm: Int32Array
): (string | number)[][] {
  const months = (o.toYear - o.fromYear + 1) * 12;
  const nGm = geo.municipalities.length;
  const expected = new Float64Array(nGm), visits = new Float64Array(nGm), groups = new Float64Array(nGm), dwellings = new Float64Array(nGm);
  const m2024 = (2024 - o.fromYear) * 12;
  for (let b = 0; b < geo.neighbourhoods.length; b++) {
    dwellings[buGm[b]] += geo.neighbourhoods[b].stats.woningvoorraad;
    for (let m = 0; m < months; m++) {
      if (m >= m2024 && m < m2024 + 12) expected[buGm[b]] += (lambda[b * months + m] * scale) / (1 - branching);
      visits[buGm[b]] += measures.visits[b * months + m];
    }
  }
  for (const g of measures.whatsapp) groups[buGm[g.buurt]]++;
  const years = Math.max(1, Math.min(o.toYear, 2024) - Math.max(o.fromYear, 2015) + 1);
  const rows: (string | number)[][] = [];
  const areas = [
    ...geo.municipalities.map((m, i) => ({code: m.code, idx: [i]})),
    {code: "regio", idx: geo.municipalities.map((m, i) => i)}
  ];
  for (const {code, idx} of areas) {
    const sum = (a: Float64Array) => idx.reduce((s, i) => s + a[i], 0);
    const base = m2024 >= 0 && m2024 < months ? sum(expected) : 0;
    for (let jaar = 2023; jaar <= 2026; jaar++) {
      const f = 1 - 0.04 * (jaar - 2023);
      const inbraken = Math.round(base * 0.95 * f);
      rows.push([code, jaar, "inbraken", inbraken]);
      rows.push([code, jaar, "pogingen", Math.round(inbraken * ATTEMPT_SHARE)]);
      rows.push([code, jaar, "inbraken_per_1000_woningen", Math.round((inbraken / sum(dwellings)) * 1000 * 100) / 100]);
      rows.push([code, jaar, "whatsapp_groepen", Math.round(sum(groups) * (1 + 0.05 * (jaar - 2022)))]);
      rows.push([code, jaar, "preventieadviezen", Math.max(10, Math.round((sum(visits) / years) * 1.1))]);
      rows.push([code, jaar, "dor_aansluitingen", idx.length]);
    }
  }
  return rows;
}

/** Writes gebieden.geojson in RD New: GM and WK as merged outlines, BU as their square cells, declared fictional. */
function writeGeojson(sink: Sink, geo: DemoGeography): number {
  const features: object[] = [];
  const polygon = (rings: [number, number][][][]) =>
    rings.length === 1 ? {type: "Polygon", coordinates: rings[0]} : {type: "MultiPolygon", coordinates: rings};
  for (const m of geo.municipalities) {
    features.push({type: "Feature", properties: {code: m.code, naam: m.name}, geometry: polygon(mergeCells(geo.neighbourhoods.filter((n) => n.gemeentecode === m.code)))});
  }
  for (const d of geo.districts) {
    features.push({type: "Feature", properties: {code: d.code, naam: d.name}, geometry: polygon(mergeCells(d.buurten.map((b) => geo.neighbourhoods[b])))});
  }
  for (const n of geo.neighbourhoods) {
    features.push({type: "Feature", properties: {code: n.code, naam: n.name}, geometry: {type: "Polygon", coordinates: [cellRing(n)]}});
  }
  sink.open("gebieden.geojson");
  // The layout is fiction on a real frame: it says so, so that its points are not checked against
  // the real (built-in) national and municipal boundaries (loaders/delivery/builtin.ts).
  sink.write(JSON.stringify({type: "FeatureCollection", geografie: "fictief", crs: {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}}, features}) + "\n");
  sink.close();
  return features.length;
}

