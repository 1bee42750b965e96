import type { FastifyInstance } from 'fastify';
import { parseFilter, type FilterFields } from '../../domain/filters/filter.ts';
import type { UsersService } from '../../domain/users/users-service.ts';
import type { CreatedPosition } from '../../domain/users/users-types.ts';
import type { CursorCodec } from '../../kernel/cursor.ts';
import { callerApplicationId, keysetPage, limitParam, queryParam, uuidParam } from '../http.ts';
import { presentUser, presentUserInList } from '../presenters/users.ts';
import { userSchemas } from '../schemas/users.ts';

export const userFilterFields: FilterFields = {
  'user.email': { ops: ['eq', 'in'], kind: 'string' },
  'user.mobile': { ops: ['eq', 'in'], kind: 'string' },
  'user.externalId': { ops: ['eq', 'in'], kind: 'string' },
  'user.createdDate': { ops: ['gt', 'gteq', 'lt', 'lteq', 'bt'], kind: 'datetime' },
};

function isPosition(value: unknown): value is CreatedPosition {
  const p = value as Partial<CreatedPosition> | null;
  return !!p && typeof p.createdAt === 'string' && typeof p.id === 'string';
}

/** Users (api.md §7). */
export function registerUserRoutes(
  app: FastifyInstance,
  deps: { users: UsersService; cursors: CursorCodec; base: string },
): void {
  const { users, cursors, base } = deps;

  app.post(
    '/users',
    { config: { access: 'server' }, schema: userSchemas.create },
    async (request, reply) => {
      const user = await users.create(callerApplicationId(request), request.body);
      return reply.code(201).send(presentUser(base, user));
    },
  );

  app.get('/users', { config: { access: 'server' }, schema: userSchemas.list }, async (request) => {
    const applicationId = callerApplicationId(request);
    const rawFilter = queryParam(request, 'filter');
    const filter = parseFilter(rawFilter, userFilterFields);
    const limit = limitParam(request, 100, 500);
    return keysetPage(request, {
      base,
      cursors,
      scope: `users:${applicationId}:${rawFilter ?? ''}`,
      limit,
      isPosition,
      fetch: (after, size) => users.list(applicationId, filter, after, size),
      positionOf: (user) => ({ createdAt: user.createdAt.toISOString(), id: user.id }),
      present: (user) => presentUserInList(base, user),
    });
  });

  app.get(
    '/users/:userId',
    { config: { access: 'client' }, schema: userSchemas.get },
    async (request) => {
      const found = await users.getWithReferences(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
      );
      return presentUser(base, found.user, {
        connections: found.connectionIds.map((id) => ({ id })),
        accounts: found.accountIds.map((id) => ({ id })),
      });
    },
  );

  app.post(
    '/users/:userId',
    { config: { access: 'server' }, schema: userSchemas.update },
    async (request) => {
      const user = await users.update(
        callerApplicationId(request),
        uuidParam(request, 'userId'),
        request.body,
      );
      return presentUser(base, user);
    },
  );

  app.delete(
    '/users/:userId',
    { config: { access: 'server' }, schema: userSchemas.delete },
    async (request, reply) => {
      await users.delete(callerApplicationId(request), uuidParam(request, 'userId'));
      return reply.code(204).send();
    },
  );
}
