import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenClaims } from '../../domain/auth/token-service.ts';
import { AppError } from '../../kernel/errors.ts';

interface Window {
  start: number;
  current: number;
  previous: number;
}

/**
 * A sliding window counter: the previous fixed window's count weighted by how much of it still
 * overlaps the last `windowMs`, plus the current one's. Memory per key is constant.
 */
export class SlidingWindow {
  #windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly nowMs: () => number,
  ) {}

  /** Counts one hit; returns what is left and when the window frees up, or null when over. */
  hit(key: string): { remaining: number; resetS: number; allowed: boolean } {
    const now = this.nowMs();
    const start = now - (now % this.windowMs);
    let w = this.#windows.get(key);
    if (!w || start - w.start >= 2 * this.windowMs) w = { start, current: 0, previous: 0 };
    else if (start !== w.start) w = { start, current: 0, previous: w.current };
    const overlap = 1 - (now - start) / this.windowMs;
    const used = Math.floor(w.previous * overlap) + w.current;
    const resetS = Math.ceil((start + this.windowMs - now) / 1000);
    if (used >= this.limit) {
      this.#windows.set(key, w);
      return { remaining: 0, resetS, allowed: false };
    }
    w.current++;
    this.#windows.set(key, w);
    if (this.#windows.size > 100_000) this.#prune(start);
    return { remaining: Math.max(0, this.limit - used - 1), resetS, allowed: true };
  }

  #prune(start: number): void {
    for (const [key, w] of this.#windows)
      if (start - w.start >= 2 * this.windowMs) this.#windows.delete(key);
  }
}

/** Request limits per application and per client token, per process (api.md §11.1). */
export class RateLimiter {
  #perApplication: SlidingWindow;
  #perClient: SlidingWindow;

  constructor(
    private readonly limits: { perApplication: number; perClient: number },
    nowMs: () => number,
  ) {
    this.#perApplication = new SlidingWindow(limits.perApplication, 60_000, nowMs);
    this.#perClient = new SlidingWindow(limits.perClient, 60_000, nowMs);
  }

  check(_request: FastifyRequest, reply: FastifyReply, claims: TokenClaims): void {
    const app = this.#perApplication.hit(claims.applicationId);
    let limit = this.limits.perApplication;
    let state = app;
    if (claims.scope === 'CLIENT_ACCESS') {
      const client = this.#perClient.hit(claims.tokenId);
      if (!client.allowed || client.remaining < state.remaining) {
        limit = this.limits.perClient;
        state = client;
      }
    }
    void reply.header('RateLimit-Limit', String(limit));
    void reply.header('RateLimit-Remaining', String(state.remaining));
    void reply.header('RateLimit-Reset', String(state.resetS));
    if (!state.allowed) {
      throw new AppError(
        'too-many-requests',
        'Too many requests; slow down and retry after the indicated time.',
        {
          retryAfterS: Math.max(1, state.resetS),
        },
      );
    }
  }
}
