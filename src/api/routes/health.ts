import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ReadinessService } from '../../domain/health/readiness-service.ts';
import type { Registry } from 'prom-client';
import { constantTimeEqual } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { sendError } from '../plugins/error-handler.ts';
import { errorResponses } from '../schemas/common.ts';

export interface HealthRoutesOptions {
  readiness: ReadinessService;
  registry: Registry;
  metricsToken: string | null;
}

/** `/healthz`, `/readyz` and `/metrics` (operations.md §9): no key, no rate limit, logged at debug. */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  const config = { quietLog: true };
  // Public (operations.md §9): no token, so `security: []` in the OpenAPI document.
  const tags = ['Operations'];
  const checks = Type.Object({}, { additionalProperties: Type.String() });
  const readinessReport = (status: 'ready' | 'not-ready') =>
    Type.Object({
      status: Type.Literal(status),
      checks,
      shutdown: Type.Optional(Type.Literal('in-progress')),
    });
  const schemas = {
    healthz: {
      tags,
      summary: 'Liveness',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses([]) },
    },
    readyz: {
      tags,
      summary: 'Readiness: database, migrations and worker',
      security: [],
      response: {
        200: readinessReport('ready'),
        503: readinessReport('not-ready'),
        ...errorResponses([]),
      },
    },
    metrics: {
      tags,
      summary: 'Prometheus metrics (a bearer token when TRIBUTARY_METRICS_TOKEN is set)',
      security: [],
      response: {
        200: {
          description: 'Prometheus text exposition',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        ...errorResponses(['invalid-authorization-token']),
      },
    },
  };

  app.get('/healthz', { config, schema: schemas.healthz }, (_request, reply) => {
    void reply.send({ status: 'ok' });
  });

  app.get('/readyz', { config, schema: schemas.readyz }, async (_request, reply) => {
    const report = await options.readiness.report();
    if (report.status !== 'ready') void reply.code(503).header('Retry-After', '1');
    return report;
  });

  app.get('/metrics', { config, schema: schemas.metrics }, async (request, reply) => {
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
