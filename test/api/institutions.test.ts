import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { renderLogoSvg } from '../../src/api/logos.ts';
import {
  assertError,
  runCommonAuthChecks,
  startTestApi,
  type ApiResponse,
  type TestApi,
} from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

interface Item {
  id: string;
  [key: string]: unknown;
}
interface List {
  type: string;
  count: number;
  size: number;
  totalCount?: number;
  data: Item[];
  links: { self: string; next?: string };
}

const sandboxIds = ['AU00000', 'AU00002', 'AU00003', 'ZZ00001'];

/** §8.1's fields in the spec's order, without the three optional captions. */
const institutionKeys = [
  'type',
  'id',
  'name',
  'shortName',
  'institutionType',
  'country',
  'serviceName',
  'serviceType',
  'loginIdCaption',
  'passwordCaption',
  'forgottenPasswordUrl',
  'tier',
  'authorization',
  'stage',
  'status',
  'methods',
  'health',
  'stats',
  'logo',
  'features',
  'links',
];

/** §8.2's fields in the spec's order. */
const connectorKeys = [
  'type',
  'id',
  'method',
  'stage',
  'status',
  'institution',
  'scopes',
  'authorization',
  'stats',
  'links',
];

/**
 * A GET whose request line carries `path` byte for byte. (Handing node:http a URL string would
 * run it through the WHATWG URL parser, which percent-encodes `'` in the query.)
 */
function getVerbatim(baseUrl: string, path: string): Promise<ApiResponse<List>> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const isJson = (response.headers['content-type'] ?? '').includes('json');
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: (isJson ? JSON.parse(text) : undefined) as List,
          text,
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

const ids = (list: List) => list.data.map((item) => item.id);
const sorted = (values: string[]) => [...values].sort();

for (const driver of testDrivers) {
  describe(`institutions and connectors on ${driver}`, () => {
    let api: TestApi;
    let token: string;
    let base: string;
    before(async () => {
      // AU00003 switched off by the operator, to see `under-maintenance` and the v2 status filter.
      api = await startTestApi(driver, { TRIBUTARY_DISABLED_INSTITUTIONS: 'AU00003' });
      token = await api.token();
      base = api.server.runtime.config.server.publicUrl;
    });
    after(() => api.stop());

    const list = async (path: string, withToken = true): Promise<ApiResponse<List>> => {
      const response = await api.request<List>('GET', path, withToken ? { token } : {});
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      return response;
    };
    /** A path under {base}, fetched on the test server's own address. */
    const local = (url: string): string => {
      assert.ok(url.startsWith(`${base}/`), `${url} is absolute on ${base}`);
      return url.slice(base.length);
    };

    test('api.md A14: /institutions lists the sandbox banks; AU00000 reads as Hooli with a public SVG logo; unknown is 404, ill-formed 400', async () => {
      const all = (await list('/institutions')).body;
      assert.equal(all.type, 'list');
      for (const id of sandboxIds) assert.ok(ids(all).includes(id), id);
      assert.equal(all.count, all.data.length);
      assert.equal(all.size, all.data.length);
      assert.equal(all.links.self, `${base}/institutions`);
      assert.equal(all.links.next, undefined);

      const hooli = await api.request<Record<string, unknown>>('GET', '/institutions/AU00000', {
        token,
      });
      assert.equal(hooli.status, 200, hooli.text);
      const body = hooli.body;
      assert.equal(body.type, 'institution');
      assert.equal(body.id, 'AU00000');
      assert.equal(body.name, 'Hooli');
      assert.equal(body.shortName, 'Hooli');
      assert.equal(body.tier, '4');
      assert.equal(body.authorization, 'user');
      assert.equal(body.country, 'Australia');
      assert.deepEqual(body.links, { self: `${base}/institutions/AU00000` });
      const logo = body.logo as {
        type: string;
        colors: { primary: string };
        links: { square: string; full: string };
      };
      assert.equal(logo.type, 'image');
      assert.match(logo.colors.primary, /^#[0-9A-F]{6}$/);
      assert.equal(logo.links.square, `${base}/assets/institutions/AU00000/square.svg`);
      assert.equal(logo.links.full, `${base}/assets/institutions/AU00000/full.svg`);
      for (const url of [logo.links.square, logo.links.full]) {
        const svg = await api.request('GET', local(url));
        assert.equal(svg.status, 200, svg.text);
        assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
        assert.match(
          svg.text,
          /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
        );
        assert.match(svg.text, /<\/svg>\n$/);
        assert.ok(svg.text.includes(logo.colors.primary), 'drawn in the primary colour');
        assert.ok(svg.text.includes('>H</text>'), 'Hooli monogram');
        // Deterministic: the same bytes every time.
        assert.equal((await api.request('GET', local(url))).text, svg.text);
      }

      assertError(
        await api.request('GET', '/institutions/AU99999', { token }),
        404,
        'resource-not-found',
      );
      for (const bad of ['AU0000', 'au00000', 'AU000000', 'AUX0000']) {
        assertError(
          await api.request('GET', `/institutions/${bad}`, { token }),
          400,
          'parameter-not-valid',
          { parameter: 'institutionId' },
        );
      }
      assertError(
        await api.request('GET', '/assets/institutions/AU99999/square.svg'),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('GET', '/assets/institutions/nope/full.svg'),
        400,
        'parameter-not-valid',
        { parameter: 'institutionId' },
      );
    });

    test('api.md A15: /public/institutions with an unencoded in() filter answers without a token; eq(user-mfa) is Pied Piper alone', async () => {
      const raw = await getVerbatim(
        api.url,
        "/public/institutions?filter=institution.authorization.in('user','user-mfa','user-mfa-intermittent')",
      );
      assert.equal(raw.status, 200, raw.text);
      const listed = raw.body;
      for (const id of ['AU00000', 'AU00002', 'AU00003']) assert.ok(ids(listed).includes(id), id);
      assert.equal(
        listed.links.self,
        `${base}/public/institutions?filter=institution.authorization.in('user','user-mfa','user-mfa-intermittent')`,
      );

      const mfa = await getVerbatim(
        api.url,
        "/public/institutions?filter=institution.authorization.eq('user-mfa')",
      );
      assert.equal(mfa.status, 200, mfa.text);
      assert.deepEqual(ids(mfa.body), ['AU00002']);

      // The encoded form gives the same answer.
      const encoded = await list(
        `/public/institutions?filter=${encodeURIComponent("institution.authorization.eq('user-mfa')")}`,
        false,
      );
      assert.deepEqual(ids(encoded.body), ['AU00002']);

      const one = await api.request<Item>('GET', '/public/institutions/AU00002');
      assert.equal(one.status, 200, one.text);
      assert.equal(one.body.name, 'Pied Piper');
      assert.deepEqual(one.body.links, { self: `${base}/institutions/AU00002` });
      assertError(
        await api.request('GET', '/public/institutions/AU99999'),
        404,
        'resource-not-found',
      );
      assertError(await api.request('GET', '/public/institutions/x'), 400, 'parameter-not-valid', {
        parameter: 'institutionId',
      });
    });

    test('api.md A16: connector.method.eq(open-banking) is Hooli and Endframe; /connectors/AU00000/web and /openbanking answer 200', async () => {
      const openBanking = (await list("/connectors?filter=connector.method.eq('open-banking')"))
        .body;
      assert.deepEqual(sorted(ids(openBanking)), ['AU00000', 'ZZ00001']);
      for (const item of openBanking.data) assert.equal(item.method, 'open-banking');
      assert.equal(openBanking.count, 2);
      assert.equal(openBanking.size, 2);
      assert.equal(openBanking.totalCount, 2);
      // `openbanking` is an accepted spelling of the method.
      const alias = (await list("/connectors?filter=connector.method.eq('openbanking')")).body;
      assert.deepEqual(ids(alias), ids(openBanking));

      const web = await api.request<Item>('GET', '/connectors/AU00000/web', { token });
      assert.equal(web.status, 200, web.text);
      assert.equal(web.body.type, 'connector');
      assert.equal(web.body.id, 'AU00000');
      assert.equal(web.body.method, 'web');
      assert.deepEqual(web.body.scopes, []);
      assert.deepEqual(web.body.links, { self: `${base}/connectors/AU00000/web` });
      assert.deepEqual(web.body.authorization, {
        type: 'user',
        meta: {
          login_id_caption: 'Login ID',
          password_caption: 'Password',
          secondary_login_id_caption: null,
          security_code_caption: null,
          forgotten_password_url: `${base}/sandbox/web/hooli/forgot`,
        },
      });

      for (const spelling of ['openbanking', 'open-banking']) {
        const ob = await api.request<Item>('GET', `/connectors/AU00000/${spelling}`, { token });
        assert.equal(ob.status, 200, ob.text);
        assert.equal(ob.body.method, 'open-banking');
        assert.deepEqual(ob.body.links, { self: `${base}/connectors/AU00000/open-banking` });
        assert.ok((ob.body.scopes as string[]).includes('bank:transactions:read'));
        const institution = ob.body.institution as Record<string, unknown>;
        assert.equal(institution.type, 'Test Bank');
        assert.equal(institution.name, 'Hooli');
        assert.equal(institution.cdrProviderNumber, 'sandbox-hooli');
        assert.ok('abn' in institution && 'cdrPolicy' in institution);
        assert.equal((ob.body.authorization as { type: string }).type, 'other');
      }

      const publicOne = await api.request<Item>('GET', '/public/connectors/ZZ00001/openbanking');
      assert.equal(publicOne.status, 200, publicOne.text);
      const publicList = await list('/public/connectors', false);
      assert.equal(publicList.body.totalCount, publicList.body.size);
      // One connector per institution and method: web for all four, open banking for two.
      assert.equal(publicList.body.size, 6);

      assertError(
        await api.request('GET', '/connectors/AU00002/open-banking', { token }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('GET', '/connectors/AU99999/web', { token }),
        404,
        'resource-not-found',
      );
      assertError(
        await api.request('GET', '/connectors/AU00000/pdf', { token }),
        400,
        'parameter-not-valid',
        { parameter: 'method' },
      );
      assertError(
        await api.request('GET', '/public/connectors/AU0/web'),
        400,
        'parameter-not-valid',
        { parameter: 'institutionId' },
      );
    });

    test('api.md §8.1: every institution has exactly the fields of §8.1 in order, no caption the bank does not ask for, ordered by tier then name', async () => {
      for (const path of ['/institutions', '/public/institutions']) {
        const all = (await list(path, path === '/institutions')).body;
        // All sandbox banks are tier 4: ordered by name.
        assert.deepEqual(ids(all), ['ZZ00001', 'AU00000', 'AU00003', 'AU00002']);
        for (const item of all.data) {
          assert.deepEqual(Object.keys(item), institutionKeys, item.id);
          assert.equal(item.institutionType, 'Test Bank');
          assert.equal(item.serviceType, 'Test');
          assert.equal(item.stage, 'live');
          assert.equal(item.loginIdCaption, 'Login ID');
          assert.equal(item.passwordCaption, 'Password');
          assert.match(
            String(item.forgottenPasswordUrl),
            /^http.*\/sandbox\/web\/[a-z-]+\/forgot$/,
          );
          assert.ok(String(item.forgottenPasswordUrl).startsWith(`${base}/`));
          const methods = item.methods as string[];
          assert.deepEqual(
            methods,
            ['AU00000', 'ZZ00001'].includes(item.id) ? ['web', 'open-banking'] : ['web'],
          );
          assert.deepEqual(Object.keys(item.health as object), methods);
          for (const health of Object.values(item.health as object)) {
            assert.deepEqual(health, {
              breaker: 'closed',
              successRate1h: null,
              p50DurationMs: null,
              p95DurationMs: null,
              nextProbeAt: null,
            });
          }
          assert.deepEqual(item.stats, {
            averageDurationMs: {
              verifyCredentials: null,
              retrieveAccounts: null,
              retrieveTransactions: null,
              retrieveMeta: null,
              total: null,
            },
          });
          assert.equal(item.status, item.id === 'AU00003' ? 'under-maintenance' : 'operational');
          const features = item.features as Record<string, unknown>;
          assert.deepEqual(Object.keys(features), [
            'login',
            'mfaChallenge',
            'accounts',
            'transactions',
            'profile',
          ]);
          assert.deepEqual(features.login, methods);
          assert.deepEqual(
            features.mfaChallenge,
            ['AU00002', 'AU00003'].includes(item.id) ? ['web'] : [],
          );
          assert.deepEqual(Object.keys(item.logo as object), ['type', 'colors', 'links']);
        }
      }
    });

    test('api.md §8.2: every connector has exactly the fields of §8.2; web ones carry null CDR fields and no scopes', async () => {
      const all = (await list('/connectors')).body;
      assert.deepEqual(
        all.data.map((c) => `${c.id}/${String(c.method)}`),
        [
          'ZZ00001/web',
          'ZZ00001/open-banking',
          'AU00000/web',
          'AU00000/open-banking',
          'AU00003/web',
          'AU00002/web',
        ],
      );
      for (const item of all.data) {
        assert.deepEqual(Object.keys(item), connectorKeys, item.id);
        assert.deepEqual(Object.keys(item.institution as object), [
          'type',
          'name',
          'shortName',
          'tier',
          'country',
          'logo',
          'cdrProviderNumber',
          'abn',
          'cdrPolicy',
        ]);
        if (item.method === 'web') {
          assert.deepEqual(item.scopes, []);
          const institution = item.institution as Record<string, unknown>;
          assert.equal(institution.cdrProviderNumber, null);
          assert.equal(institution.abn, null);
          assert.equal(institution.cdrPolicy, null);
        }
        assert.equal(item.status, item.id === 'AU00003' ? 'under-maintenance' : 'operational');
      }
    });

    test('api.md §4: institution and connector filters, v2 spellings included', async () => {
      const cases: [string, string[]][] = [
        ["/institutions?filter=institution.openBankingSource.eq('web')", sandboxIds],
        [
          "/institutions?filter=institution.openBankingSource.eq('open-banking')",
          ['AU00000', 'ZZ00001'],
        ],
        [
          "/institutions?filter=institution.connectorStatus.eq('active')",
          ['AU00000', 'AU00002', 'ZZ00001'],
        ],
        ["/institutions?filter=institution.connectorStatus.eq('inactive')", ['AU00003']],
        ["/institutions?filter=institution.method.eq('openbanking')", ['AU00000', 'ZZ00001']],
        ["/institutions?filter=institution.method.ne('open-banking')", ['AU00002', 'AU00003']],
        ["/institutions?filter=institution.id.in('AU00000','ZZ00001')", ['AU00000', 'ZZ00001']],
        ["/institutions?filter=institution.id.ne('AU00000')", ['AU00002', 'AU00003', 'ZZ00001']],
        ["/institutions?filter=institution.tier.eq('4')", sandboxIds],
        ['/institutions?filter=institution.tier.eq(1)', []],
        ["/institutions?filter=institution.country.eq('New Zealand')", []],
        ["/institutions?filter=institution.institutionType.eq('Test Bank')", sandboxIds],
        ["/institutions?filter=institution.serviceType.eq('Test')", sandboxIds],
        ["/institutions?filter=institution.stage.ne('live')", []],
        ["/institutions?filter=institution.status.eq('under-maintenance')", ['AU00003']],
        [
          "/institutions?filter=institution.status.eq('operational'), institution.method.eq('web')",
          ['AU00000', 'AU00002', 'ZZ00001'],
        ],
        ["/connectors?filter=connector.id.eq('AU00000')", ['AU00000', 'AU00000']],
        ["/connectors?filter=connector.authorization.type.eq('other')", ['AU00000', 'ZZ00001']],
        [
          "/connectors?filter=connector.authorization.type.in('user-mfa','user-mfa-intermittent')",
          ['AU00002', 'AU00003'],
        ],
        ["/connectors?filter=connector.status.eq('under-maintenance')", ['AU00003']],
        [
          "/connectors?filter=connector.stage.eq('live'),connector.method.ne('web')",
          ['AU00000', 'ZZ00001'],
        ],
        [
          "/connectors?filter=connector.institution.type.eq('Test Bank')",
          ['AU00000', 'AU00000', 'AU00002', 'AU00003', 'ZZ00001', 'ZZ00001'],
        ],
        [
          "/connectors?filter=connector.institution.country.eq('Australia'),connector.institution.tier.eq('4'),connector.method.eq('web')",
          sandboxIds,
        ],
        [
          "/connectors?filter=connector.scopes.eq('bank:accounts.basic:read')",
          ['AU00000', 'ZZ00001'],
        ],
        ['/institutions?_=123&filter[x]=y', sandboxIds],
      ];
      for (const [path, expected] of cases) {
        assert.deepEqual(sorted(ids((await list(path)).body)), sorted(expected), path);
      }
    });

    test('api.md A17: a bad filter answers 400 parameter-not-valid naming filter', async () => {
      for (const filter of [
        "institution.colour.eq('x')",
        "institution.id.like('AU00000')",
        "institution.id.eq('AU00000'",
        "institution.id.eq('au00000')",
        "institution.authorization.eq('password')",
        "institution.connectorStatus.ne('active')",
        "institution.openBankingSource.in('web')",
        "institution.id.bt('AU00000')",
        "connector.method.eq('open-banking')",
        '',
      ]) {
        const item = assertError(
          await api.request('GET', `/institutions?filter=${encodeURIComponent(filter)}`, {
            token,
          }),
          400,
          'parameter-not-valid',
          { parameter: 'filter' },
        );
        assert.equal(
          item.detail,
          'The provided filter parameter is in invalid format or unsupported',
        );
      }
      for (const filter of ["connector.method.eq('pdf')", "institution.id.eq('AU00000')"]) {
        assertError(
          await api.request('GET', `/public/connectors?filter=${encodeURIComponent(filter)}`),
          400,
          'parameter-not-valid',
          { parameter: 'filter' },
        );
      }
    });

    test('api.md §2.3, §13: /institutions and /connectors need a token, a CLIENT_ACCESS token reads them, the public routes need none', async () => {
      await runCommonAuthChecks(api, { method: 'GET', path: '/institutions', access: 'client' });
      await runCommonAuthChecks(api, { method: 'GET', path: '/connectors', access: 'client' });
      const user = await api.createUser(token);
      const client = await api.token({ scope: 'CLIENT_ACCESS', userId: user.id });
      for (const path of [
        '/institutions',
        '/institutions/AU00000',
        '/connectors',
        '/connectors/AU00000/web',
      ]) {
        const response = await api.request('GET', path, { token: client });
        assert.equal(response.status, 200, `${path}: ${response.text}`);
      }
      for (const path of [
        '/public/institutions',
        '/public/institutions/AU00000',
        '/public/connectors',
        '/public/connectors/AU00000/web',
        '/assets/institutions/AU00002/square.svg',
      ]) {
        const response = await api.request('GET', path);
        assert.equal(response.status, 200, `${path}: ${response.text}`);
      }
    });

    test('api.md §8.1: generated logos escape the name and stay the same for the same institution', () => {
      const subject = {
        id: 'AU12345',
        shortName: `<script>"x" & 'y'\u0000`,
        primaryColor: '#ffffff',
      };
      const svg = renderLogoSvg(subject, 'full');
      assert.equal(renderLogoSvg(subject, 'full'), svg);
      assert.ok(!svg.includes('<script'), svg);
      assert.ok(svg.includes('&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;'), svg);
      assert.ok(!svg.includes('\u0000'));
      // A light colour gets dark text on the monogram.
      assert.ok(renderLogoSvg(subject, 'square').includes('fill="#111827"'));
      assert.ok(
        renderLogoSvg({ ...subject, shortName: 'Pied Piper' }, 'square').includes('>PP</text>'),
      );
      // Nothing usable in the name: the id's first letters.
      assert.ok(renderLogoSvg({ ...subject, shortName: '***' }, 'square').includes('>AU</text>'));
    });
  });

  describe(`institutions with the sandbox off on ${driver}`, () => {
    let api: TestApi;
    before(async () => {
      api = await startTestApi(driver, { TRIBUTARY_SANDBOX: 'off' });
    });
    after(() => api.stop());

    test('operations.md A26: with TRIBUTARY_SANDBOX=off no sandbox institution is listed, read, connected or drawn', async () => {
      const token = await api.token();
      for (const path of ['/institutions', '/connectors']) {
        const response = await api.request<List>('GET', path, { token });
        assert.equal(response.status, 200, response.text);
        for (const id of sandboxIds) assert.ok(!ids(response.body).includes(id), `${path} ${id}`);
      }
      const open = await api.request<List>('GET', '/public/institutions');
      assert.equal(open.status, 200);
      assert.equal(open.body.size, 0);
      for (const path of [
        '/institutions/AU00000',
        '/public/institutions/ZZ00001',
        '/connectors/AU00000/web',
        '/assets/institutions/AU00000/square.svg',
      ]) {
        assertError(await api.request('GET', path, { token }), 404, 'resource-not-found');
      }
    });
  });
}
