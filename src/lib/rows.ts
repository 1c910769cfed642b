/**
 * Published Arrow tables as plain row objects, the one way pages and src/lib turn a table into rows.
 * Arrow's own row iteration (`Array.from(table, (r) => r.toJSON())`) builds a proxy per row and reads
 * each cell through it; reading each column once and filling the objects from those arrays gives the
 * same objects several times faster (docs/performance.md), and a `where` filter on one column
 * skips the rows a page does not need before any object is made.
 */

/** The part of an Arrow vector that {@link plainRows} reads. */
interface ColumnLike {
  readonly length: number;
  readonly nullCount: number;
  get(index: number): unknown;
  toArray(): ArrayLike<unknown>;
}

/** The part of an Arrow table that {@link plainRows} reads. */
interface TableLike extends Iterable<unknown> {
  readonly numRows: number;
  readonly schema: {readonly fields: readonly {readonly name: string; readonly type: {readonly typeId: number; readonly precision?: number}}[]};
  getChild(name: string): ColumnLike | null;
}

/** Keeps the rows whose `column` holds one of `values`. */
export interface RowFilter {
  column: string;
  values: readonly unknown[];
}

/** Arrow's type ids (apache-arrow `Type`) of the columns whose `toArray()` holds the values `get` returns. */
const INT = 2, FLOAT = 3, HALF = 0;

/**
 * Whether a column's `toArray()` holds exactly what `get` returns for each row: integers and 32/64-bit
 * floats without nulls. Not half floats (raw bits), dictionaries, strings or booleans, and not
 * dates, which stay with `get` (epoch milliseconds whatever the stored unit).
 */
const plainArray = (type: {typeId: number; precision?: number}): boolean => type.typeId === INT || (type.typeId === FLOAT && type.precision !== HALF);

const isTable = (value: unknown): value is TableLike =>
  typeof value === "object" && value !== null && typeof (value as TableLike).getChild === "function" && Array.isArray((value as TableLike).schema?.fields);

/**
 * The values of a column as an array indexed by row: `toArray()` where that gives the cells as they
 * are (integers and floats without nulls), else `get` per row (dates, strings, dictionaries,
 * booleans, nulls).
 */
function columnValues(column: ColumnLike, type: {typeId: number; precision?: number}): ArrayLike<unknown> {
  if (column.nullCount === 0 && plainArray(type)) {
    // Int64 columns give a BigInt64Array; a row's toJSON gives bigints too.
    const array = column.toArray();
    if (array.length === column.length) return array;
  }
  const values = new Array<unknown>(column.length);
  for (let i = 0; i < column.length; i++) values[i] = column.get(i);
  return values;
}

/**
 * A published table (or any iterable of records) as plain objects, with the `dates` columns as
 * Date and, with `where`, only the rows whose column holds one of the given values. An Arrow table
 * gives the same objects as its rows' `toJSON()`.
 * @example plainRows(yearly, [], {column: "area_level", values: ["regio", "gemeente", "wijk"]})
 */
export function plainRows<T = Record<string, unknown>>(table: Iterable<unknown> | null | undefined, dates: readonly string[] = [], where?: RowFilter): T[] {
  if (!table) return [];
  if (!isTable(table)) {
    const rows = Array.from(table as Iterable<Record<string, unknown> & {toJSON?: () => Record<string, unknown>}>, (r) => ({...(typeof r.toJSON === "function" ? r.toJSON() : r)}));
    const kept = where ? rows.filter((r) => where.values.includes(r[where.column])) : rows;
    return kept.map((o) => withDates(o, dates) as T);
  }
  const fields = table.schema.fields;
  let index: number[] | null = null;
  if (where) {
    const column = table.getChild(where.column);
    if (!column) throw new Error(`invalid filter column: ${where.column} (the table has ${fields.map((f) => f.name).join(", ")})`);
    const wanted = new Set(where.values);
    index = [];
    for (let i = 0; i < column.length; i++) if (wanted.has(column.get(i))) index.push(i);
  }
  const columns = fields.map((f) => columnValues(table.getChild(f.name)!, f.type));
  const count = index ? index.length : table.numRows;
  const out = new Array<T>(count);
  for (let k = 0; k < count; k++) {
    const i = index ? index[k] : k;
    const o: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) o[fields[c].name] = columns[c][i];
    out[k] = withDates(o, dates) as T;
  }
  return out;
}

/** Turns the `dates` fields of a row (epoch milliseconds) into Date objects, in place. */
function withDates(o: Record<string, unknown>, dates: readonly string[]): Record<string, unknown> {
  for (const d of dates) if (o[d] !== null && o[d] !== undefined) o[d] = new Date(o[d] as number);
  return o;
}
