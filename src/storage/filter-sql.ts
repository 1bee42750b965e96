import type { Filter, FilterCondition, FilterValue } from '../domain/filters/filter.ts';

/** The column behind a filter field, and how its values are compared. */
export interface SqlColumn {
  /** A column or expression, written by the repository (never from the request). */
  sql: string;
  /** 'citext-like' compares case-insensitively (e-mail addresses). */
  type: 'text' | 'citext-like' | 'uuid' | 'date' | 'timestamptz' | 'numeric' | 'boolean';
}

/** The parameter casts of each column type. */
const casts: Record<SqlColumn['type'], string> = {
  text: 'text',
  'citext-like': 'text',
  uuid: 'uuid',
  date: 'date',
  timestamptz: 'timestamptz',
  numeric: 'numeric',
  boolean: 'boolean',
};

const simpleIdentifier = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const calendarDate = /^\d{4}-\d{2}-\d{2}$/;
const orderingOps = new Set(['gt', 'gteq', 'lt', 'lteq', 'bt']);
const comparisons = { eq: '=', ne: '<>', gt: '>', gteq: '>=', lt: '<', lteq: '<=' } as const;

/**
 * Translates a parsed filter into a parameterised `WHERE` fragment for PostgreSQL 15 and PGlite:
 * `TRUE` for an empty filter, else one parenthesised condition per filter condition joined with
 * ` AND `, with values bound as `$firstParam…` and never written into the SQL. A NULL column
 * matches no condition, `ne` included (api.md §4). A field without a column is a programming
 * error (the parser already refused unknown fields) and throws.
 */
export function filterToSql(
  filter: Filter,
  columns: Readonly<Record<string, SqlColumn>>,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (!Number.isInteger(firstParam) || firstParam < 1) {
    throw new Error(`filterToSql: firstParam must be a positive integer, got ${firstParam}`);
  }
  if (filter.length === 0) return { sql: 'TRUE', params: [] };
  const params: unknown[] = [];
  const bind = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}::${cast}`;
  };
  const parts = filter.map((condition) => {
    const column = Object.hasOwn(columns, condition.field) ? columns[condition.field] : undefined;
    if (column === undefined) {
      throw new Error(`filterToSql: no column for filter field "${condition.field}"`);
    }
    return `(${conditionSql(condition, column, bind)})`;
  });
  return { sql: parts.join(' AND '), params };
}

function conditionSql(
  condition: FilterCondition,
  column: SqlColumn,
  bind: (value: unknown, cast: string) => string,
): string {
  const { op, values } = condition;
  const expected = op === 'bt' ? 2 : op === 'in' ? values.length : 1;
  if (values.length !== expected || values.length === 0) {
    throw new Error(`filterToSql: "${op}" on "${condition.field}" has ${values.length} values`);
  }
  const col = simpleIdentifier.test(column.sql) ? column.sql : `(${column.sql})`;
  let target = col;
  let cast = casts[column.type];
  let param = (value: FilterValue): string => bind(value, cast);
  switch (column.type) {
    case 'text':
      // Code-point order, as matchesFilter orders text, whatever the database's collation.
      if (orderingOps.has(op)) target = `${col} COLLATE "C"`;
      break;
    case 'citext-like':
      target = orderingOps.has(op) ? `lower(${col}) COLLATE "C"` : `lower(${col})`;
      // PostgreSQL lowers both sides, so both follow the same (database) case rules.
      param = (value) => `lower(${bind(value, cast)})`;
      break;
    case 'date':
      target = `${col}::date`;
      break;
    case 'timestamptz':
      // A 'date' field over a time column compares the time's UTC calendar date.
      if (isDateCondition(condition)) {
        target = `(${col} AT TIME ZONE 'UTC')::date`;
        cast = 'date';
      }
      break;
    case 'uuid':
    case 'numeric':
    case 'boolean':
      break;
  }
  const [first, second] = values;
  if (first === undefined) throw new Error('filterToSql: missing value');
  switch (op) {
    case 'eq':
    case 'gt':
    case 'gteq':
    case 'lt':
    case 'lteq':
      return `${target} ${comparisons[op]} ${param(first)}`;
    case 'ne':
      // `<>` alone already yields NULL for a NULL column; the guard keeps the result two-valued.
      return `${col} IS NOT NULL AND ${target} <> ${param(first)}`;
    case 'bt':
      if (second === undefined) throw new Error('filterToSql: missing value');
      return `${target} BETWEEN ${param(first)} AND ${param(second)}`;
    case 'in':
      if (column.type === 'citext-like') {
        return `${target} = ANY (SELECT lower(v) FROM unnest(${bind(values, `${cast}[]`)}) AS v)`;
      }
      return `${target} = ANY (${bind(values, `${cast}[]`)})`;
  }
}

function isDateCondition(condition: FilterCondition): boolean {
  if (condition.kind !== undefined) return condition.kind === 'date';
  // Hand-built conditions: a bare calendar date can only mean a date comparison.
  return condition.values.every((value) => typeof value === 'string' && calendarDate.test(value));
}
