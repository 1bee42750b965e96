import { AppError } from '../../kernel/errors.ts';

/** What identifies one idempotent request (api.md §6). */
export interface IdempotencyScope {
  applicationId: string;
  subject: string;
  method: string;
  path: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyEntry =
  { state: 'running'; bodyHash: string } | ({ state: 'done'; bodyHash: string } & StoredResponse);

export interface IdempotencyRepository {
  /** Claims the scope for a new request; else returns what is there (expired entries are replaced). */
  claim(
    scope: IdempotencyScope,
    bodyHash: string,
    now: Date,
    expiresAt: Date,
  ): Promise<'claimed' | IdempotencyEntry>;
  complete(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  release(scope: IdempotencyScope): Promise<void>;
}

const keyPattern = /^[\x20-\x7e]{1,255}$/;

/** `Idempotency-Key` handling (api.md §6): replay finished requests, refuse reuse and overlap. */
export class IdempotencyService {
  constructor(
    private readonly deps: { repository: IdempotencyRepository; ttlS: number; nowMs: () => number },
  ) {}

  checkKey(key: string): void {
    if (!keyPattern.test(key)) {
      throw new AppError(
        'parameter-not-valid',
        'Idempotency-Key must be 1 to 255 printable ASCII characters.',
        {
          source: { parameter: 'Idempotency-Key' },
        },
      );
    }
  }

  /** `null`: go ahead (the scope is now claimed); else the response to replay. */
  async begin(scope: IdempotencyScope, bodyHash: string): Promise<StoredResponse | null> {
    this.checkKey(scope.key);
    const now = new Date(this.deps.nowMs());
    const expiresAt = new Date(now.getTime() + this.deps.ttlS * 1000);
    const entry = await this.deps.repository.claim(scope, bodyHash, now, expiresAt);
    if (entry === 'claimed') return null;
    if (entry.bodyHash !== bodyHash) {
      throw new AppError(
        'idempotency-key-mismatch',
        'This Idempotency-Key was used with a different request.',
        {
          source: { parameter: 'Idempotency-Key' },
        },
      );
    }
    if (entry.state === 'running') {
      throw new AppError(
        'idempotency-key-in-use',
        'A request with this Idempotency-Key is still running.',
        {
          retryAfterS: 1,
        },
      );
    }
    return { status: entry.status, headers: entry.headers, body: entry.body };
  }

  /** Stores the outcome (below 500), or frees the key so a retry runs again. */
  async finish(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    if (response.status >= 500) await this.deps.repository.release(scope);
    else await this.deps.repository.complete(scope, response);
  }
}
