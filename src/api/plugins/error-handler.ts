import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  DatabaseUnavailableError,
  errorCatalogue,
  type ErrorCode,
  type ErrorItem,
} from '../../kernel/errors.ts';

/** The error envelope of api.md §5.1. */
export function errorBody(correlationId: string, items: readonly ErrorItem[]) {
  return {
    type: 'list',
    correlationId,
    data: items.slice(0, 20).map((item) => ({
      type: 'error',
      code: item.code,
      title: errorCatalogue[item.code].title,
      detail: item.detail,
      source: item.source ?? null,
    })),
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  if (error.retryAfterS !== null) void reply.header('Retry-After', String(error.retryAfterS));
  else if (error.status === 429 || error.status === 503) void reply.header('Retry-After', '1');
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send(errorBody(request.id, error.items()));
}

const byStatus: Record<number, [ErrorCode, string]> = {
  400: ['invalid-content', 'The request body could not be read as JSON.'],
  404: ['resource-not-found', 'No route matches this path.'],
  413: ['request-too-large', 'The request body is larger than this server accepts.'],
  415: ['unsupported-content-type', 'This route does not take a body of that Content-Type.'],
  503: ['service-unavailable', 'The service is unavailable; try again shortly.'],
};

/** Framework and parser failures, by the status fastify gives them. */
function translate(error: FastifyError): AppError | null {
  if (error.validation) {
    return new AppError('parameter-not-valid', error.message);
  }
  const translated = error.statusCode === undefined ? undefined : byStatus[error.statusCode];
  return translated ? new AppError(translated[0], translated[1]) : null;
}

/**
 * The one renderer of errors (ARCHITECTURE §4.2): expected outcomes with their code, framework
 * failures translated, anything else logged in full and answered with the generic internal error.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  allowedMethods: (url: string) => string[],
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error);
    if (error instanceof DatabaseUnavailableError) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(
        request,
        reply,
        new AppError(
          'service-unavailable',
          'The service is temporarily unavailable; retry shortly.',
          {
            retryAfterS: 5,
          },
        ),
      );
    }
    const translated =
      typeof error.statusCode === 'number' && error.statusCode < 600 ? translate(error) : null;
    if (translated) return sendError(request, reply, translated);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(
      request,
      reply,
      new AppError('internal-server-error', 'Internal server error. Please contact support.'),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0) {
      return sendError(
        request,
        reply,
        new AppError('method-not-allowed', `This path does not take ${request.method}.`, {
          headers: { Allow: allowed.join(', ') },
        }),
      );
    }
    return sendError(
      request,
      reply,
      new AppError('resource-not-found', 'No route matches this path.'),
    );
  });
}
