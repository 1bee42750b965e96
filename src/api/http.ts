import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';

/** A path id of UUID form, or 400 naming the parameter (api.md §1). */
export function uuidParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  if (typeof value !== 'string' || !isUuid(value)) {
    throw new AppError('parameter-not-valid', `Provided ${name} is not a valid id.`, {
      source: { parameter: name },
    });
  }
  return value;
}

/** A query parameter's value (the last one when given twice, by our query parser). */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The query string parser: percent-decoding without turning `+` into a space (filters carry
 * emails such as `a+b@x.com` unencoded), and the last of repeated names wins (api.md §1).
 */
export function parseQueryString(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    out[safeDecode(rawKey)] = safeDecode(rawValue);
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `limit` of a paginated list: an integer from 1 to `max`, default `fallback` (api.md §3). */
export function limitParam(request: FastifyRequest, fallback: number, max: number): number {
  const raw = queryParam(request, 'limit');
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
    throw new AppError('parameter-not-valid', `Limit must be an integer from 1 to ${max}.`, {
      source: { parameter: 'limit' },
    });
  }
  if (Number(raw) > max) {
    throw new AppError('parameter-not-valid', `Maximum limit allowed is ${max}`, {
      source: { parameter: 'limit' },
    });
  }
  return Number(raw);
}

export const invalidNext = () =>
  new AppError('parameter-not-valid', 'Next value is not valid', { source: { parameter: 'next' } });

/** `links.self` of a response: the request as received, made absolute on the public URL. */
export function selfLink(base: string, request: FastifyRequest): string {
  return `${base}${request.url}`;
}

/** `links.next`: the same path and query with `next` set (filter and limit kept). */
export function nextLink(base: string, request: FastifyRequest, cursor: string): string {
  const [path = '', query = ''] = request.url.split('?');
  const kept = query.split('&').filter((part) => part !== '' && !part.startsWith('next='));
  kept.push(`next=${encodeURIComponent(cursor)}`);
  return `${base}${path}?${kept.join('&')}`;
}

/** The list envelope of api.md §3. */
export function listBody<T>(
  data: T[],
  size: number,
  links: { self: string; next?: string | null },
) {
  return {
    type: 'list',
    count: data.length,
    size,
    data,
    links: links.next ? { self: links.self, next: links.next } : { self: links.self },
  };
}
