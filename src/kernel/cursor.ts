import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque pagination cursors (api.md §3): a keyset position plus the scope it was made for (route,
 * user, filter), signed so that a tampered or foreign cursor is refused rather than trusted.
 */
export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  #sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }

  encode(scope: string, position: unknown): string {
    const body = Buffer.from(JSON.stringify({ s: scope, p: position })).toString('base64url');
    return `${body}.${this.#sign(body)}`;
  }

  /** The position, or null when the cursor does not decode or was made for another scope. */
  decode(cursor: string, scope: string): unknown {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        s?: unknown;
        p?: unknown;
      };
      return parsed.s === scope ? (parsed.p ?? null) : null;
    } catch {
      return null;
    }
  }
}
