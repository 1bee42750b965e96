import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApplicationsService } from '../../domain/applications/applications-service.ts';
import type { ApiVersion, Scope, TokenService } from '../../domain/auth/token-service.ts';
import type { UsersService } from '../../domain/users/users-service.ts';
import { AppError } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { errorResponses } from '../schemas/common.ts';
import { SlidingWindow } from '../plugins/rate-limit.ts';

const versions: readonly string[] = ['1.0', '2.0', '2.1', '3.0'];

const unauthorized = () =>
  new AppError('unauthorized-access', 'Unable to authenticate. Please, check your API key.');

function versionOf(request: FastifyRequest): ApiVersion {
  const raw = request.headers['basiq-version'];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  const source = { parameter: 'basiq-version', pointer: 'header/basiq-version' };
  if (value === undefined || value.trim() === '') {
    throw new AppError(
      'parameter-not-valid',
      'Basiq-version must be specified in HTTP request header',
      { source },
    );
  }
  const version = value.trim();
  if (!versions.includes(version)) {
    throw new AppError(
      'parameter-not-valid',
      `Basiq-version ${version} is not supported; use 1.0, 2.0, 2.1 or 3.0.`,
      {
        source,
      },
    );
  }
  return version as ApiVersion;
}

/** The key of `Authorization: Basic <key>`, or its standard-Basic fallback `base64(<key>:)`. */
function keyCandidates(request: FastifyRequest): string[] {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new AppError('parameter-not-supplied', 'Authorization header is required.', {
      source: { parameter: 'Authorization' },
    });
  }
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  const given = match[1];
  const candidates = [given];
  const decoded = Buffer.from(given, 'base64').toString('utf8');
  if (decoded.endsWith(':') && decoded.length > 1) candidates.push(decoded.slice(0, -1));
  return candidates;
}

/** `scope` and `userId` of any body shape a known client sends (api.md §2.2). */
function bodyFields(body: unknown): { scope: string | null; userId: string | null } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { scope: null, userId: null };
  const fields = body as Record<string, unknown>;
  const scope = typeof fields.scope === 'string' && fields.scope !== '' ? fields.scope : null;
  const rawUser = fields.userId ?? fields.userid;
  const userId = typeof rawUser === 'string' && rawUser !== '' ? rawUser : null;
  return { scope, userId };
}

/** `POST /token`: an API key exchanged for an access token (api.md §2.2). */
export function registerTokenRoute(
  app: FastifyInstance,
  deps: {
    applications: ApplicationsService;
    users: UsersService;
    tokens: TokenService;
    tokenLimitPer5Min: number;
    nowMs: () => number;
  },
): void {
  const perApplication = new SlidingWindow(deps.tokenLimitPer5Min, 300_000, deps.nowMs);
  const failuresPerIp = new SlidingWindow(60, 300_000, deps.nowMs);
  const tooMany = () =>
    new AppError('too-many-requests', 'Too many token requests; retry later.', { retryAfterS: 60 });

  app.post(
    '/token',
    {
      config: { access: 'key', formBody: true },
      schema: {
        tags: ['Authentication'],
        summary: 'Exchange an API key for an access token',
        security: [{ apiKey: [] }],
        headers: Type.Object({ 'basiq-version': Type.String({ enum: [...versions] }) }),
        body: Type.Optional(
          Type.Object({
            scope: Type.Optional(Type.String({ enum: ['SERVER_ACCESS', 'CLIENT_ACCESS'] })),
            userId: Type.Optional(Type.String()),
          }),
        ),
        response: {
          200: Type.Object({
            access_token: Type.String(),
            token_type: Type.Literal('Bearer'),
            expires_in: Type.Integer(),
          }),
          ...errorResponses([
            'parameter-not-supplied',
            'parameter-not-valid',
            'unauthorized-access',
            'too-many-requests',
            'invalid-content',
            'request-too-large',
            'unsupported-content-type',
          ]),
        },
      },
    },
    async (request) => {
      const candidates = keyCandidates(request);
      const version = versionOf(request);
      let found = null;
      for (const candidate of candidates) {
        found = await deps.applications.authenticate(candidate);
        if (found) break;
      }
      if (!found) {
        if (!failuresPerIp.hit(request.ip).allowed) throw tooMany();
        throw unauthorized();
      }
      if (!perApplication.hit(found.application.id).allowed) throw tooMany();

      const { scope: rawScope, userId } = bodyFields(request.body);
      let scope: Scope;
      if (rawScope === 'SERVER_ACCESS' || rawScope === 'CLIENT_ACCESS') scope = rawScope;
      else if (rawScope !== null && version === '3.0') {
        throw new AppError('parameter-not-valid', 'Scope must be SERVER_ACCESS or CLIENT_ACCESS.', {
          source: { parameter: 'scope' },
        });
      } else scope = 'SERVER_ACCESS';

      let boundUser: string | null = null;
      if (scope === 'CLIENT_ACCESS') {
        if (userId !== null) {
          const exists = isUuid(userId) && (await deps.users.exists(found.application.id, userId));
          if (!exists) {
            throw new AppError(
              'parameter-not-valid',
              'Provided userId does not name a user of this application.',
              {
                source: { parameter: 'userId' },
              },
            );
          }
          boundUser = userId;
        } else if (version === '3.0') {
          throw new AppError('parameter-not-supplied', 'A CLIENT_ACCESS token needs a userId.', {
            source: { parameter: 'userId' },
          });
        }
      }
      const accessToken = await deps.tokens.mint({
        applicationId: found.application.id,
        keyId: found.key.id,
        scope,
        version,
        userId: boundUser,
      });
      return { access_token: accessToken, token_type: 'Bearer', expires_in: deps.tokens.ttlS };
    },
  );
}
