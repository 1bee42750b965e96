import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConnectionsService } from '../../domain/connections/connections-service.ts';
import type { Connection, JobPosition } from '../../domain/connections/connection-types.ts';
import { jobTriggers } from '../../domain/connections/connection-types.ts';
import { parseFilter, type FilterFields } from '../../domain/filters/filter.ts';
import type { CursorCodec } from '../../kernel/cursor.ts';
import {
  callerApplicationId,
  keysetPage,
  limitParam,
  listBody,
  queryParam,
  selfLink,
  uuidParam,
} from '../http.ts';
import {
  presentConnection,
  presentConnectionInList,
  presentJob,
  presentJobReference,
  presentPurgeReceipt,
} from '../presenters/connections.ts';
import { connectionSchemas } from '../schemas/connections.ts';

const idOps = ['eq', 'ne', 'in'] as const;

const connectionStatusField = {
  ops: idOps,
  kind: 'enum',
  values: ['pending', 'pre-init', 'init', 'active', 'invalid', 'deleted'],
} as const;
const connectionMethodField = {
  ops: idOps,
  kind: 'enum',
  values: ['web', 'open-banking'],
  aliases: { openbanking: 'open-banking' },
} as const;

/** connections.md §1 names the fields bare (`status.eq('deleted')`); the prefixed forms work too. */
export const connectionFilterFields: FilterFields = {
  id: { ops: idOps, kind: 'uuid' },
  status: connectionStatusField,
  method: connectionMethodField,
  'connection.id': { ops: idOps, kind: 'uuid' },
  'connection.status': connectionStatusField,
  'connection.method': connectionMethodField,
  'institution.id': { ops: idOps, kind: 'institution-id' },
};

export const jobFilterFields: FilterFields = {
  'connection.id': { ops: ['eq', 'in'], kind: 'uuid' },
  'job.status': { ops: ['eq', 'in'], kind: 'enum', values: ['in-progress', 'success', 'failed'] },
  'job.trigger': { ops: ['eq', 'in'], kind: 'enum', values: jobTriggers },
};

function isJobPosition(value: unknown): value is JobPosition {
  const p = value as Partial<JobPosition> | null;
  return !!p && typeof p.createdAt === 'string' && typeof p.id === 'string';
}

/** The user a CLIENT_ACCESS token is bound to, or null for server tokens and unbound clients. */
function boundUser(request: FastifyRequest): string | null {
  const auth = request.auth;
  return auth && auth.scope === 'CLIENT_ACCESS' ? auth.userId : null;
}

/** Connections and jobs (connections.md §1, §3–§6, §10). */
export function registerConnectionRoutes(
  app: FastifyInstance,
  deps: { connections: ConnectionsService; cursors: CursorCodec; base: string },
): void {
  const { connections, cursors, base } = deps;
  const present = async (connection: Connection) =>
    presentConnectionInList(base, connection, await connections.connectionState(connection));

  app.get(
    '/users/:userId/connections',
    { config: { access: 'client' }, schema: connectionSchemas.list },
    async (request) => {
      const userId = uuidParam(request, 'userId');
      const filter = parseFilter(queryParam(request, 'filter'), connectionFilterFields);
      const list = await connections.listConnections(callerApplicationId(request), userId, filter);
      const data = await Promise.all(list.map(present));
      return listBody(data, data.length, { self: selfLink(base, request) });
    },
  );

  app.post(
    '/users/:userId/connections',
    { config: { access: 'client' }, schema: connectionSchemas.create },
    async (request, reply) => {
      const job = await connections.create(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        request.body,
      );
      return reply.code(202).send(presentJobReference(base, job));
    },
  );

  app.post(
    '/users/:userId/connections/refresh',
    { config: { access: 'client', anyBody: true }, schema: connectionSchemas.refreshAll },
    async (request, reply) => {
      const outcome = await connections.refreshAll(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
      );
      const data = outcome.jobs.map((job) => presentJobReference(base, job));
      return reply.code(202).send({
        ...listBody(data, data.length, { self: selfLink(base, request) }),
        skipped: outcome.skipped,
      });
    },
  );

  app.get(
    '/users/:userId/connections/:connectionId',
    { config: { access: 'client' }, schema: connectionSchemas.get },
    async (request) => {
      const { connection, accounts } = await connections.getConnection(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'connectionId'),
      );
      return presentConnection(
        base,
        connection,
        accounts,
        await connections.connectionState(connection),
      );
    },
  );

  app.post(
    '/users/:userId/connections/:connectionId',
    { config: { access: 'client' }, schema: connectionSchemas.update },
    async (request, reply) => {
      const job = await connections.updateCredentials(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'connectionId'),
        request.body,
      );
      return reply.code(202).send(presentJobReference(base, job));
    },
  );

  app.delete(
    '/users/:userId/connections/:connectionId',
    { config: { access: 'client' }, schema: connectionSchemas.delete },
    async (request, reply) => {
      await connections.delete(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'connectionId'),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/users/:userId/connections/:connectionId/refresh',
    { config: { access: 'client', anyBody: true }, schema: connectionSchemas.refresh },
    async (request, reply) => {
      const job = await connections.refresh(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        uuidParam(request, 'connectionId'),
      );
      return reply.code(202).send(presentJobReference(base, job));
    },
  );

  app.post(
    '/users/:userId/connections/:connectionId/purge',
    { config: { access: 'server', anyBody: true }, schema: connectionSchemas.purge },
    async (request, reply) => {
      const userId = uuidParam(request, 'userId');
      const receipt = await connections.purge(
        callerApplicationId(request),
        userId,
        uuidParam(request, 'connectionId'),
      );
      const prefer = request.headers.prefer;
      if (typeof prefer === 'string' && /(^|[;,\s])return=representation\b/i.test(prefer)) {
        return reply.code(200).send(presentPurgeReceipt(base, userId, receipt));
      }
      return reply.code(204).send();
    },
  );

  const listJobs = async (request: FastifyRequest, connectionId: string | null) => {
    const applicationId = callerApplicationId(request);
    const userId = uuidParam(request, 'userId');
    const rawFilter = queryParam(request, 'filter');
    const filter = parseFilter(rawFilter, jobFilterFields);
    if (connectionId !== null) {
      await connections.requireConnection(applicationId, userId, connectionId);
    }
    const scoped =
      connectionId === null
        ? filter
        : [
            ...filter,
            {
              field: 'connection.id',
              op: 'eq' as const,
              values: [connectionId],
              kind: 'uuid' as const,
            },
          ];
    const limit = limitParam(request, 100, 500);
    return keysetPage(request, {
      base,
      cursors,
      scope: `jobs:${applicationId}:${userId}:${connectionId ?? ''}:${rawFilter ?? ''}`,
      limit,
      isPosition: isJobPosition,
      fetch: (after, size) => connections.listJobs(applicationId, userId, scoped, after, size),
      positionOf: (job) => ({ createdAt: job.createdAt.toISOString(), id: job.id }),
      present: (job) => presentJob(base, job),
    });
  };

  app.get(
    '/users/:userId/jobs',
    { config: { access: 'client' }, schema: connectionSchemas.listJobs },
    (request) => listJobs(request, null),
  );

  app.get(
    '/users/:userId/connections/:connectionId/jobs',
    { config: { access: 'client' }, schema: connectionSchemas.listConnectionJobs },
    (request) => listJobs(request, uuidParam(request, 'connectionId')),
  );

  app.get(
    '/jobs/:jobId',
    { config: { access: 'client' }, schema: connectionSchemas.getJob },
    async (request) => {
      const job = await connections.getJob(
        callerApplicationId(request),
        uuidParam(request, 'jobId'),
        boundUser(request),
      );
      return presentJob(base, job);
    },
  );

  app.post(
    '/jobs/:jobId/mfa',
    { config: { access: 'client' }, schema: connectionSchemas.answerMfa },
    async (request, reply) => {
      const job = await connections.answerMfa(
        callerApplicationId(request),
        uuidParam(request, 'jobId'),
        boundUser(request),
        request.body,
      );
      return reply.code(202).send(presentJobReference(base, job));
    },
  );
}
