import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenClaims, TokenService } from '../../domain/auth/token-service.ts';
import { constantTimeEqual } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import type { RateLimiter } from './rate-limit.ts';

/**
 * Who may call a route (api.md §13): `public` anyone; `server` a SERVER_ACCESS token; `client`
 * also a CLIENT_ACCESS token for its own user (the `userId` path parameter); `key` the API key
 * itself (`POST /token`); `admin` the admin token; `html` pages with their own rules.
 */
export type Access = 'public' | 'server' | 'client' | 'key' | 'admin' | 'html';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The verified token of an authenticated request. */
    auth: TokenClaims | null;
  }
}

const invalidToken = () =>
  new AppError('invalid-authorization-token', 'Invalid authorization token.', {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });

/**
 * The admin API answers only to the admin token, compared in constant time; with no admin token
 * configured it does not exist (operations.md §6).
 */
function checkAdmin(request: FastifyRequest, adminToken: string | null): void {
  if (adminToken === null) throw new AppError('resource-not-found', 'No route matches this path.');
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !constantTimeEqual(match[1], adminToken)) {
    throw new AppError('invalid-authorization-token', 'This route needs the admin token.', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
}

/** The bearer token of a request, or the 401 of api.md §2.3. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (typeof header !== 'string') throw invalidToken();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw invalidToken();
  return match[1];
}

/**
 * Checks every route's access rule before its body is read: token, scope, and for client tokens
 * the user they are bound to — decided from the token alone, so it reveals nothing (api.md §2.3).
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { tokens: TokenService; rateLimiter: RateLimiter; adminToken: string | null },
): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'admin') return checkAdmin(request, deps.adminToken);
    if (access !== 'server' && access !== 'client') return;
    const claims = await deps.tokens.verify(bearerToken(request));
    request.auth = claims;
    request.appId = claims.applicationId;
    deps.rateLimiter.check(request, reply, claims);
    if (claims.scope === 'SERVER_ACCESS') return;
    if (access === 'server') {
      throw new AppError('forbidden-access', 'This route needs a SERVER_ACCESS token.');
    }
    const params = request.params as Record<string, string | undefined>;
    const userId = params.userId;
    if (
      claims.userId !== null &&
      userId !== undefined &&
      (!isUuid(userId) || userId !== claims.userId)
    ) {
      throw new AppError(
        'forbidden-access',
        'This CLIENT_ACCESS token may only act on its own user.',
      );
    }
  });
}
