// The HTTP client connectors use in production (undici 7, ARCHITECTURE §1), and the small cookie
// jar a web session keeps. Redirects are never followed: the web bank's 303s are how it says
// where a login went (sandbox.md §4.1).
import { request, type Dispatcher } from 'undici';
import type { HttpClient, HttpResponse } from '../connector.ts';

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** An undici dispatcher (an `Agent` with its own pool); undici's global one when absent. */
  readonly dispatcher?: Dispatcher;
  /** A response body larger than this is refused (bytes; default 32 MiB). */
  readonly maxBodyBytes?: number;
}

/** An {@link HttpClient} over undici's `request`. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  return async (req): Promise<HttpResponse> => {
    const response = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxBodyBytes) {
        response.body.destroy();
        throw new Error(`response body over ${maxBodyBytes} bytes`);
      }
      chunks.push(buffer);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
  };
}

/** One header's values, whether the client gave one string or several. */
export function headerValues(response: HttpResponse, name: string): readonly string[] {
  const value = response.headers[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * Applies a response's `Set-Cookie` headers to a jar (cookie name → value). A session talks to
 * one bank base path, so Domain and Path are not needed to choose cookies; a cookie the bank
 * expires (`Max-Age=0` or an `Expires` before the response's `Date`) is removed.
 */
export function storeCookies(jar: Record<string, string>, response: HttpResponse): void {
  const sentAt = Date.parse(headerValues(response, 'date')[0] ?? '');
  for (const header of headerValues(response, 'set-cookie')) {
    const [pair = '', ...attributes] = header.split(';');
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    let expired = value === '';
    for (const attribute of attributes) {
      const [key = '', raw = ''] = attribute.split('=', 2).map((part) => part.trim());
      if (/^max-age$/i.test(key) && Number(raw) <= 0) expired = true;
      if (/^expires$/i.test(key) && Number.isFinite(sentAt) && Date.parse(raw) <= sentAt) {
        expired = true;
      }
    }
    if (expired) delete jar[name];
    else jar[name] = value;
  }
}

/** The `Cookie` header for a jar, or null when it is empty. */
export function cookieHeader(jar: Readonly<Record<string, string>>): string | null {
  const pairs = Object.entries(jar).map(([name, value]) => `${name}=${value}`);
  return pairs.length === 0 ? null : pairs.join('; ');
}
