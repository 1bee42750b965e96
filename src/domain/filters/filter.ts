import { AppError } from '../../kernel/errors.ts';

/** The operators of Basiq's filter grammar (api.md §4). */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'bt' | 'in';

/** Every operator, in the spec's order. */
export const filterOps: readonly FilterOp[] = ['eq', 'ne', 'gt', 'gteq', 'lt', 'lteq', 'bt', 'in'];

/** One value of a condition, after normalisation to its field's kind. */
export type FilterValue = string | number | boolean;

/**
 * What a field holds, which decides how its values are validated, normalised and compared:
 * 'string' any text; 'uuid' lowercase-hyphenated UUID (any version); 'institution-id'
 * `^[A-Z]{2}[0-9]{5}$`; 'enum' one of the field's `values`; 'date' a calendar date 'YYYY-MM-DD'
 * (a full RFC 3339 time is reduced to its UTC date); 'datetime' RFC 3339 or 'YYYY-MM-DD'
 * (normalised to an ISO instant string); 'decimal' a decimal money string like '-12.50' or a
 * number (normalised to a decimal string); 'boolean' true/false.
 */
export type FilterKind =
  'string' | 'uuid' | 'institution-id' | 'enum' | 'date' | 'datetime' | 'decimal' | 'boolean';

/** One `field.op(values)` of a filter. */
export interface FilterCondition {
  field: string;
  op: FilterOp;
  values: FilterValue[];
  /**
   * The field's kind, recorded by `parseFilter` so that `matchesFilter` and the SQL translation
   * compare dates, instants and decimals correctly. Hand-built conditions may omit it: booleans
   * then compare as booleans, numbers as decimals and strings exactly.
   */
  kind?: FilterKind;
}

/** A parsed filter: every condition must hold (comma = AND). */
export type Filter = readonly FilterCondition[];

/** How a route's field may be filtered. */
export interface FilterField {
  ops: readonly FilterOp[];
  /** 'string' any text; 'uuid' lowercase-hyphenated UUID (any version); 'institution-id' ^[A-Z]{2}[0-9]{5}$; 'enum' one of `values`; 'date' a calendar date 'YYYY-MM-DD' (also accept a full RFC 3339 time, reduced to its UTC date); 'datetime' RFC 3339 or YYYY-MM-DD (normalised to an ISO instant string); 'decimal' a decimal money string like '-12.50' or a number; 'boolean' true/false */
  kind: FilterKind;
  /** The canonical values of an 'enum' field. */
  values?: readonly string[];
  /** Alternative spellings of enum values mapped to the canonical one, e.g. { openbanking: 'open-banking' }. */
  aliases?: Readonly<Record<string, string>>;
}

/** The fields a route accepts, by dotted name (`transaction.postDate`). */
export type FilterFields = Readonly<Record<string, FilterField>>;

/** The one detail every bad filter answers with (api.md §4). */
export const filterErrorDetail =
  'The provided filter parameter is in invalid format or unsupported';

/** Longer filters are refused outright, so hostile input costs little. */
export const maxFilterLength = 4096;

const valueCounts: Record<FilterOp, { min: number; max: number }> = {
  eq: { min: 1, max: 1 },
  ne: { min: 1, max: 1 },
  gt: { min: 1, max: 1 },
  gteq: { min: 1, max: 1 },
  lt: { min: 1, max: 1 },
  lteq: { min: 1, max: 1 },
  bt: { min: 2, max: 2 },
  in: { min: 1, max: Number.POSITIVE_INFINITY },
};

/** The error of api.md §4; `reason` goes to the log only (as the cause), never to the client. */
function invalidFilter(reason: string): AppError {
  return new AppError('parameter-not-valid', filterErrorDetail, {
    source: { parameter: 'filter' },
    cause: new Error(`filter refused: ${reason}`),
  });
}

function isFilterOp(name: string): name is FilterOp {
  return (filterOps as readonly string[]).includes(name);
}

/**
 * Parses a `filter` query parameter strictly (api.md §4). `undefined` (no parameter) is the empty
 * filter; anything not in the grammar, or not allowed by `fields`, throws `parameter-not-valid`
 * with `source.parameter: "filter"`. Values come back normalised to their field's kind.
 */
export function parseFilter(raw: string | undefined, fields: FilterFields): Filter {
  if (raw === undefined) return [];
  if (typeof raw !== 'string') throw invalidFilter('not a single string');
  if (raw.length === 0) throw invalidFilter('empty');
  if (raw.length > maxFilterLength) throw invalidFilter('too long');
  const text = decodeOnceMore(raw);
  const scanner = new Scanner(text);
  const conditions: FilterCondition[] = [];
  for (;;) {
    conditions.push(readCondition(scanner, fields));
    if (scanner.done) break;
    scanner.expect(',');
    scanner.skipSpaces();
  }
  return conditions;
}

// Some clients encode the filter twice, so the HTTP layer's single decode leaves `%27` and friends.
const encodedPunctuation = /%2[0789cC]/;

function decodeOnceMore(text: string): string {
  if (!encodedPunctuation.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidFilter('malformed percent-encoding');
  }
}

type Literal =
  | { type: 'string'; text: string }
  | { type: 'number'; text: string }
  | { type: 'boolean'; value: boolean };

/** A hand-written, single-pass scanner: linear in the input, whatever the input. */
class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) throw invalidFilter(`expected "${char}" at ${this.pos}`);
    this.pos += 1;
  }

  /** Spaces are allowed after commas only (the grammar's `"," *SP`). */
  skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }

  readName(): string {
    const start = this.pos;
    if (!isLetter(this.text.charCodeAt(this.pos)))
      throw invalidFilter(`expected a name at ${start}`);
    this.pos += 1;
    while (isNameChar(this.text.charCodeAt(this.pos))) this.pos += 1;
    return this.text.slice(start, this.pos);
  }

  readLiteral(): Literal {
    const char = this.peek();
    if (char === "'") return this.readQuoted();
    if (char === '-' || isDigit(this.text.charCodeAt(this.pos))) return this.readNumber();
    if (char !== undefined && isLetter(this.text.charCodeAt(this.pos))) {
      const start = this.pos;
      const word = this.readName();
      if (word === 'true') return { type: 'boolean', value: true };
      if (word === 'false') return { type: 'boolean', value: false };
      throw invalidFilter(`unquoted word at ${start}`);
    }
    throw invalidFilter(`expected a value at ${this.pos}`);
  }

  private readQuoted(): Literal {
    const start = this.pos;
    this.pos += 1;
    let text = '';
    for (;;) {
      const end = this.text.indexOf("'", this.pos);
      if (end < 0) throw invalidFilter(`unterminated string at ${start}`);
      text += this.text.slice(this.pos, end);
      this.pos = end + 1;
      // '' is a quote inside the string; a lone ' closes it.
      if (this.text[this.pos] !== "'") break;
      text += "'";
      this.pos += 1;
    }
    return { type: 'string', text };
  }

  private readNumber(): Literal {
    const start = this.pos;
    if (this.text[this.pos] === '-') this.pos += 1;
    this.readDigits(start);
    if (this.text[this.pos] === '.') {
      this.pos += 1;
      this.readDigits(start);
    }
    return { type: 'number', text: this.text.slice(start, this.pos) };
  }

  private readDigits(start: number): void {
    const from = this.pos;
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos += 1;
    if (this.pos === from) throw invalidFilter(`malformed number at ${start}`);
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 95;
}

function readCondition(scanner: Scanner, fields: FilterFields): FilterCondition {
  const start = scanner.pos;
  const names: string[] = [];
  for (;;) {
    names.push(scanner.readName());
    if (scanner.peek() !== '.') break;
    scanner.pos += 1;
  }
  scanner.expect('(');
  const literals: Literal[] = [];
  if (scanner.peek() === ')') scanner.pos += 1;
  else {
    for (;;) {
      literals.push(scanner.readLiteral());
      if (scanner.peek() === ')') {
        scanner.pos += 1;
        break;
      }
      scanner.expect(',');
      scanner.skipSpaces();
    }
  }

  // The operator is the last dotted segment before "(": `connector.institution.country.eq`.
  const op = names.pop() ?? '';
  const field = names.join('.');
  if (names.length === 0) throw invalidFilter(`no field before the operator at ${start}`);
  if (!isFilterOp(op)) throw invalidFilter(`unknown operator "${op}"`);
  // hasOwn, so that `constructor.eq(…)` does not find Object.prototype.constructor.
  const definition = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (definition === undefined) throw invalidFilter(`unknown field "${field}"`);
  if (!definition.ops.includes(op)) throw invalidFilter(`"${op}" not allowed on "${field}"`);
  const count = valueCounts[op];
  if (literals.length < count.min || literals.length > count.max) {
    throw invalidFilter(`"${op}" on "${field}" given ${literals.length} values`);
  }

  const values = literals.map((literal) => normaliseValue(literal, definition, field));
  if (op === 'bt') {
    const [low, high] = values;
    const order =
      low === undefined || high === undefined ? null : compareValues(definition.kind, low, high);
    if (order === null || order > 0) throw invalidFilter(`"bt" range on "${field}" is reversed`);
  }
  return { field, op, values, kind: definition.kind };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const institutionIdPattern = /^[A-Z]{2}[0-9]{5}$/;

function normaliseValue(literal: Literal, definition: FilterField, field: string): FilterValue {
  const bad = (): AppError => invalidFilter(`ill-formed ${definition.kind} value for "${field}"`);
  // A number may stand for text (`institution.tier.eq(4)`); a bare true/false may not.
  const text = literal.type === 'boolean' ? null : literal.text;
  const quoted = literal.type === 'string' ? literal.text : null;
  switch (definition.kind) {
    case 'string':
      // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database.
      if (text === null || text.includes('\u0000')) throw bad();
      return text;
    case 'uuid':
      if (quoted === null || !uuidPattern.test(quoted)) throw bad();
      return quoted;
    case 'institution-id':
      if (quoted === null || !institutionIdPattern.test(quoted)) throw bad();
      return quoted;
    case 'enum': {
      if (definition.values === undefined) {
        throw new Error(`filter field "${field}" is an enum without values`);
      }
      const canonical = text === null ? null : canonicalEnum(text, definition);
      if (canonical === null) throw bad();
      return canonical;
    }
    case 'date': {
      const time = quoted === null ? null : parseTime(quoted);
      if (time === null) throw bad();
      return time.date;
    }
    case 'datetime': {
      const time = quoted === null ? null : parseTime(quoted);
      if (time === null) throw bad();
      return time.iso;
    }
    case 'decimal': {
      const decimal = text === null ? null : normaliseDecimal(text);
      if (decimal === null) throw bad();
      return decimal;
    }
    case 'boolean':
      if (literal.type === 'boolean') return literal.value;
      if (quoted === 'true' || quoted === 'false') return quoted === 'true';
      throw bad();
  }
}

/** The canonical spelling of an enum value: exact first, then by alias, then ignoring case. */
function canonicalEnum(text: string, definition: FilterField): string | null {
  const values = definition.values ?? [];
  const aliases = definition.aliases ?? {};
  if (values.includes(text)) return text;
  if (Object.hasOwn(aliases, text)) return aliasTarget(aliases[text], values);
  const lower = text.toLowerCase();
  const value = values.find((candidate) => candidate.toLowerCase() === lower);
  if (value !== undefined) return value;
  const alias = Object.keys(aliases).find((candidate) => candidate.toLowerCase() === lower);
  return alias === undefined ? null : aliasTarget(aliases[alias], values);
}

function aliasTarget(target: string | undefined, values: readonly string[]): string | null {
  return target !== undefined && values.includes(target) ? target : null;
}

// Fixed-shape pattern without nested quantifiers: no catastrophic backtracking.
const timePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2}))?$/;

interface ParsedTime {
  /** Microseconds since the epoch (PostgreSQL's precision). */
  micros: bigint;
  /** The UTC calendar date, 'YYYY-MM-DD'. */
  date: string;
  /** The instant as an ISO string: milliseconds, or microseconds when they are not zero. */
  iso: string;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A calendar date 'YYYY-MM-DD' (midnight UTC) or an RFC 3339 date-time, years 0001–9999 in UTC
 * (PostgreSQL has no year 0). Null when ill-formed or not a real date.
 */
function parseTime(text: string): ParsedTime | null {
  const match = timePattern.exec(text);
  if (match === null) return null;
  const [, y = '', mo = '', d = '', h, mi, s, fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  let offsetMinutes = 0;
  let clock = { hours: 0, minutes: 0, seconds: 0 };
  if (h !== undefined && mi !== undefined && s !== undefined && zone !== undefined) {
    clock = { hours: Number(h), minutes: Number(mi), seconds: Number(s) };
    // RFC 3339 allows a leap second (60); the instant then rolls into the next minute.
    if (clock.hours > 23 || clock.minutes > 59 || clock.seconds > 60) return null;
    if (zone !== 'Z' && zone !== 'z') {
      const zoneHours = Number(zone.slice(1, 3));
      const zoneMinutes = Number(zone.slice(4, 6));
      if (zoneHours > 23 || zoneMinutes > 59) return null;
      offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
    }
  }
  // setUTCFullYear, because Date.UTC maps years 0–99 to 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(clock.hours, clock.minutes - offsetMinutes, clock.seconds, 0);
  const utcYear = at.getUTCFullYear();
  if (Number.isNaN(utcYear) || utcYear < 1 || utcYear > 9999) return null;
  const subMillis = Number(fraction.slice(0, 6).padEnd(6, '0'));
  const micros = BigInt(at.getTime()) * 1000n + BigInt(subMillis);
  return instantFromMicros(micros);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function instantFromMicros(micros: bigint): ParsedTime {
  const millis = floorDiv(micros, 1000n);
  const rest = micros - millis * 1000n;
  const iso = new Date(Number(millis)).toISOString();
  return {
    micros,
    date: iso.slice(0, 10),
    iso: rest === 0n ? iso : `${iso.slice(0, -1)}${rest.toString().padStart(3, '0')}Z`,
  };
}

const decimalInputPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Canonical decimal text: no leading zeros in the integer part, no negative zero. */
function normaliseDecimal(text: string): string | null {
  const match = decimalInputPattern.exec(text);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  const digits = fraction === undefined ? integer : `${integer}.${fraction}`;
  const isZero = /^[0.]*$/.test(digits);
  return sign === '-' && !isZero ? `-${digits}` : digits;
}

interface Decimal {
  units: bigint;
  scale: number;
}

// Rows may hold numbers, which stringify with an exponent when very large or small.
const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,4}))?$/;

/** A decimal string or number as an exact scaled integer; null when it is not a decimal. */
function parseDecimal(value: string | number): Decimal | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const match = decimalPattern.exec(typeof value === 'number' ? String(value) : value);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let units = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * 10n ** BigInt(scale - a.scale);
  const right = b.units * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Code-point order, which is PostgreSQL's `COLLATE "C"` order over UTF-8; JavaScript's `<`
 * compares UTF-16 units, which differs above U+FFFF.
 */
function compareText(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a.codePointAt(i) ?? 0;
    const right = b.codePointAt(j) ?? 0;
    if (left !== right) return left < right ? -1 : 1;
    i += left > 0xffff ? 2 : 1;
    j += right > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  return j < b.length ? -1 : 0;
}

function asText(value: FilterValue): string | null {
  return typeof value === 'boolean' ? null : String(value);
}

function asBoolean(value: FilterValue): boolean | null {
  if (typeof value === 'boolean') return value;
  return value === 'true' ? true : value === 'false' ? false : null;
}

/** A row's time: a string as `parseTime` reads it (or as Date parses it), or epoch milliseconds. */
function asTime(value: FilterValue): ParsedTime | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'string') {
    const parsed = parseTime(value);
    if (parsed !== null) return parsed;
  }
  const millis = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(millis) && Math.abs(millis) <= 8.64e15
    ? instantFromMicros(BigInt(Math.trunc(millis)) * 1000n)
    : null;
}

/**
 * Compares a row's value `a` with a condition's value `b` as `kind` says: negative, zero or
 * positive, or null when either is not a value of that kind (which then matches nothing).
 */
function compareValues(kind: FilterKind, a: FilterValue, b: FilterValue): number | null {
  switch (kind) {
    case 'string':
    case 'uuid':
    case 'institution-id': {
      const left = asText(a);
      const right = asText(b);
      return left === null || right === null ? null : compareText(left, right);
    }
    case 'enum': {
      // Enum values are canonicalised ignoring case, so rows compare the same way.
      const left = asText(a);
      const right = asText(b);
      return left === null || right === null
        ? null
        : compareText(left.toLowerCase(), right.toLowerCase());
    }
    case 'date': {
      const left = asTime(a);
      const right = asTime(b);
      return left === null || right === null ? null : compareText(left.date, right.date);
    }
    case 'datetime': {
      const left = asTime(a);
      const right = asTime(b);
      if (left === null || right === null) return null;
      return left.micros < right.micros ? -1 : left.micros > right.micros ? 1 : 0;
    }
    case 'decimal': {
      const left = typeof a === 'boolean' ? null : parseDecimal(a);
      const right = typeof b === 'boolean' ? null : parseDecimal(b);
      return left === null || right === null ? null : compareDecimals(left, right);
    }
    case 'boolean': {
      const left = asBoolean(a);
      const right = asBoolean(b);
      return left === null || right === null ? null : Number(left) - Number(right);
    }
  }
}

/** The kind a hand-built condition (no `kind`) is compared as. */
function inferredKind(condition: FilterCondition): FilterKind {
  const first = condition.values[0];
  if (typeof first === 'boolean') return 'boolean';
  return typeof first === 'number' ? 'decimal' : 'string';
}

function isList(value: FilterValue | readonly FilterValue[]): value is readonly FilterValue[] {
  return Array.isArray(value);
}

function holds(
  condition: FilterCondition,
  rowValue: FilterValue | null | undefined | readonly FilterValue[],
): boolean {
  // api.md §4: an absent value (a pending transaction's postDate) matches no condition, not even ne.
  if (rowValue === null || rowValue === undefined) return false;
  const kind = condition.kind ?? inferredKind(condition);
  const elements = isList(rowValue) ? rowValue : [rowValue];
  const [first, second] = condition.values;
  if (first === undefined) return false;
  const compare = (element: FilterValue, value: FilterValue): number | null =>
    compareValues(kind, element, value);
  const some = (test: (order: number) => boolean): boolean =>
    elements.some((element) => {
      const order = compare(element, first);
      return order !== null && test(order);
    });
  switch (condition.op) {
    case 'eq':
      return some((order) => order === 0);
    case 'ne':
      // A list matches ne when no element equals; a scalar must be a comparable value.
      if (isList(rowValue)) return elements.every((element) => compare(element, first) !== 0);
      return some((order) => order !== 0);
    case 'gt':
      return some((order) => order > 0);
    case 'gteq':
      return some((order) => order >= 0);
    case 'lt':
      return some((order) => order < 0);
    case 'lteq':
      return some((order) => order <= 0);
    case 'bt':
      if (second === undefined) return false;
      return elements.some((element) => {
        const low = compare(element, first);
        const high = compare(element, second);
        return low !== null && high !== null && low >= 0 && high <= 0;
      });
    case 'in':
      return elements.some((element) =>
        condition.values.some((value) => compare(element, value) === 0),
      );
  }
}

/**
 * Whether a row passes a filter held in memory (catalogue lists): every condition must hold.
 * `valueOf` gives the row's value of a field: null when absent (which matches nothing), or a list
 * (an institution's methods), which matches `eq`/`in` when any element does and `ne` when no
 * element equals.
 */
export function matchesFilter(
  filter: Filter,
  valueOf: (field: string) => FilterValue | null | readonly FilterValue[],
): boolean {
  return filter.every((condition) => holds(condition, valueOf(condition.field)));
}
