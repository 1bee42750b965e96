import type { FastifyRequest } from 'fastify';
import { institutionIdPattern } from '../domain/institutions/institution-registry.ts';
import type { CursorCodec } from '../kernel/cursor.ts';
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

/** An `institutionId` path parameter (`AU00000` form), or 400 naming it (api.md §1). */
export function institutionIdParam(request: FastifyRequest): string {
  const value = (request.params as Record<string, unknown>).institutionId;
  if (typeof value !== 'string' || !institutionIdPattern.test(value)) {
    throw new AppError('parameter-not-valid', 'Provided institutionId is not a valid id.', {
      source: { parameter: 'institutionId' },
    });
  }
  return value;
}

/** The caller's application on a route whose access rule authenticated it. */
export function callerApplicationId(request: FastifyRequest): string {
  if (!request.auth) throw new Error('route reached without authentication');
  return request.auth.applicationId;
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

/**
 * One page of a keyset-paginated list (api.md §3): decodes `next` for this scope (400 when it
 * does not), fetches one row more than `limit` to know whether another page follows, and builds
 * the list envelope with `links.next` carrying the cursor of the last row.
 */
export async function keysetPage<Row, Position>(
  request: FastifyRequest,
  options: {
    base: string;
    cursors: CursorCodec;
    /** What the cursor is bound to: route, application, filter (never `limit`). */
    scope: string;
    limit: number;
    isPosition: (value: unknown) => value is Position;
    fetch: (after: Position | null, limit: number) => Promise<{ rows: Row[]; size: number }>;
    positionOf: (row: Row) => Position;
    present: (row: Row) => unknown;
  },
) {
  const rawNext = queryParam(request, 'next');
  let after: Position | null = null;
  if (rawNext !== undefined) {
    const position = options.cursors.decode(rawNext, options.scope);
    if (!options.isPosition(position)) throw invalidNext();
    after = position;
  }
  const page = await options.fetch(after, options.limit + 1);
  const rows = page.rows.slice(0, options.limit);
  const last = rows.at(-1);
  const next =
    page.rows.length > options.limit && last
      ? nextLink(
          options.base,
          request,
          options.cursors.encode(options.scope, options.positionOf(last)),
        )
      : null;
  return listBody(rows.map(options.present), page.size, {
    self: selfLink(options.base, request),
    next,
  });
}
