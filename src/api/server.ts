import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { ApplicationsService } from '../domain/applications/applications-service.ts';
import type { ConnectionsService } from '../domain/connections/connections-service.ts';
import type { TokenService } from '../domain/auth/token-service.ts';
import type { ReadinessService } from '../domain/health/readiness-service.ts';
import type { EventsQueryService } from '../domain/events/events-query-service.ts';
import type { InstitutionRegistry } from '../domain/institutions/institution-registry.ts';
import type { IdempotencyService } from '../domain/idempotency/idempotency-service.ts';
import type { SandboxControl } from '../domain/sandbox/sandbox-control.ts';
import type { UsersService } from '../domain/users/users-service.ts';
import type { CursorCodec } from '../kernel/cursor.ts';
import { AppError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Metrics } from '../kernel/metrics.ts';
import { parseQueryString } from './http.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerBodyParsers } from './plugins/body.ts';
import { registerCors } from './plugins/cors.ts';
import { registerErrorHandler, sendError } from './plugins/error-handler.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { RateLimiter } from './plugins/rate-limit.ts';
import { trackRoutes } from './plugins/route-index.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerInstitutionRoutes } from './routes/institutions.ts';
import { registerTokenRoute } from './routes/token.ts';
import { registerUnprovidedRoutes } from './routes/unprovided.ts';
import { registerSandboxRoutes } from './routes/sandbox.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerConnectionRoutes } from './routes/connections.ts';
import { ErrorListSchema, errorResponses } from './schemas/common.ts';

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

/** What the public API needs from the domain; absent in a worker-only process. */
export interface ApiServices {
  applications: ApplicationsService;
  users: UsersService;
  connections: ConnectionsService;
  /** Seals every stored secret under the current key (operations.md §8.3). */
  reencrypt: () => Promise<{ reencrypted: number; unreadable: number }>;
  /** Writes a consistent backup archive's lines (operations.md §12). */
  backup: (write: (chunk: string) => Promise<void>) => Promise<unknown>;
  tokens: TokenService;
  idempotency: IdempotencyService;
  events: EventsQueryService;
  institutions: InstitutionRegistry;
  cursors: CursorCodec;
  /**
   * The sandbox control routes' port (sandbox.md §6); null with the sandbox off, when every
   * `/sandbox/…` path is the unknown-route 404.
   */
  sandbox: SandboxControl | null;
}

export interface ServerOptions {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessService;
  metricsToken: string | null;
  /** `TRIBUTARY_PUBLIC_URL`: the prefix of every absolute link. */
  publicUrl: string;
  bodyLimitBytes: number;
  requestTimeoutS: number;
  trustProxy: boolean | string[];
  corsOrigins: '*' | string[];
  rateLimits: { perApplication: number; perClient: number; tokenPer5Min: number };
  /** Wall-clock milliseconds (rate limits and token times never follow the sandbox clock). */
  nowMs: () => number;
  /** Bearer token of `/admin/…`; null when none is configured (the admin API answers 404). */
  adminToken: string | null;
  /** Null in a worker-only process: it serves health, readiness and metrics only (operations.md §2). */
  services: ApiServices | null;
}

const correlationIdPattern = /^[A-Za-z0-9._:-]{8,128}$/;

/** Builds the HTTP server; it does not listen (ARCHITECTURE §3). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
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
    // Requests still arriving on open connections during shutdown are answered normally, so
    // /readyz can say "shutdown": "in-progress" (operations.md §9.1).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    requestTimeout: options.requestTimeoutS * 1000,
    routerOptions: { ignoreTrailingSlash: true, querystringParser: parseQueryString },
  });
  // Schemas describe the API (OpenAPI); the rules and their error messages live in the domain,
  // so fastify neither validates requests against them nor reshapes responses.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const allowedMethods = trackRoutes(app);
  app.decorateRequest('appId', null);

  // Requests that take too long to answer get 503 (api.md §11.3): one sweep a second over the
  // requests in flight instead of a timer per request.
  const inFlight = new Map<FastifyRequest, { reply: FastifyReply; deadline: number }>();
  const timeoutMs = options.requestTimeoutS * 1000;
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [request, entry] of inFlight) {
      if (entry.deadline > now) continue;
      inFlight.delete(request);
      if (!entry.reply.sent) {
        sendError(
          request,
          entry.reply,
          new AppError('service-unavailable', 'The request took too long to answer.'),
        );
      }
    }
  }, 1_000);
  sweep.unref();
  app.addHook('onClose', () => clearInterval(sweep));

  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers({
      'X-Correlation-Id': request.id,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    // Pages of the sandbox banks answer on their own schedule (slow personas, timeout faults).
    if (request.routeOptions.config.access !== 'html') {
      inFlight.set(request, { reply, deadline: Date.now() + timeoutMs });
    }
    done();
  });

  app.addHook('onResponse', async (request, reply) => {
    inFlight.delete(request);
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
  registerBodyParsers(app);
  const health = {
    readiness: options.readiness,
    registry: options.metrics.registry,
    metricsToken: options.metricsToken,
  };

  const services = options.services;
  if (!services) {
    registerHealthRoutes(app, health);
    return app;
  }

  await registerCors(app, options.corsOrigins);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tributary API',
        version: '3.0',
        description: 'Self-hosted open-banking data aggregation, wire-compatible with Basiq v3.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'http', scheme: 'basic', description: 'Authorization: Basic <API key>' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'The operator admin token' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  app.addSchema(ErrorListSchema);
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { url: '/openapi.json' },
    staticCSP: true,
  });
  app.get(
    '/openapi.json',
    {
      config: { quietLog: true },
      schema: {
        tags: ['Operations'],
        summary: 'This OpenAPI document',
        security: [],
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3.1' }),
          ...errorResponses([]),
        },
      },
    },
    () => app.swagger(),
  );
  // After swagger, which documents only the routes added after it (api.md §13, A29).
  registerHealthRoutes(app, health);

  const rateLimiter = new RateLimiter(
    { perApplication: options.rateLimits.perApplication, perClient: options.rateLimits.perClient },
    options.nowMs,
  );
  registerAuth(app, { tokens: services.tokens, rateLimiter, adminToken: options.adminToken });
  registerIdempotency(app, services.idempotency);
  registerTokenRoute(app, {
    applications: services.applications,
    users: services.users,
    tokens: services.tokens,
    tokenLimitPer5Min: options.rateLimits.tokenPer5Min,
    nowMs: options.nowMs,
  });
  registerUserRoutes(app, {
    users: services.users,
    cursors: services.cursors,
    base: options.publicUrl,
  });
  const dataDeps = {
    connections: services.connections,
    cursors: services.cursors,
    base: options.publicUrl,
  };
  registerConnectionRoutes(app, dataDeps);
  registerAccountRoutes(app, dataDeps);
  registerInstitutionRoutes(app, { base: options.publicUrl, institutions: services.institutions });
  registerEventRoutes(app, {
    events: services.events,
    cursors: services.cursors,
    base: options.publicUrl,
  });
  registerAdminRoutes(app, {
    applications: services.applications,
    tokens: services.tokens,
    base: options.publicUrl,
    sandbox: services.sandbox,
    reencrypt: services.reencrypt,
    backup: services.backup,
  });
  if (services.sandbox)
    registerSandboxRoutes(app, { sandbox: services.sandbox, base: options.publicUrl });
  registerUnprovidedRoutes(app);
  return app;
}
