import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { renderSdkTypes, typesPath } from '../../packages/sdk/scripts/generate-types.ts';
import {
  openapiPath,
  renderOpenApi,
  type OpenApiDocument,
} from '../../scripts/generate-openapi.ts';
import { errorCatalogue } from '../../src/kernel/errors.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/environment.ts';

const adminToken = 'admin-token-for-tests-0123456789abcdef';
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, Response>;
  parameters?: { in: string; name: string; required?: boolean }[];
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Document {
  openapi: string;
  info?: { title?: unknown; version?: unknown };
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    securitySchemes?: Record<string, unknown>;
  };
}

/** Every operation of the document as `METHOD /path` with its object. */
function operationsOf(document: Document): [string, Operation][] {
  const out: [string, Operation][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (typeof operation === 'object' && operation !== null)
        out.push([`${method.toUpperCase()} ${path}`, operation]);
    }
  }
  return out;
}

/** `/users/{userId}` and `/users/:u` both become `/users/{}`. */
function template(route: string): string {
  return route.replace(/\{[^}]*\}|:[A-Za-z]+/g, '{}');
}

/**
 * The problems that keep a document from being a usable OpenAPI 3.1 description: the parts a
 * client generator or a docs viewer relies on, checked without a third-party validator.
 */
function openApiProblems(document: Document): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(document.openapi)) problems.push(`openapi is ${document.openapi}`);
  if (typeof document.info?.title !== 'string' || typeof document.info.version !== 'string')
    problems.push('info needs title and version');
  if (typeof document.servers?.[0]?.url !== 'string') problems.push('servers[0].url is missing');
  if (typeof document.paths !== 'object') problems.push('paths is missing');
  const schemes = document.components?.securitySchemes ?? {};
  for (const [name, operation] of operationsOf(document)) {
    const path = name.slice(name.indexOf(' ') + 1);
    const declared = new Set(
      (operation.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name),
    );
    for (const [, parameter] of path.matchAll(/\{([^}]+)\}/g)) {
      if (parameter !== undefined && !declared.has(parameter))
        problems.push(`${name}: path parameter ${parameter} is not declared`);
    }
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!/^([1-5][0-9]{2}|[1-5]XX|default)$/.test(status))
        problems.push(`${name}: response key ${status}`);
      if (typeof response.description !== 'string')
        problems.push(`${name} ${status}: no description`);
    }
    for (const requirement of operation.security ?? []) {
      for (const scheme of Object.keys(requirement)) {
        if (!(scheme in schemes)) problems.push(`${name}: unknown security scheme ${scheme}`);
      }
    }
  }
  // Every local reference resolves.
  const text = JSON.stringify(document);
  for (const [, pointer] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
    let node: unknown = document;
    for (const part of (pointer ?? '').split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/')];
    }
    if (node === undefined) problems.push(`$ref #/${pointer} does not resolve`);
  }
  return problems;
}

/**
 * Routes of api.md §13 that exist now, with the security they must declare: the document must
 * keep describing them. Routes added later are caught by the probe below.
 */
const existingRoutes: Record<string, 'public' | 'apiKey' | 'bearerAuth' | 'adminToken'> = {
  'POST /token': 'apiKey',
  'POST /users': 'bearerAuth',
  'GET /users': 'bearerAuth',
  'GET /users/{}': 'bearerAuth',
  'POST /users/{}': 'bearerAuth',
  'DELETE /users/{}': 'bearerAuth',
  'GET /institutions': 'bearerAuth',
  'GET /institutions/{}': 'bearerAuth',
  'GET /connectors': 'bearerAuth',
  'GET /connectors/{}/{}': 'bearerAuth',
  'GET /public/institutions': 'public',
  'GET /public/institutions/{}': 'public',
  'GET /public/connectors': 'public',
  'GET /public/connectors/{}/{}': 'public',
  'GET /assets/institutions/{}/square.svg': 'public',
  'GET /assets/institutions/{}/full.svg': 'public',
  'GET /events': 'bearerAuth',
  'GET /events/{}': 'bearerAuth',
  'GET /events/types': 'bearerAuth',
  'GET /events/types/{}': 'bearerAuth',
  'POST /admin/applications': 'adminToken',
  'GET /admin/applications': 'adminToken',
  'GET /admin/applications/{}': 'adminToken',
  'POST /admin/applications/{}': 'adminToken',
  'POST /admin/applications/{}/keys': 'adminToken',
  'GET /admin/applications/{}/keys': 'adminToken',
  'DELETE /admin/keys/{}': 'adminToken',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
};

/** Example values for the placeholders of `section13Routes`. */
const samples: Record<string, string> = {
  id: '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b',
  institution: 'AU00000',
  method: 'web',
  eventType: 'connection.created',
};

/**
 * Every non-HTML route of api.md §13 (and the files it points to). A route the server answers must
 * be in the document, so one added later is checked without editing this test.
 */
const section13Routes: string[] = [
  'POST /token',
  'POST /users',
  'GET /users',
  'GET /users/{id}',
  'POST /users/{id}',
  'DELETE /users/{id}',
  'GET /users/{id}/connections',
  'GET /users/{id}/connections/{id}',
  'POST /users/{id}/connections',
  'POST /users/{id}/connections/{id}',
  'DELETE /users/{id}/connections/{id}',
  'POST /users/{id}/connections/{id}/refresh',
  'POST /users/{id}/connections/refresh',
  'POST /users/{id}/connections/{id}/purge',
  'POST /users/{id}/connections/{id}/authorisation',
  'GET /users/{id}/connections/{id}/jobs',
  'GET /users/{id}/jobs',
  'GET /jobs/{id}',
  'POST /jobs/{id}/mfa',
  'GET /users/{id}/accounts',
  'GET /users/{id}/accounts/{id}',
  'GET /users/{id}/accounts/{id}/source',
  'GET /users/{id}/transactions',
  'GET /users/{id}/transactions/{id}',
  'GET /users/{id}/transactions/{id}/source',
  'GET /users/{id}/transactions/changes',
  'GET /users/{id}/transactions/sync',
  'GET /users/{id}/consents',
  'GET /users/{id}/consents/{id}',
  'DELETE /users/{id}/consents/{id}',
  'POST /users/{id}/auth_link',
  'GET /users/{id}/auth_link',
  'DELETE /users/{id}/auth_link',
  'GET /consent-policy',
  'POST /consent-policy',
  'GET /assets/institutions/{institution}/square.svg',
  'GET /assets/institutions/{institution}/full.svg',
  'POST /arrangements/revoke',
  'GET /cdr/jwks.json',
  'GET /institutions',
  'GET /institutions/{institution}',
  'GET /connectors',
  'GET /connectors/{institution}/{method}',
  'GET /public/institutions',
  'GET /public/institutions/{institution}',
  'GET /public/connectors',
  'GET /public/connectors/{institution}/{method}',
  'GET /events',
  'GET /events/{id}',
  'GET /events/types',
  'GET /events/types/{eventType}',
  'GET /notifications/webhooks',
  'POST /notifications/webhooks',
  'GET /notifications/webhooks/{id}',
  'POST /notifications/webhooks/{id}',
  'DELETE /notifications/webhooks/{id}',
  'GET /notifications/webhooks/{id}/messages',
  'POST /notifications/messages/test',
  'POST /admin/applications',
  'GET /admin/applications',
  'GET /admin/applications/{id}',
  'POST /admin/applications/{id}',
  'POST /admin/applications/{id}/keys',
  'GET /admin/applications/{id}/keys',
  'DELETE /admin/keys/{id}',
  'POST /admin/backup',
  'POST /admin/reencrypt',
  'POST /admin/sandbox/reset',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /openapi.json',
];

/** Public routes of §13 (scope P): `security: []`. */
function isPublic(path: string): boolean {
  return /^\/(public|assets)\/|^\/(healthz|readyz|metrics|openapi\.json|cdr\/jwks\.json)$/.test(
    path,
  );
}

/** `Error codes: a, b.` of a response description. */
function codesOf(description: string): string[] {
  const match = /Error codes: ([^.]*)\./.exec(description);
  return match?.[1] ? match[1].split(',').map((code) => code.trim()) : [];
}

const driver = testDrivers[0] ?? 'embedded';

describe(`OpenAPI document (${driver})`, () => {
  let api: TestApi;
  let served: Document;

  before(async () => {
    api = await startTestApi(driver, { TRIBUTARY_ADMIN_TOKEN: adminToken });
    const response = await api.request<Document>('GET', '/openapi.json');
    assert.equal(response.status, 200, response.text);
    served = response.body;
  });
  after(() => api.stop());

  test('openapi/openapi.json is the served document apart from servers[0].url (operations.md §9)', () => {
    assert.equal(served.servers?.[0]?.url, api.server.runtime.config.server.publicUrl);
    const committed = readFileSync(openapiPath, 'utf8');
    assert.ok(
      renderOpenApi(served as unknown as OpenApiDocument) === committed,
      'openapi/openapi.json is out of date: run npm run openapi',
    );
  });

  test('packages/sdk/src/types.ts is generated from openapi/openapi.json', async () => {
    const rendered = await renderSdkTypes(readFileSync(openapiPath, 'utf8'));
    assert.ok(
      rendered === readFileSync(typesPath, 'utf8'),
      'packages/sdk/src/types.ts is out of date: run npm run sdk:types (or npm run openapi)',
    );
  });

  test('operations.md A16: /openapi.json parses as OpenAPI 3.1 and /docs answers HTML, both without a token', async () => {
    const response = await fetch(`${api.url}/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const document = JSON.parse(await response.text()) as Document;
    assert.deepEqual(openApiProblems(document), []);
    const docs = await fetch(`${api.url}/docs`);
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await docs.text(), /<html/i);
  });

  test('api.md A29: every route of §13 that exists is documented with its security', () => {
    const documented = new Map(operationsOf(served).map(([name, op]) => [template(name), op]));
    for (const [route, security] of Object.entries(existingRoutes)) {
      const operation = documented.get(route);
      assert.ok(operation, `${route} is not in /openapi.json`);
      const expected = security === 'public' ? [] : [{ [security]: [] }];
      assert.deepEqual(operation.security, expected, `${route}: security`);
    }
  });

  test('api.md A29: every §13 route the server answers is in the document', async () => {
    const documented = new Set(operationsOf(served).map(([name]) => template(name)));
    const missing: string[] = [];
    for (const route of section13Routes) {
      const [method = '', pattern = ''] = route.split(' ');
      const path = pattern.replace(/\{(\w+)\}/g, (_, name: string) => samples[name] ?? name);
      // Unauthenticated, so nothing runs: a route that exists answers 401, 400 or its public
      // answer; one that does not is the "no route" 404, or 405 beside another method.
      const response = await api.request<{ data?: { detail?: string }[] } | undefined>(
        method,
        path,
      );
      const unknown =
        response.status === 405 ||
        (response.status === 404 &&
          response.body?.data?.[0]?.detail === 'No route matches this path.');
      if (!unknown && !documented.has(template(route)))
        missing.push(`${route} (answers ${response.status})`);
    }
    assert.deepEqual(missing, [], 'routes the server has but /openapi.json does not describe');
  });

  test('api.md A29: every operation declares responses and security; public ones declare none', () => {
    const schemes = Object.keys(served.components?.securitySchemes ?? {});
    const problems: string[] = [];
    for (const [name, operation] of operationsOf(served)) {
      const path = name.slice(name.indexOf(' ') + 1);
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${name}: no success response`);
      if (!Array.isArray(operation.security)) {
        problems.push(`${name}: no security`);
        continue;
      }
      if (isPublic(path) && operation.security.length !== 0)
        problems.push(`${name}: public route with security ${JSON.stringify(operation.security)}`);
      if (!isPublic(path)) {
        const names = operation.security.flatMap((r) => Object.keys(r));
        if (names.length === 0) problems.push(`${name}: security [] on a route that needs a token`);
        for (const scheme of names)
          if (!schemes.includes(scheme)) problems.push(`${name}: unknown scheme ${scheme}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('api.md A29: every documented error code is in §5.2, under its status', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const [name, operation] of operationsOf(served)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const isErrorList = JSON.stringify(response.content ?? {}).includes(
          '#/components/schemas/ErrorList',
        );
        const codes = codesOf(response.description ?? '');
        if (isErrorList && codes.length === 0)
          problems.push(`${name} ${status}: error response names no code`);
        for (const code of codes) {
          seen++;
          const entry = (errorCatalogue as Record<string, { status: number }>)[code];
          if (!entry) problems.push(`${name} ${status}: ${code} is not in §5.2`);
          else if (String(entry.status) !== status)
            problems.push(`${name} ${status}: ${code} is a ${entry.status}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(seen > 0, 'the document names error codes');
  });
});
