import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { SignJWT, type JWTPayload } from 'jose';
import type { Driver } from './environment.ts';
import { startTestServer, type TestServer } from './server.ts';

export const testApiKey = 'test-api-key-0123456789-abcdefghijklmnopqrstuv';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A running server with a known API key, and helpers to call it like a Basiq client. */
export class TestApi {
  constructor(
    readonly server: TestServer,
    readonly apiKey: string,
  ) {}

  get url(): string {
    return this.server.url;
  }

  /** `{base}`: the public URL every absolute link starts with (TRIBUTARY_PUBLIC_URL). */
  get base(): string {
    return this.server.runtime.config.server.publicUrl;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: {
      token?: string | null;
      body?: unknown;
      headers?: Record<string, string>;
      raw?: string;
    } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json'))
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /**
   * A request through node:http exactly as given: fetch always adds a Content-Type to a string
   * body, and some clients send none.
   */
  rawRequest(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      // A path option (not a URL string) keeps the path exactly as given, quotes unencoded.
      const { hostname, port } = new URL(this.url);
      const request = httpRequest({ hostname, port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(response.headers['content-type'] ?? '');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined)
              responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: responseHeaders,
            body:
              text !== '' && contentType.includes('json')
                ? (JSON.parse(text) as unknown)
                : undefined,
            text,
          });
        });
      });
      request.on('error', reject);
      if (body !== undefined) request.write(body);
      request.end();
    });
  }

  /** `POST /token` with this server's key; returns the access token. */
  async token(
    body?: Record<string, string>,
    version = '3.0',
    apiKey = this.apiKey,
  ): Promise<string> {
    const response = await this.request<{ access_token: string }>('POST', '/token', {
      headers: { authorization: `Basic ${apiKey}`, 'basiq-version': version },
      ...(body ? { body } : {}),
    });
    assert.equal(response.status, 200, response.text);
    return response.body.access_token;
  }

  async createUser(
    token: string,
    body: Record<string, unknown> = { email: `u${Math.random()}@example.test` },
  ) {
    const response = await this.request<{ id: string }>('POST', '/users', { token, body });
    assert.equal(response.status, 201, response.text);
    return response.body;
  }

  /** A second application and its key, to prove tenancy. */
  async secondApplicationKey(): Promise<string> {
    const services = this.server.runtime.services;
    if (!services) throw new Error('no API services');
    const { key } = await services.applications.createApplication('second');
    if (!key) throw new Error('no key');
    return key.value;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

export async function startTestApi(
  driver: Driver,
  env: Record<string, string> = {},
): Promise<TestApi> {
  const server = await startTestServer(driver, { TRIBUTARY_API_KEY: testApiKey, ...env });
  return new TestApi(server, testApiKey);
}

/** Asserts the error envelope of api.md §5.1 and returns its first item. */
export function assertError(
  response: ApiResponse,
  status: number,
  code: string,
  source?: Record<string, string> | null,
): { code: string; detail: string; title: string; source: unknown } {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = response.body as {
    type: string;
    correlationId: string;
    data: { code: string; detail: string; title: string; source: unknown; type: string }[];
  };
  assert.equal(body.type, 'list');
  assert.equal(body.correlationId, response.headers.get('x-correlation-id'));
  const first = body.data[0];
  assert.ok(first, 'at least one error item');
  assert.equal(first.type, 'error');
  assert.equal(first.code, code, response.text);
  if (source !== undefined) assert.deepEqual(first.source, source);
  return first;
}

/** Tokens that must be refused on every authenticated route (api.md A4). */
export function forgedTokens(valid: string): Record<string, string> {
  const [header = '', payload = '', signature = ''] = valid.split('.');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const flipped =
    signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
  return {
    garbled: 'not-a-jwt',
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'one character changed': `${header}.${payload}.${flipped}`,
    'other claims, same signature': `${header}.${b64({ ...claims, applicationid: '0193a4f2-7c1e-7b3d-9f2a-4c5d6e7f8a9b' })}.${signature}`,
  };
}

/**
 * The shared auth suite every route test calls (ARCHITECTURE §4.4): no token, forged tokens and
 * the API key itself are 401; a client token on a server route is 403.
 */
export async function runCommonAuthChecks(
  api: TestApi,
  route: { method: string; path: string; access: 'server' | 'client'; body?: unknown },
): Promise<void> {
  const serverToken = await api.token();
  const none = await api.request(route.method, route.path, { body: route.body });
  assertError(none, 401, 'invalid-authorization-token');
  assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  for (const [name, forged] of Object.entries(forgedTokens(serverToken))) {
    const response = await api.request(route.method, route.path, {
      token: forged,
      body: route.body,
    });
    assert.equal(response.status, 401, `${name}: ${response.text}`);
    assertError(response, 401, 'invalid-authorization-token');
  }
  // api.md A4: an HS256 token with the right shape and kid but signed with another key.
  const kid = (
    JSON.parse(Buffer.from(serverToken.split('.')[0] ?? '', 'base64url').toString()) as {
      kid: string;
    }
  ).kid;
  const otherKey = await new SignJWT(
    JSON.parse(Buffer.from(serverToken.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload,
  )
    .setProtectedHeader({ alg: 'HS256', kid })
    .sign(randomBytes(32));
  assertError(
    await api.request(route.method, route.path, { token: otherKey, body: route.body }),
    401,
    'invalid-authorization-token',
  );
  const asBasic = await api.request(route.method, route.path, {
    headers: { authorization: `Basic ${api.apiKey}` },
    body: route.body,
  });
  assertError(asBasic, 401, 'invalid-authorization-token');
  if (route.access === 'server') {
    const user = await api.createUser(serverToken);
    const client = await api.token({ scope: 'CLIENT_ACCESS', userId: user.id });
    const response = await api.request(route.method, route.path, {
      token: client,
      body: route.body,
    });
    assertError(response, 403, 'forbidden-access');
  }
}
