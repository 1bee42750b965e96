import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ReadinessService } from '../domain/health/readiness-service.ts';
import { newId } from '../kernel/ids.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { trackRoutes } from './plugins/route-index.ts';
import { registerHealthRoutes } from './routes/health.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Log this route's request line at `debug` (health, readiness, metrics). */
    quietLog?: boolean;
  }
  interface FastifyRequest {
    /** The application the caller authenticated as; null before authentication. */
    appId: string | null;
  }
}

export interface ServerOptions {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessService;
  metricsToken: string | null;
  bodyLimitBytes: number;
  requestTimeoutS: number;
  trustProxy: boolean | string[];
  /** A worker-only process serves health, readiness and metrics only (operations.md §2). */
  healthOnly: boolean;
}

const correlationIdPattern = /^[A-Za-z0-9._:-]{8,128}$/;

/** Builds the HTTP server; it does not listen (ARCHITECTURE §3). */
export function buildServer(options: ServerOptions): FastifyInstance {
  // Widened to fastify's logger type so routes and plugins see the default instance type.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    // One request line of our own at the end (operations.md §10.2) instead of fastify's pair.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'correlationId',
    }),
    genReqId: (request) => {
      const given = request.headers['x-correlation-id'];
      return typeof given === 'string' && correlationIdPattern.test(given) ? given : newId();
    },
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });
  const allowedMethods = trackRoutes(app);
  app.decorateRequest('appId', null);

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Correlation-Id', request.id);
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const labels = { method: request.method, route, status };
    options.metrics.httpRequests.inc(labels);
    options.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    const line = {
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      appId: request.appId,
      userAgent: request.headers['user-agent'] ?? null,
    };
    if (request.routeOptions.config.quietLog) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });

  registerErrorHandler(app, allowedMethods);
  registerHealthRoutes(app, {
    readiness: options.readiness,
    registry: options.metrics.registry,
    metricsToken: options.metricsToken,
  });
  void options.healthOnly;
  return app;
}
