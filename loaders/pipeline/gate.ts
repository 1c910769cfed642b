/**
 * The privacy gate: every table passes here before it is written to the cache that the site reads.
 * It refuses a table the publication policy (src/lib/privacy/policy.ts) does not know, an intern
 * table in an openbaar build, an `open` table finer than its declared grain or carrying an attribute
 * the police do not publish, and a `protected` table that shows a small value or a value beside its
 * `suppressed` flag. It returns the account the Verantwoording page shows.
 */
import {DataType, type Table} from "apache-arrow";
import {classOf, policyOf, PROTECTED_COLUMNS, type AreaLevel, type GateSettings, type PolicyClass} from "../../src/lib/privacy/policy.js";
import {AREA_CODE} from "../../src/lib/area-codes.js";

export interface TableAccount {
  table: string;
  class: PolicyClass;
  rows: number;
  /** Rows with a hidden value (suppressed = true). */
  hidden: number;
  /** The threshold applied (0: exact). */
  threshold: number;
}

const AREA_PATTERNS: Record<AreaLevel, RegExp> = {
  regio: /^regio$/, ...AREA_CODE,
  vak500: /./, vak125: /./, gebiedsgroep: /./, geen: /./
};

const FINER_THAN_MONTH = ["day", "date", "week", "start_hour", "end_hour", "hour", "weekday"];

/** Throws with the table's name and what is wrong; returns the table's account. */
export function checkTable(name: string, table: Table, settings: GateSettings): TableAccount {
  const entry = policyOf(name);
  const cls = classOf(name, settings.mode);
  const fields = table.schema.fields.map((f) => f.name);
  const threshold = settings.level === "openbaar" && cls === "protected" ? settings.threshold : 0;
  const fail = (what: string): never => {
    throw new Error(`privacy gate: table ${name} (${cls}): ${what}`);
  };
  if (cls === "intern" && settings.level === "openbaar" && table.numRows > 0) fail("incident-level rows in an openbaar build");
  if (cls === "open") {
    const extra = fields.filter((f) => PROTECTED_COLUMNS.includes(f));
    if (extra.length) fail(`carries attributes the police do not publish: ${extra.join(", ")}`);
    if (entry.grain.period !== "maand" && entry.grain.period !== "week" && entry.grain.period !== "dag") {
      const fine = table.schema.fields.filter((f) => DataType.isDate(f.type) || DataType.isTimestamp(f.type) || FINER_THAN_MONTH.includes(f.name)).map((f) => f.name);
      if (fine.length) fail(`finer than its declared period ${entry.grain.period}: ${fine.join(", ")}`);
    }
    const levelColumn = table.getChild("area_level");
    const codeColumn = table.getChild("area_code");
    if (levelColumn) {
      for (let i = 0; i < table.numRows; i++) {
        const level = String(levelColumn.get(i)) as AreaLevel;
        if (!entry.grain.areas.includes(level)) fail(`row ${i} has area level ${level}, finer than ${entry.grain.areas.join("/")}`);
        const code = codeColumn ? String(codeColumn.get(i)) : null;
        if (code !== null && AREA_PATTERNS[level] && !AREA_PATTERNS[level].test(code)) fail(`row ${i}: area code ${code} is not a ${level}`);
      }
    }
  }
  let hidden = 0;
  const suppressed = table.getChild("suppressed");
  const valueColumns = (entry.values ?? []).filter((c) => fields.includes(c)).map((c) => [c, table.getChild(c)!] as const);
  for (let i = 0; i < table.numRows; i++) {
    const isHidden = suppressed ? Boolean(suppressed.get(i)) : false;
    if (isHidden) hidden++;
    for (const [column, vector] of valueColumns) {
      const v = vector.get(i) as number | null;
      if (v === null || Number.isNaN(v)) continue;
      if (isHidden) fail(`row ${i}: ${column} = ${v} shown although suppressed`);
      if (threshold > 0 && v > 0 && v < threshold) fail(`row ${i}: ${column} = ${v} is a small value (1..${threshold - 1}) shown`);
    }
  }
  return {table: name, class: cls, rows: table.numRows, hidden, threshold};
}

/** Checks every table (see {@link checkTable}); throws on the first violation. */
export function gateTables(tables: ReadonlyMap<string, Table>, settings: GateSettings): TableAccount[] {
  return [...tables.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, table]) => checkTable(name, table, settings));
}
