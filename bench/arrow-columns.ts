/**
 * Builds an apache-arrow Table from plain columns (typed arrays, dictionary codes, strings) by
 * filling Arrow buffers directly, as both sides of the pipeline benchmark do.
 */
import {Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, type Data} from "apache-arrow";

/** Dictionary-coded strings: codes index `values`, -1 is null. */
export interface CodedStrings {
  codes: Int32Array;
  values: string[];
}

function utf8Data(values: string[]): Data<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  let size = 0;
  for (const v of values) size += Buffer.byteLength(v);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += bytes.write(values[i], at);
    offsets[i + 1] = at;
  }
  return makeData({type: new Utf8(), length: values.length, valueOffsets: offsets, data: bytes});
}

function dictionaryData({codes, values}: CodedStrings): Data<Dictionary<Utf8, Int32>> {
  let nulls = 0;
  const bitmap = new Uint8Array((codes.length + 7) >> 3);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  const data = nulls ? Int32Array.from(codes, (c) => (c < 0 ? 0 : c)) : codes;
  return makeData({type: new Dictionary(new Utf8(), new Int32()), length: codes.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data, dictionary: makeVector(utf8Data(values))});
}

export interface IncidentArrowColumns {
  registratienummer: string[];
  soort: CodedStrings;
  start: Int32Array;
  end: Int32Array;
  gemeentecode: CodedStrings;
  buurtcode: CodedStrings;
  x: Float64Array;
  y: Float64Array;
}

/** The accepted incidents as an Arrow table (x/y NaN when not delivered). */
export function incidentTable(c: IncidentArrowColumns): Table {
  const n = c.start.length;
  return new Table({
    registratienummer: makeVector(utf8Data(c.registratienummer)),
    soort: makeVector(dictionaryData(c.soort)),
    start: makeVector(makeData({type: new Int32(), length: n, data: c.start})),
    end: makeVector(makeData({type: new Int32(), length: n, data: c.end})),
    gemeentecode: makeVector(dictionaryData(c.gemeentecode)),
    buurtcode: makeVector(dictionaryData(c.buurtcode)),
    x: makeVector(makeData({type: new Float64(), length: n, data: c.x})),
    y: makeVector(makeData({type: new Float64(), length: n, data: c.y}))
  });
}
