import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Paths that never answer CORS: pages and the operator's API (api.md §11.2). */
const noCors = /^\/(admin|consent|sandbox\/web|sandbox\/cdr|home)(\/|$|\?)/;

/** CORS for API routes and origins in `TRIBUTARY_CORS_ORIGINS` (api.md §11.2). */
export async function registerCors(
  app: FastifyInstance,
  origins: '*' | readonly string[],
): Promise<void> {
  // Built once: the delegator runs on every request and only picks one.
  const base = {
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Accept',
      'basiq-version',
      'Idempotency-Key',
      'X-Correlation-Id',
    ],
    exposedHeaders: [
      'X-Correlation-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Idempotent-Replayed',
      'Location',
    ],
    maxAge: 600,
    credentials: false,
    optionsSuccessStatus: 204,
    strictPreflight: false,
  };
  const none = { origin: false };
  const any = { ...base, origin: '*' };
  const byOrigin = new Map(origins === '*' ? [] : origins.map((o) => [o, { ...base, origin: o }]));
  await app.register(cors, {
    delegator: (request, callback) => {
      if (noCors.test(request.url ?? '/')) return callback(null, none);
      if (origins === '*') return callback(null, any);
      const origin = request.headers.origin;
      callback(null, (origin !== undefined && byOrigin.get(origin)) || none);
    },
  });
}
