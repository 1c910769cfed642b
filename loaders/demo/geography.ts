/**
 * A synthetic area layout over Twente for the demo delivery: square neighbourhood cells in RD New
 * (EPSG:28992) metres, grouped into districts and the 14 real municipalities, with inhabitants,
 * dwellings, area statistics and one address point per dwelling.
 *
 * The layout is fiction on a real frame: municipality codes, names, totals and centroids are real
 * (src/lib/twente.ts); cells, districts, names, postcodes and addresses are made up.
 */
import {polygonContains} from "d3-polygon";
import {wgs84ToRd} from "../delivery/geo.js";
import {normal, type Rng} from "../../src/lib/random.js";
import {TWENTE, type Municipality} from "../../src/lib/twente.js";

/** Side of a neighbourhood cell in metres (total Twente land area / 537 neighbourhoods ~ 1,665 m squared). */
export const CELL_SIZE = 1665;
/** Lower-left corner of the cell grid (RD metres). */
const GRID_X0 = 212_000;
const GRID_Y0 = 447_000;
const GRID_COLS = 38;
const GRID_ROWS = 36;

/** Approximate motorway on-ramps (A1, A35) in WGS84 [lat, lon], for the distance-to-on-ramp statistic. */
const ON_RAMPS: readonly [number, number][] = [
  [52.196, 6.87], [52.215, 6.83], [52.24, 6.79], [52.27, 6.8], [52.292, 6.76], [52.305, 6.73],
  [52.33, 6.69], [52.345, 6.63], [52.35, 6.6], [52.3, 6.86], [52.31, 6.9], [52.32, 6.96],
  [52.3, 6.5], [52.29, 6.44], [52.275, 6.39], [52.28, 6.6], [52.26, 6.7]
];

/** Municipality of the layout (real code, name, totals; centroid in RD). */
export interface DemoMunicipality {
  code: string;
  name: string;
  inhabitants: number;
  dwellings: number;
  x: number;
  y: number;
}

/** A district: a block of up to 2 x 2 neighbourhood cells of one municipality. */
export interface DemoDistrict {
  code: string;
  name: string;
  gemeentecode: string;
  pc4: string;
  buurten: number[];
}

/** A neighbourhood: one square cell with its 2024 statistics and its yearly counts. */
export interface DemoNeighbourhood {
  code: string;
  name: string;
  wijkcode: string;
  gemeentecode: string;
  /** Lower-left corner of the cell (RD metres); the cell is [x0, x0 + CELL_SIZE) x [y0, y0 + CELL_SIZE). */
  x0: number;
  y0: number;
  /** Urbanity in [0, 1]: 1 at the municipality centroid, falling with distance. */
  urbanity: number;
  /** 2024 statistics keyed by kerncijfers variable name (values rounded as written). */
  stats: Record<string, number>;
  /** Yearly inhabitants, dwellings and households keyed by year. */
  inhabitantsByYear: Map<number, number>;
  dwellingsByYear: Map<number, number>;
  householdsByYear: Map<number, number>;
  /** First index of this neighbourhood's addresses in the address arrays, and their count. */
  addressStart: number;
  addressCount: number;
}

/** The address points: one per 2024 dwelling, as parallel arrays. */
export interface DemoAddresses {
  x: Float64Array;
  y: Float64Array;
  /** Index of the neighbourhood of each address. */
  buurt: Int32Array;
  postcode: string[];
  huisnummer: string[];
  /** Index into DWELLING_TYPES. */
  woningtype: Uint8Array;
}

/** A complete synthetic layout. */
export interface DemoGeography {
  municipalities: DemoMunicipality[];
  districts: DemoDistrict[];
  neighbourhoods: DemoNeighbourhood[];
  addresses: DemoAddresses;
  /** Years that have yearly counts in `inhabitantsByYear` etc. */
  years: number[];
}

/** Dwelling types in template wording. */
export const DWELLING_TYPES = ["vrijstaand", "twee-onder-een-kap", "hoekwoning", "tussenwoning", "appartement"] as const;

/** The area-statistics variables of kerncijfers.csv, in template wording and order. */
export const KERNCIJFER_VARIABLES = [
  "aantal_inwoners", "woningvoorraad", "aantal_huishoudens", "perc_koopwoningen", "perc_huurwoningen",
  "perc_eengezinswoning", "gemiddelde_woz", "gem_inkomen_per_inwoner", "perc_lage_inkomens", "perc_65_plus",
  "omgevingsadressendichtheid", "afstand_oprit_hoofdweg", "oppervlakte_land_ha"
] as const;

const DIRECTIONS = ["Oost", "Noordoost", "Noord", "Noordwest", "West", "Zuidwest", "Zuid", "Zuidoost"];
const BUURT_SUFFIXES = ["Esch", "Veld", "Brink", "Hoek", "Marke", "Broek", "Haar", "Kamp", "Weide", "Hof"];

/** Converts WGS84 [lon, lat] to RD New [x, y] metres. @example toRd(6.877, 52.22) // ~[258000, 471000] */
export function toRd(lon: number, lat: number): [number, number] {
  return wgs84ToRd(lon, lat);
}

/**
 * Builds the synthetic Twente layout: cells assigned to municipalities, districts, statistics and
 * address points; `firstYear` is the first year with yearly inhabitants/dwellings counts (up to 2024).
 * @example const geo = buildGeography(seededRng(1)); geo.neighbourhoods.length // ~540
 */
export function buildGeography(rng: Rng, {firstYear = 2012}: {firstYear?: number} = {}): DemoGeography {
  if (!Number.isInteger(firstYear) || firstYear > 2024 || firstYear < 1990) throw new Error(`invalid firstYear: ${firstYear}`);
  const municipalities: DemoMunicipality[] = TWENTE.map((m: Municipality) => {
    const [x, y] = toRd(m.lon, m.lat);
    return {code: m.code, name: m.name, inhabitants: m.inhabitants, dwellings: m.dwellings, x, y};
  });
  const cells = assignCells(municipalities);
  const {districts, neighbourhoods} = groupCells(municipalities, cells);
  const years: number[] = [];
  for (let y = firstYear; y <= 2024; y++) years.push(y);
  fillCounts(rng, municipalities, neighbourhoods, years);
  fillStatistics(rng, neighbourhoods);
  const addresses = placeAddresses(rng, districts, neighbourhoods);
  return {municipalities, districts, neighbourhoods, addresses, years};
}

interface Cell {
  col: number;
  row: number;
  municipality: number;
}

/**
 * Assigns grid cells to municipalities by growing each from its centroid cell, always claiming the
 * free 4-adjacent cell with the lowest distance / sqrt(target cells), until each has its share of
 * cells (land area / cell area): contiguous, roughly area-proportional regions.
 */
function assignCells(municipalities: DemoMunicipality[]): Cell[] {
  const cellHa = (CELL_SIZE * CELL_SIZE) / 10_000;
  const targets = TWENTE.map((m) => Math.max(3, Math.round(m.landHa / cellHa)));
  const owner = new Int32Array(GRID_COLS * GRID_ROWS).fill(-1);
  const count = new Array(municipalities.length).fill(0);
  const score = (cell: number, m: number) => {
    const cx = GRID_X0 + ((cell % GRID_COLS) + 0.5) * CELL_SIZE, cy = GRID_Y0 + (Math.floor(cell / GRID_COLS) + 0.5) * CELL_SIZE;
    return Math.hypot(cx - municipalities[m].x, cy - municipalities[m].y) / Math.sqrt(targets[m]);
  };
  municipalities.forEach((m, i) => {
    const cell = Math.floor((m.y - GRID_Y0) / CELL_SIZE) * GRID_COLS + Math.floor((m.x - GRID_X0) / CELL_SIZE);
    if (owner[cell] >= 0) throw new Error(`invalid layout: two centroids in cell ${cell}`);
    owner[cell] = i;
    count[i] = 1;
  });
  for (;;) {
    let best = -1, bestM = -1, bestScore = Infinity;
    for (let cell = 0; cell < owner.length; cell++) {
      const m = owner[cell];
      if (m < 0 || count[m] >= targets[m]) continue;
      const col = cell % GRID_COLS, row = Math.floor(cell / GRID_COLS);
      for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        const c = col + dc, r = row + dr;
        if (c < 0 || r < 0 || c >= GRID_COLS || r >= GRID_ROWS) continue;
        const next = r * GRID_COLS + c;
        if (owner[next] >= 0) continue;
        const s = score(next, m);
        if (s < bestScore || (s === bestScore && (next < best || (next === best && m < bestM)))) {
          best = next;
          bestM = m;
          bestScore = s;
        }
      }
    }
    if (best < 0) break;
    owner[best] = bestM;
    count[bestM]++;
  }
  const cells: Cell[] = [];
  owner.forEach((m, i) => {
    if (m >= 0) cells.push({col: i % GRID_COLS, row: Math.floor(i / GRID_COLS), municipality: m});
  });
  return cells;
}

/** Groups cells into 2 x 2 district blocks per municipality (a lone cell joins a neighbouring block) and names and codes them. */
function groupCells(municipalities: DemoMunicipality[], cells: Cell[]) {
  const districts: DemoDistrict[] = [];
  const neighbourhoods: DemoNeighbourhood[] = [];
  const order = municipalities.map((m, i) => i).sort((a, b) => municipalities[a].code.localeCompare(municipalities[b].code));
  let pc4 = 7500;
  for (const mi of order) {
    const m = municipalities[mi];
    const own = cells.filter((c) => c.municipality === mi);
    const blocks = new Map<string, Cell[]>();
    for (const c of own) {
      const key = `${c.col >> 1},${c.row >> 1}`;
      if (!blocks.has(key)) blocks.set(key, []);
      blocks.get(key)!.push(c);
    }
    // A block of one or two cells joins the smallest 4-adjacent block of the same municipality
    // (up to 6 cells), which brings the count near the real 127 districts.
    const blockOf = new Map<string, string>();
    for (const [key, block] of blocks) for (const c of block) blockOf.set(`${c.col},${c.row}`, key);
    for (const key of [...blocks.keys()].sort()) {
      const block = blocks.get(key);
      if (!block || block.length > 2) continue;
      let best: string | null = null;
      for (const c of block) {
        for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const nk = blockOf.get(`${c.col + dc},${c.row + dr}`);
          if (nk === undefined || nk === key) continue;
          const size = blocks.get(nk)!.length;
          if (size + block.length > 6) continue;
          if (best === null || size < blocks.get(best)!.length || (size === blocks.get(best)!.length && nk < best)) best = nk;
        }
      }
      if (best !== null) {
        blocks.get(best)!.push(...block);
        for (const c of block) blockOf.set(`${c.col},${c.row}`, best);
        blocks.delete(key);
      }
    }
    const centre = (cs: Cell[]) => {
      const x = cs.reduce((s, c) => s + GRID_X0 + (c.col + 0.5) * CELL_SIZE, 0) / cs.length;
      const y = cs.reduce((s, c) => s + GRID_Y0 + (c.row + 0.5) * CELL_SIZE, 0) / cs.length;
      return {x, y, d: Math.hypot(x - m.x, y - m.y)};
    };
    const sorted = [...blocks.values()].map((cs) => ({cs, ...centre(cs)})).sort((a, b) => a.d - b.d || a.x - b.x || a.y - b.y);
    const usedNames = new Map<string, number>();
    sorted.forEach((block, w) => {
      const wijkcode = `WK${m.code.slice(2)}${String(w).padStart(2, "0")}`;
      let short = block.d < 1500 ? "Centrum" : DIRECTIONS[Math.round((Math.atan2(block.y - m.y, block.x - m.x) / (2 * Math.PI)) * 8 + 8) % 8];
      if (block.d > 6000) short = `Buitengebied ${short}`;
      const seen = usedNames.get(short) ?? 0;
      usedNames.set(short, seen + 1);
      const wijkShort = seen === 0 ? short : `${short} ${seen + 1}`;
      const district: DemoDistrict = {code: wijkcode, name: `${m.name} ${wijkShort}`, gemeentecode: m.code, pc4: String(pc4++), buurten: []};
      const cs = [...block.cs].sort((a, b) => b.row - a.row || a.col - b.col);
      cs.forEach((c, b) => {
        const x0 = GRID_X0 + c.col * CELL_SIZE, y0 = GRID_Y0 + c.row * CELL_SIZE;
        const d = Math.hypot(x0 + CELL_SIZE / 2 - m.x, y0 + CELL_SIZE / 2 - m.y);
        const suffix = BUURT_SUFFIXES[(c.col * 7 + c.row * 3) % BUURT_SUFFIXES.length];
        district.buurten.push(neighbourhoods.length);
        neighbourhoods.push({
          code: `BU${wijkcode.slice(2)}${String(b).padStart(2, "0")}`,
          name: `${wijkShort}-${suffix}`,
          wijkcode,
          gemeentecode: m.code,
          x0,
          y0,
          urbanity: Math.exp(-d / 2500),
          stats: {},
          inhabitantsByYear: new Map(),
          dwellingsByYear: new Map(),
          householdsByYear: new Map(),
          addressStart: 0,
          addressCount: 0
        });
      });
      districts.push(district);
    });
  }
  return {districts, neighbourhoods};
}

/** Splits `total` into integers proportional to `weights` (largest remainder), so they add up exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => i).sort((a, b) => raw[b] - out[b] - (raw[a] - out[a]) || a - b);
  for (let k = 0; rest > 0; k++, rest--) out[order[k % order.length]]++;
  return out;
}

/** Distributes each municipality's 2024 inhabitants and dwellings over its cells (dense core) and backcasts earlier years. */
function fillCounts(rng: Rng, municipalities: DemoMunicipality[], neighbourhoods: DemoNeighbourhood[], years: number[]) {
  for (const m of municipalities) {
    const own = neighbourhoods.filter((n) => n.gemeentecode === m.code);
    const weights = own.map((n) => (0.04 + n.urbanity ** 1.3) * Math.exp(0.35 * normal(rng)));
    const inhabitants = apportion(m.inhabitants, weights);
    // Households are smaller in the urban core: more dwellings per inhabitant there.
    const dwellingWeights = own.map((n, i) => inhabitants[i] / (2.55 - 0.65 * n.urbanity + 0.08 * normal(rng)));
    const dwellings = apportion(m.dwellings, dwellingWeights);
    own.forEach((n, i) => {
      // Yearly growth: the fringe grows faster than the core and the countryside.
      const growth = 0.002 + 0.008 * Math.max(0, 1 - Math.abs(n.urbanity - 0.35) * 3) + 0.002 * normal(rng);
      for (const year of years) {
        const f = Math.pow(1 + growth, year - 2024);
        const inh = Math.round(inhabitants[i] * f);
        const dw = Math.max(1, Math.round(dwellings[i] * f));
        n.inhabitantsByYear.set(year, inh);
        n.dwellingsByYear.set(year, dw);
        n.householdsByYear.set(year, Math.min(Math.round(dw * (0.96 + 0.01 * n.urbanity)), Math.max(1, inh)));
      }
    });
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Draws the 2024 area statistics of each neighbourhood, correlated through urbanity. */
function fillStatistics(rng: Rng, neighbourhoods: DemoNeighbourhood[]) {
  const ramps = ON_RAMPS.map(([lat, lon]) => toRd(lon, lat));
  for (const n of neighbourhoods) {
    const u = n.urbanity;
    const cx = n.x0 + CELL_SIZE / 2, cy = n.y0 + CELL_SIZE / 2;
    const dwellings = n.dwellingsByYear.get(2024)!;
    const huur = clamp(14 + 48 * u + 7 * normal(rng), 3, 90);
    const koop = clamp(100 - huur - Math.abs(1.5 + normal(rng)), 2, 97);
    const eengezin = clamp(93 - 50 * u + 7 * normal(rng), 20, 99);
    const woz = clamp(375 - 140 * u - 0.6 * (huur - 30) + 40 * normal(rng), 140, 900);
    const inkomen = clamp(27 + 0.03 * (woz - 300) - 0.05 * (huur - 30) + 1.8 * normal(rng), 18, 60);
    const laag = clamp(4 + 0.18 * huur - 0.1 * (inkomen - 30) + 2 * normal(rng), 1, 40);
    const ouder = clamp(21 + 3 * (1 - u) + 4 * normal(rng), 6, 42);
    const landHa = ((CELL_SIZE * CELL_SIZE) / 10_000) * (0.93 + 0.07 * rng());
    const oad = clamp(((dwellings * 1.12) / (landHa / 100)) * Math.exp(0.12 * normal(rng)) + 15, 20, 6000);
    const ramp = Math.min(...ramps.map(([x, y]) => Math.hypot(cx - x, cy - y))) / 1000;
    const afstand = clamp(ramp * (1.15 + 0.1 * rng()) + 0.3, 0.3, 40);
    n.stats = {
      aantal_inwoners: n.inhabitantsByYear.get(2024)!,
      woningvoorraad: dwellings,
      aantal_huishoudens: n.householdsByYear.get(2024)!,
      perc_koopwoningen: round1(koop),
      perc_huurwoningen: round1(huur),
      perc_eengezinswoning: round1(eengezin),
      gemiddelde_woz: Math.round(woz),
      gem_inkomen_per_inwoner: round1(inkomen),
      perc_lage_inkomens: round1(laag),
      perc_65_plus: round1(ouder),
      omgevingsadressendichtheid: Math.round(oad),
      afstand_oprit_hoofdweg: round1(afstand),
      oppervlakte_land_ha: Math.round(landHa)
    };
  }
}

const LETTERS = "ABCDEFGHJKLMNPRSTVWXZ";
/** PC6 letter pairs in order, skipping the combinations PostNL does not use (SA, SD, SS). */
const LETTER_PAIRS: string[] = [];
for (const a of LETTERS) for (const b of LETTERS) if (!["SA", "SD", "SS"].includes(a + b)) LETTER_PAIRS.push(a + b);

/** Places one address point per 2024 dwelling inside its cell, with a postcode, house number and dwelling type. */
function placeAddresses(rng: Rng, districts: DemoDistrict[], neighbourhoods: DemoNeighbourhood[]): DemoAddresses {
  const total = neighbourhoods.reduce((s, n) => s + n.stats.woningvoorraad, 0);
  const xs = new Float64Array(total), ys = new Float64Array(total), buurt = new Int32Array(total);
  const woningtype = new Uint8Array(total);
  const postcode: string[] = new Array(total), huisnummer: string[] = new Array(total);
  let k = 0;
  const margin = 2;
  for (const district of districts) {
    const count = district.buurten.reduce((s, b) => s + neighbourhoods[b].stats.woningvoorraad, 0);
    const perPc6 = Math.max(12, Math.ceil(count / (LETTER_PAIRS.length - 5)));
    let inPc6 = 0, pc6 = 0, number = 0;
    for (const b of district.buurten) {
      const n = neighbourhoods[b];
      const dw = n.stats.woningvoorraad;
      n.addressStart = k;
      n.addressCount = dw;
      // Rural cells cluster most addresses in one or two village cores; urban cells are filled evenly.
      const cores = [0, 1].map(() => [n.x0 + CELL_SIZE * (0.2 + 0.6 * rng()), n.y0 + CELL_SIZE * (0.2 + 0.6 * rng())]);
      const clustered = 0.8 * (1 - n.urbanity);
      const start = k;
      for (let i = 0; i < dw; i++, k++) {
        let x: number, y: number;
        do {
          if (rng() < clustered) {
            const c = cores[rng() < 0.7 ? 0 : 1];
            x = c[0] + 280 * normal(rng);
            y = c[1] + 280 * normal(rng);
          } else {
            x = n.x0 + CELL_SIZE * rng();
            y = n.y0 + CELL_SIZE * rng();
          }
          x = Math.round(x * 10) / 10;
          y = Math.round(y * 10) / 10;
        } while (x < n.x0 + margin || x > n.x0 + CELL_SIZE - margin || y < n.y0 + margin || y > n.y0 + CELL_SIZE - margin);
        xs[k] = x;
        ys[k] = y;
        buurt[k] = b;
        woningtype[k] = drawDwellingType(rng, n);
      }
      // Postcodes follow streets: order the cell's addresses in 100 m bands, then west to east.
      const idx = Array.from({length: dw}, (_, i) => start + i);
      idx.sort((a, c) => Math.floor(ys[a] / 100) - Math.floor(ys[c] / 100) || xs[a] - xs[c] || a - c);
      for (const a of idx) {
        if (inPc6 >= perPc6) {
          pc6++;
          inPc6 = 0;
          number = 0;
        }
        inPc6++;
        number += rng() < 0.5 ? 1 : 2;
        postcode[a] = district.pc4 + LETTER_PAIRS[Math.min(pc6, LETTER_PAIRS.length - 1)];
        const r = rng();
        huisnummer[a] = woningtype[a] === 4 && r < 0.25 ? `${number}-${1 + Math.floor(rng() * 4)}` : r > 0.97 ? `${number}A` : String(number);
      }
    }
  }
  return {x: xs, y: ys, buurt, postcode, huisnummer, woningtype};
}

/** Draws a dwelling type: apartments by the cell's single-family share, detached homes more often in the countryside. */
function drawDwellingType(rng: Rng, n: DemoNeighbourhood): number {
  if (rng() * 100 >= n.stats.perc_eengezinswoning) return 4;
  const u = n.urbanity;
  const w = [0.45 - 0.35 * u, 0.22, 0.13 + 0.1 * u, 0.2 + 0.25 * u];
  let r = rng() * (w[0] + w[1] + w[2] + w[3]);
  for (let i = 0; i < 3; i++) {
    if (r < w[i]) return i;
    r -= w[i];
  }
  return 3;
}

/** Returns the RD bounding square of a neighbourhood as a closed counter-clockwise ring. */
export function cellRing(n: {x0: number; y0: number}): [number, number][] {
  const {x0, y0} = n, s = CELL_SIZE;
  return [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
}

/**
 * Merges unit squares (given by lower-left corners on the cell grid) into polygons: returns a list of
 * polygons, each a list of rings (exterior counter-clockwise first, then holes clockwise).
 * @example mergeCells([{x0: 0, y0: 0}, {x0: CELL_SIZE, y0: 0}]) // one rectangle
 */
export function mergeCells(cells: {x0: number; y0: number}[]): [number, number][][][] {
  const s = CELL_SIZE;
  const key = (x: number, y: number) => `${x},${y}`;
  // Directed boundary edges of all squares (counter-clockwise); shared edges cancel in pairs.
  const edges = new Map<string, [number, number, number, number]>();
  for (const {x0, y0} of cells) {
    const pts: [number, number][] = [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]];
    for (let i = 0; i < 4; i++) {
      const [ax, ay] = pts[i], [bx, by] = pts[(i + 1) % 4];
      const reverse = `${key(bx, by)}>${key(ax, ay)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(ax, ay)}>${key(bx, by)}`, [ax, ay, bx, by]);
    }
  }
  const outgoing = new Map<string, [number, number, number, number][]>();
  for (const e of [...edges.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3])) {
    const k = key(e[0], e[1]);
    if (!outgoing.has(k)) outgoing.set(k, []);
    outgoing.get(k)!.push(e);
  }
  const rings: [number, number][][] = [];
  const take = (k: string, dx: number, dy: number) => {
    const list = outgoing.get(k)!;
    // At a pinch vertex (two cells touching at a corner) turn left first, keeping each ring simple.
    let pick = 0;
    if (list.length > 1) {
      const turn = (e: [number, number, number, number]) => dx * (e[3] - e[1]) - dy * (e[2] - e[0]);
      pick = list.findIndex((e) => turn(e) > 0);
      if (pick < 0) pick = 0;
    }
    const [e] = list.splice(pick, 1);
    if (list.length === 0) outgoing.delete(k);
    return e;
  };
  while (outgoing.size > 0) {
    const startKey = [...outgoing.keys()][0];
    let e = take(startKey, 0, 0);
    const ring: [number, number][] = [[e[0], e[1]]];
    while (key(e[2], e[3]) !== startKey) {
      ring.push([e[2], e[3]]);
      e = take(key(e[2], e[3]), e[2] - e[0], e[3] - e[1]);
    }
    ring.push([e[2], e[3]]);
    rings.push(simplifyRing(ring));
  }
  const area = (r: [number, number][]) => r.slice(1).reduce((a, p, i) => a + (r[i][0] * p[1] - p[0] * r[i][1]), 0) / 2;
  const exteriors = rings.filter((r) => area(r) > 0).map((r) => [r]);
  for (const hole of rings.filter((r) => area(r) < 0)) {
    const [px, py] = [(hole[0][0] + hole[1][0]) / 2 + 0.5, (hole[0][1] + hole[1][1]) / 2 + 0.5];
    const owner = exteriors.find((p) => polygonContains(p[0], [px, py])) ?? exteriors[0];
    owner.push(hole);
  }
  return exteriors;
}

/** Drops collinear intermediate vertices of a closed ring. */
function simplifyRing(ring: [number, number][]): [number, number][] {
  const open = ring.slice(0, -1);
  const out = open.filter((p, i) => {
    const a = open[(i - 1 + open.length) % open.length], b = open[(i + 1) % open.length];
    return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]) !== 0;
  });
  out.push(out[0]);
  return out;
}
