import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApplicationsService } from '../../domain/applications/applications-service.ts';
import type { TokenService } from '../../domain/auth/token-service.ts';
import type { SandboxControl } from '../../domain/sandbox/sandbox-control.ts';
import { uuidParam } from '../http.ts';
import { presentApplication, presentIssuedKey, presentKey } from '../presenters/applications.ts';
import { errorResponses, Uuid } from '../schemas/common.ts';

const security = [{ adminToken: [] }];
const tags = ['Admin'];
const adminErrors = [
  'invalid-authorization-token',
  'resource-not-found',
  'parameter-not-valid',
] as const;
const ApplicationSchema = Type.Object({
  type: Type.Literal('application'),
  id: Uuid,
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdDate: Type.String(),
});
const KeySchema = Type.Object({
  type: Type.Literal('api-key'),
  id: Uuid,
  applicationId: Uuid,
  value: Type.Optional(Type.String()),
  hint: Type.String(),
  status: Type.String(),
  createdDate: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
const ApplicationWithKeySchema = Type.Object({
  type: Type.Literal('application'),
  id: Uuid,
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdDate: Type.String(),
  key: KeySchema,
});
const NameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
const UpdateBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
});
const applicationParams = Type.Object({ applicationId: Uuid });
const keyParams = Type.Object({ keyId: Uuid });
const ApplicationInListSchema = Type.Object({
  ...ApplicationSchema.properties,
  keys: Type.Integer(),
});
const list = (item: typeof ApplicationInListSchema | typeof KeySchema) =>
  Type.Object({
    type: Type.Literal('list'),
    count: Type.Integer(),
    size: Type.Integer(),
    data: Type.Array(item),
    links: Type.Object({ self: Type.String() }),
  });

function body(request: { body: unknown }): Record<string, unknown> {
  const value = request.body;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The admin API for applications and keys (api.md §12), behind the admin token only. */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: {
    applications: ApplicationsService;
    tokens: TokenService;
    base: string;
    /** The sandbox banks, for `POST /admin/sandbox/reset`; null with the sandbox off. */
    sandbox: Pick<SandboxControl, 'reset'> | null;
    /** `POST /admin/reencrypt` (operations.md §8.3). */
    reencrypt: () => Promise<{ reencrypted: number; unreadable: number }>;
    /** `POST /admin/backup`: writes the archive's lines through `write` (operations.md §12). */
    backup: (write: (chunk: string) => Promise<void>) => Promise<unknown>;
  },
): void {
  const { applications, tokens, base, sandbox } = deps;
  const config = { access: 'admin' as const };

  app.post(
    '/admin/applications',
    {
      config,
      schema: {
        tags,
        summary: 'Create an application and its first key',
        security,
        body: NameBody,
        response: {
          201: ApplicationWithKeySchema,
          ...errorResponses([...adminErrors, 'invalid-content']),
        },
      },
    },
    async (request, reply) => {
      const { application, key } = await applications.createApplication(body(request).name);
      return reply
        .code(201)
        .send({ ...presentApplication(application), key: key ? presentIssuedKey(key) : null });
    },
  );

  app.get(
    '/admin/applications',
    {
      config,
      schema: {
        tags,
        summary: 'List applications',
        security,
        response: { 200: list(ApplicationInListSchema), ...errorResponses(adminErrors) },
      },
    },
    async () => {
      const all = await applications.listApplications();
      return {
        type: 'list',
        count: all.length,
        size: all.length,
        data: all.map((a) => ({ ...presentApplication(a), keys: a.keys })),
        links: { self: `${base}/admin/applications` },
      };
    },
  );

  app.get(
    '/admin/applications/:applicationId',
    {
      config,
      schema: {
        tags,
        summary: 'Read an application',
        security,
        params: applicationParams,
        response: { 200: ApplicationSchema, ...errorResponses(adminErrors) },
      },
    },
    async (request) =>
      presentApplication(await applications.getApplication(uuidParam(request, 'applicationId'))),
  );

  app.post(
    '/admin/applications/:applicationId',
    {
      config,
      schema: {
        tags,
        summary: 'Rename, disable or enable an application',
        security,
        params: applicationParams,
        body: UpdateBody,
        response: { 200: ApplicationSchema, ...errorResponses(adminErrors) },
      },
    },
    async (request) => {
      const fields = body(request);
      const updated = await applications.updateApplication(uuidParam(request, 'applicationId'), {
        name: fields.name,
        status: fields.status,
      });
      tokens.markApplicationStatus(updated.id, updated.status === 'disabled');
      return presentApplication(updated);
    },
  );

  app.post(
    '/admin/applications/:applicationId/keys',
    {
      config,
      schema: {
        tags,
        summary: 'Add a key to an application',
        security,
        params: applicationParams,
        response: { 201: KeySchema, ...errorResponses(adminErrors) },
      },
    },
    async (request, reply) => {
      const issued = await applications.createKey(uuidParam(request, 'applicationId'));
      return reply.code(201).send(presentIssuedKey(issued));
    },
  );

  app.get(
    '/admin/applications/:applicationId/keys',
    {
      config,
      schema: {
        tags,
        summary: "List an application's keys (never their values)",
        security,
        params: applicationParams,
        response: { 200: list(KeySchema), ...errorResponses(adminErrors) },
      },
    },
    async (request) => {
      const keys = await applications.listKeys(uuidParam(request, 'applicationId'));
      return {
        type: 'list',
        count: keys.length,
        size: keys.length,
        data: keys.map((k) => presentKey(k)),
        links: { self: `${base}${request.url}` },
      };
    },
  );

  app.delete(
    '/admin/keys/:keyId',
    {
      config,
      schema: {
        tags,
        summary: 'Revoke a key and every token minted with it',
        security,
        params: keyParams,
        response: { 204: Type.Null(), ...errorResponses(adminErrors) },
      },
    },
    async (request, reply) => {
      const key = await applications.revokeKey(uuidParam(request, 'keyId'));
      tokens.markRevokedKey(key.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/admin/reencrypt',
    {
      config,
      schema: {
        tags,
        summary: 'Seal every stored secret under the current encryption key',
        security,
        response: {
          200: Type.Object({ reencrypted: Type.Integer(), unreadable: Type.Integer() }),
          ...errorResponses(adminErrors),
        },
      },
    },
    () => deps.reencrypt(),
  );

  app.post(
    '/admin/backup',
    {
      config,
      schema: {
        tags,
        summary: 'A consistent backup archive of the deployment (gzip)',
        security,
        response: {
          200: Type.String({ description: 'application/gzip: the archive of operations.md §12' }),
          ...errorResponses(adminErrors),
        },
      },
    },
    (_request, reply) => {
      const gzip = createGzip();
      deps
        .backup(async (chunk) => {
          if (!gzip.write(chunk)) await once(gzip, 'drain');
        })
        .then(
          () => gzip.end(),
          (error: unknown) =>
            gzip.destroy(error instanceof Error ? error : new Error('backup failed')),
        );
      return reply.header('content-type', 'application/gzip').send(gzip);
    },
  );

  // The CLI's `tributary sandbox reset` against a running server (operations.md §5.2).
  if (sandbox) {
    app.post(
      '/admin/sandbox/reset',
      {
        config,
        schema: {
          tags,
          summary: 'Reset the sandbox banks, as POST /sandbox/reset',
          security,
          response: { 204: Type.Null(), ...errorResponses(adminErrors) },
        },
      },
      (_request, reply) => {
        sandbox.reset();
        return reply.code(204).send();
      },
    );
  }
}
