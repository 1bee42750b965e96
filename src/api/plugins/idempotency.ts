import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  IdempotencyScope,
  IdempotencyService,
} from '../../domain/idempotency/idempotency-service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyScope | null;
  }
}

const kept = ['location', 'retry-after'];

/**
 * `Idempotency-Key` on every authenticated POST and DELETE except `/token` (api.md §6): the first
 * request runs and its response is stored; a repeat replays it with `Idempotent-Replayed: true`.
 */
export function registerIdempotency(app: FastifyInstance, service: IdempotencyService): void {
  app.decorateRequest('idempotency', null);

  const begin = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const access = request.routeOptions.config.access;
    if (!request.auth || (access !== 'server' && access !== 'client')) return;
    const key = Array.isArray(header) ? (header.at(-1) ?? '') : header;
    const scope: IdempotencyScope = {
      applicationId: request.auth.applicationId,
      subject: `${request.auth.scope}:${request.auth.userId ?? ''}`,
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      key,
    };
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const stored = await service.begin(scope, bodyHash);
    if (stored) {
      for (const [name, value] of Object.entries(stored.headers)) void reply.header(name, value);
      void reply.header('Idempotent-Replayed', 'true');
      if (stored.body === '') return reply.code(stored.status).send();
      return reply.code(stored.status).type('application/json; charset=utf-8').send(stored.body);
    }
    request.idempotency = scope;
  };
  // Synchronous fast path: most requests carry no key and are not POST or DELETE.
  app.addHook('preHandler', (request, reply, done) => {
    if (
      (request.method !== 'POST' && request.method !== 'DELETE') ||
      request.headers['idempotency-key'] === undefined
    ) {
      done();
      return;
    }
    begin(request, reply).then(() => done(), done);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.idempotency) {
      done(null, payload);
      return;
    }
    finish(request, reply, payload).then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });

  const finish = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const scope = request.idempotency;
    if (!scope) return;
    request.idempotency = null;
    const headers: Record<string, string> = {};
    for (const name of kept) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await service.finish(scope, {
      status: reply.statusCode,
      headers,
      body:
        typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString('utf8')
            : '',
    });
  };
}
