import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Body types the route takes besides JSON (api.md §11.3). */
    formBody?: boolean;
    /** The body is ignored (refresh routes): any Content-Type within the size limit is taken. */
    anyBody?: boolean;
  }
}

const maxDepth = 64;

/** Nesting depth of a JSON text, found without parsing it (so a hostile depth costs no stack). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const invalidJson = () => new AppError('invalid-content', 'The request body is not valid JSON.');

function dropDangerousKeys(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      if (Object.prototype.hasOwnProperty.call(value, key))
        delete (value as Record<string, unknown>)[key];
    }
  }
  return value;
}

/** JSON as api.md §11.3 reads it: empty means no body, depth at most 64, prototype keys dropped. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (jsonDepthExceeds(text, maxDepth)) {
    throw new AppError('invalid-content', `The request body nests deeper than ${maxDepth} levels.`);
  }
  try {
    return JSON.parse(text, dropDangerousKeys) as unknown;
  } catch {
    throw invalidJson();
  }
}

/** A form body; a name given twice keeps its last value. */
export function parseFormBody(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = value;
  }
  return out;
}

function unsupported(request: FastifyRequest): AppError {
  return new AppError(
    'unsupported-content-type',
    `This route does not take a body of type ${String(request.headers['content-type']).split(';')[0]}.`,
  );
}

/**
 * Body parsing of api.md §11.3: JSON (any charset, `+json` too) everywhere, forms only where a
 * route says so, a body without `Content-Type` read as JSON (as a form on routes that take forms,
 * unless it starts with `{`), anything else 415 unless the route ignores its body.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(\s*;.*)?$/i,
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  app.addContentTypeParser(
    /^application\/x-www-form-urlencoded(\s*;.*)?$/i,
    { parseAs: 'string' },
    (request, body, done) => {
      const text = body as string;
      const config = request.routeOptions.config;
      if (config.formBody) return done(null, parseFormBody(text));
      if (config.anyBody || text === '') return done(null, undefined);
      done(unsupported(request), undefined);
    },
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const config = request.routeOptions.config;
    try {
      if (config.anyBody || text.trim() === '') return done(null, undefined);
      if (request.headers['content-type'] === undefined) {
        if (config.formBody && !text.trimStart().startsWith('{'))
          return done(null, parseFormBody(text));
        return done(null, parseJsonBody(text));
      }
      done(unsupported(request), undefined);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
