/**
 * Explicit-schema Arrow tables built from pre-filled columns, and their IPC stream encoding.
 *
 * Type inference is not a contract (apache-arrow's `tableFromArrays` guesses), so every table
 * the pipeline publishes is declared as a list of typed fields and built from typed arrays
 * directly, which is also the fast path (see docs/performance.md).
 */
import {
  Bool, DateDay, Dictionary, Field, Float64, Int16, Int32, RecordBatch, Schema, Struct, Table, Utf8,
  makeData, makeVector, tableToIPC, type DataType, type Vector
} from "apache-arrow";

/** The column kinds the pipeline publishes. */
export type ColumnKind = "string" | "dict" | "int16" | "int32" | "float64" | "date" | "bool";

/** One field of a published table: name (snake_case), kind, nullability and a one-line meaning. */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  nullable?: boolean;
  description: string;
}

/** Shorthands for column specs: `col.d("gemeentecode", "municipality")`, `col.i32("count", "...", true)`. */
export const col = {
  d: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "dict", description, nullable}),
  str: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "string", description, nullable}),
  i16: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "int16", description, nullable}),
  i32: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "int32", description, nullable}),
  f64: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "float64", description, nullable}),
  day: (name: string, description: string, nullable = false): ColumnSpec => ({name, kind: "date", description, nullable}),
  bool: (name: string, description: string): ColumnSpec => ({name, kind: "bool", description})
};

/** Rows (objects) to the column arrays buildTable takes, in the order of the spec. */
export function columns(spec: readonly ColumnSpec[], rows: readonly Record<string, unknown>[]): Record<string, ColumnValues> {
  const out: Record<string, ColumnValues> = {};
  for (const c of spec) out[c.name] = rows.map((r) => r[c.name] ?? null) as ColumnValues;
  return out;
}

/** Values accepted for each kind: strings (or null), numbers (NaN = null for nullable floats), epoch days. */
export type ColumnValues = (string | null)[] | Int16Array | Int32Array | Float64Array | Uint8Array | (number | null)[];

/**
 * Returns the Arrow data type of a column kind. Dictionary ids are explicit (the field's position)
 * so that the same table always encodes to the same bytes.
 */
export function arrowType(kind: ColumnKind, dictionaryId = 0): DataType {
  switch (kind) {
    case "string": return new Utf8();
    case "dict": return new Dictionary(new Utf8(), new Int32(), dictionaryId);
    case "int16": return new Int16();
    case "int32": return new Int32();
    case "float64": return new Float64();
    case "date": return new DateDay();
    case "bool": return new Bool();
  }
}

/** Returns the Arrow schema of a table spec. */
export function arrowSchema(spec: readonly ColumnSpec[]): Schema {
  return new Schema(spec.map((c, i) => new Field(c.name, arrowType(c.kind, i), c.nullable ?? false)));
}

/**
 * Builds a table with exactly the fields of `spec`, from columns of equal length.
 * @example buildTable([{name: "n", kind: "int32", description: "count"}], {n: Int32Array.of(1, 2)})
 */
export function buildTable(spec: readonly ColumnSpec[], columns: Record<string, ColumnValues>): Table {
  const names = new Set(spec.map((c) => c.name));
  for (const name of Object.keys(columns)) {
    if (!names.has(name)) throw new Error(`unexpected column: ${name}`);
  }
  let length = -1;
  const vectors: Record<string, Vector> = {};
  for (const [i, c] of spec.entries()) {
    const values = columns[c.name];
    if (values === undefined) throw new Error(`missing column: ${c.name}`);
    if (length === -1) length = values.length;
    else if (values.length !== length) {
      throw new Error(`column ${c.name} has ${values.length} values, expected ${length}`);
    }
    vectors[c.name] = buildVector(c, values, i);
  }
  const schema = arrowSchema(spec);
  const rows = Math.max(length, 0);
  const children = spec.map((c) => vectors[c.name].data[0]);
  const batch = new RecordBatch(schema, makeData({type: new Struct(schema.fields), length: rows, nullCount: 0, children}));
  return new Table(schema, [batch]);
}

function nullBitmap(length: number, isNull: (i: number) => boolean): {nullBitmap: Uint8Array | undefined; nullCount: number} {
  let nullCount = 0;
  const bitmap = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    if (isNull(i)) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return {nullBitmap: nullCount ? bitmap : undefined, nullCount};
}

function buildVector(c: ColumnSpec, values: ColumnValues, position = 0): Vector {
  const length = values.length;
  const nullable = c.nullable ?? false;
  const check = (nullCount: number) => {
    if (nullCount && !nullable) throw new Error(`column ${c.name} is not nullable but has ${nullCount} null values`);
  };
  switch (c.kind) {
    case "string":
    case "dict": {
      const strings = values as (string | null)[];
      const nulls = nullBitmap(length, (i) => strings[i] == null);
      check(nulls.nullCount);
      if (c.kind === "string") {
        const encoder = new TextEncoder();
        const offsets = new Int32Array(length + 1);
        const parts: Uint8Array[] = [];
        let total = 0;
        for (let i = 0; i < length; i++) {
          const bytes = encoder.encode(strings[i] ?? "");
          parts.push(bytes);
          total += bytes.length;
          offsets[i + 1] = total;
        }
        const data = new Uint8Array(total);
        let at = 0;
        for (const p of parts) data.set(p, at), (at += p.length);
        return makeVector(makeData({type: new Utf8(), length, valueOffsets: offsets, data, ...nulls}));
      }
      // Dictionary: sorted unique values, so equal inputs give byte-identical output.
      const uniques = Array.from(new Set(strings.filter((s): s is string => s != null))).sort();
      const index = new Map(uniques.map((s, i) => [s, i]));
      const keys = new Int32Array(length);
      for (let i = 0; i < length; i++) keys[i] = strings[i] == null ? 0 : index.get(strings[i]!)!;
      const dictionary = buildVector({name: c.name, kind: "string", description: ""}, uniques);
      return makeVector(makeData({type: arrowType("dict", position) as Dictionary<Utf8, Int32>, length, data: keys, dictionary, ...nulls}));
    }
    case "bool": {
      const bits = new Uint8Array((length + 7) >> 3);
      const v = values as ArrayLike<number | null>;
      const nulls = nullBitmap(length, (i) => v[i] == null);
      check(nulls.nullCount);
      for (let i = 0; i < length; i++) if (v[i]) bits[i >> 3] |= 1 << (i & 7);
      return makeVector(makeData({type: new Bool(), length, data: bits, ...nulls}));
    }
    default: {
      const v = values as ArrayLike<number | null>;
      const isNull = c.kind === "float64" ? (i: number) => v[i] == null || Number.isNaN(v[i]) : (i: number) => v[i] == null;
      const nulls = nullBitmap(length, isNull);
      check(nulls.nullCount);
      const Typed = c.kind === "int16" ? Int16Array : c.kind === "float64" ? Float64Array : Int32Array;
      let data: Int16Array | Int32Array | Float64Array;
      if (v instanceof Typed) data = v;
      else {
        data = new Typed(length);
        for (let i = 0; i < length; i++) data[i] = v[i] == null || Number.isNaN(v[i]) ? 0 : v[i]!;
      }
      return makeVector(makeData({type: arrowType(c.kind) as never, length, data, ...nulls} as never));
    }
  }
}

/** Encodes a table as an Arrow IPC stream (the format Framework's `sql` front matter needs). */
export function toArrowStream(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}

/** Writes a table as an Arrow IPC stream to stdout (what a Framework data loader does). */
export async function writeArrow(table: Table, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const bytes = toArrowStream(table);
  await new Promise<void>((resolve, reject) => {
    out.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}
