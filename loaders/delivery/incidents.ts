/**
 * Reading inbraken.csv the fast way: validated columns from one or two byte ranges (the second in
 * a worker thread for large files), then, on the main thread and in file order, the duplicate
 * check (the first registration is kept) and linking to municipalities and neighbourhoods.
 */
import {KeySet} from "./byte-dict.js";
import {registerCode, wijkOf, type Registry} from "./areas.js";
import {inNetherlands, outsideMunicipality, rdText} from "./builtin.js";
import {RecordReader, rangeDecoder, type ByteLayout} from "./csv-bytes.js";
import {parseIncidentChunk, type IncidentChunk, type IncidentHeader} from "./incident-columns.js";
import type {Reject, RejectReason} from "./reject.js";
import {TEMPLATES, sameContent} from "./templates.js";
import {dateLimits, municipalityOf, type DateLimits} from "./values.js";
import type {LinkedIncident} from "./read.js";


export interface ValidatedIncidents {
  /** Validated columns (before the duplicate check), chunks in file order. */
  chunks: IncidentChunk[];
  read: number;
}

/**
 * Tokenizes and validates the body of inbraken.csv, on one thread. (A two-thread path existed; on
 * the 2-core machine the worker's start under tsx cost more than it saved and only a bench switched
 * it on, so it was removed: docs/performance.md.)
 */
export function validateIncidents(bytes: Uint8Array, layout: ByteLayout, header: IncidentHeader, bodyStart: number, bodyLine: number, {limits = dateLimits()}: {limits?: DateLimits} = {}): ValidatedIncidents {
  const chunks: IncidentChunk[] = [parseIncidentChunk(bytes, layout, header, bodyStart, layout.end, bodyLine, limits)];
  return {chunks, read: chunks.reduce((sum, c) => sum + c.read, 0)};
}

/** The raw cells of the record that starts at byte `offset`, for the quarantine. */
function rawAt(bytes: Uint8Array, layout: ByteLayout, offset: number): string[] {
  const reader = new RecordReader(bytes, layout, offset);
  reader.next();
  return reader.fields(rangeDecoder(layout.encoding, bytes));
}

/**
 * Applies the duplicate check and links each validated incident to its municipality (and, from
 * its point, its neighbourhood), like templates.validateRows + read.linkIncidents.
 */
export function dedupeAndLink(bytes: Uint8Array, layout: ByteLayout, validated: ValidatedIncidents, registry: Registry): {incidents: LinkedIncident[]; rejects: Reject[]} {
  const file = TEMPLATES.inbraken.file;
  const incidents: LinkedIncident[] = [];
  const rejects: Reject[] = [];
  const seen = new KeySet(bytes, validated.chunks.reduce((sum, c) => sum + c.length, 0) + 16);
  const wijken = new Map<string, string>();
  const municipalities = new Map<string, string>();
  const gmOfBu = (bu: string) => {
    let gm = municipalities.get(bu);
    if (gm === undefined) municipalities.set(bu, (gm = municipalityOf(bu)!));
    return gm;
  };
  const regionSet = new Set(registry.region);
  // Where each registration number first occurs, built on the first duplicate only.
  let firstOffset: Map<string, number> | null = null;
  const duplicateReason = (key: string, offset: number): RejectReason => {
    if (!firstOffset) {
      firstOffset = new Map();
      for (const c of validated.chunks) for (let i = 0; i < c.length; i++) if (!firstOffset.has(c.registratienummer[i])) firstOffset.set(c.registratienummer[i], c.offset[i]);
    }
    return sameContent(rawAt(bytes, layout, firstOffset.get(key)!), rawAt(bytes, layout, offset)) ? "dubbel" : "tegenstrijdig_dubbel";
  };
  for (const chunk of validated.chunks) rejects.push(...chunk.rejects);
  for (const c of validated.chunks) {
    const d = c.dicts;
    const {buurtIndex, gemeenteIndex} = registry;
    const reject = (i: number, column: string, reason: RejectReason, value: string) => rejects.push({file, line: c.line[i], column, value, reason, raw: rawAt(bytes, layout, c.offset[i])});
    for (let i = 0; i < c.length; i++) {
      const key = c.registratienummer[i];
      if (!seen.add(c.keyStart[i], c.keyEnd[i], key)) {
        reject(i, TEMPLATES.inbraken.key, duplicateReason(key, c.offset[i]), key);
        continue;
      }
      const gemeentecode = c.gemeentecode[i] < 0 ? null : d.gemeentecode[c.gemeentecode[i]];
      const delivered = c.buurtcode[i] < 0 ? null : d.buurtcode[c.buurtcode[i]];
      const x = c.x[i], y = c.y[i];
      let buurtcode = delivered;
      let fromPoint: string | undefined;
      if (!Number.isNaN(x) && registry.checkBuiltin && !inNetherlands(x, y)) {
        reject(i, "x", "coordinaten_buiten_nederland", rdText(x, y));
        continue;
      }
      if (!Number.isNaN(x)) {
        const bu = buurtIndex?.find(x, y);
        if (bu) {
          fromPoint = gmOfBu(bu.code);
          if (!buurtcode) buurtcode = bu.code;
        } else fromPoint = gemeenteIndex?.find(x, y)?.code;
      }
      const fromBuurt = delivered ? gmOfBu(delivered) : null;
      const gm = gemeentecode ?? fromBuurt ?? fromPoint ?? null;
      if (gm === null) {
        reject(i, "gemeentecode", "niet_te_plaatsen", "");
        continue;
      }
      if ((gemeentecode !== null && gemeentecode !== gm) || (fromBuurt !== null && fromBuurt !== gm) || (fromPoint !== undefined && fromPoint !== gm)) {
        reject(i, "gemeentecode", "tegenstrijdige_gebieden", [gemeentecode, fromBuurt, fromPoint ?? null].filter((v) => v !== null).join(" / "));
        continue;
      }
      if (!regionSet.has(gm)) {
        reject(i, gemeentecode ? "gemeentecode" : delivered ? "buurtcode" : "x", "buiten_de_regio", gm);
        continue;
      }
      const outside = Number.isNaN(x) || !registry.checkBuiltin ? undefined : outsideMunicipality(gm, x, y);
      if (outside !== undefined) {
        reject(i, "x", "buiten_gemeentegrens", outside);
        continue;
      }
      let wijkcode: string | null = null;
      if (buurtcode) {
        wijkcode = wijken.get(buurtcode) ?? null;
        if (wijkcode === null) {
          wijken.set(buurtcode, (wijkcode = wijkOf(buurtcode)));
          registerCode(registry, buurtcode), registerCode(registry, wijkcode);
        }
      }
      const opgelost = c.opgelost[i];
      incidents.push({
        registratienummer: key,
        soort: c.soort[i] === 0 ? "inbraak" : "poging",
        start: c.start[i],
        end: c.end[i],
        gemeentecode: gm,
        buurtcode,
        pc4: c.pc4[i] < 0 ? null : d.pc4[c.pc4[i]],
        pc6: c.pc6[i] < 0 ? null : d.pc6[c.pc6[i]],
        huisnummer: c.huisnummer[i] < 0 ? null : d.huisnummer[c.huisnummer[i]],
        x,
        y,
        werkwijze: c.werkwijze[i] < 0 ? null : d.werkwijze[c.werkwijze[i]],
        woningtype: c.woningtype[i] < 0 ? null : d.woningtype[c.woningtype[i]],
        buit: c.buit[i] < 0 ? null : d.buit[c.buit[i]],
        opgelost: opgelost < 0 ? null : opgelost === 1,
        wijkcode,
        line: c.line[i]
      });
    }
  }
  return {incidents, rejects};
}

/**
 * The duplicate check alone (no linking): which validated rows keep their registration number
 * first, per chunk, and how many are duplicates. For the benchmark and for comparisons with SQL.
 */
export function dedupeIncidents(bytes: Uint8Array, validated: ValidatedIncidents): {keep: Uint8Array[]; duplicates: number} {
  const seen = new KeySet(bytes, validated.chunks.reduce((sum, c) => sum + c.length, 0) + 16);
  let duplicates = 0;
  const keep = validated.chunks.map((c) => {
    const k = new Uint8Array(c.length);
    for (let i = 0; i < c.length; i++) {
      if (seen.add(c.keyStart[i], c.keyEnd[i], c.registratienummer[i])) k[i] = 1;
      else duplicates++;
    }
    return k;
  });
  return {keep, duplicates};
}
