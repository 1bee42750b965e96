import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import {
  filterErrorDetail,
  matchesFilter,
  maxFilterLength,
  parseFilter,
  type Filter,
  type FilterFields,
  type FilterValue,
} from './filter.ts';

const equality = ['eq', 'ne', 'in'] as const;
const ordering = ['eq', 'gt', 'gteq', 'lt', 'lteq', 'bt'] as const;

const fields: FilterFields = {
  'user.email': { ops: ['eq', 'in'], kind: 'string' },
  'user.externalId': { ops: [...equality, 'gt', 'lt'], kind: 'string' },
  'user.createdDate': { ops: ['gt', 'gteq', 'lt', 'lteq', 'bt'], kind: 'datetime' },
  'account.id': { ops: equality, kind: 'uuid' },
  'institution.id': { ops: equality, kind: 'institution-id' },
  'institution.authorization': {
    ops: equality,
    kind: 'enum',
    values: ['user', 'user-mfa', 'user-mfa-intermittent', 'other'],
  },
  'institution.tier': { ops: equality, kind: 'enum', values: ['1', '2', '3', '4'] },
  'institution.method': {
    ops: equality,
    kind: 'enum',
    values: ['web', 'open-banking'],
    aliases: { openbanking: 'open-banking' },
  },
  'connector.method': {
    ops: equality,
    kind: 'enum',
    values: ['web', 'open-banking'],
    aliases: { openbanking: 'open-banking' },
  },
  'connector.institution.country': {
    ops: equality,
    kind: 'enum',
    values: ['Australia', 'New Zealand'],
  },
  'transaction.postDate': { ops: ordering, kind: 'date' },
  'transaction.amount': { ops: ['gt', 'gteq', 'lt', 'lteq', 'bt'], kind: 'decimal' },
  'webhook.enabled': { ops: ['eq', 'ne'], kind: 'boolean' },
  status: { ops: equality, kind: 'enum', values: ['active', 'deleted'] },
};

/** Asserts the exact error of api.md §4. */
function assertInvalid(raw: string, message?: string): void {
  assert.throws(
    () => parseFilter(raw, fields),
    (error: unknown) => {
      assert.ok(error instanceof AppError, `${message ?? raw}: not an AppError`);
      assert.equal(error.code, 'parameter-not-valid');
      assert.equal(error.status, 400);
      assert.equal(
        error.detail,
        'The provided filter parameter is in invalid format or unsupported',
      );
      assert.deepEqual(error.source, { parameter: 'filter' });
      return true;
    },
    message ?? raw,
  );
}

/** The values of one-condition filter `raw`. */
function valuesOf(raw: string): FilterValue[] {
  const filter = parseFilter(raw, fields);
  assert.equal(filter.length, 1);
  return filter[0]?.values ?? [];
}

function row(values: Record<string, FilterValue | null | readonly FilterValue[]>) {
  return (field: string) => values[field] ?? null;
}

describe('parseFilter: grammar', () => {
  test('no parameter is the empty filter', () => {
    assert.deepEqual(parseFilter(undefined, fields), []);
  });

  test('every operator parses to its condition', () => {
    const cases: [string, Filter][] = [
      [
        "user.email.eq('ann@example.com')",
        [{ field: 'user.email', op: 'eq', values: ['ann@example.com'], kind: 'string' }],
      ],
      [
        "institution.id.ne('AU00000')",
        [{ field: 'institution.id', op: 'ne', values: ['AU00000'], kind: 'institution-id' }],
      ],
      [
        "transaction.postDate.gt('2026-03-01')",
        [{ field: 'transaction.postDate', op: 'gt', values: ['2026-03-01'], kind: 'date' }],
      ],
      [
        "transaction.postDate.gteq('2026-03-01')",
        [{ field: 'transaction.postDate', op: 'gteq', values: ['2026-03-01'], kind: 'date' }],
      ],
      [
        "transaction.amount.lt('-12.50')",
        [{ field: 'transaction.amount', op: 'lt', values: ['-12.50'], kind: 'decimal' }],
      ],
      [
        "transaction.amount.lteq('100')",
        [{ field: 'transaction.amount', op: 'lteq', values: ['100'], kind: 'decimal' }],
      ],
      [
        "transaction.postDate.bt('2026-03-01','2026-03-31')",
        [
          {
            field: 'transaction.postDate',
            op: 'bt',
            values: ['2026-03-01', '2026-03-31'],
            kind: 'date',
          },
        ],
      ],
      [
        "account.id.in('0193a4f2-9d0c-7e55-b1a2-6c7d8e9f0a1b')",
        [
          {
            field: 'account.id',
            op: 'in',
            values: ['0193a4f2-9d0c-7e55-b1a2-6c7d8e9f0a1b'],
            kind: 'uuid',
          },
        ],
      ],
    ];
    for (const [raw, expected] of cases) assert.deepEqual(parseFilter(raw, fields), expected, raw);
  });

  test('comma joins conditions (AND), in order; a field may repeat', () => {
    assert.deepEqual(
      parseFilter(
        "transaction.postDate.gteq('2026-03-01'),transaction.postDate.lt('2026-04-01'),status.eq('active')",
        fields,
      ).map((c) => [c.field, c.op, c.values]),
      [
        ['transaction.postDate', 'gteq', ['2026-03-01']],
        ['transaction.postDate', 'lt', ['2026-04-01']],
        ['status', 'eq', ['active']],
      ],
    );
  });

  test('a one-segment field (status.eq) and a three-segment field (connector.institution.country.eq)', () => {
    assert.deepEqual(parseFilter("status.eq('deleted')", fields), [
      { field: 'status', op: 'eq', values: ['deleted'], kind: 'enum' },
    ]);
    assert.deepEqual(parseFilter("connector.institution.country.in('Australia')", fields), [
      { field: 'connector.institution.country', op: 'in', values: ['Australia'], kind: 'enum' },
    ]);
  });

  test("'' is a quote inside a string", () => {
    assert.deepEqual(valuesOf("user.externalId.eq('it''s')"), ["it's"]);
    assert.deepEqual(valuesOf("user.externalId.eq('''')"), ["'"]);
    assert.deepEqual(valuesOf("user.externalId.eq('''a''b''')"), ["'a'b'"]);
    assert.deepEqual(valuesOf("user.externalId.eq('')"), ['']);
    assert.deepEqual(valuesOf("user.externalId.in('a,b', '(c)', 'd e')"), ['a,b', '(c)', 'd e']);
  });

  test('raw, percent-encoded and double-encoded filters give the same result', () => {
    const raw =
      "institution.authorization.in('user', 'user-mfa'), institution.id.eq('AU00000'), user.externalId.eq('it''s 100%')";
    const expected = parseFilter(raw, fields);
    assert.equal(expected.length, 3);
    // Encoded once, the HTTP layer's decoding hands over the raw text; passed on undecoded, it
    // still contains %27 and friends.
    const once = encodeURIComponent(raw);
    assert.deepEqual(parseFilter(decodeURIComponent(once), fields), expected);
    assert.deepEqual(parseFilter(once, fields), expected);
    // Encoded twice, the HTTP layer's decoding leaves the once-encoded text.
    const twice = encodeURIComponent(once);
    assert.deepEqual(parseFilter(decodeURIComponent(twice), fields), expected);
    // Only the punctuation encoded, in either case of hex digit.
    const partial = 'institution.authorization.in%28%27user%27%2c%20%27user-mfa%27%29';
    assert.deepEqual(
      parseFilter(partial, fields),
      parseFilter("institution.authorization.in('user', 'user-mfa')", fields),
    );
  });

  test('spaces are allowed after commas, between conditions and between values', () => {
    const tight = parseFilter(
      "institution.authorization.in('user','other'),institution.id.eq('AU00000')",
      fields,
    );
    for (const spaced of [
      "institution.authorization.in('user', 'other'), institution.id.eq('AU00000')",
      "institution.authorization.in('user',   'other'),   institution.id.eq('AU00000')",
    ]) {
      assert.deepEqual(parseFilter(spaced, fields), tight, spaced);
    }
  });

  test('spaces anywhere else are refused', () => {
    for (const raw of [
      " user.email.eq('a')",
      "user.email.eq('a') ",
      "user.email.eq( 'a')",
      "user.email.eq('a' )",
      "user.email .eq('a')",
      "user.email.eq ('a')",
      "user.email.eq('a') ,user.email.eq('b')",
      "user.email.in('a' ,'b')",
    ]) {
      assertInvalid(raw);
    }
  });

  test('in takes one value or several', () => {
    assert.deepEqual(valuesOf("institution.authorization.in('user')"), ['user']);
    assert.deepEqual(valuesOf("institution.authorization.in('user','user-mfa','other')"), [
      'user',
      'user-mfa',
      'other',
    ]);
  });

  test('bt takes exactly two values, the first not greater than the second', () => {
    assertInvalid("transaction.postDate.bt('2026-03-01')");
    assertInvalid("transaction.postDate.bt('2026-03-01','2026-03-02','2026-03-03')");
    assertInvalid("transaction.postDate.bt('2026-03-02','2026-03-01')");
    assertInvalid("transaction.amount.bt('10','9.99')");
    assertInvalid("user.createdDate.bt('2026-03-01T10:00:00Z','2026-03-01T19:59:59+10:00')");
    assert.deepEqual(valuesOf("transaction.postDate.bt('2026-03-01','2026-03-01')"), [
      '2026-03-01',
      '2026-03-01',
    ]);
    // Numerically ordered, where text order would call this reversed.
    assert.deepEqual(valuesOf("transaction.amount.bt('9.5','10')"), ['9.5', '10']);
    assert.deepEqual(valuesOf('transaction.amount.bt(-100,-20.5)'), ['-100', '-20.5']);
  });

  test('single-value operators refuse zero or two values', () => {
    for (const op of ['eq', 'ne']) {
      assertInvalid(`institution.id.${op}()`);
      assertInvalid(`institution.id.${op}('AU00000','AU00002')`);
    }
    for (const op of ['gt', 'gteq', 'lt', 'lteq']) {
      assertInvalid(`transaction.amount.${op}()`);
      assertInvalid(`transaction.amount.${op}('1','2')`);
    }
    assertInvalid('institution.id.in()');
  });

  test('unknown fields, operators and operators not allowed for the field are refused', () => {
    assertInvalid("user.colour.eq('x')");
    assertInvalid("user.eq('x')");
    assertInvalid("eq('x')");
    assertInvalid("user.email.like('x')");
    assertInvalid("user.email.EQ('x')");
    assertInvalid("User.email.eq('x')");
    assertInvalid("user.email.ne('x')");
    assertInvalid("user.email.gt('x')");
    assertInvalid("transaction.amount.eq('1')");
    // Names that exist on every object are not fields.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assertInvalid(`${name}.eq('x')`);
    }
  });

  test('unbalanced parentheses or quotes, trailing text and stray characters are refused', () => {
    for (const raw of [
      "user.email.eq('x'",
      "user.email.eq('x'))",
      "user.email.eq'x')",
      "user.email.eq(('x')",
      "user.email.eq('x)",
      "user.email.eq(x')",
      "user.email.eq('x'')",
      "user.email.eq('x'y)",
      "user.email.eq('x')abc",
      "user.email.eq('x'),",
      "user.email.eq('x'),,user.email.eq('y')",
      ",user.email.eq('x')",
      "user.email.eq('x');user.email.eq('y')",
      "user.email.eq('x')&filter=y",
      "user..email.eq('x')",
      "user.email.eq('x',)",
      "user.email.eq(,'x')",
      'user.email.eq("x")',
      'user.email.eq(x)',
      "user.email.eq('x')\u0000",
      "user.email.eq%28'%E0%A4%A')",
    ]) {
      assertInvalid(raw);
    }
  });

  test('an empty filter= and an over-long filter are refused', () => {
    assertInvalid('');
    const long = `user.email.in(${Array.from({ length: 1000 }, () => "'ab'").join(',')})`;
    assert.ok(long.length > 4096 && long.length < 6000);
    assertInvalid(long);
    const exactly = `user.email.eq('${'a'.repeat(maxFilterLength - 17)}')`;
    assert.equal(exactly.length, maxFilterLength);
    assert.equal(valuesOf(exactly)[0], 'a'.repeat(maxFilterLength - 17));
    assertInvalid(`user.email.eq('${'a'.repeat(maxFilterLength - 16)}')`);
    assertInvalid('x'.repeat(5000));
  });

  test('hostile input of the maximum length is refused', () => {
    for (const unit of ["'", '(', "('", "''", '.', 'a.', 'a(', '%27', '%', '1.', '-', ',', ' ']) {
      assertInvalid(unit.repeat(Math.floor(maxFilterLength / unit.length)), `repeated ${unit}`);
    }
    for (const unit of ['(', "('", '.', 'a.', 'a(', '%', '1.', '-', ',', ' ']) {
      assertInvalid(
        `user.email.eq(${unit.repeat(Math.floor(4000 / unit.length))})`,
        `value of ${unit}`,
      );
    }
    // An odd number of quotes leaves the string open; an even number closes it (1,999 quotes).
    assertInvalid(`user.email.eq(${"'".repeat(3999)})`);
    assert.equal(valuesOf(`user.email.eq(${"'".repeat(4000)})`)[0], "'".repeat(1999));
  });
});

describe('parseFilter: values by kind', () => {
  test('uuid: lowercase hyphenated, any version', () => {
    assert.deepEqual(valuesOf("account.id.eq('00000000-0000-0000-0000-000000000000')"), [
      '00000000-0000-0000-0000-000000000000',
    ]);
    assert.deepEqual(valuesOf("account.id.eq('c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60')"), [
      'c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60',
    ]);
    for (const bad of [
      'C1F0A7E2-5B9D-4E0F-8A61-3D2B9C4E5F60',
      'c1f0a7e25b9d4e0f8a613d2b9c4e5f60',
      'c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f6',
      'c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f600',
      '{c1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60}',
      'g1f0a7e2-5b9d-4e0f-8a61-3d2b9c4e5f60',
      '',
    ]) {
      assertInvalid(`account.id.eq('${bad}')`);
    }
    assertInvalid('account.id.eq(12345678)');
  });

  test('institution id: two capitals and five digits', () => {
    assert.deepEqual(valuesOf("institution.id.in('AU00000','ZZ00001')"), ['AU00000', 'ZZ00001']);
    for (const bad of ['au00000', 'AU0000', 'AU000000', 'A100000', 'AU0000X', ' AU00000']) {
      assertInvalid(`institution.id.eq('${bad}')`);
    }
  });

  test('enum: canonical values, aliases, and either case; unknown values refused', () => {
    assert.deepEqual(valuesOf("connector.method.eq('openbanking')"), ['open-banking']);
    assert.deepEqual(valuesOf("connector.method.eq('open-banking')"), ['open-banking']);
    assert.deepEqual(valuesOf("connector.method.in('web','openbanking')"), ['web', 'open-banking']);
    assert.deepEqual(valuesOf("connector.method.eq('OpenBanking')"), ['open-banking']);
    assert.deepEqual(valuesOf("connector.institution.country.eq('australia')"), ['Australia']);
    assert.deepEqual(valuesOf("connector.institution.country.eq('New Zealand')"), ['New Zealand']);
    // A number stands for its text (Basiq's tiers are strings).
    assert.deepEqual(valuesOf('institution.tier.eq(4)'), ['4']);
    assert.deepEqual(valuesOf("institution.tier.eq('4')"), ['4']);
    for (const bad of ["'banking'", "'open banking'", "''", '5', 'true']) {
      assertInvalid(`connector.method.eq(${bad})`);
    }
    assertInvalid('institution.tier.eq(5)');
    assertInvalid('institution.tier.eq(4.0)');
  });

  test('date: valid calendar dates; a full time is reduced to its UTC date', () => {
    assert.deepEqual(valuesOf("transaction.postDate.eq('2028-02-29')"), ['2028-02-29']);
    assert.deepEqual(valuesOf("transaction.postDate.eq('2000-02-29')"), ['2000-02-29']);
    assert.deepEqual(valuesOf("transaction.postDate.eq('0001-01-01')"), ['0001-01-01']);
    assert.deepEqual(valuesOf("transaction.postDate.eq('2026-03-01T23:30:00-05:00')"), [
      '2026-03-02',
    ]);
    assert.deepEqual(valuesOf("transaction.postDate.eq('2026-03-01T09:00:00+10:00')"), [
      '2026-02-28',
    ]);
    assert.deepEqual(valuesOf("transaction.postDate.eq('2026-03-01t12:00:00.5z')"), ['2026-03-01']);
    for (const bad of [
      '2026-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '20260301',
      '2026-3-1',
      '26-03-01',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:00Z',
      '2026-03-01T10:00:00',
      '2026-03-01 10:00:00Z',
      '2026-03-01T10:00:00+1000',
      '2026-03-01T10:00:00+24:00',
      'yesterday',
      '',
    ]) {
      assertInvalid(`transaction.postDate.eq('${bad}')`);
    }
    assertInvalid('transaction.postDate.eq(20260301)');
  });

  test('datetime: RFC 3339 or a date, normalised to an ISO instant', () => {
    const at = (text: string) => valuesOf(`user.createdDate.gt('${text}')`)[0];
    assert.equal(at('2026-03-01'), '2026-03-01T00:00:00.000Z');
    assert.equal(at('2026-03-01T10:00:00+10:00'), '2026-03-01T00:00:00.000Z');
    assert.equal(at('2026-03-01T10:00:00-00:30'), '2026-03-01T10:30:00.000Z');
    assert.equal(at('2026-03-01T10:00:00.5Z'), '2026-03-01T10:00:00.500Z');
    assert.equal(at('2026-03-01T10:00:00.123456Z'), '2026-03-01T10:00:00.123456Z');
    assert.equal(at('2026-03-01T10:00:00.1234567Z'), '2026-03-01T10:00:00.123456Z');
    assert.equal(at('2016-12-31T23:59:60Z'), '2017-01-01T00:00:00.000Z');
    assert.equal(at('0099-06-01T00:00:00Z'), '0099-06-01T00:00:00.000Z');
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '0001-01-01T00:00:00+01:00',
      '2026-03-01T10:00:00.Z',
    ]) {
      assertInvalid(`user.createdDate.gt('${bad}')`);
    }
  });

  test('decimal: a decimal string or number, normalised', () => {
    assert.deepEqual(valuesOf("transaction.amount.gt('-12.50')"), ['-12.50']);
    assert.deepEqual(valuesOf('transaction.amount.gt(-12.5)'), ['-12.5']);
    assert.deepEqual(valuesOf("transaction.amount.gt('007.10')"), ['7.10']);
    assert.deepEqual(valuesOf("transaction.amount.gt('-0.00')"), ['0.00']);
    assert.deepEqual(valuesOf('transaction.amount.gt(0)'), ['0']);
    for (const bad of [
      "'12.'",
      "'.5'",
      "'1e5'",
      "'+1'",
      "'1,000.00'",
      "'abc'",
      "''",
      '1.',
      '--1',
      'true',
    ]) {
      assertInvalid(`transaction.amount.gt(${bad})`);
    }
  });

  test('boolean: true or false, bare or quoted', () => {
    assert.deepEqual(valuesOf('webhook.enabled.eq(true)'), [true]);
    assert.deepEqual(valuesOf('webhook.enabled.ne(false)'), [false]);
    assert.deepEqual(valuesOf("webhook.enabled.eq('true')"), [true]);
    for (const bad of ['1', "'yes'", 'TRUE', 'True', "'TRUE'"])
      assertInvalid(`webhook.enabled.eq(${bad})`);
  });

  test('string: any text, a number as its literal text, never a bare boolean', () => {
    assert.deepEqual(valuesOf("user.externalId.eq('Ünïcödé 😀 ,()')"), ['Ünïcödé 😀 ,()']);
    assert.deepEqual(valuesOf('user.externalId.eq(007)'), ['007']);
    assertInvalid('user.externalId.eq(true)');
    assertInvalid("user.externalId.eq('a\u0000b')");
  });
});

describe('matchesFilter', () => {
  const parse = (raw: string): Filter => parseFilter(raw, fields);

  test('the empty filter matches every row', () => {
    assert.equal(matchesFilter([], row({})), true);
  });

  test('every condition must hold', () => {
    const filter = parse("institution.id.eq('AU00000'),institution.authorization.eq('user')");
    assert.equal(
      matchesFilter(
        filter,
        row({ 'institution.id': 'AU00000', 'institution.authorization': 'user' }),
      ),
      true,
    );
    assert.equal(
      matchesFilter(
        filter,
        row({ 'institution.id': 'AU00000', 'institution.authorization': 'user-mfa' }),
      ),
      false,
    );
  });

  test('each operator on decimals, compared exactly', () => {
    const amount = (raw: string, value: FilterValue) =>
      matchesFilter(parse(`transaction.amount.${raw}`), row({ 'transaction.amount': value }));
    assert.equal(amount("gt('9.99')", '10.00'), true);
    assert.equal(amount("gt('10')", '10.00'), false);
    assert.equal(amount("gteq('10')", '10.00'), true);
    assert.equal(amount("lt('-12.5')", '-12.51'), true);
    assert.equal(amount("lt('-12.5')", '-12.50'), false);
    assert.equal(amount("lteq('-12.5')", '-12.50'), true);
    assert.equal(amount("bt('-20','-12.50')", '-12.50'), true);
    assert.equal(amount("bt('-20','-12.50')", '-20.00'), true);
    assert.equal(amount("bt('-20','-12.50')", '-20.01'), false);
    assert.equal(amount("bt('-20','-12.50')", -15), true);
    // Beyond a double's precision: these differ by one cent.
    assert.equal(amount("gt('12345678901234567.00')", '12345678901234567.01'), true);
    assert.equal(amount("gt('0.30')", 0.1 + 0.2), true);
    assert.equal(amount("gt('0')", 'not a number'), false);
  });

  test('dates compare as calendar dates, whatever the row holds', () => {
    const onDay = (raw: string, value: FilterValue) =>
      matchesFilter(parse(`transaction.postDate.${raw}`), row({ 'transaction.postDate': value }));
    assert.equal(onDay("eq('2026-03-02')", '2026-03-02'), true);
    assert.equal(onDay("eq('2026-03-02')", '2026-03-02T04:30:00.000Z'), true);
    assert.equal(onDay("eq('2026-03-02')", '2026-03-01T23:30:00-05:00'), true);
    assert.equal(onDay("eq('2026-03-02')", '2026-03-01T23:59:59.999Z'), false);
    assert.equal(onDay("gt('2026-03-01')", '2026-03-01T23:59:59Z'), false);
    assert.equal(onDay("gteq('2026-03-01')", '2026-03-01T23:59:59Z'), true);
    assert.equal(onDay("lt('2026-03-01')", '2026-02-28'), true);
    assert.equal(onDay("lteq('2026-03-01')", '2026-03-01T00:00:00Z'), true);
    assert.equal(onDay("bt('2026-03-01','2026-03-31')", '2026-03-31T23:00:00Z'), true);
    assert.equal(onDay("bt('2026-03-01','2026-03-31')", '2026-04-01'), false);
    assert.equal(onDay("eq('2026-03-02')", 'garbage'), false);
  });

  test('datetimes compare as instants', () => {
    const created = (raw: string, value: FilterValue) =>
      matchesFilter(parse(`user.createdDate.${raw}`), row({ 'user.createdDate': value }));
    assert.equal(created("gteq('2026-03-01T10:00:00+10:00')", '2026-03-01T00:00:00.000Z'), true);
    assert.equal(created("gt('2026-03-01T10:00:00+10:00')", '2026-03-01T00:00:00.000Z'), false);
    assert.equal(created("gt('2026-03-01T00:00:00Z')", '2026-03-01T00:00:00.000001Z'), true);
    assert.equal(created("lt('2026-03-01')", '2026-02-28T23:59:59.999Z'), true);
    assert.equal(created("lteq('2026-03-01')", '2026-03-01T00:00:00.001Z'), false);
    assert.equal(
      created("bt('2026-03-01','2026-03-02')", Date.parse('2026-03-01T12:00:00Z')),
      true,
    );
  });

  test('strings compare exactly, case-sensitively; enums ignore case', () => {
    const external = parse("user.externalId.eq('Abc')");
    assert.equal(matchesFilter(external, row({ 'user.externalId': 'Abc' })), true);
    assert.equal(matchesFilter(external, row({ 'user.externalId': 'abc' })), false);
    assert.equal(matchesFilter(external, row({ 'user.externalId': 'Abc ' })), false);
    const country = parse("connector.institution.country.eq('Australia')");
    assert.equal(
      matchesFilter(country, row({ 'connector.institution.country': 'australia' })),
      true,
    );
    // Text orders by code point: capitals before small letters.
    const after = parse("user.externalId.gt('a')");
    assert.equal(matchesFilter(after, row({ 'user.externalId': 'b' })), true);
    assert.equal(matchesFilter(after, row({ 'user.externalId': 'B' })), false);
    assert.equal(
      matchesFilter(parse("user.externalId.gt('\uffff')"), row({ 'user.externalId': '😀' })),
      true,
    );
  });

  test('ne and in on scalars', () => {
    const ne = parse("institution.id.ne('AU00000')");
    assert.equal(matchesFilter(ne, row({ 'institution.id': 'AU00002' })), true);
    assert.equal(matchesFilter(ne, row({ 'institution.id': 'AU00000' })), false);
    const oneOf = parse("institution.id.in('AU00000','AU00003')");
    assert.equal(matchesFilter(oneOf, row({ 'institution.id': 'AU00003' })), true);
    assert.equal(matchesFilter(oneOf, row({ 'institution.id': 'AU00002' })), false);
    const flag = parse('webhook.enabled.ne(true)');
    assert.equal(matchesFilter(flag, row({ 'webhook.enabled': false })), true);
    assert.equal(matchesFilter(flag, row({ 'webhook.enabled': true })), false);
  });

  test('null (absent) never matches any condition, ne included', () => {
    for (const raw of [
      "transaction.postDate.eq('2026-03-01')",
      "transaction.postDate.gt('2026-03-01')",
      "transaction.postDate.gteq('2026-03-01')",
      "transaction.postDate.lt('2026-03-01')",
      "transaction.postDate.lteq('2026-03-01')",
      "transaction.postDate.bt('2026-03-01','2026-03-31')",
      "institution.id.ne('AU00000')",
      "institution.id.in('AU00000')",
      'webhook.enabled.ne(true)',
    ]) {
      const [field = ''] = raw.split(/\.(?:eq|ne|gt|gteq|lt|lteq|bt|in)\(/);
      assert.equal(matchesFilter(parse(raw), row({ [field]: null })), false, raw);
      assert.equal(
        matchesFilter(parse(raw), () => null),
        false,
        raw,
      );
    }
  });

  test('a list matches eq and in when any element does, ne when no element equals', () => {
    const methods = row({ 'institution.method': ['web', 'open-banking'] });
    const webOnly = row({ 'institution.method': ['web'] });
    const none = row({ 'institution.method': [] });
    const eq = parse("institution.method.eq('openbanking')");
    assert.equal(matchesFilter(eq, methods), true);
    assert.equal(matchesFilter(eq, webOnly), false);
    assert.equal(matchesFilter(eq, none), false);
    const ne = parse("institution.method.ne('open-banking')");
    assert.equal(matchesFilter(ne, methods), false);
    assert.equal(matchesFilter(ne, webOnly), true);
    assert.equal(matchesFilter(ne, none), true);
    const oneOf = parse("institution.method.in('openbanking')");
    assert.equal(matchesFilter(oneOf, methods), true);
    assert.equal(matchesFilter(oneOf, webOnly), false);
  });

  test('hand-built conditions without a kind compare strings exactly and numbers as decimals', () => {
    assert.equal(matchesFilter([{ field: 'x', op: 'eq', values: ['a'] }], row({ x: 'a' })), true);
    assert.equal(matchesFilter([{ field: 'x', op: 'gt', values: [9.5] }], row({ x: '10' })), true);
    assert.equal(matchesFilter([{ field: 'x', op: 'eq', values: [true] }], row({ x: true })), true);
  });
});

describe('api.md acceptance', () => {
  test('api.md A15: the raw unencoded authorization in() parses to one condition; eq(user-mfa) matches only user-mfa', () => {
    const filter = parseFilter(
      "institution.authorization.in('user','user-mfa','user-mfa-intermittent')",
      fields,
    );
    assert.deepEqual(filter, [
      {
        field: 'institution.authorization',
        op: 'in',
        values: ['user', 'user-mfa', 'user-mfa-intermittent'],
        kind: 'enum',
      },
    ]);
    const institutions = [
      { id: 'AU00000', authorization: 'user' },
      { id: 'AU00002', authorization: 'user-mfa' },
      { id: 'AU00003', authorization: 'user-mfa-intermittent' },
      { id: 'ZZ00001', authorization: 'other' },
    ];
    const matching = (f: Filter) =>
      institutions
        .filter((i) => matchesFilter(f, row({ 'institution.authorization': i.authorization })))
        .map((i) => i.id);
    assert.deepEqual(matching(filter), ['AU00000', 'AU00002', 'AU00003']);
    assert.deepEqual(matching(parseFilter("institution.authorization.eq('user-mfa')", fields)), [
      'AU00002',
    ]);
  });

  test('api.md A17: unknown field, unknown operator, unbalanced parentheses and bt with one value answer parameter-not-valid for filter', () => {
    assertInvalid("institution.colour.eq('red')", 'unknown field');
    assertInvalid("institution.id.like('AU00000')", 'unknown operator');
    assertInvalid("institution.id.eq('AU00000'", 'unbalanced parentheses');
    assertInvalid("transaction.postDate.bt('2026-03-01')", 'bt with one value');
    assert.equal(
      filterErrorDetail,
      'The provided filter parameter is in invalid format or unsupported',
    );
  });
});
