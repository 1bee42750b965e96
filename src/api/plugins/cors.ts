import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Paths that never answer CORS: pages and the operator's API (api.md §11.2). */
const noCors = /^\/(admin|consent|sandbox\/web|sandbox\/cdr|home)(\/|$|\?)/;

/** CORS for API routes and origins in `TRIBUTARY_CORS_ORIGINS` (api.md §11.2). */
export async function registerCors(
  app: FastifyInstance,
  origins: '*' | readonly string[],
): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) => {
      const url = request.url ?? '/';
      if (noCors.test(url)) return callback(null, { origin: false });
      const origin = request.headers.origin;
      const allowed =
        origins === '*' ? '*' : origin !== undefined && origins.includes(origin) ? origin : false;
      callback(null, {
        origin: allowed,
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
      });
    },
  });
}
