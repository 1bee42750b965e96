import type { FastifyInstance } from 'fastify';
import type { ReadinessService } from '../../domain/health/readiness-service.ts';
import type { Registry } from 'prom-client';
import { constantTimeEqual } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { sendError } from '../plugins/error-handler.ts';

export interface HealthRoutesOptions {
  readiness: ReadinessService;
  registry: Registry;
  metricsToken: string | null;
}

/** `/healthz`, `/readyz` and `/metrics` (operations.md §9): no key, no rate limit, logged at debug. */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  const config = { quietLog: true };

  app.get('/healthz', { config }, (_request, reply) => {
    void reply.send({ status: 'ok' });
  });

  app.get('/readyz', { config }, async (_request, reply) => {
    const report = await options.readiness.report();
    if (report.status !== 'ready') void reply.code(503).header('Retry-After', '1');
    return report;
  });

  app.get('/metrics', { config }, async (request, reply) => {
    if (options.metricsToken !== null) {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!constantTimeEqual(token, options.metricsToken)) {
        return sendError(
          request,
          reply,
          new AppError(
            'invalid-authorization-token',
            'This endpoint needs the metrics bearer token.',
          ),
        );
      }
    }
    const text = await options.registry.metrics();
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
}
