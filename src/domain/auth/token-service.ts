import { errors as joseErrors, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';

export type Scope = 'SERVER_ACCESS' | 'CLIENT_ACCESS';
export type ApiVersion = '1.0' | '2.0' | '2.1' | '3.0';

/** What a verified access token says about its caller. */
export interface TokenClaims {
  applicationId: string;
  keyId: string;
  scope: Scope;
  version: ApiVersion;
  /** The user a client token is bound to; null for server and unbound (v2) client tokens. */
  userId: string | null;
  tokenId: string;
}

export interface SigningKey {
  id: string;
  secret: Uint8Array;
}

export interface TokenServiceDeps {
  /** Verification keys, the first one signs. */
  keys: readonly SigningKey[];
  /** Reloads keys when a token names a kid this process does not know (another process made it). */
  reloadKeys: () => Promise<readonly SigningKey[]>;
  ttlS: number;
  issuer: string;
  /** Revoked key ids and disabled applications (operations.md §4.3: within 60 s everywhere). */
  loadRevocations: () => Promise<{ revokedKeyIds: string[]; disabledApplicationIds: string[] }>;
  /** Wall-clock milliseconds: token times never follow the sandbox clock (api.md §2.2). */
  nowMs: () => number;
}

const invalid = () =>
  new AppError('invalid-authorization-token', 'Invalid authorization token.', {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });

const revocationRefreshMs = 30_000;
const reloadBackoffMs = 5_000;
const verifiedCacheSize = 10_000;

/**
 * Mints and verifies access tokens (HS256 JWTs, api.md §2.2–§2.3). Verification needs no
 * database call: keys and revocations are held in memory and refreshed at most every 30 s.
 */
export class TokenService {
  #keys: Map<string, SigningKey>;
  #signing: SigningKey;
  #revokedKeys = new Set<string>();
  #disabledApps = new Set<string>();
  #revocationsAt = 0;
  #refreshing: Promise<void> | null = null;
  #lastReload = 0;
  #verified = new Map<string, { claims: TokenClaims; expMs: number }>();

  constructor(private readonly deps: TokenServiceDeps) {
    const first = deps.keys[0];
    if (!first) throw new Error('a token signing key is required');
    this.#signing = first;
    this.#keys = new Map(deps.keys.map((k) => [k.id, k]));
  }

  get ttlS(): number {
    return this.deps.ttlS;
  }

  async mint(claims: Omit<TokenClaims, 'tokenId'>): Promise<string> {
    const nowS = Math.floor(this.deps.nowMs() / 1000);
    const payload: Record<string, string> = {
      applicationid: claims.applicationId,
      partnerid: claims.applicationId,
      keyid: claims.keyId,
      scope: claims.scope,
      version: claims.version,
    };
    if (claims.userId) payload.userid = claims.userId;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid: this.#signing.id, typ: 'JWT' })
      .setIssuer(this.deps.issuer)
      .setSubject(claims.applicationId)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + this.deps.ttlS)
      .setJti(newId())
      .sign(this.#signing.secret);
  }

  /** Forget tokens of a key or application at once on this process (others within 60 s). */
  markRevokedKey(keyId: string): void {
    this.#revokedKeys.add(keyId);
  }

  markApplicationStatus(applicationId: string, disabled: boolean): void {
    if (disabled) this.#disabledApps.add(applicationId);
    else this.#disabledApps.delete(applicationId);
  }

  async #refreshRevocations(): Promise<void> {
    if (this.deps.nowMs() - this.#revocationsAt < revocationRefreshMs) return;
    this.#refreshing ??= this.deps
      .loadRevocations()
      .then((r) => {
        this.#revokedKeys = new Set(r.revokedKeyIds);
        this.#disabledApps = new Set(r.disabledApplicationIds);
        this.#revocationsAt = this.deps.nowMs();
      })
      .finally(() => {
        this.#refreshing = null;
      });
    await this.#refreshing;
  }

  async #keyFor(kid: string): Promise<SigningKey | null> {
    const known = this.#keys.get(kid);
    if (known) return known;
    if (this.deps.nowMs() - this.#lastReload < reloadBackoffMs) return null;
    this.#lastReload = this.deps.nowMs();
    const keys = await this.deps.reloadKeys();
    this.#keys = new Map(keys.map((k) => [k.id, k]));
    return this.#keys.get(kid) ?? null;
  }

  /** The caller of a bearer token, or the 401/403 of api.md §2.3. */
  async verify(token: string): Promise<TokenClaims> {
    // A token is checked cryptographically once; until it expires, later requests that present
    // the same string only repeat the expiry and revocation checks (the hot path of every call).
    const cached = this.#verified.get(token);
    if (cached && cached.expMs > this.deps.nowMs()) {
      await this.#refreshRevocations();
      if (
        this.#revokedKeys.has(cached.claims.keyId) ||
        this.#disabledApps.has(cached.claims.applicationId)
      ) {
        throw invalid();
      }
      return cached.claims;
    }
    const claims = await this.#verifySignature(token);
    if (this.#verified.size >= verifiedCacheSize) this.#verified.clear();
    this.#verified.set(token, claims);
    return claims.claims;
  }

  async #verifySignature(token: string): Promise<{ claims: TokenClaims; expMs: number }> {
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'HS256' || typeof header.kid !== 'string') throw invalid();
      kid = header.kid;
    } catch {
      throw invalid();
    }
    const key = await this.#keyFor(kid);
    if (!key) throw invalid();
    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, key.secret, {
        // No issuer check: a token stays valid across restarts and a changed public URL (api.md §2.2).
        algorithms: ['HS256'],
        currentDate: new Date(this.deps.nowMs()),
      });
      payload = verified.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new AppError('access-denied', 'Token has expired');
      }
      throw invalid();
    }
    const claims = readClaims(payload);
    if (!claims || typeof payload.exp !== 'number') throw invalid();
    await this.#refreshRevocations();
    if (this.#revokedKeys.has(claims.keyId) || this.#disabledApps.has(claims.applicationId)) {
      throw invalid();
    }
    return { claims, expMs: payload.exp * 1000 };
  }
}

function readClaims(payload: Record<string, unknown>): TokenClaims | null {
  const { applicationid, keyid, scope, version, userid, jti } = payload;
  if (typeof applicationid !== 'string' || typeof keyid !== 'string' || typeof jti !== 'string')
    return null;
  if (scope !== 'SERVER_ACCESS' && scope !== 'CLIENT_ACCESS') return null;
  if (version !== '1.0' && version !== '2.0' && version !== '2.1' && version !== '3.0') return null;
  if (userid !== undefined && typeof userid !== 'string') return null;
  return {
    applicationId: applicationid,
    keyId: keyid,
    scope,
    version,
    userId: userid ?? null,
    tokenId: jti,
  };
}
